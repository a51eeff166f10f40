from django.core.management.base import BaseCommand

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.gigs.models import Show, StudioProject
from stagedoor.gigs.services import position_create


class Command(BaseCommand):
    help = "Add a position (crew call) to a show or studio project."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")
        parser.add_argument("--show", help="show slug")
        parser.add_argument("--project", help="studio project slug")
        parser.add_argument("--role", required=True, help="role slug, e.g. foh-engineer")
        parser.add_argument("--level", help="entry, mid, senior or lead (default: the role's)")
        parser.add_argument("--headcount", type=str, default="1")
        parser.add_argument("--start", required=True, help="ISO 8601 with offset")
        parser.add_argument("--end", required=True, help="ISO 8601 with offset")
        parser.add_argument("--pay", required=True, help="amount, e.g. 350.00")
        parser.add_argument("--unit", default="day", help="hour, day or flat")
        parser.add_argument("--currency", required=True)
        parser.add_argument("--union", action="store_true", help="union membership required")
        parser.add_argument(
            "--crew",
            default="local",
            help="touring (travels with the tour) or local (hired in each city; the default)",
        )
        parser.add_argument("--skill", action="append", default=[], help="SKILL:MIN_LEVEL")
        parser.add_argument("--cert", action="append", default=[], help="certification slug")
        parser.add_argument("--title", default="")
        parser.add_argument("--notes", default="")

    def handle(self, *args, **o):
        p = FieldParser()
        try:
            headcount = int(o["headcount"])
        except ValueError:
            p.errors.add("headcount", f"'{o['headcount']}' is not a whole number.")
            headcount = None
        position = call_service(
            p,
            position_create,
            actor=user_named(o["actor"]),
            show=p.lookup("show", Show, o["show"]),
            project=p.lookup("project", StudioProject, o["project"]),
            role=o["role"],
            level=o["level"],
            title=o["title"],
            headcount=headcount,
            call_start=p.datetime("call_start", o["start"]),
            call_end=p.datetime("call_end", o["end"]),
            pay_amount=o["pay"],
            pay_unit=o["unit"],
            currency=o["currency"],
            union_required=o["union"],
            crew=o["crew"],
            required_skills=p.levels("required_skills", o["skill"]),
            required_certifications=o["cert"],
            notes=o["notes"],
        )
        self.stdout.write(f"Created position {position.pk}: {position}")
