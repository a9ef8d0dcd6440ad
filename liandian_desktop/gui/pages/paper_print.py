"""打印: choose what to print and which copy, then 预览 / 打印 / 另存为 PDF.

The core (``liandian_desktop.paper``) draws the PDF on a worker, one document at a time (ReportLab is not
promised to be thread-safe); this panel shows it (``gui/printing.py``), prints it at 100 % scale, and logs
each print or file with personal data on it: ``record_print`` once the printer has taken the job,
``save_pdf`` with the file. Choosing the unmasked copy asks first and says it will be logged.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.pages.paper_pickers import (
    ActivityPicker,
    InspectionPicker,
    OrderPicker,
    QuarterPicker,
)
from liandian_desktop.gui.printing import (
    PdfPreview,
    PrintBackend,
    PrintFailed,
    is_landscape,
    print_pdf,
    show_missing_glyphs,
)
from liandian_desktop.gui.qt import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QRadioButton,
    QShortcut,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.tasks import Cancelled, Task, TaskContext, describe_error
from liandian_desktop.gui.widgets import Banner, confirm, muted, primary_button
from liandian_desktop.ledger.models import ActivityKind
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.fonts import MissingGlyphsError
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.store.engine import Store

# ReportLab keeps module-level state (fonts, caches): one document is drawn at a time, whoever asks.
RENDER_LOCK = threading.Lock()

SIGNIN, VOLUNTEER, EVAL_ACTIVITY, EVAL_ORDER, MATCHING, INSPECTION = (
    "signin",
    "volunteer-signin",
    "evaluation-activity",
    "evaluation-order",
    "matching",
    "inspection",
)
KINDS = (SIGNIN, VOLUNTEER, EVAL_ACTIVITY, EVAL_ORDER, MATCHING, INSPECTION)
INTERNAL, PUBLIC, UNMASKED = "internal", "public", "unmasked"


@dataclass(frozen=True)
class PrintRequest:
    """Everything a rendering depends on: the same request gives the same document (it is reused)."""

    kind: str
    target: str  # activity or work-order code, quarter, or inspection scope
    copy: Copy
    blank_rows: int | None = None  # sign-in sheets (None: as the form definition says)
    copies: int | None = None  # evaluation forms (None: one per person who came)
    period: str | None = None  # inspection
    township_id: uuid.UUID | None = None


def forms_dir(ctx: AppContext) -> Path | None:
    """The county's own form definitions, when it has published some (they take precedence)."""
    folder = ctx.paths.data_dir / "forms"
    return folder if folder.is_dir() else None


def render(store: Store, request: PrintRequest, folder: Path | None, task: TaskContext) -> PaperDocument:
    """Worker thread: draw the document (one at a time). A cancelled inspection raises :class:`Cancelled`."""
    from liandian_desktop.paper import evaluation, inspection, matching, signin

    with RENDER_LOCK:
        task.check()
        kind = request.kind
        if kind in (SIGNIN, VOLUNTEER):
            return signin.render_signin(
                store,
                request.target,
                volunteer=kind == VOLUNTEER,
                copy=request.copy,
                blank_rows=request.blank_rows,
                forms_dir=folder,
            )
        if kind in (EVAL_ACTIVITY, EVAL_ORDER):
            return evaluation.render_evaluation(
                store, request.target, copies=request.copies, forms_dir=folder
            )
        if kind == MATCHING:
            return matching.render_matching(
                store, request.target, township_id=request.township_id, copy=request.copy, forms_dir=folder
            )
        try:
            return inspection.render_inspection(
                store,
                scope=request.target,
                period=request.period,
                copy=request.copy,
                progress=task.progress,
                cancelled=lambda: task.cancelled,
            )
        except inspection.InspectionCancelled:
            raise Cancelled from None


# ---------------------------------------------------------------------------------------------------------
# 打印
# ---------------------------------------------------------------------------------------------------------


