"""Tell booked crew when their call sheet changes; guard gigs' writes on booked calls.

Connected in `BookingConfig.ready`. The work waits for the commit, so a change that is
rolled back sends nothing and the notification describes what was saved.
"""

from django.db import transaction
from django.dispatch import receiver

from stagedoor.gigs.signals import (
    position_changed,
    position_changing,
    position_deleting,
    show_changed,
)


@receiver(show_changed, dispatch_uid="booking.callsheet_changed")
def _show_changed(sender, show, position=None, before=None, **kwargs) -> None:
    from .callsheets.services import callsheet_changed

    # The crew of a call whose time moved hear of it in words of their own
    # (`_position_changed`), not twice.
    moved = position if before and ({"call_start", "call_end"} & set(before)) else None
    # robust: the change is saved either way; a failing notification is logged, and must
    # not turn the manager's successful save into an error page.
    transaction.on_commit(lambda: callsheet_changed(show, except_position=moved), robust=True)


@receiver(position_changing, dispatch_uid="booking.position_changing")
def _position_changing(sender, position, changes, errors, **kwargs) -> None:
    from .services.edits import check_position_change

    check_position_change(position, changes, errors)


@receiver(position_deleting, dispatch_uid="booking.position_deleting")
def _position_deleting(sender, positions, errors, whole, **kwargs) -> None:
    from .services.edits import check_positions_deletable

    check_positions_deletable(positions, errors, whole)


@receiver(position_changed, dispatch_uid="booking.position_changed")
def _position_changed(sender, position, before, **kwargs) -> None:
    from .services.edits import tell_crew_of_new_time

    # After the commit, as the call sheet notice: a refused or rolled-back move tells nobody.
    transaction.on_commit(lambda: tell_crew_of_new_time(position.pk, before), robust=True)
