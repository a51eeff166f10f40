"""Stagedoor: staffing and careers for live music and music production crews.

The Celery app is loaded by the core app's ready(), not here, so that importing
`stagedoor.engine` never drags Django in.
"""
