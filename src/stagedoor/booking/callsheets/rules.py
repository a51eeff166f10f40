"""Who may see a show's call sheet, its phone numbers and its calls."""

from __future__ import annotations

from dataclasses import dataclass

from stagedoor.gigs.models import Show
from stagedoor.gigs.rules import hosts_show
from stagedoor.industry.rules import can_manage

from ..rules import is_booked_on, is_crew_chief


@dataclass(frozen=True)
class Access:
    """What one person may see of one show's call sheet."""

    may_see: bool
    sees_phones: bool
    # Managers and crew chiefs get every call in the show's .ics; crew only their own.
    sees_all_calls: bool
    # The crew chiefs' phones and the running company's managers, for whoever must reach
    # the show without being on its crew (the venue).
    sees_chief_phones: bool = False
    sees_production_contacts: bool = False


def callsheet_access(user, show: Show) -> Access:
    """Managers and booked crew see everything; a crew chief who is not booked sees the
    sheet without phone numbers; the managers of the venue, when another company runs the
    show, see it with the crew chiefs' phones and the company's managers but not every
    crew member's phone (the crew gave it to the company that booked them, and the venue
    reaches the crew through the chief); everybody else sees nothing."""
    if can_manage(user, show.organisation):
        return Access(
            may_see=True,
            sees_phones=True,
            sees_all_calls=True,
            sees_chief_phones=True,
        )
    chief = is_crew_chief(user, show)
    booked = is_booked_on(user, show)
    if not (booked or chief) and hosts_show(user, show):
        return Access(
            may_see=True,
            sees_phones=False,
            sees_all_calls=True,
            sees_chief_phones=True,
            sees_production_contacts=True,
        )
    return Access(
        may_see=booked or chief, sees_phones=booked, sees_all_calls=chief, sees_chief_phones=booked
    )
