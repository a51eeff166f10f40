"""Reads for careers, one module per feature; the engine (`stagedoor.engine.careers`) does
the path, the gap and the plan. Nothing here writes.

- `graph`: the catalog as a `CareerGraph`, a worker as a `WorkerSnapshot` (shared by all);
- `navigator`: a plan toward a target role, with the openings on its path;
- `start`: entry-level roles and nearby openings for a newcomer;
- `market`: live facts for a role page (open positions, pay, demand, transitions).
"""
