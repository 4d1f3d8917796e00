"""Reading the report form and the warning composer without a browser."""

from datetime import date

from uglymugs_app.pages.moderate import sections as moderate_views
from uglymugs_app.pages.report import form as report_form

# The regions the database offers (a test of the form alone needs no database).
OFFERED = ("utrecht", "zeeland")
CLIENT_ID = "5d6b2358-95be-43f7-bd50-af0328f6e543"
FORM = {
    "client_id": CLIENT_ID,
    "step": "4",
    "danger": "yes",
    "incident_date": "2025-03-14",
    "part_of_day": "night",
    "region": "utrecht",
    "area": "Lombok",
    "place_kind": "hotel",
    "incident:robbery": "on",
    "incident:weapon": "on",
    "narrative": "He took my money.",
    "id_kind_0": "phone",
    "id_value_0": "06-12345678",
    "id_kind_1": "handle",
    "id_platform_1": "telegram",
    "id_value_1": "@johnny",
    "id_kind_2": "email",
    "id_value_2": "",
    "look_gender": "man",
    "look_build": "heavy",
    "spoke:nl": "on",
    "spoke:xx": "on",
    "may_publish": "on",
    "wants_police_help": "on",
}


def test_a_complete_form_becomes_a_submission():
    sent = report_form.submission(FORM)
    assert str(sent.client_id) == CLIENT_ID and sent.urgent
    assert sent.incident_date == date(2025, 3, 14)
    assert sorted(sent.incident_types) == ["robbery", "weapon"]
    assert [(i.kind, i.value, i.platform) for i in sent.identifiers] == [
        ("phone", "06-12345678", None),
        ("handle", "@johnny", "telegram"),
    ]
    assert sent.appearance["languages"] == ["nl"]
    assert sent.may_publish and sent.wants_police_help and not sent.wants_case_worker_contact


def test_a_wish_sent_as_off_is_no_wish():
    # "off" never shares her report with the police nor lets it be published.
    sent = report_form.submission(
        {**FORM, "may_publish": "off", "share_with_police_anonymously": "off"}
    )
    assert not sent.may_publish and not sent.share_with_police_anonymously
    assert sent.wants_police_help


def test_each_step_names_its_first_problem():
    assert (
        report_form.step_error(1, {**FORM, "incident_date": ""}, regions=OFFERED)
        == "report.incident_date.invalid"
    )
    assert (
        report_form.step_error(1, {**FORM, "region": "mars"}, regions=OFFERED)
        == "report.region.invalid"
    )
    assert (
        report_form.step_error(2, {"narrative": "x"}, regions=OFFERED)
        == "report.incident_types.invalid"
    )
    assert (
        report_form.step_error(3, {**FORM, "look_gender": "robot"}, regions=OFFERED)
        == "report.appearance.invalid"
    )
    assert all(report_form.step_error(step, FORM, regions=OFFERED) == "" for step in range(5))


def test_identifier_errors_point_at_their_row():
    errors = report_form.identifier_errors({**FORM, "id_value_0": "06-1234", "id_platform_1": ""})
    assert errors[0] == "identifier.phone.invalid"
    assert errors[1] == "identifier.handle.platform"
    assert set(errors[2:]) == {""}


def test_the_composer_defaults_and_choices():
    draft = moderate_views.warning_draft(
        {
            "summary": "Dangerous.",
            "severity": "high",
            "warning_region:utrecht": "on",
            "publish_identifier:3": "on",
            "publish_look:gender": "on",
            "publish_look:evil": "on",
            "include:incident_types": "on",
            "include:month": "on",
        }
    )
    assert draft.regions == ["utrecht"] and draft.identifier_ids == [3]
    assert draft.appearance_fields == ["gender"]
    assert draft.include_incident_types and draft.include_month
    assert not draft.include_place_kind
    assert moderate_views.known_status("published") == "published"
    assert moderate_views.known_status("hacked") == ""
