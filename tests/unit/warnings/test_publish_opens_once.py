"""Publishing opens each sealed part of the report once.

Every opening of her identifiers and words is one more moment they sit in
memory in plain text (and one more AES-GCM call on the moderator's click).
"""

from collections import Counter

from sqlmodel import select

from tests.fixtures.reports import publish, report
from uglymugs_app.models import Report, ReportIdentifier
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.security import field_crypto


def test_each_sealed_value_is_opened_once(session, secrets, settings, monkeypatch):
    # A second report by someone else names the same phone: publishing also
    # refreshes the repeat-offender counts of both.
    report(session, secrets, reporter_id=8, identifiers=[IdentifierInput("phone", "06-12345678")])
    filed = report(session, secrets)
    opened: Counter[str] = Counter()
    real_decrypt = field_crypto.decrypt

    def counting(*, secrets, field, token):
        opened[token] += 1
        return real_decrypt(secrets=secrets, field=field, token=token)

    monkeypatch.setattr(field_crypto, "decrypt", counting)
    warning = publish(session, secrets, settings, filed.id)

    assert warning.reported_count == 2
    stored = session.get(Report, filed.id)
    sealed = {
        stored.narrative_sealed,
        stored.wishes_sealed,
        stored.appearance_sealed,
        *session.exec(
            select(ReportIdentifier.value_sealed).where(ReportIdentifier.report_id == filed.id)
        ),
    }
    assert sealed <= set(opened)  # the checks do need her words and identifiers...
    assert {token: count for token, count in opened.items() if count > 1} == {}  # ...once
