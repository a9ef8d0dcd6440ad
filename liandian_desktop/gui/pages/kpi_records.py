"""What the KPI screens share: how a figure reads (its value, target and verdict, in the UI language), a
small table model over rows already in memory, and the drill-down: a figure's (or an indicator's) records
with the one-line reason each, and, for a work order, why it counts as it does (``explain_order``) with a
link to the order in the 工单 screen.

Records that the engine builds on demand (a township year has tens of thousands) are read on the read pool.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import describe_error
from liandian_desktop.gui.theme import AMBER, GREEN, GREY, RED, app_font
from liandian_desktop.gui.widgets import Banner, SearchBox, muted
from liandian_desktop.kpi import Figure, RecordRef, Role, Unit
from liandian_desktop.kpi.figures import format_value, plain

Index = QModelIndex | QPersistentModelIndex

# Where a record of each kind opens (the page's ``show_record``); other kinds have no page of their own.
PAGE_OF_KIND = {
    "work_order": "orders",
    "activity": "activities",
    "resident": "residents",
    "volunteer": "volunteers",
    "community": "org",
}


# -- how figures read ----------------------------------------------------------------------------------


def figure_label(key: str, fallback: str = "") -> str:
    """The figure's name in the UI language (the engine names it in Chinese)."""
    labels = {
        "orders_received": translate("KpiFigure", "收到工单（点单）"),
        "orders_dispatched": translate("KpiFigure", "派出工单"),
        "orders_withdrawn": translate("KpiFigure", "其中已撤回"),
        "orders_invalid": translate("KpiFigure", "其中无效"),
        "response_pending": translate("KpiFigure", "待定（未联系、未到时限）"),
        "response_rate": translate("KpiFigure", "响应率"),
        "response_overdue": translate("KpiFigure", "超时未联系"),
        "mean_response_hours": translate("KpiFigure", "平均响应时长"),
        "orders_evaluated": translate("KpiFigure", "已评价工单"),
        "evaluations_excluded": translate("KpiFigure", "已撤回或无效工单的测评"),
        "resolution_rate": translate("KpiFigure", "解决率"),
        "satisfaction_rate": translate("KpiFigure", "满意率"),
        "evaluation_rate": translate("KpiFigure", "评价率"),
        "third_party_satisfaction_rate": translate("KpiFigure", "第三方测评满意率"),
        "activity_satisfaction_rate": translate("KpiFigure", "活动满意率"),
        "paired_coverage": translate("KpiFigure", "结对覆盖率"),
        "units_per_community": translate("KpiFigure", "每村（社区）联点单位数"),
        "key_communities_two_units": translate("KpiFigure", "重点社区双联点率"),
        "special_groups_served": translate("KpiFigure", "特殊群体服务覆盖率"),
        "volunteer_share": translate("KpiFigure", "志愿者占常住人口比例"),
        "attendances_per_resident": translate("KpiFigure", "人均参与活动次数"),
        "frequent_participant_share": translate("KpiFigure", "经常参与居民占比"),
        "service_compliance": translate("KpiFigure", "服务频次达标度"),
        "services_met_share": translate("KpiFigure", "服务频次达标率"),
        "cadre_days_per_cadre": translate("KpiFigure", "人均蹲点天数"),
        "cadre_days_met": translate("KpiFigure", "蹲点达标率"),
        "training_hours_per_worker": translate("KpiFigure", "人均培训时长"),
        "training_met": translate("KpiFigure", "培训达标率"),
        "fund_allocated": translate("KpiFigure", "拨付经费"),
        "fund_spent": translate("KpiFigure", "支出经费"),
        "fund_use_rate": translate("KpiFigure", "经费使用率"),
        "fund_per_resident": translate("KpiFigure", "人均拨付经费"),
        # assessment indicators
        "service_frequency": translate("KpiFigure", "服务频次"),
        "response_speed": translate("KpiFigure", "响应速度"),
        "ledger_completeness": translate("KpiFigure", "台账完整"),
        "meetings": translate("KpiFigure", "会议出席"),
        "cadre_days": translate("KpiFigure", "蹲点天数"),
        "training": translate("KpiFigure", "培训时长"),
        "third_party": translate("KpiFigure", "第三方测评"),
        "innovation": translate("KpiFigure", "创新加分"),
    }
    return labels.get(key, fallback or key)


