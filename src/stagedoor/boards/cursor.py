"""The JSON feed's place marker: the last call a page showed, as an opaque signed token.

A page after a marker is read from the (call_start, pk) index where the marker points, so
page 300 costs what page 1 does; an OFFSET would read and drop every call before it. The
token is signed so that a changed one is refused with a reason rather than read as some
other place, and carries no more than the call's start and key.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing

_SALT = "stagedoor.boards.jobs-json.after"
# A token we give out is about 90 characters; anything far longer was not ours.
_LONGEST = 300


class CursorError(ValueError):
    """The token is not one the feed gave out; the message says so in plain words."""


def cursor_of(call_start: dt.datetime, pk: int) -> str:
    """The token for "after the call starting at `call_start` with key `pk`"."""
    stamp = call_start.astimezone(dt.UTC).isoformat()
    return signing.dumps([stamp, pk], salt=_SALT, compress=False)


def read_cursor(token: str) -> tuple[dt.datetime, int]:
    """(call_start, pk) of a token from `cursor_of`; CursorError if it is empty, changed or
    not ours."""
    if not token.strip():
        raise CursorError("Give the value from the feed's next link, or leave it out.")
    if len(token) > _LONGEST:
        raise CursorError("This is not a place in this feed; start again from the first page.")
    try:
        stamp, pk = signing.loads(token, salt=_SALT)
        when = dt.datetime.fromisoformat(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        raise CursorError(
            "This is not a place in this feed (it was changed, or is from another site); "
            "start again from the first page."
        ) from None
    if when.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
        raise CursorError("This is not a place in this feed; start again from the first page.")
    return when, pk
