from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from stagedoor.booking.rules import worker_of
from stagedoor.booking.views.today import render_today
from stagedoor.core import outbox
from stagedoor.core.models import TaskRecord
from stagedoor.core.paging import page_of
from stagedoor.core.tasks import start_task
from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import show_list
from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import WorkerProfile


def home(request):
    """The front page; a logged-in worker's home is their Today page."""
    worker = worker_of(request.user)
    if worker is not None:
        return render_today(request, worker)
    upcoming = show_list()
    context = {
        "shows": upcoming[:6],
        "stats": {
            "roles": Role.objects.count(),
            "workers": WorkerProfile.objects.filter(is_public=True).count(),
            "organisations": Organisation.objects.count(),
            "crew_needed": Position.objects.filter(show__in=upcoming.values("pk")).aggregate(
                n=Sum("headcount")
            )["n"]
            or 0,
        },
    }
    return render(request, "site/home.html", context)


@staff_member_required
def operations(request):
    tasks = TaskRecord.objects.order_by("-created_at", "-pk")
    context = {"tasks": page_of(request, tasks), "backlog": outbox.backlog()}
    return render(request, "site/operations.html", context)


@staff_member_required
@require_POST
def operations_demo_data(request):
    task = start_task("demo-data", user=request.user)
    return redirect("task", pk=task.pk)
