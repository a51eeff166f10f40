from django.core.management.base import BaseCommand

from stagedoor.api.models import ApiToken
from stagedoor.core.cli import user_named


class Command(BaseCommand):
    help = "Issue an API token for a user (shown once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, username, name, **options):
        _, key = ApiToken.issue(user=user_named(username, flag="username"), name=name)
        self.stdout.write(key)
