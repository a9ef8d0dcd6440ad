"""What to print, chosen on the 打印 tab: an activity (upcoming first), a work order, a quarter, or the scope
and period of an inspection PDF. Each picker says what it has chosen as the text the core takes
(an activity or order code, ``2026-Q3``, ``community:430102001001``, ``2026-01-01..2026-03-31``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.listing import RecordList, col
from liandian_desktop.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.widgets import muted
from liandian_desktop.ledger.models import ActivityKind, OrderStatus
from liandian_desktop.ledger.services.base import ListQuery, Page
from liandian_desktop.paper.lookup import LOCAL_TZ
from liandian_desktop.paper.targets import activities_to_print


def today() -> date:
    return datetime.now(LOCAL_TZ).date()


def current_quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


class ActivityPicker(QWidget):
    """Activities of the township, from today on, soonest first; 含已结束的活动 lists all, latest first."""

    changed = Signal(object)  # the chosen activity, or None
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind: ActivityKind | None = None  # only this kind (志愿服务 for the volunteer sheet)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.list = RecordList(
            ctx.tasks,
            self.fetch,
            [
                col(self.tr("开始时间"), "starts_at", sortable=False, width=112),
                col(self.tr("活动名称"), "title", sortable=False, width=150),
                col(self.tr("类型"), "kind", sortable=False, width=62),
                col(self.tr("编号"), "code", sortable=False),
            ],
            search_placeholder=self.tr("搜索名称、编号、地点"),
            base_filters=self.base_filters,
        )
        self.list.table.horizontalHeader().setSortIndicatorShown(False)
        self.past = QCheckBox(self.tr("含已结束的活动"))
        self.past.setToolTip(self.tr("打印测评表或补打签到表时，勾选后可选择已经结束的活动"))
        self.past.toggled.connect(lambda _on: self.list.reload())
        self.list.toolbar.addWidget(self.past)
        self.list.selection_changed.connect(self.changed.emit)
        self.list.loaded.connect(lambda _n: self.loaded.emit())
        layout.addWidget(self.list, 1)

    def base_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {}
        if self.ctx.township is not None:
            filters["township_id"] = self.ctx.township.id
        if self.kind is not None:
            filters["kind"] = self.kind
        return filters

    def fetch(self, query: ListQuery) -> Page[Any]:
        """Read pool. Upcoming: from the start of today (a sheet for this morning's meeting is still due)."""
        since = None if self.past.isChecked() else datetime.combine(today(), time(0), LOCAL_TZ)
        return activities_to_print(self.ctx.store, query, since=since)

    def set_kind(self, kind: ActivityKind | None) -> None:
        if kind != self.kind:
            self.kind = kind
            self.list.reload()

    def reload(self) -> None:
        self.list.reload()

    def current(self) -> Any:
        return self.list.current()

    def show_activity(self, activity: Any) -> None:
        """Bring ``activity`` into the list (even a past one) and select it."""
        if activity.starts_at < datetime.combine(today(), time(0), LOCAL_TZ) and not self.past.isChecked():
            self.past.blockSignals(True)
            self.past.setChecked(True)
            self.past.blockSignals(False)
            self.list.reload()
        if not self.list.select_id(activity.id):
            self.list.select_row(self.list.model.upsert(activity, is_new=False))


class OrderPicker(QWidget):
    """Work orders for an evaluation form: those resolved and waiting for the resident's rating by default."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = RecordList(
            ctx.tasks,
            ctx.orders.list,
            [
                col(self.tr("点单时间"), "ordered_at", width=112),
                col(self.tr("事项"), "title", width=160),
                col(self.tr("状态"), "status", width=60),
                col(self.tr("编号"), "code"),
            ],
            search_placeholder=self.tr("搜索事项、编号、点单人"),
            base_filters=self.base_filters,
        )
        self.list.set_initial_sort("ordered_at", descending=True)
        self.status = QComboBox()
        self.status.setObjectName("OrderStatus")
        self._statuses: list[OrderStatus | None] = [OrderStatus.RESOLVED, None]
        self.status.addItem(self.tr("待评单（已办结）"))
        self.status.addItem(self.tr("全部工单"))
        self.status.currentIndexChanged.connect(lambda _i: self.list.reload())
        self.list.toolbar.addWidget(self.status)
        self.list.selection_changed.connect(self.changed.emit)
        layout.addWidget(self.list, 1)

    def base_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {}
        if self.ctx.township is not None:
            filters["township_id"] = self.ctx.township.id
        status = self._statuses[max(0, self.status.currentIndex())]
        if status is not None:
            filters["status"] = status
        return filters

    def reload(self) -> None:
        self.list.reload()

    def current(self) -> Any:
        return self.list.current()

    def show_order(self, order: Any) -> None:
        if order.status != OrderStatus.RESOLVED and self.status.currentIndex() == 0:
            self.status.setCurrentIndex(1)
        if not self.list.select_id(order.id):
            self.list.select_row(self.list.model.upsert(order, is_new=False))


class QuarterPicker(QWidget):
    """A quarter for the supply–demand meeting's matching list (this quarter by default)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 6, 0, 0)
        year, quarter = current_quarter(today())
        row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.quarter = QComboBox()
        for n in range(1, 5):
            self.quarter.addItem(self.tr("第 {n} 季度").format(n=n))
        self.quarter.setCurrentIndex(quarter - 1)
        row.addWidget(self.year)
        row.addWidget(self.quarter)
        row.addStretch(1)
        form.addRow(self.tr("季度"), row)
        note = muted(
            self.tr("列出本季度所有待对接和已匹配的需求及匹配建议，供供需对接会逐条勾选“同意”或“否决”。")
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.year.valueChanged.connect(lambda _v: self.changed.emit())
        self.quarter.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> str:
        return f"{self.year.value()}-Q{self.quarter.currentIndex() + 1}"


class InspectionPicker(QWidget):
    """The scope (the township, a community, a paired unit) and the period of an inspection PDF."""

    changed = Signal()

    SCOPES = ("township", "community", "unit")
    PERIODS = ("quarter", "month", "year", "range")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = QFormLayout(self)
        form.setContentsMargins(0, 6, 0, 0)
        self.scope_kind = QComboBox()
        self.scope_kind.setObjectName("ScopeKind")
        for text in (self.tr("全乡镇（街道）"), self.tr("一个村（社区）"), self.tr("一个联点单位")):
            self.scope_kind.addItem(text)
        self.scope_which = QComboBox()
        self.scope_which.setObjectName("ScopeWhich")
        self.scope_which.setMinimumContentsLength(12)
        self._which: list[str] = []
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_kind)
        scope_row.addWidget(self.scope_which, 1)
        form.addRow(self.tr("范围"), scope_row)

        self.period_kind = QComboBox()
        self.period_kind.setObjectName("PeriodKind")
        for text in (self.tr("季度"), self.tr("月份"), self.tr("全年"), self.tr("起止日期")):
            self.period_kind.addItem(text)
        year, quarter = current_quarter(today())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.quarter = QComboBox()
        for n in range(1, 5):
            self.quarter.addItem(self.tr("第 {n} 季度").format(n=n))
        self.quarter.setCurrentIndex(quarter - 1)
        self.month = QComboBox()
        for n in range(1, 13):
            self.month.addItem(self.tr("{n} 月").format(n=n))
        self.month.setCurrentIndex(today().month - 1)
        period_row = QHBoxLayout()
        for widget in (self.period_kind, self.year, self.quarter, self.month):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        form.addRow(self.tr("期间"), period_row)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        first = QDate(year, (quarter - 1) * 3 + 1, 1)
        self.start.setDate(first)
        self.end.setDate(QDate.currentDate())
        range_row = QHBoxLayout()
        range_row.addWidget(self.start)
        self.range_dash = QLabel("—")
        range_row.addWidget(self.range_dash)
        range_row.addWidget(self.end)
        range_row.addStretch(1)
        self.range_label = QLabel(self.tr("起止"))
        form.addRow(self.range_label, range_row)
        note = muted(
            self.tr(
                "督查材料含封面、目录、台账概况、指标及目标、工单办理过程、活动签到、测评结果和志愿服务，"
                "均取自台账；页数多时在后台生成，可随时取消。"
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.form = form

        self.scope_kind.currentIndexChanged.connect(lambda _i: self._scope_kind_changed())
        self.period_kind.currentIndexChanged.connect(lambda _i: self._period_kind_changed())
        for signal in (
            self.scope_which.currentIndexChanged,
            self.year.valueChanged,
            self.quarter.currentIndexChanged,
            self.month.currentIndexChanged,
            self.start.dateChanged,
            self.end.dateChanged,
        ):
            signal.connect(lambda *_: self.changed.emit())
        self._scope_kind_changed()
        self._period_kind_changed()

    # -- scope ---------------------------------------------------------------------------------------------
    def fill(self) -> None:
        """(Re)fill the community and unit choices from the lookups."""
        self._scope_kind_changed()

    def _scope_kind_changed(self) -> None:
        kind = self.SCOPES[self.scope_kind.currentIndex()]
        lookups = self.ctx.lookups
        self.scope_which.blockSignals(True)
        self.scope_which.clear()
        self._which = []
        if kind == "community":
            for community in lookups.communities.values():
                self.scope_which.addItem(community.name)
                self._which.append(community.code)
        elif kind == "unit":
            for unit in lookups.units.values():
                self.scope_which.addItem(unit.name)
                self._which.append(unit.name)
        self.scope_which.setEnabled(bool(self._which))
        self.scope_which.setVisible(kind != "township")
        self.scope_which.blockSignals(False)
        self.changed.emit()

    def scope(self) -> str:
        kind = self.SCOPES[self.scope_kind.currentIndex()]
        if kind == "township":
            return "township"
        index = self.scope_which.currentIndex()
        if not 0 <= index < len(self._which):
            return ""
        return f"{kind}:{self._which[index]}"

    def scope_text(self) -> str:
        if self.SCOPES[self.scope_kind.currentIndex()] == "township":
            township = self.ctx.township
            return township.name if township is not None else self.tr("全乡镇（街道）")
        return self.scope_which.currentText()

    def select_scope(self, kind: str, record_id: uuid.UUID) -> None:
        """Choose a community or unit by id (the overview and tests)."""
        self.scope_kind.setCurrentIndex(self.SCOPES.index(kind))
        lookups = self.ctx.lookups
        community = lookups.communities.get(record_id)
        unit = lookups.units.get(record_id)
        key = community.code if community is not None else (unit.name if unit is not None else None)
        if key is not None and key in self._which:
            self.scope_which.setCurrentIndex(self._which.index(key))

    # -- period --------------------------------------------------------------------------------------------
    def _period_kind_changed(self) -> None:
        kind = self.PERIODS[self.period_kind.currentIndex()]
        self.year.setVisible(kind in ("quarter", "month", "year"))
        self.quarter.setVisible(kind == "quarter")
        self.month.setVisible(kind == "month")
        for widget in (self.start, self.end, self.range_dash, self.range_label):
            widget.setVisible(kind == "range")
        self.changed.emit()

    def period(self) -> str:
        kind = self.PERIODS[self.period_kind.currentIndex()]
        year = self.year.value()
        if kind == "quarter":
            return f"{year}-Q{self.quarter.currentIndex() + 1}"
        if kind == "month":
            return f"{year}-{self.month.currentIndex() + 1:02d}"
        if kind == "year":
            return str(year)
        start, end = self.start.date().toString("yyyy-MM-dd"), self.end.date().toString("yyyy-MM-dd")
        return f"{start}..{end}"

    def set_period(self, text: str) -> None:
        """``2026``, ``2026-Q3``, ``2026-03`` or ``2026-01-01..2026-03-31`` (tests, links)."""
        if ".." in text:
            first, last = text.split("..", 1)
            self.period_kind.setCurrentIndex(3)
            self.start.setDate(QDate.fromString(first, "yyyy-MM-dd"))
            self.end.setDate(QDate.fromString(last, "yyyy-MM-dd"))
        elif "-Q" in text.upper():
            year, quarter = text.upper().split("-Q")
            self.period_kind.setCurrentIndex(0)
            self.year.setValue(int(year))
            self.quarter.setCurrentIndex(int(quarter) - 1)
        elif "-" in text:
            year, month = text.split("-")
            self.period_kind.setCurrentIndex(1)
            self.year.setValue(int(year))
            self.month.setCurrentIndex(int(month) - 1)
        else:
            self.period_kind.setCurrentIndex(2)
            self.year.setValue(int(text))
