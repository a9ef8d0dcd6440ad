"""导入: a wizard over the Excel module's two-step import.

1. 选择 what is imported (居民, 志愿者, …) and the file (dialog or drag and drop); 下载模板 writes a blank
   template. 2. 核对表头: the sheet and header row the module found, each column with the field it goes to
   (or 不导入), the required fields still missing in red, and the options (a village for a roster without a
   村 column, an activity for an invitation list, 重复时 跳过/更新, 记住列对应). 3. 预览: ``plan_import`` in a
   worker (progress, 取消) and every row's fate and reason; nothing is written. 4. 确认导入: ``commit_plan``
   on the writer thread, one transaction (a failure leaves the ledger as it was and is shown).

The Excel module is imported by the first worker that needs it (openpyxl costs 0.3 s), never on the GUI
thread before that.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.i18n import fmt_datetime
from liandian_desktop.gui.listing import Folders, excel_progress, run_excel, save_dialog
from liandian_desktop.gui.pages.transfer_preview import PreviewStep
from liandian_desktop.gui.pages.transfer_steps import (
    CHOOSE,
    DONE,
    MAPPING,
    PREVIEW,
    TEXT,
    ChooseStep,
    DoneStep,
    KindInfo,
    MappingStep,
    StepBar,
    import_kinds,
    quarters_around,
    sample_text,
)
from liandian_desktop.gui.qt import (
    QComboBox,
    QDesktopServices,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    Qt,
    QTableWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import Task, TaskContext, describe_error
from liandian_desktop.gui.theme import GREY, RED
from liandian_desktop.gui.widgets import Banner, muted
from liandian_desktop.ledger.services.base import ListQuery

if TYPE_CHECKING:
    from liandian_desktop.excel import ImportOptions, ImportPlan, ImportResult, Layout
    from liandian_desktop.ledger.models import Activity


class ImportWizard(QWidget):
    """The four steps and the work behind them (every Excel call runs in a task)."""

    step_changed = Signal(int)
    layout_ready = Signal()  # the mapping step shows a file
    plan_ready = Signal()  # the preview shows a plan
    committed = Signal(object)  # ImportResult
    file_saved = Signal(object)  # Path of a template or refusal report

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kinds = import_kinds()
        self.kind: KindInfo | None = None
        self.path: Path | None = None
        self.layout_: Layout | None = None
        self.header_override: int | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.task: Task | None = None
        self.saved_path: Path | None = None
        self.last_dialog: QWidget | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.step_bar = StepBar()
        top.addWidget(self.step_bar, 1)
        self.status = muted()
        top.addWidget(self.status)
        layout.addLayout(top)
        note = QHBoxLayout()
        self.banner = Banner()
        note.addWidget(self.banner, 1)
        self.folder_button = QPushButton(translate("ImportWizard", "打开所在文件夹"))
        self.folder_button.clicked.connect(self.open_folder)
        self.folder_button.hide()
        note.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(note)

        self.stack = QStackedWidget()
        self.choose = ChooseStep(self.kinds)
        self.mapping = MappingStep()
        self.preview_step = PreviewStep()
        self.done = DoneStep()
        for page in (self.choose, self.mapping, self.preview_step, self.done):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)

        self.choose.kind_group.idClicked.connect(lambda i: self.choose_kind(self.kinds[i].key))
        self.choose.path_edit.editingFinished.connect(self._path_typed)
        self.choose.browse_button.clicked.connect(self.browse)
        self.choose.file_dropped.connect(self.set_file)
        self.choose.template_button.clicked.connect(self.template_dialog)
        self.choose.next_button.clicked.connect(self.inspect)
        self.mapping.back_button.clicked.connect(lambda: self.go(CHOOSE))
        self.mapping.preview_button.clicked.connect(self.preview)
        self.mapping.sheet_box.activated.connect(self._sheet_chosen)
        self.mapping.header_spin.valueChanged.connect(self._header_row_chosen)
        for box in (self.mapping.community_box, self.mapping.activity_box, self.mapping.quarter_box):
            box.currentIndexChanged.connect(lambda _i: self.update_missing())
        self.preview_step.back_requested.connect(lambda: self.go(MAPPING))
        self.preview_step.recheck_requested.connect(self.preview)
        self.preview_step.refusals_requested.connect(self.refusals_dialog)
        self.preview_step.commit_requested.connect(self.confirm_import)
        self.done.refusals_button.clicked.connect(self.refusals_dialog)
        self.done.again_button.clicked.connect(self.restart)
        self.done.show_button.clicked.connect(self._show_imported)
        self.ctx.ready.connect(self._ledger_ready)
        self.choose_kind(self.kinds[0].key)
        self._ledger_ready()

    # -- navigation ------------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def go(self, step: int) -> None:
        if step in (CHOOSE, MAPPING):
            self.plan = None  # a plan is for the settings it was made with
        self.stack.setCurrentIndex(step)
        self.step_bar.set_step(step)
        self.banner.clear()
        self.folder_button.hide()
        self.step_changed.emit(step)

    def restart(self) -> None:
        self.path, self.layout_, self.plan, self.result = None, None, None, None
        self.choose.path_edit.clear()
        self.choose.show_file(None)
        self._update_choose()
        self.go(CHOOSE)

    def _ledger_ready(self) -> None:
        self._update_choose()
        if self.ctx.township is None:
            self.banner.show_message(
                translate("ImportWizard", "台账中尚未建立乡镇（街道），请先建立或同步区划后再导入。"),
                "warning",
            )

    # -- step 1 ----------------------------------------------------------------------------------------
    def choose_kind(self, key: str) -> None:
        self.kind = next(k for k in self.kinds if k.key == key)
        self.choose.kind_buttons[key].setChecked(True)
        self.choose.template_button.setText(
            translate("ImportWizard", "下载“{kind}”导入模板…").format(kind=self.kind.label)
        )
        self._update_choose()

    def set_file(self, path: Path | str) -> None:
        """The file to import (the file dialog, a drop and the path box all end here)."""
        self.path = Path(path)
        self.choose.path_edit.setText(str(self.path))
        self.choose.show_file(self.path)
        self._update_choose()

    def _path_typed(self) -> None:
        text = self.choose.path_edit.text().strip().strip('"')
        self.path = Path(text) if text else None
        self.choose.show_file(self.path)
        self._update_choose()

    def _update_choose(self) -> None:
        ready = self.kind is not None and self.path is not None and self.ctx.township is not None
        self.choose.next_button.setEnabled(ready and self.task is None)
        self.choose.template_button.setEnabled(self.kind is not None and self.task is None)

    def browse(self) -> None:
        dialog = QFileDialog(
            self,
            translate("ImportWizard", "选择要导入的 Excel 文件"),
            str(self.path.parent if self.path else Folders.start()),
            translate("ImportWizard", "表格文件 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def chosen(name: str) -> None:
            Folders.used(Path(name))
            self.set_file(name)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.last_dialog = dialog
        dialog.open()

    def template_dialog(self) -> None:
        if self.kind is None:
            return
        kind = self.kind
        name = translate("ImportWizard", "{kind}导入模板.xlsx").format(kind=kind.label)
        self.last_dialog = save_dialog(
            self, translate("ImportWizard", "保存导入模板"), name, lambda path: self.write_template(path)
        )

    def write_template(self, path: Path) -> Task | None:
        """Write the blank template of the chosen kind, with the township's villages and units as choices."""
        if self.kind is None:
            return None
        store, kind = self.ctx.store, self.kind
        township_id = self.ctx.township.id if self.ctx.township is not None else None

        def work() -> Path:
            from liandian_desktop.excel import write_template

            return write_template(kind.key, path, store=store, township_id=township_id)

        def done(written: Path) -> None:
            self._saved(
                written,
                translate("ImportWizard", "已生成“{kind}”导入模板：{path}").format(
                    kind=kind.label, path=written
                ),
            )

        return self._run(
            self.ctx.tasks.read(work, done, self._failed, name="write_template"),
            translate("ImportWizard", "正在生成模板…"),
        )

    # -- step 2 ----------------------------------------------------------------------------------------
    def inspect(self, *, sheet: str | None = None, header_row: int | None = None) -> Task | None:
        """Read where the data is (sheet, header row, columns) and show the mapping step."""
        if self.kind is None or self.path is None or self.ctx.township is None:
            return None
        store, kind, path = self.ctx.store, self.kind.key, self.path
        township_id = self.ctx.township.id

        def work() -> tuple[Layout, str]:
            from liandian_desktop.excel import ImportOptions, WorkbookError, inspect_workbook

            options = ImportOptions(township_id, sheet=sheet, header_row=header_row)
            try:
                return inspect_workbook(store, kind, path, options), ""
            except WorkbookError as exc:
                if header_row is not None:
                    raise
                # No header recognised: show the first row with several cells filled, so that the user can
                # point at the header row and the columns.
                for row in range(1, 11):
                    try:
                        found = inspect_workbook(store, kind, path, replace(options, header_row=row))
                    except WorkbookError:
                        raise exc from None
                    if sum(1 for h in found.header.headers if h) >= 2:
                        return found, exc.message
                raise

        return self._run(
            self.ctx.tasks.read(
                work,
                lambda answer: self._inspected(answer, header_row),
                self._failed,
                name="inspect_workbook",
                progress=translate("ImportWizard", "正在读取工作簿…"),
                parent=self,
            ),
            translate("ImportWizard", "正在读取工作簿…"),
        )

    def _inspected(self, answer: tuple[Layout, str], header_row: int | None) -> None:
        layout, warning = answer
        self.layout_, self.header_override = layout, header_row
        self.fill_mapping(layout)
        self.go(MAPPING)
        if warning:
            self.banner.show_message(
                warning
                + "\n"
                + translate("ImportWizard", "请在上方选择表头所在的行，并在下表中指定各列对应的字段。"),
                "warning",
            )
        self.layout_ready.emit()

    def fill_mapping(self, layout: Layout) -> None:
        from liandian_desktop.excel import spec_of
        from liandian_desktop.excel.columns import column_letter

        assert self.kind is not None and self.path is not None
        m = self.mapping
        spec = spec_of(self.kind.key)
        m.file_label.setText(self.path.name)
        m.sheet_box.blockSignals(True)
        m.sheet_box.clear()
        m.sheet_box.addItems(list(layout.sheets))
        m.sheet_box.setCurrentText(layout.sheet)
        m.sheet_box.blockSignals(False)
        m.header_spin.blockSignals(True)
        m.header_spin.setValue(layout.header.row)
        m.header_spin.blockSignals(False)
        if layout.source == "remembered":
            source = translate("ImportWizard", "已按上次记住的列对应填好，请核对")
        elif layout.header.depth == 2:
            source = translate("ImportWizard", "已自动识别两行表头（第 {a}–{b} 行）和各列，请核对").format(
                a=layout.header.row, b=layout.header.row + 1
            )
        else:
            source = translate("ImportWizard", "已自动识别表头和各列，请核对")
        m.source_label.setText(source)

        headers = layout.header.headers
        m.table.setRowCount(0)
        m.table.setRowCount(len(headers))
        m.combos = []
        for col, header in enumerate(headers):
            letter = QTableWidgetItem(column_letter(col))
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            letter.setForeground(GREY)
            m.table.setItem(col, m.SOURCE_COL, letter)
            item = QTableWidgetItem(header or translate("ImportWizard", "（空）"))
            item.setToolTip(header)
            if not header:
                item.setForeground(GREY)
            m.table.setItem(col, m.HEADER_COL, item)
            combo = QComboBox()
            combo.setObjectName(f"field_{col}")
            combo.addItem(translate("ImportWizard", "（不导入）"), "")
            for f in spec.fields:
                combo.addItem(f"{f.header} *" if f.required else f.header, f.key)
            chosen = layout.columns.get(col, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i, c=col: self._field_chosen(c))
            m.table.setCellWidget(col, m.FIELD_COL, combo)
            m.combos.append(combo)
            values = [sample_text(r[col]) if col < len(r) else "" for r in layout.sample[:4]]
            sample = QTableWidgetItem(translate("ImportWizard", "；").join(v for v in values if v))
            sample.setToolTip("\n".join(v for v in values if v))
            m.table.setItem(col, m.SAMPLE_COL, sample)
        self._fill_options()
        self._style_rows()
        self.update_missing()

    def _fill_options(self) -> None:
        assert self.kind is not None
        m, kind = self.mapping, self.kind
        for label, box, shown in (
            (m.community_label, m.community_box, kind.community),
            (m.activity_label, m.activity_box, kind.activity),
            (m.quarter_label, m.quarter_box, kind.quarter),
        ):
            label.setVisible(shown)
            box.setVisible(shown)
        if kind.community:
            m.community_box.set_choices(
                translate("ImportWizard", "（按表中的村（社区）列）"),
                self.ctx.lookups.community_choices(),
            )
        if kind.quarter:
            m.quarter_box.set_choices(
                translate("ImportWizard", "（按表中的季度列）"),
                quarters_around(self.ctx.now().astimezone().date()),
            )
        if kind.activity:
            self._load_activities()

    def _load_activities(self) -> None:
        if self.ctx.township is None:
            return
        service, township_id = self.ctx.activities, self.ctx.township.id

        def read() -> list[Activity]:
            query = ListQuery(
                filters={"township_id": township_id}, sort="starts_at", descending=True, limit=300
            )
            return list(service.list(query).rows)

        def arrived(activities: list[Activity]) -> None:
            choices = [(a.id, f"{a.code}  {a.title}（{fmt_datetime(a.starts_at)}）") for a in activities]
            self.mapping.activity_box.set_choices(
                translate("ImportWizard", "（按表中的活动编号列）"), choices
            )
            self.update_missing()

        self.ctx.tasks.read(read, arrived, self._failed, name="activities_for_import")

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.mapping.sheet_box.currentText()
        if self.layout_ is not None and sheet != self.layout_.sheet:
            self.inspect(sheet=sheet)

    def _header_row_chosen(self, row: int) -> None:
        if self.layout_ is not None and row != self.layout_.header.row:
            self.inspect(sheet=self.layout_.sheet, header_row=row)

    def set_sheet(self, sheet: str) -> Task | None:
        self.mapping.sheet_box.setCurrentText(sheet)
        return self.inspect(sheet=sheet)

    def set_header_row(self, row: int) -> Task | None:
        sheet = self.layout_.sheet if self.layout_ is not None else None
        self.mapping.header_spin.blockSignals(True)
        self.mapping.header_spin.setValue(row)
        self.mapping.header_spin.blockSignals(False)
        return self.inspect(sheet=sheet, header_row=row)

    def set_field(self, column: int, key: str | None) -> None:
        """Map column ``column`` (0 = A) to field ``key`` (None: 不导入), as choosing in its combo does."""
        combo = self.mapping.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(key or "")))

    def chosen_columns(self) -> dict[int, str]:
        """Column index → field key, as the combos stand."""
        return {col: str(c.currentData()) for col, c in enumerate(self.mapping.combos) if c.currentData()}

    def _field_chosen(self, column: int) -> None:
        """One field, one column: choosing a field already taken frees the other column."""
        from liandian_desktop.excel.columns import column_letter

        key = self.mapping.combos[column].currentData()
        if key:
            for other, combo in enumerate(self.mapping.combos):
                if other != column and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    self.banner.show_message(
                        translate("ImportWizard", "“{field}”改为对应 {new} 列，{old} 列不再导入。").format(
                            field=self.mapping.combos[column].currentText().rstrip(" *"),
                            new=column_letter(column),
                            old=column_letter(other),
                        ),
                        "info",
                    )
        self._style_rows()
        self.update_missing()

    def _style_rows(self) -> None:
        """Columns that will not be imported read in grey."""
        m = self.mapping
        for col, combo in enumerate(m.combos):
            item = m.table.item(col, m.HEADER_COL)
            if item is not None and item.text():
                item.setForeground(TEXT if combo.currentData() else GREY)

    def plan_options(self) -> ImportOptions:
        """The options of the import as the mapping step stands. The columns are sent explicitly (by
        letter) only when the user changed them; otherwise the module finds them again as it showed them
        (two-row headers, a remembered mapping)."""
        from liandian_desktop.excel import ImportOptions
        from liandian_desktop.excel.columns import column_letter

        assert self.layout_ is not None and self.ctx.township is not None
        layout, m = self.layout_, self.mapping
        chosen = self.chosen_columns()
        mapping: dict[str, str | None] | None = None
        header_row = self.header_override
        if chosen != dict(layout.columns):
            mapping = {column_letter(col): chosen.get(col) for col in range(len(layout.header.headers))}
            if header_row is None:
                header_row = layout.header.row + layout.header.depth - 1  # the data starts below it
        return ImportOptions(
            self.ctx.township.id,
            on_duplicate="update" if m.update_radio.isChecked() else "skip",
            community_id=m.community_box.value() if m.community_box.isVisibleTo(m) else None,
            activity_id=m.activity_box.value() if m.activity_box.isVisibleTo(m) else None,
            quarter=m.quarter_box.value() if m.quarter_box.isVisibleTo(m) else None,
            mapping=mapping,
            sheet=layout.sheet,
            header_row=header_row,
            remember=m.remember.isChecked(),
        )

    def missing(self) -> tuple[str, ...]:
        from liandian_desktop.excel import missing_required

        if self.kind is None or self.layout_ is None or self.ctx.township is None:
            return ()
        return missing_required(self.ctx.store, self.kind.key, self.chosen_columns(), self.plan_options())

    def update_missing(self) -> None:
        missing = self.missing()
        m = self.mapping
        if missing:
            hint = translate("ImportWizard", "请在下表“导入为”中指定对应的列")
            if self.kind is not None and (self.kind.community or self.kind.activity or self.kind.quarter):
                hint = translate("ImportWizard", "请在下表“导入为”中指定对应的列，或在右侧选项中统一指定")
            m.missing.show_message(
                translate("ImportWizard", "缺少必填列：{fields}。{hint}。").format(
                    fields=translate("ImportWizard", "、").join(missing), hint=hint
                ),
                "error",
                closable=False,
            )
        else:
            m.missing.clear()
        m.preview_button.setEnabled(not missing and self.task is None)
        for combo in m.combos:
            # a required field nobody holds is marked in the combos' lists as well
            for i in range(combo.count()):
                combo.setItemData(
                    i,
                    RED if combo.itemText(i).rstrip(" *") in missing else None,
                    Qt.ItemDataRole.ForegroundRole,
                )

    # -- step 3 ----------------------------------------------------------------------------------------
    def preview(self) -> Task | None:
        """Check every row in a worker (progress, 取消); nothing is written."""
        if self.kind is None or self.path is None or self.layout_ is None:
            return None
        missing = self.missing()
        if missing:
            self.update_missing()
            return None
        store, kind, path, options = self.ctx.store, self.kind.key, self.path, self.plan_options()

        def work(context: TaskContext) -> ImportPlan:
            from liandian_desktop.excel import plan_import

            return run_excel(
                context,
                lambda cancel: plan_import(
                    store, kind, path, options, progress=excel_progress(context), cancel=cancel
                ),
            )

        task = self.ctx.tasks.read(
            work,
            self._planned,
            self._failed,
            name="plan_import",
            wants_context=True,
            progress=translate("ImportWizard", "正在逐行检查…"),
            parent=self,
        )
        task.cancelled.connect(
            lambda: self.banner.show_message(
                translate("ImportWizard", "已取消检查，台账没有任何改动。"), "info"
            )
        )
        return self._run(task, translate("ImportWizard", "正在逐行检查…"))

    def _planned(self, plan: ImportPlan) -> None:
        assert self.kind is not None
        self.go(PREVIEW)
        self.plan = plan
        self.preview_step.show_plan(plan, self.kind.label)
        self.plan_ready.emit()

    def cancel_running(self) -> None:
        """取消 the work under way (as the progress dialog's button does)."""
        if self.task is not None:
            self.task.cancel()

    def refusals_dialog(self) -> None:
        if self.plan is None or self.kind is None:
            return
        name = translate("ImportWizard", "{file}_拒绝清单.xlsx").format(file=self.plan.source.stem)
        self.last_dialog = save_dialog(
            self, translate("ImportWizard", "保存拒绝清单"), name, lambda path: self.save_refusals(path)
        )

    def save_refusals(self, path: Path) -> Task | None:
        """The refused rows as they were, with the reason beside each, for the village to correct. The
        report holds people's data as given: the Excel module logs it (a write, hence the writer thread)."""
        plan = self.plan
        if plan is None:
            return None
        store, operator = self.ctx.store, self.ctx.actor()

        def work() -> int:
            from liandian_desktop.excel import remember_plan_mapping, save_refusal_report

            count = save_refusal_report(store, plan, path, operator=operator)
            if plan.mapping_source == "explicit" and plan.options.remember:
                remember_plan_mapping(store, plan)  # the corrected report comes back with this header
            return count

        def done(count: int) -> None:
            self._saved(
                path,
                translate(
                    "ImportWizard", "已保存拒绝清单（{n} 行）：{path}。修改后可直接导入这个文件。"
                ).format(n=count, path=path),
            )

        return self._run(
            self.ctx.tasks.write(work, done, self._failed, name="save_refusal_report"),
            translate("ImportWizard", "正在保存拒绝清单…"),
        )

    # -- step 4 ----------------------------------------------------------------------------------------
    def confirm_import(self) -> Task | None:
        """确认导入: write the plan in one transaction on the writer thread."""
        plan = self.plan
        if plan is None or plan.committed:
            return None
        store = self.ctx.store

        def work(context: TaskContext) -> ImportResult:
            from liandian_desktop.excel import commit_plan

            return run_excel(
                context,
                lambda cancel: commit_plan(store, plan, progress=excel_progress(context), cancel=cancel),
            )

        task = self.ctx.tasks.write(
            work,
            self._committed,
            self._commit_failed,
            name="commit_plan",
            wants_context=True,
            progress=translate("ImportWizard", "正在写入台账…"),
            parent=self,
        )
        task.cancelled.connect(
            lambda: self.banner.show_message(
                translate("ImportWizard", "已取消导入，台账没有任何改动。"), "info"
            )
        )
        return self._run(task, translate("ImportWizard", "正在写入台账…"))

    def _committed(self, result: ImportResult) -> None:
        assert self.kind is not None
        kind = self.kind
        self.result = result
        summary = translate(
            "ImportWizard",
            "{kind}：新增 {added} 条，更新 {updated} 条；跳过 {skipped} 行，拒绝 {refused} 行。",
        ).format(
            kind=kind.label,
            added=result.added,
            updated=result.updated,
            skipped=result.skipped,
            refused=result.refused,
        )
        d = self.done
        d.summary.setText(summary)
        if result.refused:
            d.refused_note.setText(
                translate(
                    "ImportWizard",
                    "被拒绝的 {n} 行没有导入。保存拒绝清单发回村（社区），修改后可直接导入修改后的文件。",
                ).format(n=result.refused)
            )
        else:
            d.refused_note.setText(translate("ImportWizard", "所有行都已处理，没有被拒绝的行。"))
        d.refusals_button.setVisible(result.refused > 0)
        d.show_button.setText(translate("ImportWizard", "查看{kind}").format(kind=kind.label))
        self.go(DONE)
        self.ctx.changed(kind.changed)
        if kind.key == "units":
            self.ctx.reload_lookups()  # unit names in every list
        self.ctx.message.emit(translate("ImportWizard", "导入完成。{summary}").format(summary=summary))
        self.committed.emit(result)

    def _commit_failed(self, exc: BaseException) -> None:
        self.banner.show_message(
            describe_error(exc)
            + "\n"
            + translate("ImportWizard", "台账没有任何改动。可点击“重新检查”按台账现状再预览一次。"),
            "error",
        )

    def _show_imported(self) -> None:
        if self.kind is not None:
            self.ctx.navigate(self.kind.page)

    # -- running work ----------------------------------------------------------------------------------
    def _run(self, task: Task, doing: str) -> Task:
        self.task = task
        self.banner.clear()
        self.folder_button.hide()
        self.status.setText(doing)
        self._set_busy(True)

        def progressed(fraction: float, stage: str) -> None:
            self.status.setText(f"{stage or doing} {round(fraction * 100)}%")

        def finished() -> None:
            if self.task is task:
                self.task = None
                self.status.clear()
                self._set_busy(False)

        task.progressed.connect(progressed)
        task.finished.connect(finished)
        return task

    def _set_busy(self, busy: bool) -> None:
        self._update_choose()
        self.mapping.preview_button.setEnabled(not busy and not self.missing())
        for widget in (
            self.mapping.back_button,
            self.mapping.sheet_box,
            self.mapping.header_spin,
            self.done.refusals_button,
            self.done.again_button,
        ):
            widget.setEnabled(not busy)
        self.preview_step.set_busy(busy)

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    def _saved(self, path: Path, text: str) -> None:
        self.saved_path = path
        self.banner.show_message(text, "info")
        self.folder_button.show()
        self.ctx.message.emit(text)
        self.file_saved.emit(path)

    def open_folder(self) -> None:
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path.parent)))
