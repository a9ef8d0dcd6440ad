"""录回 of a sign-in sheet, laid out like the paper: the printed order and row codes, a marked line where the
paper turns the page, and the blank rows with the grey codes printed on them (a walk-in is keyed under the
code written beside their name). Keys: type the row code, Space for 到/缺, F2 a walk-in's name, F3 the
hours of a volunteer sheet, Enter to the next row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liandian_desktop.gui.pages.paper_keytable import (
    ABSENT,
    BLUE,
    CHANGED_BG,
    PAGE_BG,
    PRESENT,
    PROBLEM_BG,
    WALK_IN,
    Index,
    KeyTable,
    _hours_text,
    _stored_status,
    normalize_row_code,
    problem_key,
)
from liandian_desktop.gui.qt import (
    QAbstractTableModel,
    QBrush,
    QFont,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.theme import GREEN, GREY, RED, app_font
from liandian_desktop.gui.widgets import muted
from liandian_desktop.paper.keying import (
    KeyingProblem,
    KeyingSheet,
    RowEntry,
)

# ---------------------------------------------------------------------------------------------------------
# Sign-in sheets
# ---------------------------------------------------------------------------------------------------------


@dataclass
class SheetLine:
    """One row of the paper sheet as keyed so far."""

    code: str
    name: str
    printed: bool  # a name is printed on this row (an invitee, or a walk-in keyed earlier)
    page: int
    status: str | None  # present | absent | walk_in | None (not keyed)
    hours: str
    phone: str = ""
    stored_status: str | None = None
    stored_hours: str = ""
    signed_at: datetime | None = None
    problem: str = ""

    @property
    def walk_in(self) -> bool:
        """A name written on a blank row (or keyed so earlier)."""
        return self.stored_status == WALK_IN or (not self.printed and bool(self.name.strip()))

    @property
    def changed(self) -> bool:
        if self.printed:
            return (self.status, self.hours.strip()) != (self.stored_status, self.stored_hours)
        if self.status == ABSENT:
            return False  # an empty blank row, as printed
        return bool(self.name.strip() or self.hours.strip() or self.phone.strip() or self.status)

    def entry(self) -> RowEntry | None:
        """What the paper says about this row, for ``apply_sheet`` (None: nothing to write)."""
        if not self.changed:
            return None
        hours = self.hours.strip() or None
        if not self.printed:
            return RowEntry(self.code, present=True, hours=hours, name=self.name, phone=self.phone)
        if self.status == ABSENT:
            return RowEntry(self.code, present=False)
        keep = self.signed_at if self.stored_status in (PRESENT, WALK_IN) else None
        return RowEntry(self.code, present=True, hours=hours, signed_at=keep)


class KeyedSheetModel(QAbstractTableModel):
    """The sheet's rows with a page-break line before each page, as on paper."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[SheetLine | int] = []  # an int is the page break before that page
        self.pages = 1
        self.takes_hours = False
        self.columns: list[str] = []

    def load(self, sheet: KeyingSheet) -> None:
        self.beginResetModel()
        self.pages, self.takes_hours = sheet.pages, sheet.takes_hours
        self.columns = [
            "code",
            "name",
            "status",
            *(["hours"] if sheet.takes_hours else []),
            "phone",
            "problem",
        ]
        self.items = []
        page = 0
        for row in sheet.rows:
            if row.page != page:
                page = row.page
                self.items.append(page)
            status = _stored_status(row.status)
            self.items.append(
                SheetLine(
                    code=row.row_code,
                    name=row.name,
                    printed=row.prefilled,
                    page=row.page,
                    status=status,
                    hours=_hours_text(row.hours),
                    stored_status=status,
                    stored_hours=_hours_text(row.hours),
                    signed_at=row.signed_at,
                )
            )
        self.endResetModel()

    def headers(self) -> dict[str, str]:
        return {
            "code": self.tr("行号"),
            "name": self.tr("姓名"),
            "status": self.tr("签到"),
            "hours": self.tr("时长（小时）"),
            "phone": self.tr("联系电话"),
            "problem": self.tr("核对"),
        }

    def column(self, key: str) -> int:
        return self.columns.index(key) if key in self.columns else -1

    # -- rows ------------------------------------------------------------------------------------------
    def lines(self) -> list[SheetLine]:
        return [item for item in self.items if isinstance(item, SheetLine)]

    def line(self, row: int) -> SheetLine | None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        return item if isinstance(item, SheetLine) else None

    def row_of(self, code: str) -> int | None:
        for i, item in enumerate(self.items):
            if isinstance(item, SheetLine) and item.code == code:
                return i
        return None

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.edited.emit()

    def add_row(self) -> int:
        """A row below the last printed one (someone wrote on the back or below the table)."""
        lines = self.lines()
        numbers = [int(x.code) for x in lines if x.code.isdigit()]
        code = f"{max(numbers, default=0) + 1:03d}"
        page = lines[-1].page if lines else 1
        self.beginInsertRows(QModelIndex(), len(self.items), len(self.items))
        self.items.append(SheetLine(code=code, name="", printed=False, page=page, status=None, hours=""))
        self.endInsertRows()
        return len(self.items) - 1

    def set_problems(self, by_key: dict[str, str]) -> None:
        for line in self.lines():
            line.problem = by_key.get(line.code, "")
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.columns) - 1))

    # -- Qt's model interface ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def status_text(self, line: SheetLine) -> str:
        if line.walk_in and line.status != ABSENT:
            return self.tr("✓ 现场加入")
        if line.status == PRESENT:
            return self.tr("✓ 到")
        if line.status == ABSENT:
            return self.tr("✗ 缺")
        return self.tr("空白行") if not line.printed else self.tr("未录")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        key = self.columns[index.column()]
        if isinstance(item, int):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self.tr("—— 第 {page} 页 / 共 {pages} 页 ——").format(page=item, pages=self.pages)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(PAGE_BG)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        line = item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "code":
                return line.code
            if key == "name":
                return line.name
            if key == "status":
                return self.status_text(line)
            if key == "hours":
                return line.hours
            if key == "phone":
                return line.phone if not line.printed else ""
            if key == "problem":
                return line.problem
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "problem":
                return QBrush(RED)
            if key == "code" and not line.printed:
                return QBrush(GREY)  # printed in grey on the paper
            if key == "status":
                if line.changed:
                    return QBrush(BLUE)
                if line.status in (PRESENT, WALK_IN):
                    return QBrush(GREEN)
                if line.status == ABSENT:
                    return QBrush(RED)
                return QBrush(GREY)
        if role == Qt.ItemDataRole.FontRole and line.changed and key == "status":
            font = QFont(app_font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.problem:
                return QBrush(PROBLEM_BG)
            if line.changed:
                return QBrush(CHANGED_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("code", "hours", "status"):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and key == "problem" and line.problem:
            return line.problem
        return None

    def editable(self, line: SheetLine, key: str) -> bool:
        if key in ("name", "phone"):
            return not line.printed
        if key == "hours":
            return self.takes_hours and line.status != ABSENT
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        line = self.line(index.row())
        if line is None:
            return Qt.ItemFlag.ItemIsEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable(line, self.columns[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line(index.row()) if index.isValid() else None
        key = self.columns[index.column()] if index.isValid() else ""
        if line is None or role != Qt.ItemDataRole.EditRole or not self.editable(line, key):
            return False
        text = str(value or "").strip()
        if key == "name":
            line.name = text
            if text and line.status is None:
                line.status = PRESENT
        elif key == "phone":
            line.phone = text
        elif key == "hours":
            line.hours = text
            if text and line.status is None and line.printed:
                line.status = PRESENT  # hours written: they came
        line.problem = ""
        self.refresh(index.row())
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[self.columns[section]]
        return None


class SignInKeying(QWidget):
    """A sign-in sheet keyed back: type the row code, Space for 到/缺, F2 a walk-in's name, F3 the hours."""

    dirty_changed = Signal(bool)
    message = Signal(str, str)  # text, level: for the panel's banner

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: KeyingSheet | None = None
        self.buffer = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = QLabel()
        self.heading.setFont(app_font(11.5, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        keys = QHBoxLayout()
        keys.addWidget(QLabel(self.tr("行号")))
        self.code_box = QLineEdit()
        self.code_box.setObjectName("TypedCode")
        self.code_box.setReadOnly(True)
        self.code_box.setMaximumWidth(64)
        self.code_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keys.addWidget(self.code_box)
        self.hint = muted()
        self.hint.setWordWrap(True)
        keys.addWidget(self.hint, 1)
        layout.addLayout(keys)
        self.model = KeyedSheetModel(self)
        self.model.edited.connect(self._edited)
        self.table = KeyTable(self)
        self.table.setObjectName("SheetKeying")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.counts = muted()
        bottom.addWidget(self.counts, 1)
        self.add_button = QPushButton(self.tr("增加一行"))
        self.add_button.setToolTip(self.tr("纸面空白行写满后，写在表格下方的人员从这里增加（行号顺延）"))
        self.add_button.clicked.connect(self.add_row)
        bottom.addWidget(self.add_button)
        layout.addLayout(bottom)

    # -- loading -----------------------------------------------------------------------------------------
    def load(self, sheet: KeyingSheet) -> None:
        self.sheet = sheet
        self.buffer = ""
        self.code_box.clear()
        self.model.load(sheet)
        kind = self.tr("志愿服务签到表（录时长）") if sheet.takes_hours else self.tr("签到表")
        self.heading.setText(
            self.tr("{kind}　{code}《{title}》　共 {pages} 页").format(
                kind=kind, code=sheet.activity_code, title=sheet.title, pages=sheet.pages
            )
        )
        keys = [
            self.tr("输入行号定位（7 即 007）"),
            self.tr("空格：到／缺"),
            self.tr("F2：空白行填姓名"),
        ]
        if sheet.takes_hours:
            keys.append(self.tr("F3：填时长"))
        keys += [self.tr("Del：撤销本行改动"), self.tr("回车：下一行"), self.tr("Ctrl+S：保存")]
        self.hint.setText(" · ".join(keys))
        self.table.clearSpans()
        for row, item in enumerate(self.model.items):
            if isinstance(item, int):
                self.table.setSpan(row, 0, 1, len(self.model.columns))
        widths = {"code": 56, "name": 150, "status": 92, "hours": 86, "phone": 120}
        for key, width in widths.items():
            column = self.model.column(key)
            if column >= 0:
                self.table.setColumnWidth(column, width)
        first = self._next_line(-1)
        if first is not None:
            self.table.setCurrentIndex(self.model.index(first, 0))
        self._edited()

    @property
    def dirty(self) -> bool:
        return any(line.changed for line in self.model.lines())

    def entries(self) -> list[RowEntry]:
        return [entry for line in self.model.lines() if (entry := line.entry()) is not None]

    def show_problems(self, problems: list[KeyingProblem]) -> list[KeyingProblem]:
        """Put each problem next to its row; returns those about no row (for the banner)."""
        by_key: dict[str, str] = {}
        fields: dict[str, str] = {}
        codes = {line.code for line in self.model.lines()}
        rest = []
        for problem in problems:
            key = normalize_row_code(problem_key(problem))
            if key in codes:
                by_key[key] = "；".join(filter(None, (by_key.get(key, ""), problem.message)))
                fields.setdefault(key, problem.field)
            else:
                rest.append(problem)
        self.model.set_problems(by_key)
        first = min(by_key, key=lambda code: self.model.row_of(code) or 0, default=None)
        if first is not None:
            row = self.model.row_of(first)
            column = self.model.column(fields[first])  # the cell to correct: hours, name…
            if row is not None:
                index = self.model.index(row, column if column >= 0 else self.model.column("status"))
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
        return rest

    def _edited(self) -> None:
        lines = self.model.lines()
        statuses = [
            line.status if not line.walk_in else WALK_IN for line in lines if line.printed or line.walk_in
        ]
        pending = sum(1 for line in lines if line.changed)
        self.counts.setText(
            self.tr(
                "到 {present} · 缺 {absent} · 未录 {unkeyed} · 现场加入 {walk} · 未保存 {pending} 行"
            ).format(
                present=statuses.count(PRESENT),
                absent=statuses.count(ABSENT),
                unkeyed=statuses.count(None),
                walk=statuses.count(WALK_IN),
                pending=pending,
            )
        )
        self.dirty_changed.emit(pending > 0)

    # -- keys --------------------------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        row = self.table.currentIndex().row()
        if key == Qt.Key.Key_Space:
            self._clear_buffer()
            self.toggle(row)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._clear_buffer()
            self.move_next()
            return True
        if key == Qt.Key.Key_F2:
            self._clear_buffer()
            self.edit(row, "name")
            return True
        if key == Qt.Key.Key_F3:
            self._clear_buffer()
            self.edit(row, "hours")
            return True
        if key == Qt.Key.Key_Escape and self.buffer:
            self._clear_buffer()
            return True
        if key == Qt.Key.Key_Backspace and self.buffer:
            self.buffer = self.buffer[:-1]
            self.code_box.setText(self.buffer)
            self._jump()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.revert(row)
            return True
        if text and text.isdigit():
            self.buffer = (self.buffer + text)[-4:]
            self.code_box.setText(self.buffer)
            self._jump()
            return True
        return False

    def _clear_buffer(self) -> None:
        self.buffer = ""
        self.code_box.clear()

    def _jump(self) -> None:
        row = self.model.row_of(normalize_row_code(self.buffer)) if self.buffer else None
        if row is not None:
            index = self.model.index(row, self.model.column("status"))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _next_line(self, row: int) -> int | None:
        for r in range(row + 1, len(self.model.items)):
            if self.model.line(r) is not None:
                return r
        return None

    def move_next(self) -> None:
        row = self._next_line(self.table.currentIndex().row())
        if row is not None:
            column = max(0, self.table.currentIndex().column())
            self.table.setCurrentIndex(self.model.index(row, column))

    def after_edit(self) -> None:
        self.move_next()
        self.table.setFocus()

    def toggle(self, row: int) -> None:
        """Space: 未录 → 到 → 缺 → 到…; on a blank row, write the walk-in's name."""
        line = self.model.line(row)
        if line is None:
            return
        if not line.printed:
            self.edit(row, "name")
            return
        if line.stored_status == WALK_IN:
            self.message.emit(
                self.tr(
                    "第 {code} 行是现场加入人员，已记为到场；如为误录请在“活动与走访”中删除该行。"
                ).format(code=line.code),
                "info",
            )
            return
        line.status = ABSENT if line.status == PRESENT else PRESENT
        if line.status == ABSENT:
            line.hours = ""  # absent people have no hours
        elif line.stored_status == PRESENT and not line.hours:
            line.hours = line.stored_hours  # back to present: the hours stored before come back too
        line.problem = ""
        self.model.refresh(row)

    def revert(self, row: int) -> None:
        line = self.model.line(row)
        if line is None:
            return
        line.status, line.hours, line.problem = line.stored_status, line.stored_hours, ""
        if not line.printed:
            line.name, line.phone = "", ""
        self.model.refresh(row)

    def edit(self, row: int, key: str) -> None:
        line = self.model.line(row)
        column = self.model.column(key)
        if line is None or column < 0:
            return
        if not self.model.editable(line, key):
            if key == "name":
                self.message.emit(self.tr("印好的姓名不能改；现场加入的人员请写在空白行。"), "info")
            elif key == "hours" and line.status == ABSENT:
                self.message.emit(self.tr("缺席人员不登记服务时长。"), "info")
            return
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def add_row(self) -> None:
        row = self.model.add_row()
        self.table.scrollToBottom()
        self.table.setFocus()
        self.edit(row, "name")
        self._edited()
