"""考核指标: the KPI dashboard and the monthly unit assessment (``kpi_assessment``).

The dashboard shows, for a period (month, quarter, year or a custom range) and a scope (the township, a
community, a unit), every figure of ``kpi.compute_kpis`` against its target: tiles for the main ones (met in
green, missed in red, 无数据 in grey), a table of all of them, the trend of the last 12 months and the
figures of each community and each unit (``kpi.breakdown``). Any tile, bar, point or row opens the figure's
records with the engine's one-line reason each; a work order opens its explanation (``explain_order``) and
from there the order itself.

Opening is fast on a large ledger because the work is split: the tiles come from one task; the trend and
the bars are asked for only once the tiles are on screen, and fill in as they arrive. Nothing is computed
on the GUI thread; every answer carries a generation number so a slow answer to an old question is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from liandian_desktop.gui.charts import BarChart, Line, LineChart
from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.pages.kpi_records import (
    RowsTable,
    TableColumn,
    figure_label,
    figure_value,
    group_label,
    open_figure_records,
    ratio_text,
    stretch_column,
    target_text,
    verdict_colour,
    verdict_text,
)
from liandian_desktop.gui.qt import (
    QColor,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QPainter,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSizePolicy,
    QStandardPaths,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.tasks import Task, describe_error
from liandian_desktop.gui.theme import ACCENT, GREEN, GREY, RED, app_font
from liandian_desktop.gui.widgets import Banner, muted, page_header
from liandian_desktop.kpi import LOCAL_TZ, Figure, KpiReport, Period, Scope, Unit, compute_kpis
from liandian_desktop.kpi.breakdown import Breakdown, Slice, breakdown, monthly_trend
from liandian_desktop.kpi.periods import month_period, quarter_period, range_period, year_period
from liandian_desktop.ledger.errors import LedgerError

MAIN_TILES = (
    "response_rate",
    "mean_response_hours",
    "resolution_rate",
    "satisfaction_rate",
    "evaluation_rate",
    "orders_dispatched",
)
MORE_TILES = (
    "paired_coverage",
    "key_communities_two_units",
    "special_groups_served",
    "volunteer_share",
    "attendances_per_resident",
    "service_compliance",
    "cadre_days_per_cadre",
    "cadre_days_met",
    "training_hours_per_worker",
    "training_met",
    "fund_use_rate",
    "fund_per_resident",
)
TREND_MONTHS = 12
RANGE_DEBOUNCE_MS = 400
MONTH_CHOICES, QUARTER_CHOICES, YEAR_CHOICES = 24, 8, 4
# The three rates the plan sets targets for, in the trend: one colour each (targets dashed, same colour).
RATE_COLOURS = {
    "response_rate": QColor(ACCENT),
    "resolution_rate": QColor("#00897b"),
    "satisfaction_rate": QColor("#8e44ad"),
    "mean_response_hours": QColor("#a15c00"),
}
TILE_STYLE = f"""
QFrame#KpiTile {{ background: white; border: 1px solid #dfe3e8; border-left: 4px solid #c7ced8;
    border-radius: 5px; }}
