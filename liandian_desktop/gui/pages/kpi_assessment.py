"""月度考核: the monthly assessment of the paired units (``kpi.assess_month``), for one month.

A table of the units by rank with process / results / innovation / total, the list they are on (红榜 / 黄榜 /
黑榜, coloured) and the 帮扶提升计划 flag; the selected unit's indicators with their reasons (a double click
opens an indicator's records); the innovation score, which the engine accepts only with evidence (its
message appears beside the field); and 保存本月结果, which closes the month. A closed month is not stored
again: the engine's refusal is shown with a 强制重算 option, asked for once more before it runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.pages.kpi_records import (
    RecordsDialog,
    RowsTable,
    TableColumn,
    figure_label,
    stretch_column,
)
from liandian_desktop.gui.qt import (
    QColor,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStandardPaths,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import Task, describe_error
from liandian_desktop.gui.theme import AMBER, GREY, RED, app_font
from liandian_desktop.gui.widgets import Banner, confirm, muted, primary_button
from liandian_desktop.kpi import (
    LOCAL_TZ,
    Assessment,
    Indicator,
    ListColour,
    MonthClosedError,
    Period,
    UnitResult,
    assess_month,
    record_innovation,
    save_assessment,
)
from liandian_desktop.kpi.figures import plain
from liandian_desktop.kpi.periods import month_period
from liandian_desktop.ledger.errors import ValidationError

MONTHS = 24


def list_label(colour: ListColour) -> str:
    return {
        ListColour.RED: translate("KpiAssessment", "红榜"),
        ListColour.YELLOW: translate("KpiAssessment", "黄榜"),
        ListColour.BLACK: translate("KpiAssessment", "黑榜"),
        ListColour.NONE: "—",
    }[colour]


LIST_STYLE: dict[ListColour, tuple[QColor, QColor]] = {  # text, background
    ListColour.RED: (RED, QColor("#fdecea")),
    ListColour.YELLOW: (AMBER, QColor("#fff4d6")),
    ListColour.BLACK: (QColor("#ffffff"), QColor("#1f2937")),
}


def section_label(section: str) -> str:
    return {
        "process": translate("KpiAssessment", "过程考核"),
        "results": translate("KpiAssessment", "结果考核"),
        "innovation": translate("KpiAssessment", "创新加分"),
    }.get(section, section)


def score(value: Any) -> str:
    return f"{value:.2f}"


class AssessmentTab(QWidget):
    """One month's assessment: run it, read it, add innovation scores, store it."""

    assessed = Signal()
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.started = False
        self.stale = False
        self.assessment: Assessment | None = None
        self.generation = 0
        self.last_dialog: QWidget | None = None
        self._task: Task | None = None
        self._select_after: uuid.UUID | None = None
        self._export_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("月份")))
        self.month = QComboBox()
        self.month.setMinimumWidth(120)
        self.month.setAccessibleName(self.tr("考核月份"))
        controls.addWidget(self.month)
        self.run_button = QPushButton(self.tr("重新计算"))
        self.run_button.setToolTip(self.tr("按当前台账重新计算本月考核（不存档）"))
        self.run_button.clicked.connect(self.run)
        controls.addWidget(self.run_button)
        self.status = muted("")
        controls.addWidget(self.status, 1)
        self.save_button = primary_button(self.tr("保存本月结果"))
        self.save_button.setToolTip(self.tr("存档本月考核结果；存档后本月不再重算，下月据此判断帮扶提升计划"))
        self.save_button.clicked.connect(self.save)
        controls.addWidget(self.save_button)
        self.excel_button = QPushButton(self.tr("导出 Excel"))
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.json_button = QPushButton(self.tr("导出 JSON"))
        self.json_button.clicked.connect(lambda: self.export_json())
        controls.addWidget(self.excel_button)
        controls.addWidget(self.json_button)
        layout.addLayout(controls)

        refusal = QHBoxLayout()
        self.banner = Banner()
        refusal.addWidget(self.banner, 1)
        self.force_button = QPushButton(self.tr("强制重算…"))
        self.force_button.setToolTip(self.tr("按当前台账重算本月并取代已存档的结果；原结果保留为历史记录"))
        self.force_button.clicked.connect(self.ask_force)
        self.force_button.hide()
        refusal.addWidget(self.force_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(refusal)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.units = RowsTable(
            [
                TableColumn(self.tr("排名"), lambda u: str(u.rank), align="center", width=40),
                TableColumn(self.tr("联点单位"), lambda u: u.unit_name, width=170),
                TableColumn(self.tr("过程"), lambda u: score(u.process), align="right", width=56),
                TableColumn(self.tr("结果"), lambda u: score(u.results), align="right", width=56),
                TableColumn(self.tr("创新"), lambda u: score(u.innovation), align="right", width=50),
                TableColumn(
                    self.tr("总分"), lambda u: score(u.total), align="right", width=60, bold=lambda _u: True
                ),
                TableColumn(
                    self.tr("榜单"),
                    lambda u: list_label(u.colour),
                    lambda u: LIST_STYLE[u.colour][0] if u.colour in LIST_STYLE else GREY,
                    align="center",
                    width=52,
                    bold=lambda u: u.colour in LIST_STYLE,
                    background=lambda u: LIST_STYLE[u.colour][1] if u.colour in LIST_STYLE else None,
                ),
                TableColumn(
                    self.tr("帮扶计划"),
                    self.assistance_text,
                    lambda u: RED if u.assistance_plan else GREY,
                    align="center",
                    width=76,
                    bold=lambda u: u.assistance_plan,
                    tooltip=self.assistance_tip,
                ),
            ]
        )
        self.units.current_changed.connect(self.show_unit)
        splitter.addWidget(self.units)

        detail = QFrame()
        detail.setObjectName("Card")
        side = QVBoxLayout(detail)
        side.setContentsMargins(12, 8, 12, 10)
        side.setSpacing(6)
        self.heading = QLabel(self.tr("选择一个单位查看各项指标"))
        self.heading.setFont(app_font(11.5, bold=True))
        self.heading.setWordWrap(True)
        side.addWidget(self.heading)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.summary)
        self.indicators = RowsTable(
            [
                TableColumn(self.tr("部分"), lambda i: section_label(i.section), width=70),
                TableColumn(self.tr("指标"), lambda i: figure_label(i.key, i.label), width=82),
                TableColumn(
                    self.tr("值"),
                    self.indicator_value,
                    lambda i: GREY if i.value is None else None,
                    align="right",
                    width=62,
                ),
                TableColumn(
                    self.tr("得分"),
                    lambda i: f"{plain(round(i.points, 2))} / {plain(round(i.max_points, 2))}",
                    align="right",
                    width=86,
                ),
                TableColumn(self.tr("说明"), lambda i: i.reason),
            ]
        )
        self.indicators.setToolTip(self.tr("双击一项指标查看其依据记录"))
        self.indicators.row_activated.connect(self.open_indicator)
        side.addWidget(self.indicators, 1)

        self.innovation_box = QGroupBox(self.tr("创新加分"))
        form = QFormLayout(self.innovation_box)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        score_row = QHBoxLayout()
        self.score_edit = QLineEdit()
        self.score_edit.setMaximumWidth(90)
        self.score_edit.setAccessibleName(self.tr("创新加分分数"))
        score_row.addWidget(self.score_edit)
        self.score_error = QLabel("")
        self.score_error.setObjectName("FieldError")
        self.score_error.setWordWrap(True)
        score_row.addWidget(self.score_error, 1)
        form.addRow(self.tr("分数"), score_row)
        evidence_column = QVBoxLayout()
        self.evidence_edit = QPlainTextEdit()
        self.evidence_edit.setPlaceholderText(self.tr("做了什么、有哪些材料可查（必填）"))
        self.evidence_edit.setFixedHeight(52)
        self.evidence_edit.setTabChangesFocus(True)
        self.evidence_edit.setAccessibleName(self.tr("佐证说明"))
        evidence_column.addWidget(self.evidence_edit)
        self.evidence_error = QLabel("")
        self.evidence_error.setObjectName("FieldError")
        self.evidence_error.setWordWrap(True)
        self.evidence_error.hide()
        evidence_column.addWidget(self.evidence_error)
        form.addRow(self.tr("佐证说明"), evidence_column)
        buttons = QHBoxLayout()
        self.innovation_note = muted("")
        self.innovation_note.setWordWrap(True)
        buttons.addWidget(self.innovation_note, 1)
        self.innovate_button = QPushButton(self.tr("登记创新加分"))
        self.innovate_button.clicked.connect(lambda: self.record_innovation())
        buttons.addWidget(self.innovate_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(buttons)
        side.addWidget(self.innovation_box)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([600, 560])
        self.units.horizontalHeader().setStretchLastSection(False)
        stretch_column(self.units, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.legend = muted(
            self.tr(
                "红榜：排名前 10% 且总分达到红榜分数线；黄榜：总分低于黄榜线；黑榜：总分低于黑榜线，"
                "或排名后 10% 且低于黄榜线。连续两个月排名后 10% 的单位启动帮扶提升计划。"
            )
        )
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.month.currentIndexChanged.connect(lambda _i: self.run())
        ctx.data_changed.connect(self._data_changed)
        self._show_unit_controls(None)

    # -- months -----------------------------------------------------------------------------------------
    def fill_months(self, today: date) -> None:
        """The last MONTHS months; the one before ``today``'s is chosen (the last that can be stored)."""
        self.month.blockSignals(True)
        self.month.clear()
        y, m = today.year, today.month
        for _ in range(MONTHS):
            period = month_period(y, m)
            self.month.addItem(self.tr("{y} 年 {m} 月").format(y=y, m=m), period)
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        self.month.setCurrentIndex(1 if self.month.count() > 1 else 0)
        self.month.blockSignals(False)

    def current_month(self) -> Period:
        period = self.month.currentData()
        assert isinstance(period, Period)
        return period

    def set_month(self, key: str) -> None:
        for i in range(self.month.count()):
            if self.month.itemData(i).month_key == key:
                if i == self.month.currentIndex():
                    self.run()
                else:
                    self.month.setCurrentIndex(i)
                return
        raise ValueError(f"month {key} is not offered")

    # -- running ----------------------------------------------------------------------------------------
    def start(self) -> None:
        self.started = True
        self.fill_months(self.ctx.now().astimezone(LOCAL_TZ).date())
        self.run()

    def _data_changed(self, kind: str) -> None:
        if kind != "kpi_assessment":
            self.stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.started and self.stale:
            self.run()

    def run(self) -> None:
        """Assess the chosen month on the read pool (a progress dialog if it takes more than ~0.5 s)."""
        if self.ctx.township is None:
            self.status.setText(self.tr("台账中尚未建立乡镇（街道）"))
            return
        self.stale = False
        self.generation += 1
        generation = self.generation
        if self._task is not None:
            self._task.cancel()
        current = self.units.current()
        if current is not None and self._select_after is None:
            self._select_after = current.unit_id
        store, month, township_id, as_of = (
            self.ctx.store,
            self.current_month(),
            self.ctx.township_id,
            self.ctx.now(),
        )
        self.status.setText(self.tr("正在计算 {month} 的考核…").format(month=month.month_key))
        self.save_button.setEnabled(False)
        task = self.ctx.tasks.read(
            lambda: assess_month(store, month, township_id, as_of=as_of),
            lambda result: self._arrived(generation, task, result),
            lambda exc: self._failed(generation, exc),
            name="kpi_assess",
            progress=self.tr("正在计算月度考核…"),
            parent=self,
        )
        self._task = task

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self.status.setText("")
            self.banner.show_message(describe_error(exc), "error")

    def _arrived(self, generation: int, task: Task, assessment: Assessment) -> None:
        if generation != self.generation or task.context.cancelled:
            return
        self.assessment = assessment
        self.units.set_rows(list(assessment.units))
        stored = assessment.stored_at
        when = assessment.as_of.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
        if stored is not None:
            text = self.tr("{n} 个单位 · 截至 {when} · 本月已于 {stored} 存档").format(
                n=len(assessment.units),
                when=when,
                stored=stored.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
            )
        else:
            text = self.tr("{n} 个单位 · 截至 {when} · 本月尚未存档").format(
                n=len(assessment.units), when=when
            )
        self.status.setText(text)
        self.save_button.setEnabled(bool(assessment.units))
        self.save_button.setText(self.tr("已存档（重新保存）") if stored else self.tr("保存本月结果"))
        row = 0
        wanted, self._select_after = self._select_after, None
        for i, unit in enumerate(assessment.units):
            if unit.unit_id == wanted:
                row = i
        if assessment.units:
            self.units.select(row)
        else:
            self.show_unit(None)
        self.assessed.emit()

    # -- one unit ---------------------------------------------------------------------------------------
    def assistance_text(self, unit: UnitResult) -> str:
        if unit.assistance_plan:
            return self.tr("启动")
        if unit.bottom_decile:
            return self.tr("后 10%")
        return "—"

    def assistance_tip(self, unit: UnitResult) -> str:
        if unit.assistance_plan:
            return self.tr("本月与上月均排名后 10%：启动帮扶提升计划")
        if unit.bottom_decile and unit.previous_bottom is None:
            return self.tr("本月排名后 10%；上月考核结果未存档，无法判断是否连续两个月")
        if unit.bottom_decile:
            return self.tr("本月排名后 10%，上月不在后 10%：暂不启动帮扶提升计划")
        return self.tr("不在后 10%")

    def indicator_value(self, indicator: Indicator) -> str:
        if indicator.value is None:
            return self.tr("无数据")
        return f"{float(indicator.value) * 100:.1f}%"

    def _show_unit_controls(self, unit: UnitResult | None) -> None:
        for widget in (self.score_edit, self.evidence_edit, self.innovate_button):
            widget.setEnabled(unit is not None)

    def show_unit(self, unit: UnitResult | None) -> None:
        self._show_unit_controls(unit)
        self.clear_errors()
        if unit is None or self.assessment is None:
            self.heading.setText(self.tr("选择一个单位查看各项指标"))
            self.summary.setText("")
            self.indicators.set_rows([])
            return
        self.heading.setText(
            self.tr("第 {rank} 名　{name}　总分 {total}").format(
                rank=unit.rank, name=unit.unit_name, total=score(unit.total)
            )
        )
        lines = [
            self.tr("过程 {p} + 结果 {r} + 创新 {i}").format(
                p=score(unit.process), r=score(unit.results), i=score(unit.innovation)
            ),
            self.tr("未上榜")
            if unit.colour is ListColour.NONE
            else self.tr("{list}：{reason}").format(
                list=list_label(unit.colour), reason=unit.placement.reason
            ),
        ]
        if unit.assistance_plan:
            lines.append(self.tr("连续两个月排名后 10%：启动帮扶提升计划"))
        lines += [self.tr("说明：{note}").format(note=note) for note in unit.notes]
        self.summary.setText("\n".join(lines))
        colour = LIST_STYLE.get(unit.colour)
        self.heading.setStyleSheet(
            f"color: {colour[0].name()};" if colour and unit.colour is ListColour.RED else ""
        )
        self.indicators.set_rows(list(unit.indicators))
        stretch_column(self.indicators, 4)
        month = self.assessment.month.month_key
        self.innovation_box.setTitle(
            self.tr("创新加分（{month}，满分 {cap} 分）").format(
                month=month, cap=plain(unit.indicator("innovation").max_points)
            )
        )
        self.score_edit.setPlaceholderText(f"0–{plain(unit.indicator('innovation').max_points)}")
        self.innovation_note.setText(unit.indicator("innovation").reason)

    def open_indicator(self, indicator: Indicator) -> RecordsDialog | None:
        unit = self.units.current()
        if unit is None or self.assessment is None:
            return None
        value = self.indicator_value(indicator)
        head = [
            self.tr("{unit} · {label}：{value}，得分 {points} / {max}").format(
                unit=unit.unit_name,
                label=figure_label(indicator.key, indicator.label),
                value=value,
                points=plain(round(indicator.points, 2)),
                max=plain(round(indicator.max_points, 2)),
            ),
            indicator.reason,
        ]
        dialog = RecordsDialog(
            self.ctx,
            self.tr("{unit} · {label}的依据记录").format(
                unit=unit.unit_name, label=figure_label(indicator.key, indicator.label)
            ),
            head,
            lambda: indicator.records,
            self.assessment.as_of,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    # -- innovation -------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in (self.score_error, self.evidence_error):
            label.clear()
            label.hide()

    def field_error(self, name: str) -> str:
        label = self.evidence_error if name == "evidence" else self.score_error
        return label.text() if not label.isHidden() else ""

    def record_innovation(self, *, force: bool = False) -> None:
        """Hand the score and its evidence to the engine (writer thread); its refusal shows by the field."""
        unit = self.units.current()
        if unit is None or self.assessment is None:
            return
        self.clear_errors()
        store, township_id = self.ctx.store, self.ctx.township_id
        month, actor = self.assessment.month.month_key, self.ctx.actor()
        text, evidence = self.score_edit.text().strip(), self.evidence_edit.toPlainText()
        unit_id = unit.unit_id
        self.innovate_button.setEnabled(False)

        def done(_row: Any) -> None:
            self.innovate_button.setEnabled(True)
            self.score_edit.clear()
            self.evidence_edit.clear()
            message = self.tr("已登记 {unit} {month} 的创新加分 {score} 分").format(
                unit=unit.unit_name, month=month, score=text
            )
            self.ctx.message.emit(message)
            self.banner.show_message(message, "info")
            self.ctx.changed("kpi_assessment")
            self._select_after = unit_id
            self.run()

        def refused(exc: BaseException) -> None:
            self.innovate_button.setEnabled(True)
            if isinstance(exc, ValidationError) and exc.field in ("evidence", "score"):
                label = self.evidence_error if exc.field == "evidence" else self.score_error
                label.setText(exc.message)
                label.show()
                (self.evidence_edit if exc.field == "evidence" else self.score_edit).setFocus()
            elif isinstance(exc, MonthClosedError) and not force:
                self.last_dialog = confirm(
                    self,
                    self.tr("本月已存档"),
                    self.tr("{month} 的考核结果已存档。仍要修改创新加分吗？").format(month=month),
                    lambda: self.record_innovation(force=True),
                    yes_text=self.tr("仍然修改"),
                    informative=exc.message + "\n" + self.tr("修改后请用“强制重算”更新存档结果。"),
                )
            else:
                self.banner.show_message(describe_error(exc), "error")

        self.ctx.tasks.write(
            lambda: record_innovation(
                store, township_id, unit_id, month, text, evidence, scored_by=actor, force=force
            ),
            done,
            refused,
            name="record_innovation",
        )

    # -- storing the month ------------------------------------------------------------------------------
    def save(self) -> None:
        """Store the month as shown. A closed month is refused by the engine; its words are shown, with
        强制重算 beside them."""
        assessment = self.assessment
        if assessment is None:
            return
        self.force_button.hide()
        self.banner.clear()
        store = self.ctx.store
        self.save_button.setEnabled(False)

        def refused(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(describe_error(exc), "error")
            if isinstance(exc, MonthClosedError):
                self.force_button.show()

        self.ctx.tasks.write(
            lambda: save_assessment(store, assessment, force=False),
            lambda n: self._saved(assessment.month, n, forced=False),
            refused,
            name="save_assessment",
        )

    def ask_force(self) -> None:
        if self.assessment is None:
            return
        month = self.assessment.month
        self.last_dialog = confirm(
            self,
            self.tr("强制重算"),
            self.tr("按当前台账重算 {month} 并取代已存档的结果吗？").format(month=month.month_key),
            self.force_save,
            yes_text=self.tr("强制重算"),
            informative=self.tr(
                "原存档结果不会删除，保留为历史记录（标记为已替换）；下月的帮扶判断将按新结果。"
            ),
        )

    def force_save(self) -> None:
        """Re-assess the month from the ledger as it is now and replace the stored results."""
        if self.ctx.township is None:
            return
        store, month, township_id = self.ctx.store, self.current_month(), self.ctx.township_id
        as_of = self.ctx.now()
        self.force_button.hide()
        self.banner.clear()

        def work() -> int:
            return save_assessment(store, assess_month(store, month, township_id, as_of=as_of), force=True)

        self.ctx.tasks.write(
            work,
            lambda n: self._saved(month, n, forced=True),
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="force_save_assessment",
        )

    def _saved(self, month: Period, count: int, *, forced: bool) -> None:
        text = (
            self.tr("已强制重算并存档 {month}：{n} 个单位（原结果保留为历史）")
            if forced
            else self.tr("已存档 {month}：{n} 个单位")
        ).format(month=month.month_key, n=count)
        self.banner.show_message(text, "info")
        self.ctx.message.emit(text)
        self.ctx.changed("kpi_assessment")
        self.saved.emit(count)
        self.run()

    # -- export -----------------------------------------------------------------------------------------
    def _ask_path(self, suffix: str, save: Callable[[str], None]) -> None:
        if self.assessment is None:
            return
        name = self.tr("月度考核_{township}_{month}").format(
            township=self.assessment.township_name, month=self.assessment.month.month_key
        )
        dialog = QFileDialog(self, self.tr("导出月度考核"), str(Path(self._export_dir) / f"{name}.{suffix}"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(
            self.tr("Excel 工作簿 (*.xlsx)") if suffix == "xlsx" else self.tr("JSON 文件 (*.json)")
        )
        dialog.fileSelected.connect(save)
        self.last_dialog = dialog
        dialog.open()

    def export_excel(self, path: str | Path | None = None) -> None:
        if path is None:
            self._ask_path("xlsx", lambda chosen: self.export_excel(chosen))
            return
        from liandian_desktop.kpi.export import assessment_workbook

        assessment = self.assessment
        if assessment is not None:
            self._write(lambda: assessment_workbook(assessment, path), Path(path))

    def export_json(self, path: str | Path | None = None) -> None:
        if path is None:
            self._ask_path("json", lambda chosen: self.export_json(chosen))
            return
        from liandian_desktop.kpi.export import write_json

        assessment = self.assessment
        if assessment is not None:
            self._write(lambda: write_json(assessment.to_json(), path), Path(path))

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
