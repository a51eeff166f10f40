"""Text folding for de-duplication, and the shared title classifier the boards use.

The classifier is `industry.titles.role_classifier()` (engine/titles.py): import files
each row's title through it, the posting form's hint asks it as the manager types.
"""

from __future__ import annotations

import re
import unicodedata

from stagedoor.industry.titles import role_classifier

__all__ = ["fold", "role_classifier"]


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces, single-spaced."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