# The engine's group names, listed for lupdate; ``group_label`` looks the engine's text up at run time.
GROUPS = (
    QT_TRANSLATE_NOOP("KpiFigure", "闭环工单"),
    QT_TRANSLATE_NOOP("KpiFigure", "结对覆盖"),
    QT_TRANSLATE_NOOP("KpiFigure", "群众参与"),
    QT_TRANSLATE_NOOP("KpiFigure", "服务频次"),
    QT_TRANSLATE_NOOP("KpiFigure", "队伍建设"),
    QT_TRANSLATE_NOOP("KpiFigure", "经费保障"),
)


def group_label(group: str) -> str:
    return translate("KpiFigure", group)


def role_label(role: Role) -> str:
    return {
        Role.HIT: translate("KpiRecords", "计入分子"),
        Role.MISS: translate("KpiRecords", "仅计入分母"),
        Role.PART: translate("KpiRecords", "计入合计"),
        Role.EXCLUDED: translate("KpiRecords", "不计入（单列）"),
        Role.PENDING: translate("KpiRecords", "待定（暂不计入）"),
    }[role]


def role_colour(role: Role) -> QColor | None:
    return {Role.HIT: GREEN, Role.MISS: RED, Role.EXCLUDED: GREY, Role.PENDING: AMBER}.get(role)


def no_data() -> str:
    return translate("KpiFigure", "无数据")


def number_text(value: Fraction | None, unit: Unit) -> str:
    """A value as the engine rounds it (``figures.format_value``), with the unit in the UI language."""
    if value is None:
        return no_data()
    if unit in (Unit.RATE, Unit.COUNT, Unit.RATIO):
        return format_value(value, unit)
    number = format_value(value, Unit.RATIO)
    suffix = {
        Unit.HOURS: translate("KpiFigure", "{n} 小时"),
        Unit.DAYS: translate("KpiFigure", "{n} 天"),
        Unit.TIMES: translate("KpiFigure", "{n} 次"),
        Unit.YUAN: translate("KpiFigure", "{n} 元"),
    }[unit]
    return suffix.format(n=number)


def figure_value(figure: Figure) -> str:
    return number_text(figure.value, figure.unit)


def target_text(figure: Figure) -> str:
    """'≥ 95.0%' / '≤ 24 小时'; '' without a target."""
    if figure.target is None:
        return ""
    op = "≥" if figure.target.at_least else "≤"
    return f"{op} {number_text(figure.target.threshold, figure.unit)}"


def verdict_text(meets: bool | None) -> str:
    if meets is None:
        return ""
    return translate("KpiFigure", "达标") if meets else translate("KpiFigure", "未达标")


def verdict_colour(meets: bool | None) -> QColor | None:
    return None if meets is None else (GREEN if meets else RED)


def ratio_text(figure: Figure) -> str:
    """'699 ÷ 755' for a figure that is a quotient; '' otherwise."""
    if figure.numerator is None or figure.denominator is None:
        return ""
    return f"{plain(figure.numerator)} ÷ {plain(figure.denominator)}"


def figure_head(figure: Figure) -> list[str]:
    """The lines above a figure's records: value, quotient, definition, target basis, note."""
    value = figure_value(figure)
    target = target_text(figure)
    first = translate("KpiRecords", "{label}：{value}").format(
        label=figure_label(figure.key, figure.label), value=value
    )
    if target:
        first += translate("KpiRecords", "（目标 {target}{verdict}）").format(
            target=target,
            verdict=("，" + verdict_text(figure.meets)) if figure.meets is not None else "",
        )
    lines = [first]
    if ratio_text(figure):
        lines.append(translate("KpiRecords", "= {ratio}").format(ratio=ratio_text(figure)))
    if figure.definition:
        lines.append(translate("KpiRecords", "口径：{text}").format(text=figure.definition))
    if figure.target is not None and figure.target.basis:
        lines.append(translate("KpiRecords", "目标依据：{text}").format(text=figure.target.basis))
    if figure.note:
        lines.append(translate("KpiRecords", "说明：{text}").format(text=figure.note))
    return lines


# -- a table over rows in memory -----------------------------------------------------------------------


@dataclass(frozen=True)
class TableColumn:
    header: str
    text: Callable[[Any], str]
    colour: Callable[[Any], QColor | None] | None = None
    align: str = "left"
    width: int = 0
    bold: Callable[[Any], bool] | None = None
    background: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str] | None = None  # default: the cell's text (long texts are elided)


