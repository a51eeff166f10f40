"""Tell booked crew when their call sheet changes.

Connected in `BookingConfig.ready`. The work waits for the commit, so a change that is
rolled back sends nothing and the notification describes what was saved.
"""

from django.db import transaction
from django.dispatch import receiver

from stagedoor.gigs.signals import show_changed


@receiver(show_changed, dispatch_uid="booking.callsheet_changed")
def _show_changed(sender, show, **kwargs) -> None:
    from .callsheets.services import callsheet_changed

    # robust: the change is saved either way; a failing notification is logged, and must
    # not turn the manager's successful save into an error page.
    transaction.on_commit(lambda: callsheet_changed(show), robust=True)
