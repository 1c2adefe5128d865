"""The geometry of a story's timeline plot (drawn as inline SVG by the story template).

One row per timeline entry, in date order; the marker's x is proportional to
the date, so the gaps between dates are visible, and the label on the left
keeps every entry readable however close the dates are.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 720
ROW = 26
TOP = 34  # room for the axis labels
PLOT_LEFT, PLOT_RIGHT = 430, 700
LABEL_CHARS = 58


@dataclass(slots=True)
class Row:
    entry: dict
    y: int
    x: float
    label: str


@dataclass(slots=True)
class Plot:
    rows: list[Row]
    ticks: list[tuple[float, str]]  # (x, year)
    width: int
    height: int
    plot_left: int
    plot_right: int


def as_year(date: str) -> float:
    """'2023-06-20' → 2023.46; a year or a month stands for its first day."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    return year + (month - 1) / 12 + (day - 1) / 365


def timeline_plot(entries: list[dict]) -> Plot | None:
    dated = [e for e in entries if e.get("date")]
    if not dated:
        return None
    years = [as_year(e["date"]) for e in dated]
    low, high = min(years), max(years)
    span = high - low

    def x_of(year: float) -> float:
        if span == 0:
            return (PLOT_LEFT + PLOT_RIGHT) / 2
        return round(PLOT_LEFT + (year - low) / span * (PLOT_RIGHT - PLOT_LEFT), 1)

    rows = []
    for n, (entry, year) in enumerate(zip(dated, years)):
        label = f"{entry['date']}  {entry['what']}"
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1] + "…"
        rows.append(Row(entry, TOP + n * ROW, x_of(year), label))
    first, last = int(low), int(high)
    tick_years = sorted({first, last, (first + last) // 2}) if last > first else [first]
    ticks = [(x_of(max(low, min(high, float(y)))), str(y)) for y in tick_years]
    return Plot(rows, ticks, WIDTH, TOP + len(rows) * ROW, PLOT_LEFT, PLOT_RIGHT)
