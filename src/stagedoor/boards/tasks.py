"""The "board-import" task kind: runs an import in the background (core.tasks).

Registered in BoardsConfig.ready(); services are imported inside the task, so that the
registration stays light and tasks sit above services.
"""

from __future__ import annotations

from stagedoor.core.tasks import Cancelled, Progress


def board_import(progress: Progress, *, run_id: int) -> dict:
    from . import services

    try:
        return services.import_run_execute(progress, run_id=run_id)
    except Cancelled:
        raise  # the run says where it stopped
    except Exception as exc:
        services.import_run_fail_unfinished(run_id=run_id, message=f"{type(exc).__name__}: {exc}")
        raise
