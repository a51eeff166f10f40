"""Pay: summaries built from bookings and timesheets, and the payroll CSV.

Which bookings are paid, and from which times:

- worked (COMPLETED) with an approved timesheet: the recorded check-in, check-out and
  breaks; status "approved";
- confirmed, or worked without an approved timesheet: the scheduled call; "estimate";
- cancelled late by the employer (not by the worker): a late-cancellation call; "approved";
- anything else (no-shows, other cancellations): nothing.

`engine.pay.rules` applies the organisation's `PayRules` (or the engine's defaults) to all calls
of one worker for one employer at a time, because overtime and turnaround run across
calls. A summary also feeds the engine the worker's earlier calls for that employer from
the days before the period, so the first day's turnaround is right, and shows only the
lines of the bookings asked for.

CSV columns, one row per pay line:

    worker,worker_slug,organisation,show,position,date,kind,hours,multiplier,rate,amount,
    currency,status,booking_id

`worker` is the display name, `organisation` and `show` are slugs (`show` is the studio
project's slug for studio work), `position` the crew call's title, `date` the call's day in
the venue's time zone (YYYY-MM-DD), `kind` the engine's line kind (straight, overtime,
turnaround, minimum-call, meal-penalty, late-cancellation, day-rate, flat), numbers are
plain decimals with a dot, and `status` is "approved" (final) or "estimate" (from the
schedule). After the lines comes one row per worker and currency with kind "total", the
worker's columns and `amount` and `currency` filled, and every other column empty.

`summary` prices bookings, `selectors` picks the bookings a person may see the pay of
(`rules` says who may), `export` writes the CSV.
"""
