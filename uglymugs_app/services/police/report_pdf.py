"""The police-ready report: a PDF a moderator makes for her aangifte, with her consent.

It holds the incident, the unmasked identifiers, the appearance and only the
thread messages she chose. It never holds who she is, her wishes or anything
she did not pick. Every export, and every refused attempt, is audited.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from uglymugs_app.i18n import catalogue, supported, translate
from uglymugs_app.i18n.formatting import format_date
from uglymugs_app.models import PoliceConsent, Report, ReportMessage
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import NotFound, PermissionDenied
from uglymugs_app.services.identifiers.kinds import IdentifierKind
from uglymugs_app.services.police.consent import Consent, consent_of
from uglymugs_app.services.police.pdf_document import Document
from uglymugs_app.services.reports.content import report_content
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.text import appearance_lines
from uglymugs_app.settings import Settings

# Police read Dutch; she may choose any language of the app for her own copy.
POLICE_LANGUAGE = "nl"

CONSENT_MISSING = "police.consent.missing"


def consented_report(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int, purpose: str
) -> tuple[Report, Consent]:
    """The report if she consented to a police-ready report; else refused and audited."""
    require(actor, *STAFF)
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    consent = consent_of(session, secrets=secrets, report=report)
    if not consent.police_report:
        audit.record(
            session,
            actor_id=actor.member_id,
            action=f"{purpose}.refused",
            subject_type="report",
            subject_id=report.id,
            detail="no consent",
        )
        session.commit()  # the refusal stays on record although the caller fails
        raise PermissionDenied(CONSENT_MISSING)
    return report, consent


def police_report_pdf(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    report_id: int,
    language: str = POLICE_LANGUAGE,
) -> bytes:
    """The printable report in ``language`` (Dutch for police by default), every
    code written as its label; ``PermissionDenied`` without her recorded consent."""
    report, consent = consented_report(
        session, secrets=secrets, actor=actor, report_id=report_id, purpose="police_export.pdf"
    )
    language = supported(language)
    words = catalogue(language)

    def t(key: str, **values: object) -> str:
        return translate(language, key, **values)

    def label(key: str, code: str) -> str:
        return words.get(f"{key}.{code}", code) if code else ""

    content = report_content(session, secrets=secrets, report=report)
    doc = Document(
        title=t("police.pdf.title", id=report.id),
        footer=t("police.pdf.footer", date=utcnow().strftime("%Y-%m-%d")),
        font_file=settings.pdf_font_file,
    )
    doc.text(t("police.pdf.intro"))
    doc.heading(t("police.pdf.incident"))
    day = format_date(language, report.incident_date, style="long")
    doc.field(t("police.pdf.date"), f"{day} ({label('part', content.part_of_day)})")
    doc.field(t("police.pdf.region"), label("region", report.region))
    doc.field(t("police.pdf.place"), label("place", content.place_kind))
    doc.field(t("police.pdf.area"), content.area)
    doc.field(
        t("police.pdf.types"), ", ".join(label("incident", code) for code in content.incident_types)
    )
    doc.field(t("police.pdf.narrative"), content.narrative)
    doc.heading(t("police.pdf.identifiers"))
    for identifier in content.identifiers:
        value = identifier.value
        if identifier.kind == IdentifierKind.HANDLE and ":" in value:
            platform, handle = value.split(":", 1)
            value = f"{handle} ({label('platform', platform)})"
        doc.field(label("identifier.kind", identifier.kind), value)
    doc.heading(t("police.pdf.appearance"))
    # Her wishes are in ``content`` too, but never go into the document.
    for line in appearance_lines(content.appearance, language, words):
        name, _, said = line.partition(": ")
        doc.field(name, said)
    _chosen_messages(session, secrets, doc, t, report_id, consent.thread_message_ids)
    pdf = doc.bytes()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_export.pdf",
        subject_type="report",
        subject_id=report.id,
        after={"messages": len(consent.thread_message_ids)},
    )
    session.commit()
    return pdf


def _chosen_messages(
    session: Session, secrets: InstanceSecrets, doc: Document, t, report_id: int, chosen: list[int]
) -> None:
    if not chosen:
        return
    doc.heading(t("police.pdf.messages"))
    messages = session.exec(
        select(ReportMessage)
        .where(ReportMessage.report_id == report_id, col(ReportMessage.id).in_(chosen))
        .order_by(col(ReportMessage.created_at), col(ReportMessage.id))
    )
    for message in messages:
        body = field_crypto.decrypt(
            secrets=secrets, field="report_message.body", token=message.body_sealed
        )
        who = t(f"police.pdf.author.{message.author_role}")
        doc.field(f"{who}, {message.created_at.strftime('%Y-%m-%d %H:%M')}", body)


def consented_reports(session: Session, *, actor: Actor) -> list[Report]:
    """Reports whose reporter allowed a police-ready report, newest first."""
    require(actor, *STAFF)
    return list(
        session.exec(
            select(Report)
            .join(PoliceConsent, col(PoliceConsent.report_id) == Report.id)
            .where(col(PoliceConsent.police_report).is_(True))
            .order_by(col(Report.created_at).desc())
        )
    )
