"""The record form framework: a dialog built from field specs that saves through a ledger service on the
writer thread and shows what the ledger says where the user will look for it.

* A :class:`~liandian_desktop.ledger.errors.ValidationError` appears under the field it names
  (``ValidationError.field`` is the service's keyword; a :class:`Field` may claim other names too);
  anything else the ledger refuses (a double booking, a transition not allowed) appears in the banner.
* Keyboard: fields in tab order, Enter saves (Ctrl+Enter inside a multi-line box), Esc cancels.
* Editing sends only the fields the user changed: services treat a field given as "explicit" (a gender
  given alongside an ID number must agree with it), so unchanged values are not re-sent.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from liandian_desktop.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    QSpinBox,
    Qt,
    QTime,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import TaskManager, describe_error, log_if_unexpected
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import Banner
from liandian_desktop.ledger.errors import LedgerError, ValidationError
from liandian_desktop.ledger.validation import parse_date

log = logging.getLogger(__name__)

TWO_COLUMNS_FROM = 8  # fields; a longer form with text boxes is laid out in two columns
Choices = Sequence[tuple[object, str]] | Callable[[], Sequence[tuple[object, str]]]


@dataclass(frozen=True)
class Field:
    """One input of a form.

    ``name`` is the service's keyword argument, and the ``ValidationError.field`` it answers to (also any
    of ``aliases``). Kinds: ``text``, ``textarea``, ``choice`` (``choices``: (value, label) pairs, or an
    enum class in ``enum``), ``date``, ``datetime``, ``when`` (a time that defaults to "now"), ``int``,
    ``number`` (typed text the service parses: hours, points), ``multi`` (several choices), ``bool``.
    """

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Choices | None = None
    enum: type[Enum] | None = None
    none_text: str | None = None  # for an optional choice: the entry meaning "none"
    default: Any = None
    placeholder: str = ""
    hint: str = ""
    aliases: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 10_000_000
    read_only: bool = False
    columns: int = 3  # for ``multi``

    def options(self) -> list[tuple[object, str]]:
        if self.enum is not None:
            return [(member, label(member)) for member in self.enum]
        if callable(self.choices):
            return list(self.choices())
        return list(self.choices or [])


def _now_local() -> QDateTime:
    now = QDateTime.currentDateTime()
    return now.addSecs(-now.time().second())


def to_aware(value: QDateTime) -> datetime:
    """A QDateTime typed on the laptop's clock → an aware instant (services refuse naive times)."""
    naive = value.toPython()
    assert isinstance(naive, datetime)
    return naive.astimezone()


