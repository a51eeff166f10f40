"""Signals the kernel sends; apps listen from their receivers."""

from django.dispatch import Signal

# A task ended without its function finishing: its worker stopped answering (swept), or it
# was stopped before it started. Sent with `record` (the TaskRecord, already updated), so
# the app that owns the kind can close its own record (an import run, a staffing run).
task_stopped = Signal()
