"""QuickSelect writes the same select Django's template would, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from stagedoor.core.forms import QuickSelect


class Pick(forms.Form):
    fast = forms.ChoiceField(
        choices=[("", "Any role"), ("foh", "FOH engineer"), ("a&b", "Rigger <lead>")],
        required=False,
        widget=QuickSelect,
        help_text="Pick one",
    )
    slow = forms.ChoiceField(
        choices=[("", "Any role"), ("foh", "FOH engineer"), ("a&b", "Rigger <lead>")],
        required=False,
        widget=forms.Select,
        help_text="Pick one",
    )


@pytest.mark.parametrize("data", [None, {"fast": "a&b", "slow": "a&b"}, {"fast": "", "slow": ""}])
def test_quick_select_renders_as_djangos_select(data):
    form = Pick(data)
    fast = str(form["fast"]).replace("fast", "NAME")
    slow = str(form["slow"]).replace("slow", "NAME")
    assert parse_html(fast) == parse_html(slow)
    assert "Rigger &lt;lead&gt;" in fast


def test_quick_select_marks_only_the_chosen_option():
    html = str(Pick({"fast": "foh"})["fast"])
    assert html.count(" selected") == 1
    assert '<option value="foh" selected>FOH engineer</option>' in html


def test_quick_select_with_option_groups_falls_back_to_the_template():
    field = forms.ChoiceField(
        choices=[("Sound", [("foh", "FOH engineer")]), ("Rigging", [("up", "Up rigger")])],
        widget=QuickSelect,
    )
    html = field.widget.render("role", "up", attrs={"id": "id_role"})
    assert '<optgroup label="Sound">' in html
    assert '<option value="up" selected>Up rigger</option>' in html
