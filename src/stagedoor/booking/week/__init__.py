"""The coordinator's week: what needs a manager now, for the organisations they manage.

`selectors.coordinator_week` gathers, for this week and next (the shows' own dates, which
are the venue's local dates):

- each show with its fill (booked of needed seats) overall and per department, its
  estimated labour cost (`cost`) and how that stands against the show's optional labour
  budget;
- the open seats of those shows, by how soon their call starts;
- the alerts (`alerts`), over every call of the organisations that has not started yet:
  pending offers about to expire (within 24 hours) and the other unanswered offers,
  clashes (a worker booked or offered on calls that overlap or break the turnaround), and
  booked crew whose certification a call requires lapses before the call's day.

The page (/manage/), the API (GET /api/manage/week) and the CLI (`stagedoor week`) all show
what it returns.
"""
