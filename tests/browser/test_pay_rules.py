"""A manager changes the pay rules on their page in a real browser: a refusal names the
rule and changes nothing, a change shows in the rules in words and in the history, and the
page fits a phone."""

import pytest

from stagedoor.booking.models import PayRules, PayRulesChange
from tests.factories import show_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_changes_pay_rules_and_reads_the_history(live_server, page, log_in):
    show_world(
        org={"name": "Spree Kultur", "slug": "spree"}, manager="vera", password="backstage-pass"
    )
    log_in("vera")
    page.goto(f"{live_server.url}/orgs/spree/payroll/?from=2026-12-01&to=2026-12-31")
    page.click("#pay-rules-link")
    page.wait_for_selector("h1:has-text('Pay rules: Spree Kultur')")

    page.fill("input[name=overtime_2_after]", "6")
    page.click("button:has-text('Save pay rules')")
    page.wait_for_selector("#rules-errors")
    assert page.locator("#overtime-errors").inner_text() == (
        "Overtime tier 2: must start later than the tier before it."
    )
    assert PayRules.objects.count() == 0

    page.fill("input[name=overtime_2_after]", "12")
    page.fill("input[name=min_call_hours]", "5")
    page.click("button:has-text('Save pay rules')")
    page.wait_for_selector("text=Pay rules saved.")
    assert "An hourly call pays at least 5 h." in page.locator("#rules-in-words").inner_text()
    assert page.locator("#rules-history li").all_inner_texts() == [
        "Minimum call (hours): 4 h to 5 h"
    ]
    assert PayRulesChange.objects.get().after["min_call_hours"] == "5"

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") == 390
