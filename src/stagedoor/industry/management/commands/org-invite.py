from django.core.management.base import BaseCommand, CommandError

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.industry.enums import INVITABLE_ROLES, MemberRole
from stagedoor.industry.models import Organisation
from stagedoor.industry.services import invitation_create, invitation_link


class Command(BaseCommand):
    help = (
        "Invite someone to an organisation by email with a role; the link is emailed to them "
        "(and printed here). Links point at STAGEDOOR_SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="organisation slug")
        parser.add_argument("email")
        parser.add_argument(
            "--role", required=True, choices=[r.value for r in INVITABLE_ROLES], metavar="ROLE"
        )
        parser.add_argument(
            "--as",
            dest="actor",
            help="username of the owner or a manager who invites (default: the owner)",
        )

    def handle(self, *args, **o):
        p = FieldParser()
        org = p.lookup("organisation", Organisation, o["organisation"])
        if o["actor"]:
            actor = user_named(o["actor"])
        elif org is not None:
            owner = org.membership_set.filter(role=MemberRole.OWNER).select_related("user").first()
            if owner is None:
                raise CommandError(f"{org.name} has no owner on record; name one with --as.")
            actor = owner.user
        else:
            actor = None
        invitation, token = call_service(
            p, invitation_create, actor=actor, organisation=org, email=o["email"], role=o["role"]
        )
        self.stdout.write(
            f"Invited {invitation.email} to {org.name} as "
            f"{invitation.get_role_display().lower()}; the link works until "
            f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC:\n{invitation_link(token)}"
        )
