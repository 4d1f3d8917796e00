"""Checkboxes as forms send them: ticked is "on" (or the box's value); unticked is
left out by a browser, and "off", "" or false from anything else."""

import pytest

from uglymugs_app.state.form_data import picked, ticked


@pytest.mark.parametrize("sent", ["on", "yes", "1", True])
def test_a_ticked_box_is_ticked(sent):
    assert ticked({"anonymous": sent}, "anonymous") is True


@pytest.mark.parametrize("sent", ["off", "", None, False])
def test_off_empty_and_false_mean_unticked(sent):
    assert ticked({"anonymous": sent}, "anonymous") is False


def test_an_absent_box_is_unticked():
    assert ticked({"police_report": "on"}, "anonymous") is False


def test_picked_gives_the_ticked_codes_of_one_group_only():
    form = {
        "region:utrecht": "on",
        "region:amsterdam": "off",
        "region:groningen": "",
        "region:zwolle": "utrecht",
        "work:window": "on",
        "region": "on",
    }
    assert picked(form, "region") == ["utrecht", "zwolle"]
    assert picked(form, "work") == ["window"]
    assert picked(form, "gender") == []
