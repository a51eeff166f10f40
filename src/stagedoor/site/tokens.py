"""Your API tokens (/account/tokens/): list them, make one (its key shown once), revoke one.
The same services as `/api/tokens` and `stagedoor api-token`."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from stagedoor.api import services
from stagedoor.api.models import ApiToken
from stagedoor.api.selectors import tokens_of
from stagedoor.core.forms import add_service_errors


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=80, help_text="What it is for, e.g. 'payroll script'."
    )
    scope = forms.ChoiceField(
        label="It may",
        choices=[
            (ApiToken.Scope.READ, "Only read"),
            (ApiToken.Scope.WRITE, "Read and change things (offers, shows, your profile)"),
        ],
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(label="Days until it stops working", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service checks the longest life (and names the field); the browser knows it too.
        longest = settings.STAGEDOOR_API_TOKEN_MAX_DAYS
        self.fields["days"].widget.attrs["max"] = longest
        self.fields["days"].initial = settings.STAGEDOOR_API_TOKEN_DEFAULT_DAYS
        self.fields["days"].help_text = f"Up to {longest} days."


def _page(request, form, new_key=None, status=200):
    context = {"tokens": tokens_of(request.user), "form": form, "new_key": new_key}
    return render(request, "registration/tokens.html", context, status=status)


@login_required
def tokens(request):
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            _, key = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The key is on this answer only: it is not kept, so it is not redirected to.
            return _page(request, TokenForm(), new_key=key, status=201)
    return _page(request, form, status=422)


@login_required
@require_POST
def revoke(request, pk: int):
    try:
        services.token_revoke(actor=request.user, token_id=pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Revoked. Requests with that token are refused from now on.")
    return redirect("account-tokens")