QFrame#KpiTile:focus {{ border: 1px solid {ACCENT}; border-left: 4px solid {ACCENT}; }}
QFrame#KpiTile[state="met"] {{ border-left: 4px solid {GREEN.name()}; }}
QFrame#KpiTile[state="missed"] {{ border-left: 4px solid {RED.name()}; }}
QFrame#KpiTile[state="plain"] {{ border-left: 4px solid {ACCENT}; }}
QLabel#TileTitle {{ color: #4b5563; }}
QLabel#TileDetail {{ color: #6b7280; }}
"""


def local_today(now: datetime) -> date:
    return now.astimezone(LOCAL_TZ).date()


def safe_filename(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_")


# -- choosing the period -------------------------------------------------------------------------------


class PeriodPicker(QWidget):
    """月度 / 季度 / 年度 from a list (newest first), or 自定义 from two dates. ``changed`` when picked."""

    changed = Signal()

    KINDS = ("month", "quarter", "year", "range")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.kind = QComboBox()
        for key, text in zip(
            self.KINDS, (self.tr("月度"), self.tr("季度"), self.tr("年度"), self.tr("自定义")), strict=True
        ):
            self.kind.addItem(text, key)
        self.kind.setAccessibleName(self.tr("期间类型"))
        row.addWidget(self.kind)
        self.choice = QComboBox()
        self.choice.setMinimumWidth(130)
        self.choice.setAccessibleName(self.tr("期间"))
        row.addWidget(self.choice)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName(self.tr("开始日期"))
        self.end.setAccessibleName(self.tr("结束日期"))
        self.to_label = QLabel(self.tr("至"))
        row.addWidget(self.start)
        row.addWidget(self.to_label)
        row.addWidget(self.end)
        self.today = date.today()
        # Typing a date changes it digit by digit: ask once the typing pauses, not for every digit.
        self._range_timer = QTimer(self)
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(RANGE_DEBOUNCE_MS)
        self._range_timer.timeout.connect(self._range_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.start.dateChanged.connect(lambda _d: self._range_timer.start())
        self.end.dateChanged.connect(lambda _d: self._range_timer.start())
        self._show_range(False)

    def set_today(self, today: date) -> None:
        """Fill the lists up to ``today``'s month and select it (no ``changed``)."""
        self.today = today
        self.blockSignals(True)
        self.start.setDate(QDate(today.year, today.month, 1))
        self.end.setDate(QDate(today.year, today.month, today.day))
        self._fill()
        self.blockSignals(False)

    def _choices(self, kind: str) -> list[Period]:
        y, m = self.today.year, self.today.month
        if kind == "month":
            out = []
            for _ in range(MONTH_CHOICES):
                out.append(month_period(y, m))
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            return out
        if kind == "quarter":
            q = (m - 1) // 3 + 1
            out = []
            for _ in range(QUARTER_CHOICES):
                out.append(quarter_period(y, q))
                y, q = (y, q - 1) if q > 1 else (y - 1, 4)
            return out
        return [year_period(y - i) for i in range(YEAR_CHOICES)]

    def describe(self, period: Period) -> str:
        kind = period.kind.value
        if kind == "month":
            return self.tr("{y} 年 {m} 月").format(y=period.start.year, m=period.start.month)
        if kind == "quarter":
            return self.tr("{y} 年第 {q} 季度").format(
                y=period.start.year, q=(period.start.month - 1) // 3 + 1
            )
        if kind == "year":
            return self.tr("{y} 年").format(y=period.start.year)
        return self.tr("{start} 至 {end}").format(start=period.start.isoformat(), end=period.end.isoformat())

    def _fill(self) -> None:
        kind = self.kind.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        if kind != "range":
            for period in self._choices(kind):
                self.choice.addItem(self.describe(period), period)
        self.choice.blockSignals(False)

    def _show_range(self, on: bool) -> None:
        self.choice.setVisible(not on)
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(on)

    def _kind_changed(self) -> None:
        self._show_range(self.kind.currentData() == "range")
        self._fill()
        self.changed.emit()

    def _range_changed(self) -> None:
        if self.kind.currentData() == "range":
            self.changed.emit()

    def period(self) -> Period:
        """The period picked (ValidationError for a custom range that ends before it starts)."""
        if self.kind.currentData() == "range":
            start, end = self.start.date(), self.end.date()
            return range_period(
                date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day())
            )
        period = self.choice.currentData()
        assert isinstance(period, Period)
        return period

    def set_period(self, period: Period) -> None:
        """Pick ``period`` (emits ``changed`` once)."""
        self.blockSignals(True)
        kind = period.kind.value
        self.kind.setCurrentIndex(self.KINDS.index(kind))
        if kind == "range":
            self.start.setDate(QDate(period.start.year, period.start.month, period.start.day))
            self.end.setDate(QDate(period.end.year, period.end.month, period.end.day))
            self._range_timer.stop()  # set here, not typed: one ``changed`` below is enough
        else:
            labels = [self.choice.itemData(i).label for i in range(self.choice.count())]
            if period.label not in labels:
                self.choice.addItem(self.describe(period), period)
                labels.append(period.label)
            self.choice.setCurrentIndex(labels.index(period.label))
        self.blockSignals(False)
        self.changed.emit()


# -- tiles ---------------------------------------------------------------------------------------------


