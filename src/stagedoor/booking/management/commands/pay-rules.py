"""`stagedoor pay-rules show ORG` and `stagedoor pay-rules set ORG NAME=VALUE...`.

`show` prints the organisation's pay rules by name and in words, then their history.
`set` changes the named rules through the same service as the page and the API (as the
server's operator), e.g. `stagedoor pay-rules set acme min_call_hours=5
overtime=8:1.5,12:2`; a refusal names each rule and changes nothing.
"""

from django.core.management.base import BaseCommand

from stagedoor.booking.pay import rulebook
from stagedoor.booking.pay.selectors import pay_rules_of
from stagedoor.booking.pay.services import pay_rules_update
from stagedoor.core.cli import FieldParser, call_service
from stagedoor.core.permissions import OPERATOR
from stagedoor.industry.models import Organisation


class Command(BaseCommand):
    help = "Show or change an organisation's pay rules (overtime, minimum call, meals, rest)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "set"])
        parser.add_argument("org", help="organisation slug")
        parser.add_argument(
            "assignments",
            nargs="*",
            metavar="NAME=VALUE",
            help=f"with set: rules to change; names: {', '.join(rulebook.BY_NAME)}; "
            "overtime as AFTER:MULTIPLIER,... e.g. 8:1.5,12:2",
        )

    def handle(self, *args, **o):
        p = FieldParser()
        organisation = p.lookup("org", Organisation, o["org"])
        changes: dict[str, str] = {}
        if o["action"] == "show" and o["assignments"]:
            p.errors.add("NAME=VALUE", "show takes no rules to change; use set.")
        if o["action"] == "set" and not o["assignments"]:
            p.errors.add("NAME=VALUE", "Name at least one rule to change, e.g. min_call_hours=5.")
        for item in o["assignments"]:
            name, sep, value = item.partition("=")
            if not sep or not name:
                p.errors.add("NAME=VALUE", f"'{item}' should read NAME=VALUE.")
            elif name in changes:
                p.errors.add(name, f"{name} is given twice.")
            else:
                changes[name] = value
        if o["action"] == "set":
            change = call_service(
                p,
                pay_rules_update,
                actor=OPERATOR,
                organisation=organisation,
                changes=changes,
                via="cli",
            )
            if change is None:
                self.stdout.write("Nothing changed: the rules already read so.")
            else:
                self.stdout.write("Changed:")
                for line in rulebook.differences(change.before, change.after):
                    self.stdout.write(f"  {line}")
            return
        values, history = call_service(p, pay_rules_of, actor=OPERATOR, organisation=organisation)
        self._show(organisation, values, history)

    def _show(self, organisation, values, history):
        self.stdout.write(f"Pay rules of {organisation.name}")
        for rule in rulebook.RULES:
            self.stdout.write(f"  {rule.name} = {self._raw(values[rule.name])}")
        self.stdout.write("In words:")
        for sentence in rulebook.in_words(values):
            self.stdout.write(f"  {sentence}")
        self.stdout.write("History:" if history else "History: no changes recorded yet.")
        for row in history:
            self.stdout.write(f"  {row.when:%Y-%m-%d %H:%M} UTC, {row.who} {row.via}")
            for line in row.changes:
                self.stdout.write(f"    {line}")

    @staticmethod
    def _raw(value) -> str:
        if isinstance(value, list):
            return ",".join(f"{a}:{m}" for a, m in value)
        return str(value)