class PrintPanel(QWidget):
    """Choose what to print and which copy, then preview, print or save it as a PDF."""

    loaded = Signal()
    document_ready = Signal(object)  # PaperDocument, after each rendering
    printed = Signal(int)  # sheets sent, once the print job is accepted and logged
    saved = Signal(object)  # Path, once the file is written and logged

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.print_backend = PrintBackend()  # tests put a fake printer here
        self.document: PaperDocument | None = None
        self.rendered: PrintRequest | None = None
        self.last_dialog: QWidget | None = None
        self.render_task: Task | None = None
        self.print_task: Task | None = None
        self._rendering: PrintRequest | None = None
        self._then: Callable[[PaperDocument], None] | None = None
        self._queued: tuple[PrintRequest, Callable[[PaperDocument], None] | None] | None = None
        self._unmasked_confirmed = False
        self.last_folder: Path | None = None  # where the last PDF was saved (the next one goes there too)
        ctx.data_changed.connect(self._ledger_changed)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        row.addWidget(splitter)
        left = QWidget()
        left.setMinimumWidth(440)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(8)

        what = QGroupBox(self.tr("打印什么"))
        grid = QGridLayout(what)
        grid.setContentsMargins(8, 4, 8, 6)
        grid.setVerticalSpacing(2)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        labels = {
            SIGNIN: self.tr("签到表"),
            VOLUNTEER: self.tr("志愿服务签到表（含时长）"),
            EVAL_ACTIVITY: self.tr("测评表（活动）"),
            EVAL_ORDER: self.tr("测评表（工单）"),
            MATCHING: self.tr("匹配清单（对接会）"),
            INSPECTION: self.tr("督查材料"),
        }
        for i, kind in enumerate(KINDS):
            button = QRadioButton(labels[kind])
            button.setObjectName(f"kind_{kind}")
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
            grid.addWidget(button, i // 2, i % 2)
        self.kind_buttons[SIGNIN].setChecked(True)
        self.kind_group.idToggled.connect(lambda _id, on: self._kind_changed() if on else None)
        column.addWidget(what)

        self.pickers = QStackedWidget()
        self.activity_picker = ActivityPicker(ctx)
        self.order_picker = OrderPicker(ctx)
        self.quarter_picker = QuarterPicker()
        self.inspection_picker = InspectionPicker(ctx)
        for picker in (self.activity_picker, self.order_picker, self.quarter_picker, self.inspection_picker):
            self.pickers.addWidget(picker)
        self.activity_picker.changed.connect(lambda _r: self._choice_changed())
        self.activity_picker.loaded.connect(self.loaded.emit)
        self.order_picker.changed.connect(lambda _r: self._choice_changed())
        self.quarter_picker.changed.connect(self._choice_changed)
        self.inspection_picker.changed.connect(self._choice_changed)
        column.addWidget(self.pickers, 1)

        options = QHBoxLayout()
        self.blank_label = QLabel(self.tr("末尾空白行"))
        self.blank_rows = QSpinBox()
        self.blank_rows.setObjectName("BlankRows")
        self.blank_rows.setRange(-1, 200)
        self.blank_rows.setValue(-1)
        self.blank_rows.setSpecialValueText(self.tr("按表单"))
        self.blank_rows.setToolTip(self.tr("留给现场加入人员的空白行（至少这么多，并补满最后一页）"))
        self.copies_label = QLabel(self.tr("份数"))
        self.copies = QSpinBox()
        self.copies.setObjectName("Copies")
        self.copies.setRange(0, 2000)
        self.copies.setValue(0)
        self.copies.setSpecialValueText(self.tr("按到场人数"))
        self.copies.setToolTip(self.tr("每位居民一页；默认按签到表上到场的人数"))
        for widget in (self.blank_label, self.blank_rows, self.copies_label, self.copies):
            options.addWidget(widget)
        options.addStretch(1)
        self.blank_rows.valueChanged.connect(lambda _v: self._choice_changed())
        self.copies.valueChanged.connect(lambda _v: self._choice_changed())
        column.addLayout(options)

        copy_row = QHBoxLayout()
        copy_row.setSpacing(10)
        copy_row.addWidget(QLabel(self.tr("哪一份")))
        self.copy_group = QButtonGroup(self)
        self.copy_buttons: dict[str, QRadioButton] = {}
        copy_kinds = (
            (
                INTERNAL,
                self.tr("内部留存（掩码）"),
                self.tr("身份证号只印前 6 位和后 4 位，电话中间 4 位掩码"),
            ),
            (PUBLIC, self.tr("公开张贴"), self.tr("进一步掩码，不印健康、残疾、低保特困等敏感栏目和住址")),
            (
                UNMASKED,
                self.tr("完整信息（不掩码）"),
                self.tr("印完整的身份证号和电话，只供内部留存；会记入使用记录"),
            ),
        )
        for i, (key, text, tip) in enumerate(copy_kinds):
            button = QRadioButton(text)
            button.setObjectName(f"copy_{key}")
            button.setToolTip(tip)
            self.copy_group.addButton(button, i)
            self.copy_buttons[key] = button
            copy_row.addWidget(button)
        copy_row.addStretch(1)
        self.copy_buttons[INTERNAL].setChecked(True)
        self.copy_group.idToggled.connect(self._copy_toggled)
        column.addLayout(copy_row)
        self.copy_note = muted()
        self.copy_note.setWordWrap(True)
        column.addWidget(self.copy_note)

        buttons = QHBoxLayout()
        self.preview_button = primary_button(self.tr("预览"))
        self.preview_button.setToolTip(self.tr("生成并预览（F5）"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setObjectName("Print")
        self.print_button.setToolTip(self.tr("选择打印机后按原大（100%）打印在 A4 纸上（Ctrl+P）"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.setObjectName("SavePdf")
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        for action in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(action)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.banner = Banner()
        column.addWidget(self.banner)
        splitter.addWidget(left)

        self.preview_pane = PdfPreview()
        self.status = self.preview_pane.summary  # what was generated, and the personal data on it
        splitter.addWidget(self.preview_pane)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 10_000])
        splitter.setChildrenCollapsible(False)
        for keys, slot in (
            ("F5", self.preview),
            ("Ctrl+P", self.print_document),
            ("Ctrl+Shift+S", self.save_document),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._kind_changed()

    # -- the choice --------------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KINDS[max(0, self.kind_group.checkedId())]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def set_copy(self, key: str) -> None:
        """Choose a copy as a click would (the unmasked one asks for confirmation)."""
        self.copy_buttons[key].click()

    def copy_choice(self) -> str:
        for key, button in self.copy_buttons.items():
            if button.isChecked():
                return key
        return INTERNAL

    def _kind_changed(self) -> None:
        kind = self.kind
        if kind in (SIGNIN, VOLUNTEER, EVAL_ACTIVITY):
            self.pickers.setCurrentWidget(self.activity_picker)
            self.activity_picker.set_kind(ActivityKind.VOLUNTEER if kind == VOLUNTEER else None)
        elif kind == EVAL_ORDER:
            self.pickers.setCurrentWidget(self.order_picker)
        elif kind == MATCHING:
            self.pickers.setCurrentWidget(self.quarter_picker)
        else:
            self.pickers.setCurrentWidget(self.inspection_picker)
        signin = kind in (SIGNIN, VOLUNTEER)
        self.blank_label.setVisible(signin)
        self.blank_rows.setVisible(signin)
        self.copies_label.setVisible(kind == EVAL_ACTIVITY)
        self.copies.setVisible(kind == EVAL_ACTIVITY)
        evaluation = kind in (EVAL_ACTIVITY, EVAL_ORDER)
        for key, button in self.copy_buttons.items():
            button.setEnabled(not evaluation and (key != UNMASKED or signin))
        if evaluation:
            self.copy_note.setText(self.tr("测评表不记名，不印任何个人信息。"))
        elif not signin:
            self.copy_note.setText(self.tr("本材料不印身份证号和电话，没有完整信息版。"))
            if self.copy_choice() == UNMASKED:
                self.copy_buttons[INTERNAL].setChecked(True)
        else:
            self._copy_note()
        self._choice_changed()

    def _copy_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        key = (INTERNAL, PUBLIC, UNMASKED)[button_id]
        if key == UNMASKED and not self._unmasked_confirmed:
            self._ask_unmasked()
        if key != UNMASKED:
            self._unmasked_confirmed = False
        self._copy_note()
        self._choice_changed()

    def _ask_unmasked(self) -> None:
        box = confirm(
            self,
            self.tr("完整信息版"),
            self.tr("完整信息版会印出完整的身份证号码和电话号码，只供内部留存，不得张贴或外传。"),
            self._unmasked_accepted,
            yes_text=self.tr("使用完整信息版"),
            informative=self.tr(
                "每次打印或另存为 PDF 都会记入个人信息使用记录（操作人、时间、内容、人数、是否掩码），"
                "县里可以查阅。确定使用完整信息版吗？"
            ),
        )
        box.setObjectName("ConfirmUnmasked")
        box.finished.connect(lambda _r: self._unmasked_answered())
        self.last_dialog = box

    def _unmasked_accepted(self) -> None:
        self._unmasked_confirmed = True

    def _unmasked_answered(self) -> None:
        if not self._unmasked_confirmed:
            self.copy_buttons[INTERNAL].setChecked(True)
        self._copy_note()
        self._choice_changed()

    def _copy_note(self) -> None:
        if self.kind not in (SIGNIN, VOLUNTEER, MATCHING, INSPECTION):
            return
        choice = self.copy_choice()
        if choice == UNMASKED and self._unmasked_confirmed:
            self.copy_note.setText(self.tr("完整信息版：打印或另存都会记入个人信息使用记录。"))
        elif choice == PUBLIC:
            self.copy_note.setText(self.tr("公开张贴版：身份证号只留首尾 2 位，不印敏感栏目。"))
        else:
            self.copy_note.setText(self.tr("每次打印或另存含个人信息的表都会记入使用记录。"))

    def current_copy(self) -> Copy:
        choice = self.copy_choice()
        if self.kind in (EVAL_ACTIVITY, EVAL_ORDER):
            return Copy()
        return Copy(public=choice == PUBLIC, unmasked=choice == UNMASKED and self._unmasked_confirmed)

    def request(self) -> PrintRequest | None:
        """The current choice, or None (with a note in the banner) when something is still missing."""
        kind, copy = self.kind, self.current_copy()
        if kind in (SIGNIN, VOLUNTEER, EVAL_ACTIVITY):
            activity = self.activity_picker.current()
            if activity is None:
                self.banner.show_message(self.tr("请先在列表中选择一项活动。"), "info")
                return None
            if kind in (SIGNIN, VOLUNTEER):
                blank = self.blank_rows.value()
                return PrintRequest(kind, activity.code, copy, blank_rows=None if blank < 0 else blank)
            copies = self.copies.value()
            return PrintRequest(kind, activity.code, copy, copies=copies or None)
        if kind == EVAL_ORDER:
            order = self.order_picker.current()
            if order is None:
                self.banner.show_message(self.tr("请先在列表中选择一张工单。"), "info")
                return None
            return PrintRequest(kind, order.code, copy)
        if kind == MATCHING:
            township = self.ctx.township
            return PrintRequest(
                kind,
                self.quarter_picker.value(),
                copy,
                township_id=township.id if township is not None else None,
            )
        scope = self.inspection_picker.scope()
        if not scope:
            self.banner.show_message(self.tr("请选择村（社区）或联点单位。"), "info")
            return None
        return PrintRequest(kind, scope, copy, period=self.inspection_picker.period())

    def _choice_changed(self) -> None:
        self.banner.clear()
        if self.document is None:
            return
        if self._current_request_quietly() == self.rendered:
            self.status.setText(self._describe(self.document))
        else:
            self.status.setText(self.tr("选择已更改：按“预览”重新生成（右侧仍是上一次的预览）。"))

    def _current_request_quietly(self) -> PrintRequest | None:
        shown = self.banner.isVisible()
        request = self.request()
        if not shown:
            self.banner.clear()
        return request

    def _ledger_changed(self, kind: str) -> None:
        if kind != "personal_data_logs":  # our own log rows change nothing on the paper
            self.invalidate()

    def invalidate(self) -> None:
        """The ledger changed since the preview: 打印 and 另存为 draw the document again."""
        if self.document is not None and self.rendered is not None:
            self.rendered = None
            self.status.setText(self.tr("台账已有变动：打印或另存前会重新生成（右侧是变动前的预览）。"))

    # -- rendering ---------------------------------------------------------------------------------------
    def preview(self) -> None:
        self._with_document(None)

    def print_document(self) -> None:
        self._with_document(self._ask_printer)

    def save_document(self) -> None:
        self._with_document(self._ask_path)

    def _with_document(self, then: Callable[[PaperDocument], None] | None) -> None:
        request = self.request()
        if request is None:
            return
        self.banner.clear()
        if self.document is not None and request == self.rendered:
            if then is not None:
                then(self.document)
            return
        self.start_render(request, then)

    @property
    def rendering(self) -> bool:
        return self.render_task is not None and not self.render_task.done

    def start_render(
        self, request: PrintRequest, then: Callable[[PaperDocument], None] | None
    ) -> Task | None:
        """Draw ``request`` on a worker; one rendering at a time (a newer request waits for the running one,
        and a running inspection PDF is cancelled in its favour)."""
        if self.rendering:
            assert self.render_task is not None
            if request == self._rendering:
                self._then = then or self._then
                return self.render_task
            if self._rendering is not None and self._rendering.kind == INSPECTION:
                self.render_task.cancel()
            self._queued = (request, then)
            return None
        store, folder = self.ctx.store, forms_dir(self.ctx)
        self._rendering, self._then = request, then
        label = self.tr("正在生成督查材料…") if request.kind == INSPECTION else self.tr("正在生成 PDF…")
        task = self.ctx.tasks.read(
            lambda task_ctx: render(store, request, folder, task_ctx),
            lambda document: self._rendered(request, document),
            self._render_failed,
            name="render_paper",
            wants_context=True,
            progress=label,
            parent=self.window(),
        )
        task.cancelled.connect(self._render_cancelled)
        task.finished.connect(self._render_finished)
        self.render_task = task
        self.preview_button.setEnabled(False)
        self.status.setText(label)
        return task

    def _rendered(self, request: PrintRequest, document: PaperDocument) -> None:
        self.document, self.rendered = document, request
        self.preview_pane.show_pdf(document.pdf)
        self.status.setText(self._describe(document))
        if document.unmasked:
            self.banner.show_message(
                self.tr("这是完整信息版：身份证号和电话未掩码，打印或另存都会记入个人信息使用记录。"),
                "warning",
            )
        self.document_ready.emit(document)
        then, self._then = self._then, None
        if then is not None and self._queued is None:
            then(document)

    def _render_failed(self, exc: BaseException) -> None:
        self._then = None
        if isinstance(exc, MissingGlyphsError):
            self.status.setText(self.tr("没有生成：有名字中的字无法打印，见提示。"))
            self.last_dialog = show_missing_glyphs(self.window(), exc)
            return
        self.status.clear()
        self.banner.show_message(describe_error(exc), "error")

    def _render_cancelled(self) -> None:
        self._then = None
        self.status.setText(self.tr("已取消生成。"))
        self.ctx.message.emit(self.tr("已取消生成 PDF"))

    def _render_finished(self) -> None:
        self.preview_button.setEnabled(True)
        self._rendering = None
        queued, self._queued = self._queued, None
        if queued is not None:
            self.start_render(*queued)

    def cancel_render(self) -> None:
        if self.render_task is not None and not self.render_task.done:
            self.render_task.cancel()

    def _describe(self, document: PaperDocument) -> str:
        text = self.tr("{what} · {scope} · {pages} 页").format(
            what=document.document, scope=document.scope, pages=document.pages
        )
        if document.has_personal_data:
            text += "\n" + self.tr("含 {n} 人的个人信息：{fields}").format(
                n=document.people_count, fields="、".join(document.personal_fields)
            )
        return text

    # -- printing ----------------------------------------------------------------------------------------
    def _ask_printer(self, document: PaperDocument) -> None:
        backend = self.print_backend
        landscape = self.preview_pane.page_count > 0 and is_landscape(
            self.preview_pane.document.pagePointSize(0)
        )
        printer = backend.make_printer(document.file_name.removesuffix(".pdf"), landscape)
        current = max(0, self.preview_pane.current_page())

        def accepted() -> None:
            self._print(document, printer, backend.printer_name(printer), current)

        dialog = backend.ask(self.window(), printer, document.pages, accepted)
        if isinstance(dialog, QDialog):
            self.last_dialog = dialog

    def _print(self, document: PaperDocument, printer: Any, name: str, current: int) -> None:
        data = document.pdf
        store, operator = self.ctx.store, self.ctx.actor()

        def job(task_ctx: TaskContext) -> int:
            return print_pdf(
                data,
                printer,
                current_page=current,
                progress=task_ctx.progress,
                cancelled=lambda: task_ctx.cancelled,
            )

        def sent(sheets: int) -> None:
            from liandian_desktop.paper.document import record_print

            def logged(_none: object) -> None:
                text = self.tr("已发送到打印机“{printer}”：{n} 页").format(printer=name, n=sheets)
                if document.has_personal_data:
                    text += self.tr("；已记入个人信息使用记录")
                self.status.setText(text)
                self.ctx.message.emit(text)
                self.ctx.changed("personal_data_logs")
                self.printed.emit(sheets)

            self.ctx.tasks.write(
                lambda: record_print(store, document, name, operator=operator),
                logged,
                self._print_failed,
                name="record_print",
            )

        self.print_task = self.ctx.tasks.read(
            job,
            sent,
            self._print_failed,
            name="print",
            wants_context=True,
            progress=self.tr("正在发送到打印机…"),
            parent=self.window(),
        )
        self.print_task.cancelled.connect(lambda: self.status.setText(self.tr("已取消打印，没有页被打印。")))
        self.status.setText(self.tr("正在发送到打印机…"))

    def _print_failed(self, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, PrintFailed) else describe_error(exc)
        self.status.clear()
        self.banner.show_message(self.tr("没有打印：{why}").format(why=text), "error")

    # -- saving ------------------------------------------------------------------------------------------
    def _ask_path(self, document: PaperDocument) -> None:
        folder = self.last_folder or self.ctx.paths.exports
        try:
            folder.mkdir(parents=True, exist_ok=True)  # else the dialog falls back to the program's folder
        except OSError:
            folder = Path.home()
        dialog = QFileDialog(self.window(), self.tr("另存为 PDF"), str(folder / document.file_name))
        dialog.setObjectName("SavePdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF 文件 (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_to(document, Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.last_dialog = dialog
        dialog.open()

    def save_to(self, document: PaperDocument, path: Path) -> None:
        """Writer thread: write the file and its log row together."""
        from liandian_desktop.paper.document import save_pdf

        store, operator = self.ctx.store, self.ctx.actor()

        def done(written: Path) -> None:
            self.last_folder = written.parent
            text = self.tr("已保存：{path}").format(path=str(written))
            if document.has_personal_data:
                text += self.tr("（已记入个人信息使用记录）")
            self.status.setText(text)
            self.ctx.message.emit(text)
            self.ctx.changed("personal_data_logs")
            self.saved.emit(written)

        def failed(exc: BaseException) -> None:
            why = describe_error(exc) if not isinstance(exc, OSError) else (exc.strerror or str(exc))
            self.banner.show_message(self.tr("没有保存：{why}").format(why=why), "error")

        self.ctx.tasks.write(
            lambda: save_pdf(store, document, path, operator=operator), done, failed, name="save_pdf"
        )

    # -- coming from another page ------------------------------------------------------------------------
    def prepare(self, kind: str, record: Any) -> None:
        """Select ``kind`` and the activity or work order ``record`` (a button on another page)."""
        if kind == SIGNIN and getattr(record, "kind", None) == ActivityKind.VOLUNTEER:
            kind = VOLUNTEER
        self.set_kind(kind)
        if kind == EVAL_ORDER:
            self.order_picker.show_order(record)
        else:
            self.activity_picker.show_activity(record)
