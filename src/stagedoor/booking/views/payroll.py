"""An organisation's payroll for a date range: the page and its CSV, the same file as
`stagedoor payroll --org SLUG --from DATE --to DATE`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from stagedoor.core.validation import messages_of
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from ..forms_time import PayPeriodForm
from ..pay import export as pay_export
from ..pay import selectors as pay


@login_required
def org_payroll(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    # Refused before the form is read, so a stranger learns nothing from the dates.
    require_manager(request.user, organisation, "see its payroll")
    form = PayPeriodForm(request.GET, today=timezone.localdate())
    summary = None
    if form.is_valid():
        try:
            summary = pay.pay_for_organisation(
                actor=request.user,
                organisation=organisation,
                start_date=form.cleaned_data["from"],
                end_date=form.cleaned_data["to"],
            )
        except ValidationError as exc:
            for field, texts in messages_of(pay.period_refusal(exc)).items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
    if summary is not None and request.GET.get("format") == "csv":
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
        name = f"payroll-{organisation.slug}-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv"
        response = HttpResponse(
            pay_export.payroll_csv(summary), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = request.GET.copy()
    query["format"] = "csv"
    context = {
        "title": f"Payroll: {organisation.name}",
        "organisation": organisation,
        "period_form": form,
        "strict_period": True,
        "summary": summary,
        "errors": {},
        "csv_url": f"?{query.urlencode()}",
    }
    return render(request, "booking/pay.html", context)


urlpatterns = [
    path("orgs/<slug:slug>/payroll/", org_payroll, name="org-payroll"),
]
