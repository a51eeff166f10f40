from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from stagedoor.core.validation import messages_of
from stagedoor.industry.titles import classify_title


class Command(BaseCommand):
    help = "Name the catalog role a free-text job title means (or 'not a role we know')."

    def add_arguments(self, parser):
        parser.add_argument("title")
        parser.add_argument("--description", default="", help="the posting's text, if any")

    def handle(self, *args, title, description, **options):
        try:
            match = classify_title(title=title, description=description)
        except ValidationError as exc:
            lines = [f"  {f}: {m}" for f, msgs in messages_of(exc).items() for m in msgs]
            raise CommandError("Nothing to classify.\n" + "\n".join(lines)) from exc
        result = match.classification
        console = Console(file=self.stdout, width=120, highlight=False)
        if match.role is None:
            console.print(f"{title!r}: not a role we know ({result.confidence:.0%} sure)")
        else:
            level = f", level {match.level}" if match.level else ""
            console.print(
                f"{title!r}: {match.role.name} ({match.role.slug}){level}, "
                f"confidence {result.confidence:.0%}"
            )
        console.print(f"method: {result.method}")
        if result.alternatives:
            console.print(
                "alternatives: "
                + ", ".join(f"{slug} {conf:.0%}" for slug, conf in result.alternatives)
            )
