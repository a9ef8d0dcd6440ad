"""Two small charts over QtCharts, for the KPI dashboard: lines by month with dashed target lines, and
horizontal bars (one per community or unit) coloured by whether each meets its target.

They know nothing of the ledger: they take labels and numbers and say which point or bar was clicked.
QtCharts loads with the first chart (``gui.qt`` loads it on first use), not at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from liandian_desktop.gui.qt import (
    QColor,
    QCursor,
    QPainter,
    QPen,
    QPointF,
    Qt,
    QtCharts,
    QToolTip,
    QWidget,
    Signal,
)
from liandian_desktop.gui.theme import app_font

QChart = QtCharts.QChart

BAR_HEIGHT = 24  # pixels per bar: the names stay readable
GRID = QColor("#e6e9ee")
AXIS_TEXT = QColor("#374151")


@dataclass(frozen=True)
class Line:
    """One line: a value per category (None: no data that month, the line skips it)."""

    name: str
    values: Sequence[float | None]
    colour: QColor
    dashed: bool = False  # a target line
    clickable: bool = True
    texts: Sequence[str] = ()  # the tooltip of each point (default: the value)


def _base_chart() -> QtCharts.QChart:
    chart = QtCharts.QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # figures, not a show: draw at once
    chart.setBackgroundRoundness(0)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.legend().setFont(app_font(9))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _style_axis(axis: QtCharts.QAbstractAxis) -> None:
    axis.setLabelsFont(app_font(9))
    axis.setLabelsColor(AXIS_TEXT)
    axis.setGridLineColor(GRID)


def _ticks(low: float, high: float) -> int:
    """Ticks at round steps (5, 10, 20 …): the axis reads 80 85 90 95 100, not 80 84 88 …"""
    span = high - low
    for step in (5.0, 10.0, 20.0, 25.0, 50.0, 100.0):
        if span / step <= 8 and abs(span / step - round(span / step)) < 1e-9:
            return round(span / step) + 1
    return 6


def nice_floor(value: float, step: float) -> float:
    return math.floor(value / step) * step


def nice_ceil(value: float, step: float) -> float:
    return math.ceil(value / step) * step


class _View(QtCharts.QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_base_chart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def reset(self) -> QtCharts.QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        return chart

    def empty_text(self, text: str) -> None:
        self.reset()
        self.chart().setTitle(text)


class LineChart(_View):
    """Lines over categories (months). ``point_clicked(line, category)`` for a click on a point."""

    point_clicked = Signal(int, int)

    def show_lines(
        self,
        categories: Sequence[str],
        lines: Sequence[Line],
        *,
        percent: bool,
        suffix: str = "",
        labels: bool = False,
    ) -> None:
        chart = self.reset()
        chart.setTitle("")
        x = QtCharts.QBarCategoryAxis()
        x.append(list(categories))
        _style_axis(x)
        x.setGridLineVisible(False)
        y = QtCharts.QValueAxis()
        _style_axis(y)
        values = [v for line in lines for v in line.values if v is not None]
        if percent:
            low = max(0.0, nice_floor(min([*values, 100.0]) - 3, 5))
            high = 100.0
            y.setLabelFormat("%.0f%%")
        else:
            low, high = 0.0, nice_ceil(max([*values, 1.0]) * 1.1, 5)
            y.setLabelFormat("%.0f" + suffix)
        y.setRange(low, high)
        y.setTickCount(_ticks(low, high))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for index, line in enumerate(lines):
            series = QtCharts.QLineSeries()
            series.setName(line.name)
            for i, value in enumerate(line.values):
                if value is not None:
                    series.append(float(i), float(value))
            pen = QPen(line.colour)
            pen.setWidthF(1.5 if line.dashed else 2.5)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            series.setPen(pen)
            series.setPointsVisible(not line.dashed)
            if labels and not line.dashed:
                series.setPointLabelsVisible(True)
                series.setPointLabelsFont(app_font(8.5))
                series.setPointLabelsColor(line.colour)
                series.setPointLabelsClipping(False)
                series.setPointLabelsFormat("@yPoint%" if percent else "@yPoint")
            chart.addSeries(series)
            series.attachAxis(x)
            series.attachAxis(y)
            if line.clickable:
                series.clicked.connect(lambda point, i=index: self._clicked(i, point))
                series.hovered.connect(lambda point, state, i=index: self._hovered(lines[i], point, state))
        for marker, line in zip(chart.legend().markers(), lines, strict=False):
            marker.setVisible(bool(line.name))

    def _nearest(self, point: QPointF, count: int) -> int | None:
        i = round(point.x())
        return i if 0 <= i < count else None

    def _clicked(self, line: int, point: QPointF) -> None:
        i = round(point.x())
        if i >= 0:
            self.point_clicked.emit(line, i)

    def _hovered(self, line: Line, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        i = self._nearest(point, len(line.values))
        if i is None:
            return
        text = line.texts[i] if i < len(line.texts) else f"{point.y():.1f}"
        QToolTip.showText(QCursor.pos(), f"{line.name}：{text}", self)


class BarChart(_View):
    """Horizontal bars, one per category, the first at the top. A bar that misses its target is red, one
    that meets it green, one with no target blue; a dashed line marks the target. ``bar_clicked(index)``."""

    bar_clicked = Signal(int)

    def show_bars(
        self,
        categories: Sequence[str],
        values: Sequence[float | None],
        meets: Sequence[bool | None],
        *,
        name: str,
        target: float | None,
        percent: bool,
        colours: tuple[QColor, QColor, QColor],  # meets, misses, no target
    ) -> None:
        chart = self.reset()
        chart.setTitle("")
        n = len(categories)
        # QtCharts draws category 0 at the bottom: reverse, so the list reads from the top.
        order = list(range(n))[::-1]
        bar_set = QtCharts.QBarSet(name)
        met, missed, plain = colours
        bar_set.setColor(met if target is not None else plain)
        bar_set.setBorderColor(Qt.GlobalColor.transparent)
        bar_set.setSelectedColor(missed)
        for i in order:
            bar_set.append(float(values[i] or 0.0))
        for position, i in enumerate(order):
            if meets[i] is False:
                bar_set.selectBar(position)
        series = QtCharts.QHorizontalBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        y = QtCharts.QBarCategoryAxis()
        y.append([categories[i] for i in order])
        _style_axis(y)
        y.setTruncateLabels(False)  # the names are the point of the chart
        y.setGridLineVisible(False)
        x = QtCharts.QValueAxis()
        _style_axis(x)
        known = [v for v in values if v is not None]
        if percent:
            x.setRange(0.0, 100.0)
            x.setLabelFormat("%.0f%%")
        else:
            x.setRange(0.0, nice_ceil(max([*known, target or 0.0, 1.0]) * 1.1, 5))
            x.setLabelFormat("%.0f")
        x.setTickCount(_ticks(x.min(), x.max()))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        if target is not None and n:
            line = QtCharts.QLineSeries()
            line.setName("")
            line.append(target, -0.5)
            line.append(target, n - 0.5)
            pen = QPen(QColor("#374151"))
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(1.5)
            line.setPen(pen)
            chart.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(y)
        markers = chart.legend().markers()
        for marker in markers[1:]:
            marker.setVisible(False)
        bar_set.clicked.connect(lambda position: self.bar_clicked.emit(order[position]))
        self.setMinimumHeight(max(220, 70 + BAR_HEIGHT * n))
