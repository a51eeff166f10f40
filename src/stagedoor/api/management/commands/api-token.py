from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from stagedoor.api import services
from stagedoor.api.selectors import tokens_of
from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.core.text import moment


class Command(BaseCommand):
    help = (
        "Issue an API token for a user (the key is printed once; only its hash is stored), "
        "or --list or --revoke a user's tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument(
            "--scope",
            choices=["read", "write"],
            default="write",
            help="read: may only read; write (the default here): may also change things",
        )
        parser.add_argument("--days", type=int, default=None, help="life of the token in days")
        parser.add_argument("--list", action="store_true", help="list the user's tokens")
        parser.add_argument("--revoke", type=int, metavar="ID", help="revoke the token ID")

    def handle(self, *args, username, name, scope, days, list, revoke, **options):
        user = user_named(username, flag="username")
        if list:
            for token in tokens_of(user):
                state = (
                    "expired"
                    if token.expired
                    else f"ends {moment(token.expires_at, settings.TIME_ZONE)}"
                )
                used = (
                    moment(token.last_used_at, settings.TIME_ZONE)
                    if token.last_used_at
                    else "never"
                )
                self.stdout.write(
                    f"{token.pk}\t{token.name}\t{token.get_scope_display()}\t{state}\t"
                    f"last used {used}"
                )
            return
        if revoke is not None:
            try:
                services.token_revoke(actor=user, token_id=revoke)
            except PermissionDenied as exc:
                raise CommandError(f"--revoke: {exc}") from exc
            self.stdout.write(f"Revoked token {revoke}.")
            return
        _, key = call_service(
            FieldParser(), services.token_create, actor=user, name=name, scope=scope, days=days
        )
        self.stdout.write(key)