class ElidedLabel(QLabel):
    """One line that ends in … when the tile is narrow (English names are longer than Chinese), instead
    of widening the tile and pushing the page past a 1366-pixel screen."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(24)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class Tile(QFrame):
    """One figure against its target: click (or Enter) to see its records."""

    clicked = Signal(str)

    def __init__(self, key: str, *, big: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.big = big
        self.figure: Figure | None = None
        self.setObjectName("KpiTile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6 if big else 4, 8, 6 if big else 4)
        layout.setSpacing(1 if big else 0)
        self.title = ElidedLabel(figure_label(key))
        self.title.setObjectName("TileTitle")
        self.title.setFont(app_font(9.5 if big else 9))
        self.value = QLabel("…")
        self.value.setFont(app_font(17 if big else 12.5, bold=True))
        if big:
            layout.addWidget(self.title)
            layout.addWidget(self.value)
        else:  # title and value on one line: two rows of these leave room for the charts
            top = QHBoxLayout()
            top.setSpacing(4)
            top.addWidget(self.title, 1)
            top.addWidget(self.value, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBaseline)
            layout.addLayout(top)
        self.detail = ElidedLabel("")
        self.detail.setObjectName("TileDetail")
        self.detail.setFont(app_font(8.5))
        layout.addWidget(self.detail)
        self.ratio = ElidedLabel("")
        self.ratio.setObjectName("TileDetail")
        self.ratio.setFont(app_font(8.5))
        if big:
            layout.addWidget(self.ratio)
        self._set_state("loading")

    def _set_state(self, state: str) -> None:
        self.setProperty("state", state)
        self.style().unpolish(self)
        self.style().polish(self)

    def show_loading(self) -> None:
        self.value.setStyleSheet(f"color: {GREY.name()};")
        self.value.setText("…")

    def show_figure(self, figure: Figure | None, extra: str = "") -> None:
        self.figure = figure
        if figure is None:  # the engine has no such figure (an older ledger, a scope without it)
            self.value.setText("—")
            self.value.setStyleSheet(f"color: {GREY.name()};")
            self.detail.setText("")
            self._set_state("none")
            return
        self.title.setText(figure_label(figure.key, figure.label))
        self.value.setText(figure_value(figure))
        meets = figure.meets
        if figure.value is None:
            colour, state = GREY, "none"
        elif meets is None:
            colour, state = QColor("#1f2a3a"), "plain"
        else:
            colour, state = (GREEN, "met") if meets else (RED, "missed")
        self.value.setStyleSheet(f"color: {colour.name()};")
        self._set_state(state)
        target = target_text(figure)
        is_rate = figure.unit is Unit.RATE
        second = extra or (ratio_text(figure) if is_rate else "")
        if target:
            first = self.tr("目标 {target}").format(target=target)
            if meets is not None:
                first += " · " + verdict_text(meets)
        elif is_rate:
            first = self.tr("未设目标")
        else:
            first, second = second, ""
        if not self.big and not target:
            first, second = ratio_text(figure) or first, ""
        self.detail.setText(first)
        self.ratio.setText(second)
        tips = [figure_label(figure.key, figure.label) + "：" + figure_value(figure)]
        if ratio_text(figure):
            tips.append("= " + ratio_text(figure))
        if figure.definition:
            tips.append(figure.definition)
        if figure.target is not None and figure.target.basis:
            tips.append(self.tr("目标依据：{basis}").format(basis=figure.target.basis))
        if figure.note:
            tips.append(figure.note)
        tips.append(self.tr("点击查看依据记录"))
        self.setToolTip("\n".join(tips))

    def value_text(self) -> str:
        return self.value.text()

    @property
    def state(self) -> str:
        return str(self.property("state"))

    def mouseReleaseEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)


# -- charts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    text: str
    keys: tuple[str, ...]


def trend_metrics() -> list[Metric]:
    return [
        Metric(
            translate("KpiDashboard", "响应率、解决率、满意率"),
            ("response_rate", "resolution_rate", "satisfaction_rate"),
        ),
        Metric(figure_label("response_rate"), ("response_rate",)),
        Metric(figure_label("mean_response_hours"), ("mean_response_hours",)),
        Metric(figure_label("resolution_rate"), ("resolution_rate",)),
        Metric(figure_label("satisfaction_rate"), ("satisfaction_rate",)),
    ]


def bar_metrics() -> list[Metric]:
    keys = ("response_rate", "mean_response_hours", "resolution_rate", "satisfaction_rate", "evaluation_rate")
    return [Metric(figure_label(k), (k,)) for k in keys]


def chart_number(figure: Figure) -> float | None:
    """What a chart plots: rates as percentages, hours as hours."""
    number = figure.number
    if number is None:
        return None
    return number * 100 if figure.unit is Unit.RATE else number


class ChartPage(QWidget):
    """A chart under a one-line toolbar: which figure it plots, and a hint."""

    def __init__(self, metrics: Sequence[Metric], hint: str, chart: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("指标")))
        self.metric_box = QComboBox()
        for metric in metrics:
            self.metric_box.addItem(metric.text, metric)
        bar.addWidget(self.metric_box)
        self.status = muted("")
        bar.addWidget(self.status)
        bar.addStretch(1)
        bar.addWidget(muted(hint))
        layout.addLayout(bar)
        self.chart = chart
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(chart)
        layout.addWidget(self.scroller, 1)

    def current_metric(self) -> Metric:
        metric = self.metric_box.currentData()
        assert isinstance(metric, Metric)
        return metric


# -- the dashboard -------------------------------------------------------------------------------------


class DashboardTab(QWidget):
    tiles_shown = Signal()
    charts_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: KpiReport | None = None
        self.trend: list[Slice] | None = None
        self.breakdown: Breakdown | None = None
        self.as_of = ctx.now()
        self.generation = 0
        self.stale = False
        self.last_dialog: QWidget | None = None
        self._tasks: list[Task] = []
        self._trend_cache: dict[tuple[Scope, str], list[Slice]] = {}
        self._export_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.setStyleSheet(TILE_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(QLabel(self.tr("期间")))
        self.picker = PeriodPicker()
        controls.addWidget(self.picker)
        controls.addSpacing(8)
        controls.addWidget(QLabel(self.tr("范围")))
        self.scope = QComboBox()
        self.scope.setMinimumWidth(220)
        self.scope.setMaxVisibleItems(20)
        self.scope.setAccessibleName(self.tr("范围"))
        controls.addWidget(self.scope)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新计算（F5）"))
        self.refresh_button.clicked.connect(self.reload)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        self.excel_button = QPushButton(self.tr("导出 Excel"))
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.json_button = QPushButton(self.tr("导出 JSON"))
        self.json_button.clicked.connect(lambda: self.export_json())
        controls.addWidget(self.excel_button)
        controls.addWidget(self.json_button)
        layout.addLayout(controls)
        self.info = muted("")
        layout.addWidget(self.info)
        self.banner = Banner()
        layout.addWidget(self.banner)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.tiles: dict[str, Tile] = {}
        for i, key in enumerate(MAIN_TILES):
            tile = Tile(key, big=True)
            grid.addWidget(tile, 0, i)
            self.tiles[key] = tile
        for i, key in enumerate(MORE_TILES):
            tile = Tile(key, big=False)
            grid.addWidget(tile, 1 + i // len(MAIN_TILES), i % len(MAIN_TILES))
            self.tiles[key] = tile
        for column in range(len(MAIN_TILES)):
            grid.setColumnStretch(column, 1)
        for tile in self.tiles.values():
            tile.clicked.connect(self.open_figure)
        layout.addLayout(grid)

        self.charts = QTabWidget()
        self.charts.setDocumentMode(True)
        self.trend_chart = LineChart()
        self.trend_chart.point_clicked.connect(self._trend_clicked)
        self.trend_page = ChartPage(
            trend_metrics(), self.tr("虚线为目标；点击数据点查看该月的依据记录"), self.trend_chart
        )
        self.trend_page.metric_box.currentIndexChanged.connect(lambda _i: self.show_trend())
        self.community_chart = BarChart()
        self.community_chart.bar_clicked.connect(lambda i: self._bar_clicked("community", i))
        self.community_page = ChartPage(
            bar_metrics(),
            self.tr("绿色达标，红色未达标，虚线为目标；点击柱条查看依据记录"),
            self.community_chart,
        )
        self.community_page.metric_box.currentIndexChanged.connect(lambda _i: self.show_bars("community"))
        self.unit_chart = BarChart()
        self.unit_chart.bar_clicked.connect(lambda i: self._bar_clicked("unit", i))
        self.unit_page = ChartPage(
            bar_metrics(), self.tr("按承办单位统计本范围的工单；点击柱条查看依据记录"), self.unit_chart
        )
        self.unit_page.metric_box.currentIndexChanged.connect(lambda _i: self.show_bars("unit"))
        self.figure_table = RowsTable(
            [
                TableColumn(self.tr("分组"), lambda f: group_label(f.group), width=90),
                TableColumn(self.tr("指标"), lambda f: figure_label(f.key, f.label), width=190),
                TableColumn(
                    self.tr("数值"),
                    figure_value,
                    lambda f: GREY if f.value is None else None,
                    align="right",
                    width=110,
                    bold=lambda f: f.target is not None,
                ),
                TableColumn(self.tr("目标"), target_text, width=100),
                TableColumn(
                    self.tr("结果"),
                    lambda f: verdict_text(f.meets),
                    lambda f: verdict_colour(f.meets),
                    width=70,
                ),
                TableColumn(self.tr("分子 ÷ 分母"), ratio_text, align="right", width=150),
                TableColumn(self.tr("说明"), lambda f: f.note),
            ]
        )
        self.figure_table.row_activated.connect(lambda f: self.open_figure(f.key))
        self.charts.addTab(self.trend_page, self.tr("月度趋势"))
        self.charts.addTab(self.community_page, self.tr("各村（社区）"))
        self.charts.addTab(self.unit_page, self.tr("各联点单位"))
        self.charts.addTab(self.figure_table, self.tr("全部指标"))
        layout.addWidget(self.charts, 1)

        self.picker.changed.connect(self.reload)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        shortcut = QShortcut(QKeySequence("F5"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.reload)
        ctx.data_changed.connect(self._data_changed)
        ctx.ready.connect(self._lookups_changed)

    # -- scope choices ----------------------------------------------------------------------------------
    def fill_scopes(self) -> None:
        lookups = self.ctx.lookups
        township = lookups.township
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        if township is not None:
            self.scope.addItem(
                self.tr("全乡镇（街道）：{name}").format(name=township.name), Scope.township(township.id)
            )
            communities = sorted(lookups.communities.values(), key=lambda c: c.code)
            if communities:
                self.scope.insertSeparator(self.scope.count())
            for community in communities:
                self.scope.addItem(
                    self.tr("村（社区）：{name}").format(name=community.name), Scope.community(community.id)
                )
            units = sorted(lookups.units.values(), key=lambda u: u.name)
            if units:
                self.scope.insertSeparator(self.scope.count())
            for unit in units:
                self.scope.addItem(self.tr("联点单位：{name}").format(name=unit.name), Scope.unit(unit.id))
        self.scope.setCurrentIndex(max(0, self._scope_index(current)))
        self.scope.blockSignals(False)

    def _scope_index(self, scope: Scope | None) -> int:
        """The entry of ``scope`` (-1: none). ``QComboBox.findData`` does not compare Python objects."""
        for i in range(self.scope.count()):
            if scope is not None and self.scope.itemData(i) == scope:
                return i
        return -1

    def set_scope(self, scope: Scope) -> None:
        index = self._scope_index(scope)
        if index < 0:
            raise ValueError(f"no such scope: {scope}")
        self.scope.setCurrentIndex(index)

    def current_scope(self) -> Scope | None:
        scope = self.scope.currentData()
        return scope if isinstance(scope, Scope) else None

    def _lookups_changed(self) -> None:
        if self.scope.count():
            self.fill_scopes()

    # -- loading ----------------------------------------------------------------------------------------
    def start(self) -> None:
        self.picker.set_today(local_today(self.ctx.now()))
        self.fill_scopes()
        self.reload()

    def _data_changed(self, _kind: str) -> None:
        self.stale = True
        self._trend_cache.clear()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.reload()

    def reload(self) -> None:
        """Ask for the figures of the chosen period and scope: tiles first, then the charts."""
        self.stale = False
        self.generation += 1
        generation = self.generation
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self.banner.clear()
        scope = self.current_scope()
        if scope is None:
            self.info.setText(self.tr("台账中尚未建立乡镇（街道）。请生成示范数据或同步县级区划。"))
            self.tiles_shown.emit()
            return
        try:
            period = self.picker.period()
        except LedgerError as exc:
            self.banner.show_message(exc.message, "error")
            return
        self.as_of = as_of = self.ctx.now()
        self.report, self.trend, self.breakdown = None, None, None
        for tile in self.tiles.values():
            tile.show_loading()
        self.trend_page.status.setText(self.tr("正在计算…"))
        self.community_page.status.setText(self.tr("正在计算…"))
        self.unit_page.status.setText(self.tr("正在计算…"))
        self.info.setText(self.tr("正在计算 {period} 的指标…").format(period=self.picker.describe(period)))
        store = self.ctx.store
        self._tasks.append(
            self.ctx.tasks.read(
                lambda: compute_kpis(store, period, scope, as_of=as_of),
                lambda report: self._report_arrived(generation, report),
                lambda exc: self._failed(generation, exc),
                name="kpi_report",
            )
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.banner.show_message(describe_error(exc), "error")
        self.info.setText("")
        for page in (self.trend_page, self.community_page, self.unit_page):
            page.status.setText("")
        self.tiles_shown.emit()

    def _report_arrived(self, generation: int, report: KpiReport) -> None:
        if generation != self.generation:
            return
        self.report = report
        self.show_report(report)
        self.tiles_shown.emit()
        self._ask_charts(generation, report)

    def show_report(self, report: KpiReport) -> None:
        figures = report.figures
        for key, tile in self.tiles.items():
            tile.show_figure(figures.get(key), self._extra(key, report))
        self.figure_table.set_rows(list(figures.values()))
        stretch_column(self.figure_table, 6)
        local = report.as_of.astimezone(LOCAL_TZ)
        parts = [
            self.tr("{scope} · {period}（{start} 至 {end}）").format(
                scope=report.scope.name,
                period=self.picker.describe(report.period),
                start=report.period.start.isoformat(),
                end=report.period.end.isoformat(),
            ),
            self.tr("截至 {when}（北京时间）").format(when=local.strftime("%Y-%m-%d %H:%M")),
        ]
        if report.interim:
            parts.append(self.tr("适用阶段目标"))
        self.info.setText(" · ".join(parts))

    def _extra(self, key: str, report: KpiReport) -> str:
        figures = report.figures
        if key == "orders_dispatched" and "orders_withdrawn" in figures:
            return self.tr("撤回 {w} · 无效 {i} · 待定 {p}").format(
                w=figure_value(figures["orders_withdrawn"]),
                i=figure_value(figures["orders_invalid"]),
                p=figure_value(figures["response_pending"]),
            )
        if key == "mean_response_hours" and key in figures:
            figure = figures[key]
            if figure.denominator is not None:
                return self.tr("{n} 张已联系工单").format(n=int(figure.denominator))
        return ""

    def _ask_charts(self, generation: int, report: KpiReport) -> None:
        """The trend, then the breakdown: one after the other, not side by side. Both are Python-heavy;
        two such threads only fight over the GIL (a year's charts took twice as long side by side)."""
        store, period, scope, as_of = self.ctx.store, report.period, report.scope.scope, self.as_of
        # The 12 months up to the period's end, or up to this month for a period still running (a year).
        last = min(period.end, local_today(as_of))
        key = (scope, f"{last.year:04d}-{last.month:02d}")

        def trend_arrived(trend: list[Slice]) -> None:
            self._trend_arrived(generation, key, trend)
            if generation == self.generation:
                self._tasks.append(
                    self.ctx.tasks.read(
                        lambda: breakdown(store, period, scope, as_of=as_of),
                        lambda pieces: self._breakdown_arrived(generation, pieces),
                        lambda exc: self._chart_failed(generation, exc),
                        name="kpi_breakdown",
                    )
                )

        cached = self._trend_cache.get(key)
        if cached is not None:
            trend_arrived(cached)
            return
        self._tasks.append(
            self.ctx.tasks.read(
                lambda: monthly_trend(store, scope, last, TREND_MONTHS, as_of=as_of),
                trend_arrived,
                lambda exc: self._chart_failed(generation, exc),
                name="kpi_trend",
            )
        )

    def _chart_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self.banner.show_message(describe_error(exc), "error")
            for page in (self.trend_page, self.community_page, self.unit_page):
                page.status.setText("")

    def _trend_arrived(self, generation: int, key: tuple[Scope, str], trend: list[Slice]) -> None:
        if generation != self.generation:
            return
        self._trend_cache[key] = trend
        self.trend = trend
        self.show_trend()
        self._maybe_charts_shown()

    def _breakdown_arrived(self, generation: int, pieces: Breakdown) -> None:
        if generation != self.generation:
            return
        self.breakdown = pieces
        self.show_bars("community")
        self.show_bars("unit")
        self._maybe_charts_shown()

    def _maybe_charts_shown(self) -> None:
        if self.trend is not None and self.breakdown is not None:
            self.charts_shown.emit()

    @property
    def charts_ready(self) -> bool:
        return self.trend is not None and self.breakdown is not None

    # -- the charts -------------------------------------------------------------------------------------
    def trend_lines(self) -> tuple[list[str], list[Line], list[str]]:
        """Categories, lines (each rate, then its dashed target) and the figure key of each line."""
        assert self.trend is not None
        metric = self.trend_page.current_metric()
        categories = [piece.name for piece in self.trend]
        lines: list[Line] = []
        keys: list[str] = []
        for key in metric.keys:
            colour = RATE_COLOURS.get(key, QColor(ACCENT))
            figures = [piece[key] for piece in self.trend]
            lines.append(
                Line(
                    figure_label(key),
                    [chart_number(f) for f in figures],
                    colour,
                    texts=[
                        figure_value(f) + (f"（{ratio_text(f)}）" if ratio_text(f) else "") for f in figures
                    ],
                )
            )
            keys.append(key)
        for key in metric.keys:
            figures = [piece[key] for piece in self.trend]
            targets = [
                None if f.target is None else chart_number(Figure(key, "", f.unit, f.target.threshold))
                for f in figures
            ]
            if any(t is not None for t in targets):
                colour = QColor(RATE_COLOURS.get(key, QColor(ACCENT)))
                colour.setAlpha(170)
                lines.append(
                    Line(
                        self.tr("{label}目标").format(label=figure_label(key)),
                        targets,
                        colour,
                        dashed=True,
                        clickable=False,
                    )
                )
                keys.append("")
        return categories, lines, keys

    def show_trend(self) -> None:
        if self.trend is None:
            return
        categories, lines, self._trend_keys = self.trend_lines()
        metric = self.trend_page.current_metric()
        hours = metric.keys == ("mean_response_hours",)
        self.trend_chart.show_lines(
            categories,
            lines,
            percent=not hours,
            suffix=self.tr(" 小时") if hours else "",
            labels=len(metric.keys) == 1,
        )
        first, last = self.trend[0].period, self.trend[-1].period
        self.trend_page.status.setText(
            self.tr("{first} 至 {last}，共 {n} 个月").format(
                first=first.label, last=last.label, n=len(self.trend)
            )
        )

    def bar_slices(self, which: str) -> tuple[list[Slice], str]:
        """The slices of a bar chart in the order shown (furthest from the target first), and the key."""
        assert self.breakdown is not None
        page = self.community_page if which == "community" else self.unit_page
        key = page.current_metric().keys[0]
        pieces = list(self.breakdown.communities if which == "community" else self.breakdown.units)
        lower_is_better = key == "mean_response_hours"

        def order(piece: Slice) -> tuple[int, float]:
            number = piece[key].number
            if number is None:
                return (1, 0.0)
            return (0, -number if lower_is_better else number)

        pieces.sort(key=order)
        return pieces, key

    def show_bars(self, which: str) -> None:
        if self.breakdown is None:
            return
        pieces, key = self.bar_slices(which)
        page = self.community_page if which == "community" else self.unit_page
        chart = self.community_chart if which == "community" else self.unit_chart
        if not pieces:
            chart.empty_text(self.tr("本范围没有可分列的数据"))
            page.status.setText("")
            return
        figures = [piece[key] for piece in pieces]
        target = next((f.target for f in figures if f.target is not None), None)
        target_number = (
            None if target is None else chart_number(Figure(key, "", figures[0].unit, target.threshold))
        )
        name = figure_label(key)
        if target is not None:
            name = self.tr("{label}（目标 {target}）").format(label=name, target=target_text(figures[0]))
        chart.show_bars(
            [f"{piece.name}  {figure_value(f)}" for piece, f in zip(pieces, figures, strict=True)],
            [chart_number(f) for f in figures],
            [f.meets for f in figures],
            name=name,
            target=target_number,
            percent=figures[0].unit is Unit.RATE,
            colours=(GREEN, RED, QColor(ACCENT)),
        )
        missed = sum(f.meets is False for f in figures)
        if target is not None:
            text = self.tr("{n} 个，其中 {missed} 个未达标").format(n=len(pieces), missed=missed)
        else:
            text = self.tr("{n} 个").format(n=len(pieces))
        page.status.setText(text)

    # -- drill-down -------------------------------------------------------------------------------------
    def open_figure(self, key: str) -> QWidget | None:
        if self.report is None or key not in self.report.figures:
            return None
        return self._open(self.report.figures[key], self.report.scope.name)

    def _open(self, figure: Figure, where: str) -> QWidget:
        self.last_dialog = open_figure_records(self.ctx, figure, self.as_of, self, where=where)
        return self.last_dialog

    def _trend_clicked(self, line: int, month: int) -> None:
        keys = getattr(self, "_trend_keys", [])
        if (
            self.trend is None
            or not 0 <= line < len(keys)
            or not keys[line]
            or not 0 <= month < len(self.trend)
        ):
            return
        piece = self.trend[month]
        self._open(
            piece[keys[line]], self.tr("{scope} {month}").format(scope=self._scope_name(), month=piece.name)
        )

    def _bar_clicked(self, which: str, index: int) -> None:
        if self.breakdown is None:
            return
        pieces, key = self.bar_slices(which)
        if 0 <= index < len(pieces):
            self.open_bar(which, pieces[index], key)

    def open_bar(self, which: str, piece: Slice, key: str) -> QWidget:
        where = f"{self._scope_name()} · {piece.name}" if self._scope_name() != piece.name else piece.name
        return self._open(piece[key], f"{where} · {self.picker.describe(piece.period)}")

    def _scope_name(self) -> str:
        return self.report.scope.name if self.report is not None else ""

    # -- export -----------------------------------------------------------------------------------------
    def _ask_path(self, suffix: str, save: Callable[[str], None]) -> None:
        if self.report is None:
            self.banner.show_message(self.tr("指标尚未算出，请稍候再导出"), "warning")
            return
        name = safe_filename(
            self.tr("联点共建指标_{scope}_{period}").format(
                scope=self.report.scope.name, period=self.report.period.label
            )
        )
        dialog = QFileDialog(self, self.tr("导出指标"), str(Path(self._export_dir) / f"{name}.{suffix}"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(
            self.tr("Excel 工作簿 (*.xlsx)") if suffix == "xlsx" else self.tr("JSON 文件 (*.json)")
        )
        dialog.fileSelected.connect(save)
        self.last_dialog = dialog
        dialog.open()

    def export_excel(self, path: str | Path | None = None) -> None:
        """Write the figures (and the trend and breakdown, when shown) to an .xlsx; asks where if no path."""
        if path is None:
            self._ask_path("xlsx", lambda chosen: self.export_excel(chosen))
            return
        from liandian_desktop.kpi.export import report_workbook

        report, trend, pieces = self.report, self.trend or (), self.breakdown
        if report is None:
            return
        self._write(lambda: report_workbook(report, path, trend=trend, breakdown=pieces), Path(path))

    def export_json(self, path: str | Path | None = None) -> None:
        """Write ``report.to_json()`` (the CLI's ``--json``); asks where if no path."""
        if path is None:
            self._ask_path("json", lambda chosen: self.export_json(chosen))
            return
        from liandian_desktop.kpi.export import write_json

        report = self.report
        if report is None:
            return
        self._write(lambda: write_json(report.to_json(), path), Path(path))

    def _write(self, work: Callable[[], Path], path: Path) -> None:
        self._export_dir = str(path.parent)

        def done(written: Path) -> None:
            text = self.tr("已导出到 {path}").format(path=str(written))
            self.banner.show_message(text, "info")
            self.ctx.message.emit(text)

        self.ctx.tasks.read(
            work,
            done,
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="kpi_export",
            progress=self.tr("正在导出…"),
            parent=self,
        )


class KpiScreen(Screen):
    """考核指标: the dashboard, and the monthly assessment (opened on its first visit)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tabs = QTabWidget()
        self.dashboard = DashboardTab(ctx)
        self.dashboard.tiles_shown.connect(self.mark_loaded)
        self.tabs.addTab(self.dashboard, self.tr("指标看板"))
        from liandian_desktop.gui.pages.kpi_assessment import AssessmentTab

        self.assessment = AssessmentTab(ctx)
        self.tabs.addTab(self.assessment, self.tr("月度考核"))
        self.tabs.currentChanged.connect(self._tab_changed)
        header = page_header(self.tr("考核指标"))
        head = QHBoxLayout()
        head.addWidget(header)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def start(self) -> None:
        self.dashboard.start()

    def refresh(self) -> None:
        self.dashboard.refresh_if_stale()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.assessment and not self.assessment.started:
            self.assessment.start()

    def show_assessment(self) -> None:
        self.tabs.setCurrentWidget(self.assessment)
