"""`stagedoor crew-copy-tour SHOW --as USER`: copy a show's crew call to every other stop of
its tour, each at the same local times at its venue; calls a stop already has are skipped
and counted, as the show page's "Copy to every stop of the tour" does."""

from django.core.management.base import BaseCommand, CommandError

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.gigs.crewtemplates.services import crew_copy_to_tour
from stagedoor.gigs.models import Show


class Command(BaseCommand):
    help = (
        "Copy a show's live crew call to every other stop of its tour, in each stop's "
        "local time; all or nothing, and calls a stop already has are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("show", metavar="SHOW", help="the show's slug")
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")

    def handle(self, *args, show, actor, **options):
        actor = user_named(actor)
        found = Show.objects.select_related("organisation", "venue", "tour").filter(slug=show)
        found = found.first()
        if found is None:
            raise CommandError(f"SHOW: no show '{show}'.")
        result = call_service(FieldParser(), crew_copy_to_tour, actor=actor, show=found)
        self.stdout.write(result.words())
