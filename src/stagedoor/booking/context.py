"""Template context: the unread count shown beside "Inbox" in the navigation."""

from .selectors import unread_count


def inbox(request) -> dict[str, int]:
    user = getattr(request, "user", None)
    return {"inbox_unread": unread_count(user) if user is not None else 0}
