"""The import preview: every row of the workbook with its fate (新增 / 更新 / 跳过 / 拒绝) and the reason,
before anything is written.

A roster of 20,000 rows must not freeze the window: the table is a model over the plan's own rows (no copy,
no proxy model); the filter by fate keeps a list of the rows of that fate, and cell texts are made only for
the rows being painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QButtonGroup,
    QColor,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.theme import ACCENT, GREEN, GREY, RED, app_font
from liandian_desktop.gui.widgets import muted, primary_button

if TYPE_CHECKING:
    from liandian_desktop.excel import ImportPlan, PlannedRow

Index = QModelIndex | QPersistentModelIndex
ROW, FATE, RECORD, DETAIL = range(4)
FATES = ("add", "update", "skip", "refuse")  # excel.Fate values, in the order the preview shows them
BLUE = QColor(ACCENT)
FATE_COLORS = {"add": GREEN, "update": BLUE, "skip": GREY, "refuse": RED}


def fate_label(fate: str) -> str:
    return {
        "add": translate("ImportPreview", "新增"),
        "update": translate("ImportPreview", "更新"),
        "skip": translate("ImportPreview", "跳过"),
        "refuse": translate("ImportPreview", "拒绝"),
    }[fate]


def row_detail(row: PlannedRow) -> str:
    """What the 说明 column says: the refusal reasons with row and column, what an update changes, or why a
    row is skipped (the Excel module words them in Chinese)."""
    if row.fate == "update":
        changes = translate("ImportPreview", "；").join(str(c) for c in row.changes)
        if row.matched:
            return translate("ImportPreview", "更新台账中的“{matched}”：{changes}").format(
                matched=row.matched, changes=changes
            )
        return changes
    return row.reason


def row_cells(row: PlannedRow, count: int = 4) -> str:
    """The first cells of a row with no name to show it by, as they are in the file."""
    texts = [" ".join(str(c).split()) for c in row.cells if c is not None and str(c).strip()]
    return translate("ImportPreview", "；").join(texts[:count])


class PlanModel(QAbstractTableModel):
    """The rows of an import plan, all of them or those of one fate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.fate: str | None = None
        self.rows: list[PlannedRow] = []
        self._bold = app_font(bold=True)
        self.headers = [
            translate("ImportPreview", "行号"),
            translate("ImportPreview", "结果"),
            translate("ImportPreview", "记录"),
            translate("ImportPreview", "说明（问题所在的行和列）"),
        ]

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan, self.fate = plan, None
        self.rows = list(plan.rows) if plan is not None else []
        self.endResetModel()

    def set_fate(self, fate: str | None) -> None:
        """Show only the rows of ``fate`` (None: every row)."""
        if self.plan is None:
            return
        self.beginResetModel()
        self.fate = fate
        rows = self.plan.rows
        self.rows = list(rows) if fate is None else [r for r in rows if r.fate == fate]
        self.endResetModel()

    def texts(self, row: int) -> list[str]:
        return [str(self.data(self.index(row, c)) or "") for c in range(self.columnCount())]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ROW:
                return row.row
            if column == FATE:
                return fate_label(row.fate)
            if column == RECORD:
                return row.label or row_cells(row)
            return row_detail(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == FATE:
                return FATE_COLORS[row.fate]
            if column == RECORD and not row.label:
                return GREY
            if column == DETAIL and row.fate == "refuse":
                return RED
            return None
        if role == Qt.ItemDataRole.FontRole and column == FATE:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == ROW:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if column == FATE:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAIL:
            if row.problems:
                return "\n".join(str(p) for p in row.problems)
            if row.fate == "update":
                return "\n".join(str(c) for c in row.changes)
            return row.note or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None


class PreviewStep(QWidget):
    """Step 3: the counts per fate (each a filter), the rows, and 确认导入 / 保存拒绝清单."""

    back_requested = Signal()
    recheck_requested = Signal()
    refusals_requested = Signal()
    commit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.source = QLabel()
        self.source.setObjectName("PreviewSource")
        self.source.setWordWrap(True)
        layout.addWidget(self.source)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[str | None, QPushButton] = {}
        for fate in (None, *FATES):
            button = QPushButton()
            button.setCheckable(True)
            button.setObjectName(f"fate_{fate or 'all'}")
            if fate is not None:
                color = FATE_COLORS[fate].name()
                button.setStyleSheet(
                    f"QPushButton {{ color: {color}; font-weight: bold; }}"
                    f"QPushButton:checked {{ background: {color}; color: white; border: 1px solid {color};"
                    " border-radius: 3px; }"
                )
            button.clicked.connect(lambda _checked=False, f=fate: self.show_fate(f))
            self.filters.addButton(button)
            self.filter_buttons[fate] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.blank_note = muted()
        bar.addWidget(self.blank_note)
        layout.addLayout(bar)

        self.model = PlanModel(self)
        self.table = QTableView()
        self.table.setObjectName("PreviewTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never sized from 20,000 rows
        metrics = header.fontMetrics()
        for column, width in ((ROW, 64), (FATE, 64), (RECORD, 230)):
            header.resizeSection(
                column, max(width, metrics.horizontalAdvance(self.model.headers[column]) + 24)
            )
        layout.addWidget(self.table, 1)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        layout.addWidget(self.detail)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_row(current.row())
        )
        self.model.modelReset.connect(lambda: self.show_row(-1))

        self.note = muted(
            translate(
                "ImportPreview",
                "确认导入之前，台账不会有任何改动。被拒绝的行不会导入：可保存拒绝清单发回村（社区），"
                "修改后直接导入修改后的文件。",
            )
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(translate("ImportPreview", "← 修改列对应"))
        self.back_button.clicked.connect(self.back_requested)
        self.recheck_button = QPushButton(translate("ImportPreview", "重新检查"))
        self.recheck_button.setToolTip(
            translate("ImportPreview", "按相同的设置重新读取文件并检查（文件或台账有改动时）")
        )
        self.recheck_button.clicked.connect(self.recheck_requested)
        self.refusals_button = QPushButton(translate("ImportPreview", "保存拒绝清单…"))
        self.refusals_button.setObjectName("save_refusals")
        self.refusals_button.clicked.connect(self.refusals_requested)
        self.commit_button = primary_button(translate("ImportPreview", "确认导入"))
        self.commit_button.clicked.connect(self.commit_requested)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.refusals_button)
        buttons.addStretch(1)
        buttons.addWidget(self.commit_button)
        layout.addLayout(buttons)

    def show_plan(self, plan: ImportPlan, kind_label: str) -> None:
        counts = {fate.value: n for fate, n in plan.counts().items()}
        self.counts = counts
        self.source.setText(
            translate(
                "ImportPreview", "{kind}：{file}，工作表“{sheet}”，第 {row} 行为表头，共 {total} 行数据"
            ).format(
                kind=kind_label,
                file=plan.source.name,
                sheet=plan.sheet,
                row=plan.header_row,
                total=len(plan.rows),
            )
        )
        self.filter_buttons[None].setText(translate("ImportPreview", "全部 {n}").format(n=len(plan.rows)))
        for fate in FATES:
            self.filter_buttons[fate].setText(f"{fate_label(fate)} {counts[fate]}")
        ignored = []
        if plan.blank_rows:
            ignored.append(translate("ImportPreview", "{n} 行空行或重复表头已忽略").format(n=plan.blank_rows))
        if plan.ignored_columns:
            ignored.append(
                translate("ImportPreview", "未导入的列：{columns}").format(
                    columns=translate("ImportPreview", "、").join(plan.ignored_columns)
                )
            )
        self.blank_note.setText(translate("ImportPreview", "；").join(ignored))
        self.blank_note.setToolTip(self.blank_note.text())
        self.model.set_plan(plan)
        self.filter_buttons[None].setChecked(True)
        writes = counts["add"] + counts["update"]
        self.commit_button.setEnabled(writes > 0 and not plan.committed)
        if writes:
            self.commit_button.setText(
                translate("ImportPreview", "确认导入（新增 {add} 条，更新 {update} 条）").format(
                    add=counts["add"], update=counts["update"]
                )
            )
        else:
            self.commit_button.setText(translate("ImportPreview", "没有可导入的行"))
        self.refusals_button.setEnabled(counts["refuse"] > 0)
        if counts["refuse"]:
            self.show_fate("refuse")  # what needs attention first

    def show_fate(self, fate: str | None) -> None:
        self.filter_buttons[fate].setChecked(True)
        self.model.set_fate(fate)
        if self.model.rowCount():
            self.table.scrollToTop()

    def show_row(self, index: int) -> None:
        """The selected row's reason in full (the table cuts long ones short)."""
        if not 0 <= index < len(self.model.rows):
            self.detail.hide()
            return
        row = self.model.rows[index]
        text = row_detail(row)
        if not text:
            self.detail.hide()
            return
        who = row.label or row_cells(row)
        if row.problems:  # the reasons name the row and the column already
            shown = translate("ImportPreview", "{who}：{text}").format(who=who, text=text)
        else:
            shown = translate("ImportPreview", "第 {row} 行（{who}）：{text}").format(
                row=row.row, who=who, text=text
            )
        self.detail.setText(shown)
        self.detail.setStyleSheet(f"color: {FATE_COLORS[row.fate].name()};")
        self.detail.show()

    def set_busy(self, busy: bool) -> None:
        for button in (self.back_button, self.recheck_button, self.commit_button, self.refusals_button):
            button.setEnabled(not busy)
        if not busy and self.model.plan is not None:
            counts = self.counts
            self.commit_button.setEnabled(
                counts["add"] + counts["update"] > 0 and not self.model.plan.committed
            )
            self.refusals_button.setEnabled(counts["refuse"] > 0)
