from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.careers.selectors.navigator import navigator
from stagedoor.core.validation import messages_of
from stagedoor.people.models import WorkerProfile


class Command(BaseCommand):
    help = "A worker's gap, path and next steps toward a target role (read-only)."

    def add_arguments(self, parser):
        parser.add_argument("worker", help="the worker's profile slug")
        parser.add_argument("--target", required=True, help="the role to aim for (slug)")

    def handle(self, *args, worker, target, **options):
        profile = WorkerProfile.objects.filter(slug=worker).first()
        if profile is None:
            raise CommandError(f"worker: no worker '{worker}'.", returncode=2)
        try:
            nav = navigator(target=target, worker=profile)
        except ValidationError as exc:
            lines = [f"{f}: {m}" for f, msgs in messages_of(exc).items() for m in msgs]
            raise CommandError("\n".join(lines), returncode=2) from exc
        plan, graph = nav.plan, nav.graph
        console = Console(file=self.stdout, width=120)
        console.print(f"[bold]{profile.display_name}[/] → [bold]{nav.role.name}[/]")
        if nav.next_call:
            console.print(f"Next call: {nav.next_call.isoformat()}")

        console.print("\n[bold]Gap[/]")
        gap = plan.gap
        if gap.is_ready:
            console.print("  Ready: meets everything the role asks for.")
        for s in gap.skills:
            name = " / ".join(graph.skill_name(k) for k in s.skills)
            console.print(f"  skill {name}: {s.have} of {s.need}")
        for c in gap.missing_certifications:
            console.print(f"  missing certification: {graph.cert_name(c)}")
        for e in gap.expiring_certifications:
            console.print(
                f"  expires before the next call: {graph.cert_name(e.certification)} "
                f"({e.expires_on.isoformat()})"
            )
        exp = gap.experience
        console.print(
            f"  experience: {exp.hours:,.0f} of {exp.need_hours:,.0f} hours, "
            f"{exp.credits} of {exp.need_credits} credits"
        )

        console.print("\n[bold]Path[/]")
        if plan.path.reason:
            console.print(f"  {plan.path.reason}")
        for n, step in enumerate(plan.path.steps, 1):
            years = f" · about {step.years:g} years" if step.years else ""
            console.print(f"  {n}. {step.name}{years}")

        table = Table("#", "kind", "next step", title="Plan", title_justify="left")
        for n, step in enumerate(plan.steps, 1):
            why = step.why
            if step.kind == "position":
                why += f" (position {step.subject})"
            table.add_row(str(n), step.kind, why)
        console.print(table)
