"""录回: keying a printed form back in, on a screen laid out like the paper.

Sign-in sheets come back row by row in the printed order with the printed row codes, a marked page break
where the paper turns the page; blank rows keep the grey codes printed on them, so a walk-in is keyed under
the code on the paper. Evaluation forms come back one form (copy number) a line, one column a question.

Everything is made for the keyboard alone (the keys are listed in the hint line above each table), and
nothing is written until 保存: then the whole batch goes to the core in one transaction
(``keying.apply_sheet`` / ``apply_evaluations``), which checks every row first; a problem anywhere comes
back as a :class:`~liandian_desktop.paper.keying.KeyingError` and is shown next to its row, with nothing
written.
"""

from __future__ import annotations

import uuid
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.pages.paper_forms import EvaluationKeying
from liandian_desktop.gui.pages.paper_print import forms_dir
from liandian_desktop.gui.pages.paper_sheet import SignInKeying
from liandian_desktop.gui.qt import (
    QComboBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QShortcut,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.tasks import describe_error
from liandian_desktop.gui.widgets import Banner, confirm, inform, primary_button
from liandian_desktop.ledger.errors import LedgerError


class KeyingPanel(QWidget):
    """Open a printed form by its code and key it back in; 保存 writes the batch in one transaction."""

    saved = Signal(object)  # KeyingResult or the evaluations' ids

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = ""  # the code the open form was opened with
        self.last_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("表上的编号")))
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("KeyingCode")
        self.code_edit.setPlaceholderText(
            self.tr("输入表上印的活动或工单编号（如 HD7K3M9Q、GD4N2P8R），或粘贴二维码内容")
        )
        self.code_edit.setClearButtonEnabled(True)
        self.code_edit.returnPressed.connect(self.open_code)
        self.code_edit.textChanged.connect(self._code_typed)
        top.addWidget(self.code_edit, 1)
        self.form_box = QComboBox()
        self.form_box.setObjectName("KeyingForm")
        self.form_box.addItem(self.tr("签到表"))
        self.form_box.addItem(self.tr("测评表"))
        top.addWidget(self.form_box)
        self.open_button = primary_button(self.tr("打开"))
        self.open_button.clicked.connect(self.open_code)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.empty = QLabel(
            self.tr(
                "录回纸质表：输入签到表或测评表上印的编号（或用扫码枪扫右上角的二维码），按回车打开。\n"
                "打开后屏幕上的行与纸面一一对应：同样的顺序、同样的行号、同样的分页。"
                "录完按“保存”一次写入；有任何一行需要核对时，问题写在该行旁边，整批都不会写入。"
            )
        )
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.signin = SignInKeying()
        self.evaluation = EvaluationKeying()
        for widget in (self.empty, self.signin, self.evaluation):
            self.stack.addWidget(widget)
        for keying in (self.signin, self.evaluation):
            keying.dirty_changed.connect(self._dirty_changed)
            keying.message.connect(self.banner.show_message)
        layout.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.discard_button = QPushButton(self.tr("放弃本次录入"))
        self.discard_button.setObjectName("DiscardKeying")
        self.discard_button.clicked.connect(self.discard)
        self.save_button = primary_button(self.tr("保存"))
        self.save_button.setToolTip(self.tr("一次写入全部录入（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self._dirty_changed(False)

    # -- opening -----------------------------------------------------------------------------------------
    @property
    def keying(self) -> SignInKeying | EvaluationKeying | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, (SignInKeying, EvaluationKeying)) else None

    @property
    def dirty(self) -> bool:
        return self.keying is not None and self.keying.dirty

    def _code_typed(self, text: str) -> None:
        """A QR payload says which form it is; a work-order code can only be an evaluation form."""
        from liandian_desktop.paper.printcode import parse_code

        try:
            printed = parse_code(text)
        except LedgerError:  # not a code yet (still typing)
            return
        if printed.form is not None:
            self.form_box.setCurrentIndex(1 if printed.form == "evaluation" else 0)
        elif printed.target.startswith("GD"):
            self.form_box.setCurrentIndex(1)

    def open_code(self, code: str | None = None) -> None:
        text = (code if code is not None else self.code_edit.text()).strip()
        if code is not None:
            self.code_edit.setText(code)
        if not text:
            self.banner.show_message(self.tr("请输入表上印的编号或二维码内容。"), "info")
            return
        if self.dirty:
            box = confirm(
                self,
                self.tr("放弃未保存的录入"),
                self.tr("当前的表还有未保存的录入，打开另一张表会放弃这些录入。确定吗？"),
                lambda: self._open(text),
                yes_text=self.tr("放弃并打开"),
            )
            self.last_dialog = box
            return
        self._open(text)

    def _open(self, text: str) -> None:
        from liandian_desktop.paper import keying

        store, folder = self.ctx.store, forms_dir(self.ctx)
        evaluation = self.form_box.currentIndex() == 1
        self.banner.clear()

        def arrived(sheet: Any) -> None:
            self.code = text
            if evaluation:
                self.evaluation.load(sheet)
                self.stack.setCurrentWidget(self.evaluation)
                self.evaluation.table.setFocus()
            else:
                self.signin.load(sheet)
                self.stack.setCurrentWidget(self.signin)
                self.signin.table.setFocus()
            if sheet.version_note:
                self.banner.show_message(sheet.version_note, "warning")
            self._dirty_changed(False)

        def work() -> Any:
            if evaluation:
                return keying.open_evaluations(store, text, forms_dir=folder)
            return keying.open_sheet(store, text, forms_dir=folder)

        self.ctx.tasks.read(work, arrived, self._failed, name="open_form")

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    def discard(self) -> None:
        """Drop what was keyed since the last 保存 (read the form back from the ledger), after asking."""
        if not self.code or not self.dirty:
            return
        self.last_dialog = confirm(
            self,
            self.tr("放弃本次录入"),
            self.tr("放弃这张表上还没有保存的录入吗？台账中已保存的内容不受影响。"),
            lambda: self._open(self.code),
            yes_text=self.tr("放弃录入"),
        )

    def _dirty_changed(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)

    # -- saving ------------------------------------------------------------------------------------------
    def save(self) -> None:
        keying = self.keying
        if keying is None or not keying.dirty:
            return
        from liandian_desktop.paper import keying as core

        store, code, folder, actor = self.ctx.store, self.code, forms_dir(self.ctx), self.ctx.actor()
        self.save_button.setEnabled(False)
        self.banner.clear()
        if isinstance(keying, SignInKeying):
            entries = keying.entries()
            sheet = keying.sheet
            assert sheet is not None
            payload = sheet.activity_code if not code.upper().startswith("LD1|") else code
            self.ctx.tasks.write(
                lambda: core.apply_sheet(store, payload, entries),
                lambda result: self._sheet_saved(result, payload),
                self._save_failed,
                name="apply_sheet",
            )
        else:
            forms = keying.forms()
            self.ctx.tasks.write(
                lambda: core.apply_evaluations(store, code, forms, forms_dir=folder, actor=actor),
                self._evaluations_saved,
                self._save_failed,
                name="apply_evaluations",
            )

    def _save_failed(self, exc: BaseException) -> None:
        from liandian_desktop.paper.keying import KeyingError

        self._dirty_changed(self.dirty)
        keying = self.keying
        if isinstance(exc, KeyingError) and keying is not None:
            rest = keying.show_problems(exc.problems)
            lines = [f"{p.row}：{p.message}" for p in rest]
            self.banner.show_message(
                "\n".join(
                    [
                        self.tr("有 {n} 处需要核对，本次录入均未保存；问题写在对应行的“核对”栏。").format(
                            n=len(exc.problems)
                        ),
                        *lines,
                    ]
                ),
                "error",
            )
            return
        self.banner.show_message(describe_error(exc), "error")

    def _sheet_saved(self, result: Any, code: str) -> None:
        text = self.tr("已保存签到表：到 {present} 人，缺 {absent} 人，现场加入 {walk} 人").format(
            present=result.present, absent=result.absent, walk=result.walk_ins
        )
        if result.hours_rows:
            text += self.tr("，登记服务时长 {n} 人共 {hours} 小时").format(
                n=result.hours_rows, hours=f"{result.total_hours.normalize():f}"
            )
        self.ctx.message.emit(text)
        self.ctx.changed("attendances")
        self.saved.emit(result)
        self._open(self.code)
        self.banner.show_message(text, "info")
        sheet = self.signin.sheet
        if result.hours_rows and sheet is not None and sheet.takes_hours:
            self.offer_volunteer_hours(code)

    def offer_volunteer_hours(self, code: str) -> None:
        """After a volunteer sheet: turn the hours into service records on each volunteer's record."""
        box = confirm(
            self,
            self.tr("计入志愿服务记录"),
            self.tr("把这张签到表上登记的服务时长计入各志愿者的志愿服务记录（并按规则积分）吗？"),
            lambda: self._record_hours(code),
            yes_text=self.tr("计入志愿服务记录"),
            informative=self.tr("已经计入过的人员会跳过，可以在更正后再次计入。"),
        )
        box.setObjectName("OfferVolunteerHours")
        self.last_dialog = box

    def _record_hours(self, code: str) -> None:
        from liandian_desktop.paper.keying import record_volunteer_hours

        store = self.ctx.store

        def done(result: Any) -> None:
            text = self.tr("已计入 {n} 人的志愿服务记录，跳过已计入的 {skipped} 人。").format(
                n=result.recorded, skipped=result.skipped
            )
            self.ctx.changed("volunteers")
            if result.problems:
                details = "\n".join(f"{p.row}：{p.message}" for p in result.problems)
                self.last_dialog = inform(self, self.tr("计入志愿服务记录"), text + "\n\n" + details)
            self.ctx.message.emit(text)
            self.banner.show_message(text, "warning" if result.problems else "info")

        self.ctx.tasks.write(lambda: record_volunteer_hours(store, code), done, self._failed, name="hours")

    def _evaluations_saved(self, ids: list[uuid.UUID]) -> None:
        text = self.tr("已保存 {n} 份测评表。").format(n=len(ids))
        self.ctx.message.emit(text)
        self.ctx.changed("evaluations")
        if self.evaluation.sheet is not None and self.evaluation.sheet.target.kind == "work_order":
            self.ctx.changed("work_orders")
        self.saved.emit(ids)
        self._open(self.code)
        self.banner.show_message(text, "info")