_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "center": Qt.AlignmentFlag.AlignCenter,
}


class RowsModel(QAbstractTableModel):
    """Rows already in memory (a report's figures, a month's units, a figure's records)."""

    def __init__(self, columns: Sequence[TableColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def text(self, row: int, column: int) -> str:
        return self.columns[column].text(self.rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(row)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            return column.background(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[column.align]
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            return app_font(bold=True)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN[self.columns[section].align]
        return None


class RowsTable(QTableView):
    """A read-only table of a :class:`RowsModel`: Enter or a double click opens the row."""

    row_activated = Signal(object)
    current_changed = Signal(object)

    def __init__(self, columns: Sequence[TableColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = RowsModel(columns, self)
        self.setModel(self.rows_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for i, column in enumerate(columns):
            if column.width:
                header.resizeSection(i, column.width)
        self.doubleClicked.connect(lambda index: self._open(index.row()))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(self.rows_model.row(current.row()))
        )

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.rows_model.set_rows(rows)

    def current(self) -> Any:
        index = self.currentIndex()
        return self.rows_model.row(index.row()) if index.isValid() else None

    def select(self, row: int) -> None:
        self.selectRow(row)
        self.setCurrentIndex(self.rows_model.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def _open(self, row: int) -> None:
        record = self.rows_model.row(row)
        if record is not None:
            self.row_activated.emit(record)


def stretch_column(table: QTableView, column: int) -> None:
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


# -- the drill-down ------------------------------------------------------------------------------------


class RecordsDialog(QDialog):
    """A figure's records: role, code, the engine's one-line reason. Filter by role or search; a work order
    opens its explanation, other records their page."""

    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        head: Sequence[str],
        load: Callable[[], Sequence[RecordRef]],
        as_of: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.as_of = as_of
        self.records: tuple[RecordRef, ...] = ()
        self.is_loaded = False
        self.explanation: ExplanationDialog | None = None
        self.setWindowTitle(title)
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        heading = QLabel(head[0] if head else title)
        heading.setFont(app_font(12, bold=True))
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(heading)
        self.head_text = "\n".join(head)
        if len(head) > 1:
            more = muted("\n".join(head[1:]))
            more.setWordWrap(True)
            more.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(more)
        self.banner = Banner()
        layout.addWidget(self.banner)
        bar = QHBoxLayout()
        self.role_filter = QComboBox()
        self.role_filter.setMinimumWidth(180)
        self.role_filter.currentIndexChanged.connect(lambda _i: self._apply())
        bar.addWidget(self.role_filter)
        self.search = SearchBox(self.tr("搜索编号或原因"))
        self.search.search_changed.connect(lambda _t: self._apply())
        bar.addWidget(self.search)
        bar.addStretch(1)
        self.count = muted(self.tr("正在读取记录…"))
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.table = RowsTable(
            [
                TableColumn(
                    self.tr("计入方式"),
                    lambda r: role_label(r.role),
                    lambda r: role_colour(r.role),
                    width=130,
                ),
                TableColumn(self.tr("记录"), lambda r: r.code, width=170),
                TableColumn(self.tr("原因"), lambda r: r.reason),
            ]
        )
        self.table.row_activated.connect(self.open_record)
        self.table.current_changed.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.reason = QLabel("")  # the whole reason of the selected record (the column elides it)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setMinimumHeight(36)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.hint = muted(self.tr("双击工单查看其计入说明。"))
        buttons.addWidget(self.hint, 1)
        self.explain_button = QPushButton(self.tr("查看计入说明"))
        self.explain_button.clicked.connect(lambda: self.explain(self.table.current()))
        self.go_button = QPushButton(self.tr("打开记录所在页面"))
        self.go_button.clicked.connect(lambda: self.go(self.table.current()))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        for button in (self.explain_button, self.go_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._update_buttons(None)
        ctx.tasks.read(lambda: tuple(load()), self._arrived, self._failed, name="kpi_records", parent=self)

    # -- loading ----------------------------------------------------------------------------------------
    def _arrived(self, records: tuple[RecordRef, ...]) -> None:
        self.records = records
        counts: dict[Role, int] = {}
        for r in records:
            counts[r.role] = counts.get(r.role, 0) + 1
        self.role_filter.blockSignals(True)
        self.role_filter.clear()
        self.role_filter.addItem(self.tr("全部（{n}）").format(n=len(records)), None)
        for role in Role:
            if role in counts:
                self.role_filter.addItem(f"{role_label(role)}（{counts[role]}）", role)
        self.role_filter.blockSignals(False)
        self._apply()
        self.is_loaded = True
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")
        self.count.setText("")
        self.is_loaded = True
        self.loaded.emit()

    def _apply(self) -> None:
        role = self.role_filter.currentData()
        text = self.search.text().strip().lower()
        rows = [
            r
            for r in self.records
            if (role is None or r.role == role) and (not text or text in r.code.lower() or text in r.reason)
        ]
        self.table.set_rows(rows)
        if not self.records:
            self.count.setText(self.tr("这项指标没有依据记录"))
        elif len(rows) == len(self.records):
            self.count.setText(self.tr("共 {n} 条").format(n=len(rows)))
        else:
            self.count.setText(self.tr("显示 {shown} / {n} 条").format(shown=len(rows), n=len(self.records)))
        if rows:
            self.table.select(0)
        self._update_buttons(self.table.current())

    def show_role(self, role: Role | None) -> None:
        """Show only the records playing ``role`` (None: all)."""
        for i in range(self.role_filter.count()):
            if self.role_filter.itemData(i) == role:
                self.role_filter.setCurrentIndex(i)
                return

    def shown_records(self) -> list[RecordRef]:
        return list(self.table.rows_model.rows)

    def _update_buttons(self, record: RecordRef | None) -> None:
        self.reason.setText(f"{record.code}：{record.reason}" if record is not None else "")
        self.explain_button.setEnabled(record is not None and record.kind == "work_order" and bool(record.id))
        self.go_button.setEnabled(
            record is not None and record.id is not None and record.kind in PAGE_OF_KIND
        )

    # -- opening a record -------------------------------------------------------------------------------
    def open_record(self, record: RecordRef) -> None:
        if record.kind == "work_order" and record.id is not None:
            self.explain(record)
        elif record.id is not None and record.kind in PAGE_OF_KIND:
            self.go(record)

    def explain(self, record: RecordRef | None) -> None:
        if record is None or record.id is None or record.kind != "work_order":
            return
        from liandian_desktop.kpi import explain_order

        store, order_id, as_of = self.ctx.store, record.id, self.as_of

        def arrived(explanation: Any) -> None:
            dialog = ExplanationDialog(self.ctx, explanation.code, explanation.text(), order_id, self)
            dialog.navigated.connect(self.close)
            self.explanation = dialog
            dialog.show()

        self.ctx.tasks.read(
            lambda: explain_order(store, order_id, as_of=as_of),
            arrived,
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="explain_order",
        )

    def go(self, record: RecordRef | None) -> None:
        if record is None or record.id is None or record.kind not in PAGE_OF_KIND:
            return
        self.ctx.navigate(PAGE_OF_KIND[record.kind], record.id)
        self.close()


class ExplanationDialog(QDialog):
    """Why one order counts as it does (the engine's lines), and a way to the order itself."""

    navigated = Signal()

    def __init__(
        self, ctx: AppContext, code: str, text: str, order_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.setWindowTitle(self.tr("工单 {code} 的计入说明").format(code=code))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("工单 {code} 为何这样计入").format(code=code))
        heading.setFont(app_font(12, bold=True))
        layout.addWidget(heading)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self.tr("在工单页中打开"))
        self.open_button.setObjectName("Primary")
        self.open_button.clicked.connect(self.open_order)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def open_order(self) -> None:
        self.ctx.navigate("orders", self.order_id)
        self.close()
        self.navigated.emit()


def open_figure_records(
    ctx: AppContext, figure: Figure, as_of: datetime, parent: QWidget, *, where: str = ""
) -> RecordsDialog:
    """The drill-down of one figure (a tile, a bar, a point, a row of the figure table)."""
    label = figure_label(figure.key, figure.label)
    title = translate("KpiRecords", "{label}的依据记录").format(label=label)
    if where:
        title = translate("KpiRecords", "{where} · {title}").format(where=where, title=title)
    head = figure_head(figure)
    if where:
        head[0] = f"{where}　{head[0]}"
    dialog = RecordsDialog(ctx, title, head, lambda: figure.records, as_of, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
