"""Auto-staffing: many crew calls at once, proposed by the engine's solver, reviewed by a
manager and sent as offers or holds through the booking services.

`problem.py` builds the engine's `StaffingProblem` from the database (eligibility and
scores from the matching index), `services.py` runs and accepts a proposal, `parts.py`
decides where a run's independent parts are solved.
"""
