"""What a person can be told about, and where tapping it leads."""

from enum import StrEnum


class MemberEvent(StrEnum):
    """Something about her own report or application."""

    MODERATOR_MESSAGE = "moderator_message"
    REPORT_PUBLISHED = "report_published"
    REPORT_DECLINED = "report_declined"
    APPLICATION_APPROVED = "application_approved"
    APPLICATION_REJECTED = "application_rejected"
    APPLICATION_MORE_ASKED = "application_more_asked"


class StaffEvent(StrEnum):
    """Something the moderators on duty must act on."""

    NEW_REPORT = "new_report"
    URGENT_REQUEST = "urgent_request"
    REPORTER_REPLY = "reporter_reply"
    POLICE_CONSENT = "police_consent"
    APPLICANT_EVIDENCE = "applicant_evidence"


# Where each notification opens: a page of the app, never a detail in the URL
# beyond the id of her own case.
MEMBER_PAGES: dict[MemberEvent, str] = {
    MemberEvent.MODERATOR_MESSAGE: "/my-reports",
    MemberEvent.REPORT_PUBLISHED: "/my-reports",
    MemberEvent.REPORT_DECLINED: "/my-reports",
    MemberEvent.APPLICATION_APPROVED: "/status",
    MemberEvent.APPLICATION_REJECTED: "/status",
    MemberEvent.APPLICATION_MORE_ASKED: "/status",
}
STAFF_PAGES: dict[StaffEvent, str] = {
    StaffEvent.NEW_REPORT: "/moderate",
    StaffEvent.URGENT_REQUEST: "/moderate",
    StaffEvent.REPORTER_REPLY: "/moderate",
    StaffEvent.POLICE_CONSENT: "/moderate/police",
    StaffEvent.APPLICANT_EVIDENCE: "/moderate/verifications",
}
