"""The Django side of auto-staffing: build the problem from the database, run the engine's
solver as a background task, save and accept its proposal (see `services.py`)."""
