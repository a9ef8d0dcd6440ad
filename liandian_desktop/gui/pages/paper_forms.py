"""录回 of evaluation forms: one line a form (its copy number), one column a question, the comment last.
Keys: 1–5 tick the choice and move to the next question, Space leaves it blank, Enter goes to the next
form; copies keyed earlier are shown and cannot be keyed twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from liandian_desktop.gui.pages.paper_keytable import (
    CHANGED_BG,
    KEYED_BG,
    PROBLEM_BG,
    Index,
    KeyTable,
    problem_key,
)
from liandian_desktop.gui.qt import (
    QAbstractTableModel,
    QBrush,
    QDate,
    QDateEdit,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QModelIndex,
    QPushButton,
    QShortcut,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.theme import GREY, RED, app_font
from liandian_desktop.gui.widgets import muted
from liandian_desktop.paper.keying import (
    EvaluationSheet,
    FormAnswers,
    KeyingProblem,
)

# ---------------------------------------------------------------------------------------------------------
# Evaluation forms
# ---------------------------------------------------------------------------------------------------------


@dataclass
class FormLine:
    """One filled-in form (one copy number) as keyed so far."""

    serial: int
    answers: dict[str, str] = field(default_factory=dict)  # question key → the choice ticked
    comment: str = ""
    keyed: bool = False  # keyed and saved earlier: read-only
    problem: str = ""

    @property
    def filled(self) -> bool:
        return not self.keyed and (bool(self.answers) or bool(self.comment.strip()))


class KeyedFormsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: EvaluationSheet | None = None
        self.items: list[FormLine] = []
        self.columns: list[str] = []  # serial, q:<key>…, comment, problem

    def load(self, sheet: EvaluationSheet, copies: int) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.columns = [
            "serial",
            *(f"q:{q.key}" for q in sheet.questions),
            *(["comment"] if sheet.has_comment else []),
            "problem",
        ]
        self.items = [FormLine(n, keyed=n in sheet.keyed) for n in range(1, copies + 1)]
        self.endResetModel()

    def question(self, column: int) -> Any:
        key = self.columns[column] if 0 <= column < len(self.columns) else ""
        if not key.startswith("q:") or self.sheet is None:
            return None
        return next(q for q in self.sheet.questions if q.key == key[2:])

    def question_columns(self) -> list[int]:
        return [i for i, key in enumerate(self.columns) if key.startswith("q:")]

    def column(self, key: str) -> int:
        return self.columns.index(key) if key in self.columns else -1

    def row_of(self, serial: int) -> int | None:
        for i, line in enumerate(self.items):
            if line.serial == serial:
                return i
        return None

    def add_row(self) -> int:
        serial = max((line.serial for line in self.items), default=0) + 1
        self.beginInsertRows(QModelIndex(), len(self.items), len(self.items))
        self.items.append(FormLine(serial))
        self.endInsertRows()
        return len(self.items) - 1

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.edited.emit()

    def set_answer(self, row: int, column: int, choice: int | None) -> bool:
        """Tick choice ``choice`` (0-based) of the question in ``column``; None clears it."""
        question = self.question(column)
        line = self.items[row] if 0 <= row < len(self.items) else None
        if question is None or line is None or line.keyed:
            return False
        if choice is None:
            line.answers.pop(question.key, None)
        elif 0 <= choice < len(question.choices):
            line.answers[question.key] = question.choices[choice]
        else:
            return False
        line.problem = ""
        self.refresh(row)
        return True

    def set_problems(self, by_serial: dict[int, str]) -> None:
        for line in self.items:
            line.problem = by_serial.get(line.serial, "")
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.columns) - 1))

    def header_text(self, key: str) -> str:
        if key == "serial":
            return self.tr("份号")
        if key == "comment":
            return self.tr("意见和建议")
        if key == "problem":
            return self.tr("核对")
        question = self.question(self.columns.index(key))
        number = question.text.split(" ", 1)[0] if question is not None else ""
        if question is not None and question.records == "satisfaction":
            return self.tr("{n} 总体评价").format(n=number)
        if question is not None and question.records == "resolution":
            return self.tr("{n} 解决情况").format(n=number)
        body = question.text.split(" ", 1)[-1] if question is not None else ""
        return f"{number} {body[:5]}…" if len(body) > 5 else f"{number} {body}"

    # -- Qt's model interface ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.items[index.row()]
        key = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "serial":
                return str(line.serial)
            if line.keyed:
                return self.tr("已录入") if key == "problem" else ""
            if key.startswith("q:"):
                question = self.question(index.column())
                answer = line.answers.get(key[2:], "")
                if not answer or question is None:
                    return ""
                return f"{question.choices.index(answer) + 1} {answer}"
            if key == "comment":
                return line.comment
            if key == "problem":
                return line.problem
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.keyed or key == "serial":
                return QBrush(GREY)
            if key == "problem":
                return QBrush(RED)
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.keyed:
                return QBrush(KEYED_BG)
            if line.problem:
                return QBrush(PROBLEM_BG)
            if line.filled:
                return QBrush(CHANGED_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "serial":
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "problem" and line.problem:
                return line.problem
            question = self.question(index.column())
            if question is not None:
                choices = "　".join(f"{i} {c}" for i, c in enumerate(question.choices, 1))
                return f"{question.text}\n{choices}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()] == "comment" and not self.items[index.row()].keyed:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        line = self.items[index.row()]
        if self.columns[index.column()] != "comment" or line.keyed:
            return False
        line.comment = str(value or "").strip()
        line.problem = ""
        self.refresh(index.row())
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(self.columns[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            question = self.question(section)
            if question is not None:
                return question.text
        return None


class EvaluationKeying(QWidget):
    """Evaluation forms keyed back form by form: 1–5 ticks the choice and moves to the next question."""

    dirty_changed = Signal(bool)
    message = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: EvaluationSheet | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = QLabel()
        self.heading.setFont(app_font(11.5, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("填表日期")))
        self.filled_on = QDateEdit()
        self.filled_on.setObjectName("FilledOn")
        self.filled_on.setCalendarPopup(True)
        self.filled_on.setDisplayFormat("yyyy-MM-dd")
        self.filled_on.setDate(QDate.currentDate())
        self.filled_on.setMaximumDate(QDate.currentDate())
        row.addWidget(self.filled_on)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("转到第")))
        self.goto = QSpinBox()
        self.goto.setObjectName("GotoSerial")
        self.goto.setRange(1, 9999)
        self.goto.setKeyboardTracking(False)
        self.goto.editingFinished.connect(self._goto)
        row.addWidget(self.goto)
        row.addWidget(QLabel(self.tr("份（Ctrl+G）")))
        row.addStretch(1)
        layout.addLayout(row)
        self.hint = muted(
            self.tr(
                "数字键 1–5：勾选当前题的第几项并跳到下一题 · 空格：本题未填 · Del：清除 · "
                "在“意见和建议”栏直接输入文字 · 回车：下一份 · Ctrl+S：保存"
            )
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.legend = QLabel()  # the question under the cursor and what each number ticks
        self.legend.setObjectName("QuestionLegend")
        self.legend.setStyleSheet("color: #1f5fae;")
        layout.addWidget(self.legend)
        self.model = KeyedFormsModel(self)
        self.model.edited.connect(self._edited)
        self.table = KeyTable(self)
        self.table.setObjectName("FormsKeying")
        self.table.setModel(self.model)
        self.table.selectionModel().currentChanged.connect(lambda index, _old: self._show_question(index))
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setAlternatingRowColors(False)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.counts = muted()
        bottom.addWidget(self.counts, 1)
        self.add_button = QPushButton(self.tr("增加一份"))
        self.add_button.clicked.connect(self.add_row)
        bottom.addWidget(self.add_button)
        layout.addLayout(bottom)
        shortcut = QShortcut(QKeySequence("Ctrl+G"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._focus_goto)

    def load(self, sheet: EvaluationSheet) -> None:
        self.sheet = sheet
        target = sheet.target
        copies = sheet.copies or target.default_copies
        copies = max(copies, max(sheet.keyed, default=0) + (0 if sheet.copies else 1), 1)
        if target.kind == "work_order":
            copies = 1
        self.model.load(sheet, copies)
        what = self.tr("活动") if target.kind == "activity" else self.tr("工单")
        self.heading.setText(
            self.tr("测评表　{what} {code}《{title}》　{n} 题　已录入 {keyed} 份").format(
                what=what,
                code=target.code,
                title=target.title,
                n=len(sheet.questions),
                keyed=len(sheet.keyed),
            )
        )
        self.add_button.setVisible(target.kind == "activity")
        self.table.setColumnWidth(0, 52)
        for column in self.model.question_columns():
            self.table.setColumnWidth(column, 124)
        comment = self.model.column("comment")
        if comment >= 0:
            self.table.setColumnWidth(comment, 200)
        first = next((i for i, line in enumerate(self.model.items) if not line.keyed), 0)
        columns = self.model.question_columns()
        self.table.setCurrentIndex(self.model.index(first, columns[0] if columns else 0))
        self._edited()

    @property
    def dirty(self) -> bool:
        return any(line.filled for line in self.model.items)

    def forms(self) -> list[FormAnswers]:
        filled_on: date = self.filled_on.date().toPython()  # type: ignore[assignment]
        return [
            FormAnswers(line.serial, dict(line.answers), line.comment, filled_on)
            for line in self.model.items
            if line.filled
        ]

    def show_problems(self, problems: list[KeyingProblem]) -> list[KeyingProblem]:
        """Put each problem next to its form; the cursor goes to the first one's question. Returns the
        problems about no form (for the banner)."""
        by_serial: dict[int, str] = {}
        rest = []
        first: tuple[int, str] | None = None
        serials = {line.serial for line in self.model.items}
        for problem in problems:
            key = problem_key(problem)
            if key.isdigit() and int(key) in serials:
                serial = int(key)
                by_serial[serial] = "；".join(filter(None, (by_serial.get(serial, ""), problem.message)))
                if first is None or serial < first[0]:
                    first = (serial, problem.field)
            else:
                rest.append(problem)
        if not by_serial and rest and len(self.model.items) == 1:  # a work order's one form
            serial = self.model.items[0].serial
            by_serial[serial] = "；".join(p.message for p in rest)
            first, rest = (serial, rest[0].field), []
        self.model.set_problems(by_serial)
        if first is not None:
            row = self.model.row_of(first[0])
            column = self.model.column(f"q:{first[1]}")
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, column if column >= 0 else 0))
                self.table.scrollTo(self.model.index(row, 0))
        return rest

    def _edited(self) -> None:
        lines = self.model.items
        self.counts.setText(
            self.tr("共 {total} 份 · 已录入 {keyed} · 本次录入 {filled}").format(
                total=len(lines),
                keyed=sum(1 for x in lines if x.keyed),
                filled=sum(1 for x in lines if x.filled),
            )
        )
        self.dirty_changed.emit(self.dirty)

    def _show_question(self, index: Any) -> None:
        question = self.model.question(index.column()) if index.isValid() else None
        if question is not None:
            choices = "　".join(f"{n} {choice}" for n, choice in enumerate(question.choices, 1))
            self.legend.setText(f"{question.text}　{choices}")
        elif index.isValid() and self.model.columns[index.column()] == "comment":
            self.legend.setText(self.tr("意见和建议：照纸面直接输入文字（可不填），回车到下一份"))
        else:
            self.legend.clear()

    def _focus_goto(self) -> None:
        self.goto.setFocus()
        self.goto.selectAll()

    def _goto(self) -> None:
        row = self.model.row_of(self.goto.value())
        if row is not None:
            columns = self.model.question_columns()
            self.table.setCurrentIndex(self.model.index(row, columns[0] if columns else 0))
            self.table.setFocus()

    # -- keys --------------------------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        index = self.table.currentIndex()
        row, column = index.row(), index.column()
        on_comment = (
            self.model.columns[column] == "comment" if 0 <= column < len(self.model.columns) else False
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_form()
            return True
        if on_comment:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model.setData(index, "")
                return True
            return False  # typing (or the input method) starts the comment: AnyKeyPressed
        line = self.model.items[row] if 0 <= row < len(self.model.items) else None
        if line is not None and line.keyed and (text.isdigit() or key == Qt.Key.Key_Space):
            self.message.emit(self.tr("第 {n} 份已经录入过，不能重复录入。").format(n=line.serial), "info")
            return True
        if text and text.isdigit() and self.model.question(column) is not None:
            if text != "0" and self.model.set_answer(row, column, int(text) - 1):
                self.advance()
            return True
        if key == Qt.Key.Key_Space and self.model.question(column) is not None:
            self.advance()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.model.set_answer(row, column, None)
            return True
        return False

    def advance(self) -> None:
        """To the next question of this form; after the last one to the comment, or to the next form."""
        index = self.table.currentIndex()
        columns = self.model.question_columns()
        later = [c for c in columns if c > index.column()]
        if later:
            self.table.setCurrentIndex(self.model.index(index.row(), later[0]))
            return
        comment = self.model.column("comment")
        if comment >= 0 and index.column() < comment:
            self.table.setCurrentIndex(self.model.index(index.row(), comment))
            return
        self.next_form()

    def next_form(self) -> None:
        index = self.table.currentIndex()
        columns = self.model.question_columns()
        row = index.row() + 1
        while row < len(self.model.items) and self.model.items[row].keyed:
            row += 1
        if row < len(self.model.items):
            self.table.setCurrentIndex(self.model.index(row, columns[0] if columns else 0))
            self.table.scrollTo(self.model.index(row, 0))

    def after_edit(self) -> None:
        self.next_form()
        self.table.setFocus()

    def add_row(self) -> None:
        row = self.model.add_row()
        columns = self.model.question_columns()
        self.table.setCurrentIndex(self.model.index(row, columns[0] if columns else 0))
        self.table.scrollToBottom()
        self.table.setFocus()
        self._edited()
