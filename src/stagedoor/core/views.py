from django.shortcuts import get_object_or_404

from .http import render_partial
from .models import TaskRecord


def task_progress(request, pk: int):
    """The progress bar of a background task; htmx polls it until the task ends."""
    task = get_object_or_404(TaskRecord, pk=pk)
    return render_partial(request, "core/_task.html", "core/task.html", {"task": task})
