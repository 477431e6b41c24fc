"""Server-rendered bar charts (SVG geometry for templates/stats/chart_*.html). No script:
each bar carries its figure as text, and the page shows the same numbers in a table."""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import SUPPRESSED


@dataclass
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    axis: list[tuple[float, str]]
    horizontal: bool
    baseline: float = 0


def _value_text(value, unit: str) -> str:
    if value is None:
        return "–"
    if value == SUPPRESSED:
        return SUPPRESSED
    return f"{value:g}{unit}"


def horizontal_bars(
    items: list[tuple[str, float | str | None]],
    *,
    title: str,
    description: str,
    maximum: float = 100,
    unit: str = "%",
) -> Chart:
    """One bar per (label, value); labels on the left, values after the bars."""
    label_width, plot_width, value_width, row = 240, 380, 60, 28
    bars = []
    for index, (label, value) in enumerate(items):
        y = 10 + index * row
        length = (
            plot_width * float(value) / maximum if isinstance(value, int | float) and maximum else 0
        )
        bars.append(
            Bar(
                label=label if len(label) <= 34 else label[:33] + "…",
                value_text=_value_text(value, unit),
                x=label_width,
                y=y,
                width=round(length, 1),
                height=row - 8,
                text_x=label_width + length + 6,
                text_y=y + row / 2,
            )
        )
    axis = [(label_width + plot_width * f, f"{maximum * f:g}{unit}") for f in (0, 0.5, 1)]
    height = 20 + row * max(len(items), 1) + 20
    return Chart(
        title=title,
        description=description,
        width=label_width + plot_width + value_width,
        height=height,
        bars=bars,
        axis=axis,
        horizontal=True,
        baseline=height - 20,
    )


def vertical_bars(
    items: list[tuple[str, int | str | None]], *, title: str, description: str
) -> Chart:
    """Counts over time: one column per (label, value)."""
    numbers = [v for _, v in items if isinstance(v, int)]
    maximum = max(numbers, default=0) or 1
    plot_height, column, left, top = 180, max(18, min(60, 640 // max(len(items), 1))), 40, 20
    bars = []
    for index, (label, value) in enumerate(items):
        height = plot_height * value / maximum if isinstance(value, int) else 0
        x = left + index * column
        bars.append(
            Bar(
                label=label,
                value_text=_value_text(value, ""),
                x=x + 3,
                y=round(top + plot_height - height, 1),
                width=column - 6,
                height=round(height, 1),
                text_x=x + column / 2,
                text_y=top + plot_height - height - 4,
            )
        )
    axis = [(top + plot_height * (1 - f), f"{round(maximum * f):g}") for f in (0, 0.5, 1)]
    return Chart(
        title=title,
        description=description,
        width=left + column * max(len(items), 1) + 10,
        height=top + plot_height + 40,
        bars=bars,
        axis=axis,
        horizontal=False,
        baseline=top + plot_height,
    )
