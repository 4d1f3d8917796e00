"""The correction form of the moderator's dashboard: which identifiers to remove."""

from uglymugs_app.pages.moderate.sections import correction


def test_ticked_identifiers_are_removed_and_junk_is_ignored():
    form = {
        "summary": "Violent client; do not meet alone.",
        "severity": "high",
        "reason": "Objection upheld for one number",
        "remove_identifier:12": "on",
        "remove_identifier:13": "",  # not ticked
        "remove_identifier:x": "on",  # forged: no such row id
    }
    chosen = correction(form)
    assert chosen.remove_identifier_ids == [12]
    assert chosen.severity == "high"


def test_nothing_ticked_removes_nothing():
    assert correction({"summary": "s", "reason": "r"}).remove_identifier_ids == []
