from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404

from .http import render_partial
from .models import TaskRecord
from .rules import can_see_task


def task_progress(request, pk: int):
    """The progress bar of a background task; htmx polls it until the task ends. Only for
    those who may see it (core.rules.can_see_task); to anyone else it does not exist."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    task = get_object_or_404(TaskRecord, pk=pk)
    if not can_see_task(request.user, task):
        raise Http404("No such task.")
    return render_partial(request, "core/_task.html", "core/task.html", {"task": task})
