"""An organisation's pay rules over HTTP, for its managers: the same service as the page,
the `stagedoor pay-rules` command and the admin. Refusals come back as 422 naming the
rule, with nothing changed."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Body, Router

from stagedoor.booking.pay import rulebook
from stagedoor.booking.pay import selectors as pay
from stagedoor.booking.pay.services import pay_rules_update
from stagedoor.industry.models import Organisation

from .auth import WRITE_AUTH

BODY = Body(...)
router = Router(tags=["timesheets and pay"], auth=WRITE_AUTH)


def _answer(actor, organisation: Organisation, changed: bool | None = None) -> dict:
    values, history = pay.pay_rules_of(actor=actor, organisation=organisation)
    answer: dict[str, Any] = {
        "organisation": organisation.slug,
        "rules": values,
        "in_words": rulebook.in_words(values),
        "history": [
            {
                "changed_at": row.when.isoformat(),
                "changed_by": row.who,
                "via": row.by,
                "changes": list(row.changes),
                "before": row.before,
                "after": row.after,
            }
            for row in history
        ],
    }
    if changed is not None:
        answer["changed"] = changed
    return answer


@router.get("/orgs/{slug}/pay-rules", response=dict)
def get_pay_rules(request, slug: str):
    """The organisation's pay rules by name (decimals as strings, overtime as [after hours,
    multiplier] pairs), the same rules in words, and every change, newest first."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return _answer(request.auth, organisation)


@router.put("/orgs/{slug}/pay-rules", response=dict)
def put_pay_rules(request, slug: str, payload: dict[str, Any] = BODY):
    """Set the rules named in the body (e.g. `{"min_call_hours": "5", "overtime": [["8",
    "1.5"]]}`); the others stay. The engine checks the whole set; a refusal names each
    rule and changes nothing. `changed` is false when the rules already read so."""
    organisation = get_object_or_404(Organisation, slug=slug)
    change = pay_rules_update(
        actor=request.auth, organisation=organisation, changes=payload, via="api"
    )
    organisation.refresh_from_db()  # the rest between workdays may have changed
    return _answer(request.auth, organisation, changed=change is not None)
