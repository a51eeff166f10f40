"""Sign-up pages: /join/, the "check your email" page, the link, and a new link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors

from .. import services
from ..forms import ResendForm, SignUpForm
from ..rules import link_for, safe_next

# The account was just made and confirmed through our own link, not through a password
# check, so no authentication backend vouched for it: name the model backend.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _welcome(next_url: str) -> str:
    url = reverse("accounts:welcome")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def join(request):
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(_welcome(next_url))
    form = SignUpForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.signup_create(
                email=data["email"],
                password=data["password"],
                username=data["username"],
                next_url=next_url,
                link_for=link_for(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session["joined_email"] = user.email
            return redirect("accounts:sent")
    login_url = reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return render(
        request, "accounts/join.html", {"form": form, "next": next_url, "login_url": login_url}
    )


def sent(request):
    return render(
        request,
        "accounts/sent.html",
        {
            "email": request.session.get("joined_email", ""),
            "form": ResendForm(),
            "hours": settings.STAGEDOOR_JOIN_LINK_HOURS,
        },
    )


def confirm(request, token: str):
    try:
        user, confirmed_now = services.signup_confirm(token=token)
    except services.LinkExpired:
        return render(
            request, "accounts/link_problem.html", {"expired": True, "token": token}, status=400
        )
    except services.LinkInvalid:
        return render(
            request,
            "accounts/link_problem.html",
            {"expired": False, "form": ResendForm()},
            status=400,
        )
    if confirmed_now:
        login(request, user, backend=BACKEND)
        messages.success(request, "Your email is confirmed. Welcome to Stagedoor!")
        return redirect("accounts:welcome")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:welcome")
    messages.info(request, "Your email is already confirmed; log in to carry on.")
    return redirect(f"{reverse('login')}?{urlencode({'next': reverse('accounts:welcome')})}")


@require_POST
def resend(request):
    token = request.POST.get("token", "")
    form = ResendForm(request.POST)
    if not token and not form.is_valid():
        return render(request, "accounts/sent.html", {"form": form, "email": ""}, status=400)
    email = "" if token else form.cleaned_data["email"]
    services.signup_resend(link_for=link_for(request), email=email, token=token)
    messages.info(
        request,
        "If that address signed up and is not confirmed yet, a new link is on its way.",
    )
    return redirect("accounts:sent")
