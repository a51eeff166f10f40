from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .http import is_htmx, render_partial
from .models import TaskRecord
from .rules import can_see_task, may_cancel
from .tasks import task_cancel
from .validation import messages_of


def _context(request, task: TaskRecord) -> dict:
    return {"task": task, "can_stop": not task.finished and may_cancel(request.user, task)}


def _visible_task(request, pk: int) -> TaskRecord:
    task = get_object_or_404(TaskRecord, pk=pk)
    if not can_see_task(request.user, task):
        raise Http404("No such task.")
    return task


def task_progress(request, pk: int):
    """The progress bar of a background task; htmx polls it until the task ends. Only for
    those who may see it (core.rules.can_see_task); to anyone else it does not exist."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    task = _visible_task(request, pk)
    return render_partial(request, "core/_task.html", "core/task.html", _context(request, task))


@require_POST
def task_stop(request, pk: int):
    """Stop a background task (its Stop button); it stops after the step it is on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    task = _visible_task(request, pk)
    try:
        task = task_cancel(actor=request.user, record=task)
    except ValidationError as exc:
        for texts in messages_of(exc).values():
            for text in texts:
                messages.info(request, text)
        task.refresh_from_db()
    if is_htmx(request):
        return render_partial(request, "core/_task.html", "core/task.html", _context(request, task))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = f"/tasks/{task.pk}/"
    return redirect(target)
