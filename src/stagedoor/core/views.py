from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .http import is_htmx, render_partial
from .models import TaskRecord
from .tasks import may_cancel, task_cancel
from .validation import messages_of


def _context(request, task: TaskRecord) -> dict:
    return {"task": task, "can_stop": not task.finished and may_cancel(request.user, task)}


def task_progress(request, pk: int):
    """The progress bar of a background task; htmx polls it until the task ends."""
    task = get_object_or_404(TaskRecord, pk=pk)
    return render_partial(request, "core/_task.html", "core/task.html", _context(request, task))


@require_POST
def task_stop(request, pk: int):
    """Stop a background task (its Stop button); it stops after the step it is on."""
    task = get_object_or_404(TaskRecord, pk=pk)
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
