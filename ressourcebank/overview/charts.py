"""Charts drawn on the server as SVG: no JavaScript, readable by screen readers.

Each chart gets a <title> and a <desc> that says the numbers in words; the page also shows
them in a table. A hidden count ("<5") is drawn as an empty bar or a gap in the line, never
at a guessed height.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .protect import Shown, fmt

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 220
PLOT_WIDTH = 360
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: float
    label_y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    desc: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH

    @property
    def plot_x(self) -> int:
        return self.label_width + 5


def bar_chart(chart_id: str, title: str, items: list[tuple[str, Shown]]) -> BarChart:
    top = max((s.value or 0 for _, s in items), default=0) or 1
    bars = []
    for i, (label, shown) in enumerate(items):
        y = i * (BAR_HEIGHT + BAR_GAP)
        width = round(PLOT_WIDTH * (shown.value or 0) / top, 1)
        bars.append(Bar(str(label), shown.text, y, width, y + BAR_HEIGHT // 2 + 5))
    desc = "; ".join(f"{label}: {shown.text}" for label, shown in items)
    height = max(len(items) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
    return BarChart(chart_id, title, desc, bars, height)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str


@dataclass
class Series:
    name: str
    css: str  # class for colour and dash pattern, so colour is not the only difference
    path: str = ""
    points: list[Point] = field(default_factory=list)


@dataclass(frozen=True)
class Tick:
    pos: float
    text: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    desc: str
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = 720
    height: int = 300
    left: int = 50
    bottom: int = 260
    top: int = 10

    @property
    def right(self) -> int:
        return self.width - 10


def _nice_top(value: int) -> int:
    """The smallest 5 × (1, 2 or 5 × 10^k) at or above ``value``: five even grid steps."""
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            if 5 * m * magnitude >= value:
                return 5 * m * magnitude
        magnitude *= 10


def line_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, str, list[Shown]]],
) -> LineChart:
    chart = LineChart(chart_id, title, "", [], [], [])
    top = _nice_top(max((s.value or 0 for _, _, vals in series for s in vals), default=0))
    n = max(len(labels) - 1, 1)
    span_x = chart.right - chart.left
    span_y = chart.bottom - chart.top

    def x(i):
        return round(chart.left + span_x * i / n, 1)

    def y(v):
        return round(chart.bottom - span_y * v / top, 1)

    drawn = []
    for name, css, values in series:
        s = Series(name, css)
        pen_down = False
        parts = []
        for i, shown in enumerate(values):
            if shown.hidden:
                pen_down = False
                continue
            parts.append(f"{'L' if pen_down else 'M'}{x(i)} {y(shown.value)}")
            s.points.append(Point(x(i), y(shown.value), shown.text))
            pen_down = True
        s.path = " ".join(parts)
        drawn.append(s)
    x_ticks = [Tick(x(i), label) for i, label in enumerate(labels) if i % 3 == 0]
    y_ticks = [Tick(y(top * k / 5), fmt(top * k // 5)) for k in range(6)]
    desc = " ".join(
        f"{name}: " + ", ".join(f"{lab} {v.text}" for lab, v in zip(labels, values, strict=True))
        + "."
        for name, _css, values in series
    )
    return LineChart(chart_id, title, desc, drawn, x_ticks, y_ticks)
