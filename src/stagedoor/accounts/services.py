"""Writes for joining: a worker signs up, confirms their address, and builds a profile.

Every face (the /join/ pages, the API, the demo) calls these, so all refuse alike: a taken
address, a weak password or a bad link names its field and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import get_territory_currencies
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from stagedoor.core import outbox
from stagedoor.core.places import find_place
from stagedoor.core.validation import Errors, known_currencies, refuse
from stagedoor.people.models import WorkerProfile
from stagedoor.people.services import profile_create, profile_update

from .models import Onboarding, SignUp
from .rules import STEPS, safe_next

SALT = "stagedoor.accounts.join"
TAKEN = "An account already uses this email. Log in, or ask for a new confirmation link."

LinkFor = Callable[[str], str]


class LinkExpired(ValidationError):
    """The confirmation link was genuine but is older than STAGEDOOR_JOIN_LINK_HOURS."""


class LinkInvalid(ValidationError):
    """The confirmation link was altered, or its account is gone or changed its address."""


def link_max_age() -> int:
    return int(settings.STAGEDOOR_JOIN_LINK_HOURS * 3600)


def make_token(signup: SignUp) -> str:
    return signing.dumps([signup.user_id, signup.email.lower()], salt=SALT, compress=True)


def _clean_email(errors: Errors, email: str) -> str:
    email = (email or "").strip()
    if not email:
        errors.add("email", "This field is required.")
        return ""
    try:
        validate_email(email)
    except ValidationError:
        errors.add("email", "Give an email address like name@example.com.")
        return ""
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _email_taken(email: str) -> bool:
    User = get_user_model()
    return (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
        or SignUp.objects.filter(email__iexact=email).exists()
    )


def _username(errors: Errors, chosen: str, email: str) -> str:
    """The chosen username, or the address itself so they can log in with what they know."""
    User = get_user_model()
    chosen = (chosen or "").strip()
    if chosen:
        try:
            UnicodeUsernameValidator()(chosen)
        except ValidationError:
            errors.add("username", "Use letters, digits and @ . + - _ only.")
            return ""
        if len(chosen) > 150:
            errors.add("username", "Use 150 characters or fewer.")
        elif User.objects.filter(username__iexact=chosen).exists():
            errors.add("username", "Someone already has this username; choose another.")
        return chosen
    base = email.lower() if len(email) <= 150 else email.split("@")[0][:140].lower()
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base[:140]}{n}"
    return name


def _send_link(signup: SignUp, link_for: LinkFor) -> None:
    context = {
        "user": signup.user,
        "link": link_for(make_token(signup)),
        "hours": settings.STAGEDOOR_JOIN_LINK_HOURS,
    }
    # Through the outbox: saved with the sign-up, sent after the commit and retried while
    # the mail server is down, so an outage neither loses the sign-up nor fails it.
    signup.last_sent_at = timezone.now()
    signup.save(update_fields=["last_sent_at"])
    outbox.email_later(
        "Confirm your email for Stagedoor",
        render_to_string("accounts/email_confirm.txt", context),
        [signup.email],
        key=f"join-link:{signup.pk}:{signup.last_sent_at.isoformat()}",
    )


@transaction.atomic
def signup_create(
    *, email: str, password: str, link_for: LinkFor, username: str = "", next_url: str = ""
):
    """Make an inactive account for `email` and mail it a confirmation link.

    `link_for(token)` builds the absolute confirmation address (from the request's host, so
    the link works wherever the site is served). `next_url` is where they return when done.
    """
    User = get_user_model()
    errors = Errors()
    email = _clean_email(errors, email)
    if email and _email_taken(email):
        errors.add("email", TAKEN)
    name = _username(errors, username, email) if email else ""
    if not password:
        errors.add("password", "This field is required.")
    else:
        try:
            # A username made from the address is checked as the address, as they know it.
            password_validation.validate_password(
                password, User(username=(username or "").strip(), email=email or "")
            )
        except ValidationError as exc:
            for message in exc.messages:
                errors.add("password", message)
    errors.raise_if_any()
    user = User(username=name, email=email, is_active=False)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            signup = SignUp.objects.create(user=user, email=email, last_sent_at=timezone.now())
    except IntegrityError:
        # Another sign-up with this address or username committed in between.
        refuse("email", TAKEN)
    Onboarding.objects.create(user=user, next_url=safe_next(next_url))
    _send_link(signup, link_for)
    return user


def _read_token(token: str, *, max_age: int | None) -> SignUp:
    try:
        user_id, email = signing.loads(token or "", salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired({"token": ["This link has expired."]}) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid({"token": ["This link is not valid."]}) from exc
    signup = SignUp.objects.select_related("user").filter(user_id=user_id).first()
    if signup is None or signup.email.lower() != email:
        raise LinkInvalid({"token": ["This link is not valid."]})
    return signup


@transaction.atomic
def signup_confirm(*, token: str) -> tuple[object, bool]:
    """Activate the account a link names. Returns (user, confirmed_now); a second visit
    to a link still in date changes nothing and says so with confirmed_now False."""
    signup = _read_token(token, max_age=link_max_age())
    signup = SignUp.objects.select_for_update().select_related("user").get(pk=signup.pk)
    if signup.confirmed_at is not None:
        return signup.user, False
    signup.confirmed_at = timezone.now()
    signup.save(update_fields=["confirmed_at"])
    signup.user.is_active = True
    signup.user.save(update_fields=["is_active"])
    return signup.user, True


@transaction.atomic
def signup_resend(*, link_for: LinkFor, email: str = "", token: str = "") -> bool:
    """Mail a fresh link to an unconfirmed sign-up, found by address or by an old link
    (expired links still say whose they were). False when there is none to send to; the
    pages say the same either way, so nobody learns who has signed up."""
    signup = None
    if token:
        try:
            signup = _read_token(token, max_age=None)
        except LinkInvalid:
            signup = None
    elif email:
        signup = SignUp.objects.filter(email__iexact=email.strip()).first()
    if signup is None or signup.confirmed_at is not None:
        return False
    _send_link(signup, link_for)
    return True


def _require_user(actor) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Log in to build your profile.")


@transaction.atomic
def onboarding_start(*, actor, next_url: str = "") -> Onboarding:
    """The actor's onboarding record, made on first visit; a new `next_url` replaces the
    old one (they came to /welcome/ from somewhere else this time)."""
    _require_user(actor)
    onboarding, _ = Onboarding.objects.get_or_create(user=actor)
    next_url = safe_next(next_url)
    if next_url and next_url != onboarding.next_url:
        onboarding.next_url = next_url
        onboarding.save(update_fields=["next_url"])
    return onboarding


@transaction.atomic
def onboarding_step_done(*, actor, step: int) -> Onboarding:
    """Remember that the actor saved or skipped `step`; past the last, onboarding is done."""
    _require_user(actor)
    if step not in range(1, len(STEPS) + 1):
        refuse("step", f"There are steps 1 to {len(STEPS)}.")
    onboarding, _ = Onboarding.objects.select_for_update().get_or_create(user=actor)
    onboarding.furthest_step = max(onboarding.furthest_step, step)
    if step == len(STEPS) and onboarding.finished_at is None:
        onboarding.finished_at = timezone.now()
    onboarding.save()
    return onboarding


@transaction.atomic
def onboarding_place_set(
    *,
    actor,
    display_name: str,
    home_city: str,
    travel_radius_km: int,
    willing_to_tour: bool = False,
):
    """Step 1: the worker's name, home city and how far they travel. Makes their worker
    profile the first time, in the currency of the city's country."""
    _require_user(actor)
    fields = {
        "display_name": (display_name or "").strip(),
        "home_city": (home_city or "").strip(),
        "travel_radius_km": travel_radius_km,
        "willing_to_tour": willing_to_tour,
    }
    worker = WorkerProfile.objects.filter(user=actor).first()
    if worker is not None:
        return profile_update(actor=actor, worker=worker, **fields)
    place = find_place(fields["home_city"]) if fields["home_city"] else None
    if place is not None:
        currencies = get_territory_currencies(place.country) if place.country else []
        if currencies and currencies[0] in known_currencies():
            fields["currency"] = currencies[0]
    return profile_create(user=actor, **fields)
