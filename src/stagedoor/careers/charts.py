"""Server-rendered SVG bar charts: geometry here, markup in careers/_bar_chart.html."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal
    short: bool  # below the line (a gap month)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    bars: tuple[Bar, ...]
    line_y: float | None
    line_label: str
    max_value: Decimal
    title: str
    label_every: int

    @property
    def show_values(self) -> bool:
        """Amounts above the bars while they fit (a year of months, not a year of weeks)."""
        return len(self.bars) <= 12


def bar_chart(
    items: list[tuple[str, Decimal]],
    *,
    line: Decimal | None = None,
    line_label: str = "",
    title: str = "",
    width: int = 640,
    height: int = 220,
) -> BarChart:
    """Bars for (label, value) pairs scaled to the tallest bar or the line, whichever is
    higher; a bar under a positive `line` is marked short."""
    top, bottom, left, right = 20, height - 30, 8, width - 8
    tallest = max([v for _, v in items] + [line or Decimal(0), Decimal(0)])
    scale = float(tallest) if tallest > 0 else 1.0
    slot = (right - left) / max(len(items), 1)
    bars = []
    for i, (label, value) in enumerate(items):
        h = (bottom - top) * float(value) / scale
        bars.append(
            Bar(
                x=round(left + i * slot + slot * 0.1, 1),
                y=round(bottom - h, 1),
                width=round(slot * 0.8, 1),
                height=round(h, 1),
                label=label,
                value=value,
                short=bool(line and line > 0 and value < line),
            )
        )
    line_y = None
    if line is not None and line > 0:
        line_y = round(bottom - (bottom - top) * float(line) / scale, 1)
    every = max(1, -(-len(items) // 12))  # at most about 12 labels under the bars
    return BarChart(
        width, height, top, bottom, tuple(bars), line_y, line_label, tallest, title, every
    )
