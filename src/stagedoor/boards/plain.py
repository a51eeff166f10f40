"""Imported descriptions as plain text, whatever markup they came in.

Another board's description may be HTML, HTML escaped once more (RSS), or plain text.
nh3 (the ammonia sanitizer) parses it as a browser would and keeps only the text, dropping
`<script>` and `<style>` with their contents; the entities are then read back into
characters. Text that still holds markup after that (it was escaped twice) goes round
again, so what is stored never contains a tag, while plain text (`fees < 300 & travel`)
comes out as it went in.
"""

from __future__ import annotations

import html
import re

import nh3

_BREAKS = re.compile(r"(?i)<br\s*/?>|</p\s*>|</li\s*>|</h[1-6]\s*>|</div\s*>")
_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed"}
_ROUNDS = 4


def plain_text(markup: str) -> str:
    """The text of `markup`, with line breaks where paragraphs and breaks were."""
    text = markup
    for _ in range(_ROUNDS):
        cleaned = nh3.clean(
            _BREAKS.sub("\n", text), tags=set(), clean_content_tags=_DROPPED, strip_comments=True
        )
        cleaned = html.unescape(cleaned)
        if cleaned == text:
            break
        text = cleaned
    else:
        # Still changing after several rounds: whatever is left keeps no angle brackets.
        text = text.replace("<", "‹").replace(">", "›")
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()
