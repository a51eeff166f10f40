"""`stagedoor crew-template save|apply|list`: keep a show's crew call as a template, post a
template at another show of the same organisation, or list an organisation's templates.
The same services as the pages: managers only, and a refusal saves nothing."""

from django.core.management.base import BaseCommand, CommandError

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.core.text import local_time
from stagedoor.gigs.crewtemplates import selectors, services
from stagedoor.gigs.crewtemplates.times import span_words
from stagedoor.gigs.models import CrewTemplate, Show
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage


class Command(BaseCommand):
    help = (
        "Crew-call templates. save: keep a show's live crew call under a name (--show, "
        "--name). apply: post a template's calls at a show of the same organisation, at "
        "that show's day in its venue's local time (--template, --show). list: the "
        "templates of the organisations you manage (--org to pick one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["save", "apply", "list"])
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")
        parser.add_argument("--show", help="show slug (save: the show to keep; apply: target)")
        parser.add_argument("--name", help="save: the template's name")
        parser.add_argument("--template", help="apply: the template's name or number")
        parser.add_argument("--org", help="list: organisation slug")

    def handle(self, *args, action, actor, show, name, template, org, **options):
        actor = user_named(actor)
        getattr(self, f"_{action}")(actor, show=show, name=name, template=template, org=org)

    def _show(self, parser: FieldParser, slug: str | None) -> Show | None:
        if slug is None:
            raise CommandError("--show: give the show's slug.")
        return parser.lookup("show", Show, slug)

    def _save(self, actor, *, show, name, **_):
        if name is None:
            raise CommandError("--name: give the template a name.")
        p = FieldParser()
        found = self._show(p, show)
        saved = call_service(p, services.crew_template_save, actor=actor, show=found, name=name)
        count = saved.lines.count()
        self.stdout.write(
            f"Saved template {saved.pk} '{saved.name}' for {saved.organisation.name}: "
            f"{count} call{'' if count == 1 else 's'}."
        )

    def _apply(self, actor, *, show, template, **_):
        if template is None:
            raise CommandError("--template: give the template's name or number.")
        p = FieldParser()
        target = self._show(p, show)
        chosen = None
        if target is not None:
            templates = CrewTemplate.objects.filter(organisation=target.organisation)
            chosen = (
                templates.filter(pk=int(template)).first()
                if template.isdigit()
                else templates.filter(name__iexact=template).first()
            )
            if chosen is None:
                p.errors.add(
                    "template", f"{target.organisation.name} has no template '{template}'."
                )
        created = call_service(
            p, services.crew_template_apply, actor=actor, template=chosen, show=target
        )
        self.stdout.write(f"Added {len(created)} call(s) to {target.slug} from '{chosen.name}':")
        zone = target.venue.timezone
        for call in created:
            self.stdout.write(
                f"  {call.display_title} × {call.headcount}: {local_time(call.call_start, zone)}"
                f" to {local_time(call.call_end, zone)}"
            )

    def _list(self, actor, *, org, **_):
        if org is not None:
            found = Organisation.objects.filter(slug=org).first()
            if found is None:
                raise CommandError(f"--org: no organisation '{org}'.")
            if not can_manage(actor, found):
                raise CommandError(
                    "Permission denied: Only the organisation's managers can see its "
                    "crew-call templates."
                )
            templates = selectors.templates_of(found)
        else:
            templates = selectors.templates_for(actor)
        any_found = False
        for item in templates:
            any_found = True
            self.stdout.write(f"{item.pk}  {item.name} ({item.organisation.name})")
            for line in item.lines.all():
                self.stdout.write(
                    f"    {line.display_title} × {line.headcount}, "
                    f"{span_words(line.start_minutes, line.end_minutes)}, "
                    f"{line.get_crew_display()}"
                )
        if not any_found:
            self.stdout.write("No crew-call templates.")
