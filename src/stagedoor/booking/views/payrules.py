"""An organisation's pay rules: the page its managers read and change them on, with the
history of every change (`stagedoor pay-rules`, `/api/orgs/SLUG/pay-rules` and the admin
change the same rules through the same service)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from stagedoor.industry.models import Organisation

from ..forms import PayRulesForm
from ..pay import rulebook
from ..pay import selectors as pay
from ..pay.services import pay_rules_update


@login_required
def pay_rules(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    values, history = pay.pay_rules_of(actor=request.user, organisation=organisation)
    status = 200
    if request.method == "POST":
        form = PayRulesForm(request.POST)
        if form.is_valid():
            try:
                change = pay_rules_update(
                    actor=request.user,
                    organisation=organisation,
                    changes=form.changes(),
                    via="page",
                )
            except ValidationError as exc:
                form.add_refusal(exc)
                status = 422
            else:
                if change is None:
                    messages.info(request, "Nothing changed: the rules already read so.")
                else:
                    said = "; ".join(rulebook.differences(change.before, change.after))
                    messages.success(request, f"Pay rules saved. {said}.")
                return redirect("booking:org-pay-rules", organisation.slug)
    else:
        form = PayRulesForm(initial=PayRulesForm.initial_from(values))
    context = {
        "title": f"Pay rules: {organisation.name}",
        "organisation": organisation,
        "form": form,
        "words": rulebook.in_words(values),
        "history": history,
    }
    return render(request, "booking/pay_rules.html", context, status=status)


urlpatterns = [
    path("orgs/<slug:slug>/pay-rules/", pay_rules, name="org-pay-rules"),
]
