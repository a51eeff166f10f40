"""The "board-import" task kind: runs an import in the background (core.tasks)."""

from __future__ import annotations

from stagedoor.core.tasks import Progress

from . import services


def board_import(progress: Progress, *, run_id: int) -> dict:
    try:
        return services.import_run_execute(progress, run_id=run_id)
    except Exception as exc:
        services.import_run_fail_unfinished(run_id=run_id, message=f"{type(exc).__name__}: {exc}")
        raise