class _Editor:
    """An input widget for a :class:`Field`, with get/set in Python values."""

    def __init__(self, spec: Field) -> None:
        self.spec = spec
        self.widget: QWidget
        self.focus: QWidget
        kind = spec.kind
        if kind == "text":
            self.line = QLineEdit()
            self.line.setPlaceholderText(spec.placeholder)
            self.widget = self.focus = self.line
        elif kind == "number":
            self.line = QLineEdit()
            self.line.setPlaceholderText(spec.placeholder)
            self.line.setMaximumWidth(160)
            self.widget = self.focus = self.line
        elif kind == "textarea":
            self.area = QPlainTextEdit()
            self.area.setPlaceholderText(spec.placeholder)
            self.area.setTabChangesFocus(True)
            self.area.setFixedHeight(72)
            self.widget = self.focus = self.area
        elif kind == "choice":
            self.combo = QComboBox()
            # Values stay in a Python list: a StrEnum put into a QVariant comes back as a plain str.
            self.choice_values: list[object] = []
            if spec.none_text is not None:
                self.combo.addItem(spec.none_text)
                self.choice_values.append(None)
            for value, text in spec.options():
                self.combo.addItem(text)
                self.choice_values.append(value)
            self.combo.setMinimumWidth(220)
            self.widget = self.focus = self.combo
        elif kind == "date":
            if spec.required:
                self.date = QDateEdit()
                self.date.setCalendarPopup(True)
                self.date.setDisplayFormat("yyyy-MM-dd")
                self.date.setDate(QDate.currentDate())
                self.date.setMaximumWidth(160)
                self.widget = self.focus = self.date
            else:
                self.line = QLineEdit()
                self.line.setPlaceholderText(spec.placeholder or translate("Forms", "年-月-日，可不填"))
                self.line.setMaximumWidth(200)
                self.widget = self.focus = self.line
        elif kind in ("datetime", "when"):
            self.stamp = QDateTimeEdit()
            self.stamp.setCalendarPopup(True)
            self.stamp.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.stamp.setDateTime(_now_local())
            self.stamp.setMaximumWidth(200)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.stamp)
            self.toggle: QCheckBox | None = None
            if kind == "when" or not spec.required:
                text = translate("Forms", "按当前时间") if kind == "when" else translate("Forms", "不填")
                self.toggle = QCheckBox(text)
                self.toggle.setChecked(kind == "when" or spec.default is None)
                self.toggle.toggled.connect(lambda on: self.stamp.setEnabled(not on))
                self.stamp.setEnabled(not self.toggle.isChecked())
                row.addWidget(self.toggle)
            row.addStretch(1)
            self.widget = box
            self.focus = self.stamp if self.toggle is None else self.toggle
        elif kind == "int":
            self.spin = QSpinBox()
            self.spin.setRange(spec.minimum, spec.maximum)
            self.spin.setMaximumWidth(160)
            self.spin.setGroupSeparatorShown(False)
            self.widget = self.focus = self.spin
        elif kind == "multi":
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(16)
            self.checks: list[tuple[object, QCheckBox]] = []
            for i, (value, text) in enumerate(spec.options()):
                check = QCheckBox(text)
                grid.addWidget(check, i // spec.columns, i % spec.columns)
                self.checks.append((value, check))
            self.widget = box
            self.focus = self.checks[0][1] if self.checks else box
        elif kind == "bool":
            self.check = QCheckBox()
            self.widget = self.focus = self.check
        else:
            raise ValueError(f"unknown field kind {kind!r}")
        if spec.read_only:
            self.widget.setEnabled(False)
        if spec.default is not None:
            self.set(spec.default)

    def focus_widgets(self) -> list[QWidget]:
        if self.spec.kind == "multi":
            return [check for _, check in self.checks]
        if self.spec.kind in ("datetime", "when") and self.toggle is not None:
            return [self.stamp, self.toggle]
        return [self.focus]

    def set(self, value: Any) -> None:
        kind = self.spec.kind
        if kind in ("text", "number"):
            self.line.setText("" if value is None else str(value))
        elif kind == "textarea":
            self.area.setPlainText("" if value is None else str(value))
        elif kind == "choice":
            position = next((i for i, v in enumerate(self.choice_values) if v == value), -1)
            if position < 0 and value is not None:
                # a value no longer offered (a deleted unit): keep showing it rather than change it silently
                self.combo.addItem(str(value))
                self.choice_values.append(value)
                position = self.combo.count() - 1
            self.combo.setCurrentIndex(max(0, position))
        elif kind == "date":
            if self.spec.required:
                if isinstance(value, date):
                    self.date.setDate(QDate(value.year, value.month, value.day))
            else:
                self.line.setText(value.isoformat() if isinstance(value, date) else (value or ""))
        elif kind in ("datetime", "when"):
            if isinstance(value, datetime):
                local = value.astimezone()
                self.stamp.setDateTime(
                    QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
                )
                if self.toggle is not None:
                    self.toggle.setChecked(False)
            elif value is None and self.toggle is not None:
                self.toggle.setChecked(True)
        elif kind == "int":
            self.spin.setValue(int(value or 0))
        elif kind == "multi":
            chosen = set(value or ())
            for option, check in self.checks:
                check.setChecked(option in chosen)
        elif kind == "bool":
            self.check.setChecked(bool(value))

    def get(self) -> Any:
        """The value to hand to the service. Raises ValidationError for text that cannot be a value."""
        kind = self.spec.kind
        if kind in ("text", "number"):
            return self.line.text().strip()
        if kind == "textarea":
            return self.area.toPlainText().strip()
        if kind == "choice":
            index = self.combo.currentIndex()
            return self.choice_values[index] if 0 <= index < len(self.choice_values) else None
        if kind == "date":
            if self.spec.required:
                return self.date.date().toPython()
            text = self.line.text().strip()
            return parse_date(text, self.spec.name) if text else None
        if kind in ("datetime", "when"):
            if self.toggle is not None and self.toggle.isChecked():
                return None
            return to_aware(self.stamp.dateTime())
        if kind == "int":
            return self.spin.value()
        if kind == "multi":
            return [option for option, check in self.checks if check.isChecked()]
        if kind == "bool":
            return self.check.isChecked()
        raise AssertionError(kind)


class RecordForm(QDialog):
    """A dialog of :class:`Field` s. ``submit(values)`` runs on the writer thread; its result is emitted
    as ``saved`` and the dialog closes. For an edit, ``values`` holds only the changed fields."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        tasks: TaskManager,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[dict[str, Any]], Any],
        *,
        initial: dict[str, Any] | None = None,
        only_changes: bool = False,
        save_text: str | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.tasks = tasks
        self.fields = list(fields)
        self._submit = submit
        self._only_changes = only_changes
        self.saving = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        if intro:
            intro_label = QLabel(intro)
            intro_label.setWordWrap(True)
            intro_label.setObjectName("PageHint")
            outer.addWidget(intro_label)
        self.banner = Banner()
        outer.addWidget(self.banner)
        # A long form gets two columns (short inputs left, text boxes and check grids right), so that it fits
        # a 768-pixel-high screen.
        wide = ("textarea", "multi")
        two_columns = len(self.fields) > TWO_COLUMNS_FROM and any(f.kind in wide for f in self.fields)
        if two_columns:
            groups = [
                [f for f in self.fields if f.kind not in wide],
                [f for f in self.fields if f.kind in wide],
            ]
        else:
            groups = [list(self.fields)]
        row = QHBoxLayout()
        row.setSpacing(24)
        self.editors: dict[str, _Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self._owner: dict[str, str] = {}
        for group in groups:
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            form.setHorizontalSpacing(12)
            form.setVerticalSpacing(8)
            for spec in group:
                editor = _Editor(spec)
                if two_columns and spec.kind == "textarea":
                    editor.area.setFixedHeight(60)
                self.editors[spec.name] = editor
                cell = QWidget()
                column = QVBoxLayout(cell)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                column.addWidget(editor.widget)
                if spec.hint:
                    hint = QLabel(spec.hint)
                    hint.setObjectName("Muted")
                    hint.setWordWrap(True)
                    column.addWidget(hint)
                error = QLabel()
                error.setObjectName("FieldError")
                error.setWordWrap(True)
                error.hide()
                column.addWidget(error)
                self.errors[spec.name] = error
                for key in (spec.name, *spec.aliases):
                    self._owner[key] = spec.name
                text = spec.label + (" *" if spec.required else "")
                form.addRow(text, cell)
            holder = QVBoxLayout()
            holder.addLayout(form)
            holder.addStretch(1)
            row.addLayout(holder, 1)
        outer.addLayout(row)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(save_text or translate("Forms", "保存"))
        self.save_button.setObjectName("Primary")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.cancel_button = QPushButton(translate("Forms", "取消"))
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # Enter alone is a new line inside a text box
            QShortcut(QKeySequence(keys), self).activated.connect(self.submit)

        if initial:
            for name, value in initial.items():
                if name in self.editors:
                    self.editors[name].set(value)
        self._initial = self._safe_values()
        chain = [w for e in self.editors.values() if not e.spec.read_only for w in e.focus_widgets()]
        chain += [self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus()
        self.setMinimumWidth(900 if two_columns else 520)
        self.adjustSize()  # fit the content (longer English labels), within the screen

    # -- values --------------------------------------------------------------------------------------
    def _safe_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, editor in self.editors.items():
            try:
                values[name] = editor.get()
            except LedgerError:
                values[name] = None
        return values

    def values(self) -> dict[str, Any]:
        """Every field's value (ValidationError for text that cannot be read, e.g. a bad date)."""
        return {name: editor.get() for name, editor in self.editors.items() if not editor.spec.read_only}

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if self._initial.get(k) != v}

    def editor(self, name: str) -> QWidget:
        """The input widget of field ``name`` (tests type into it)."""
        return self.editors[name].focus

    def set_value(self, name: str, value: Any) -> None:
        self.editors[name].set(value)

    # -- saving --------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.saving:
            return
        self.clear_errors()
        try:
            values = self.changes() if self._only_changes else self.values()
        except ValidationError as exc:
            self.show_error(exc)
            return
        for (
            spec
        ) in self.fields:  # a required choice left on “（请选择）” is caught here, in the user's language
            if spec.required and spec.kind == "choice" and spec.name in values and values[spec.name] is None:
                self.show_error(
                    ValidationError(spec.name, translate("Forms", "请选择{label}").format(label=spec.label))
                )
                return
        if self._only_changes and not values:
            self.accept()  # nothing changed: nothing to save
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.save_button.setText(translate("Forms", "正在保存…"))
        submit = self._submit
        self.tasks.write(lambda: submit(values), self._saved, self._failed, name="form_save")

    def _saved(self, result: Any) -> None:
        self.saving = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.save_button.setText(translate("Forms", "保存"))
        log_if_unexpected(exc, "form save")
        self.show_error(exc)

    # -- errors --------------------------------------------------------------------------------------
    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in self._owner:
            name = self._owner[exc.field]
            self.errors[name].setText(exc.message)
            self.errors[name].show()
            self.editors[name].focus.setFocus()
            return
        self.banner.show_message(describe_error(exc), "error")

    def clear_errors(self) -> None:
        self.banner.clear()
        for error in self.errors.values():
            error.clear()
            error.hide()

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` ('' when none)."""
        error = self.errors[name]
        return error.text() if not error.isHidden() else ""
