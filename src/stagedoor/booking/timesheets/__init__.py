"""After the call: timesheets, verified credits and ratings.

A timesheet moves OPEN -> SUBMITTED -> APPROVED. The worker, the show's crew chief or a
manager records check-in, check-out and unpaid breaks, and either of them submits. Only a
lead (crew chief or manager) approves, and never their own times unless they manage the
organisation. Either side may dispute a timesheet that is not yet approved, with a note;
a disputed timesheet is corrected with `timesheet_record` and submitted again.

Approval marks the booking as worked. Once the call is over, the booking earns a verified
credit on the worker's profile (`credits_issue`, run by approval and by a periodic task),
which a lead can then rate 1-5. Matching reads those ratings, and no-shows, back.

`services` writes, `selectors` reads, `rules` says who may, `checks` what times are sound.
"""
