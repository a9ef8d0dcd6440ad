"""导入与导出: Excel in and out.

* 导入 (``transfer_import``, its steps' widgets in ``transfer_steps``): the wizard from a village's or
  department's workbook to the ledger, with a preview of every row (``transfer_preview``) before anything
  is written.
* 导出: the three lists of a quarter in the county's layout. Every list page exports itself (its 导出 Excel
  button: what the list shows, masked by default); this tab points there.

Every Excel call runs in a task; the Excel module is loaded by a worker when the page first opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.listing import describe_export, save_dialog
from liandian_desktop.gui.pages.transfer_import import ImportWizard
from liandian_desktop.gui.pages.transfer_steps import quarters_around
from liandian_desktop.gui.qt import (
    QComboBox,
    QDesktopServices,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QTabWidget,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.tasks import Task, describe_error
from liandian_desktop.gui.widgets import Banner, muted, page_header, primary_button
from liandian_desktop.ledger.services.base import ListQuery

if TYPE_CHECKING:
    from liandian_desktop.excel import ExportResult


class ExportPanel(QWidget):
    """导出: the three lists of a quarter; where the list exports are."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_dialog: QWidget | None = None
        self.saved_path: Path | None = None
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        note = QHBoxLayout()
        self.banner = Banner()
        note.addWidget(self.banner, 1)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.folder_button.clicked.connect(self.open_folder)
        self.folder_button.hide()
        note.addWidget(self.folder_button)
        layout.addLayout(note)

        lists = QGroupBox(self.tr("三张清单（需求清单、供给清单、匹配清单）"))
        box = QVBoxLayout(lists)
        box.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("季度")))
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("export_quarter")
        self.quarter_box.setMinimumWidth(150)
        self.quarter_box.currentIndexChanged.connect(lambda _i: self.count_quarter())
        row.addWidget(self.quarter_box)
        row.addSpacing(12)
        self.quarter_counts = muted()
        row.addWidget(self.quarter_counts, 1)
        box.addLayout(row)
        explain = muted(
            self.tr(
                "按县里的格式导出为一个 Excel 工作簿：需求、供给、匹配各一个工作表，"
                "带标题、乡镇和季度、合计。需求的提出人姓名属于个人信息，导出会记入个人信息使用日志。"
            )
        )
        explain.setWordWrap(True)
        box.addWidget(explain)
        self.three_lists_button = primary_button(self.tr("导出三张清单…"))
        self.three_lists_button.clicked.connect(self.three_lists_dialog)
        box.addWidget(self.three_lists_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(lists)

        pages = QGroupBox(self.tr("导出名册和列表"))
        pbox = QVBoxLayout(pages)
        text = muted(
            self.tr(
                "居民、志愿者、工单、活动、联点单位和干部的列表右上方都有“导出 Excel”按钮："
                "按列表当前的搜索、筛选和排序，导出全部符合条件的记录（不只是屏幕上显示的几页）。"
                "身份证号和电话默认打码；“导出完整信息”需要确认，并记入个人信息使用日志。"
                "导出的表头与导入模板一致，完整信息的导出可以直接导入另一本台账。"
            )
        )
        text.setWordWrap(True)
        pbox.addWidget(text)
        links = QHBoxLayout()
        for key, title in (
            ("residents", self.tr("居民")),
            ("volunteers", self.tr("志愿者")),
            ("orders", self.tr("工单")),
            ("activities", self.tr("活动与走访")),
            ("org", self.tr("联点单位与干部")),
        ):
            button = QPushButton(title)
            button.setObjectName(f"go_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.ctx.navigate(k))
            links.addWidget(button)
        links.addStretch(1)
        pbox.addLayout(links)
        layout.addWidget(pages)
        layout.addStretch(1)

    def fill_quarters(self) -> None:
        current = self.quarter_box.currentData()
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for value, text in quarters_around(self.ctx.now().astimezone().date(), before=7, after=0):
            self.quarter_box.addItem(text, value)
        self.quarter_box.setCurrentIndex(max(0, self.quarter_box.findData(current)))
        self.quarter_box.blockSignals(False)
        self.count_quarter()

    def quarter(self) -> str:
        return str(self.quarter_box.currentData() or "")

    def count_quarter(self) -> None:
        """How many demands, supplies and matches the chosen quarter has (an empty export is no surprise)."""
        township, quarter = self.ctx.township, self.quarter()
        if township is None or not quarter:
            self.quarter_counts.clear()
            return
        demands, supplies, matches = self.ctx.demands, self.ctx.supplies, self.ctx.matches
        filters = {"township_id": township.id, "quarter": quarter}

        def read() -> tuple[int, int, int]:
            query = ListQuery(filters=filters, limit=1)
            return (demands.list(query).total, supplies.list(query).total, matches.list(query).total)

        def show(counts: tuple[int, int, int]) -> None:
            if self.quarter() != quarter:
                return
            self.quarter_counts.setText(
                self.tr("本季度：需求 {d} 条，供给 {s} 条，匹配 {m} 条").format(
                    d=counts[0], s=counts[1], m=counts[2]
                )
            )

        self.ctx.tasks.read(read, show, self.show_error, name="quarter_counts")

    def three_lists_dialog(self) -> None:
        township = self.ctx.township
        if township is None:
            self.banner.show_message(self.tr("台账中尚未建立乡镇（街道）。"), "warning")
            return
        name = self.tr("{township}_{quarter}_三张清单.xlsx").format(
            township=township.name, quarter=self.quarter_box.currentText()
        )
        self.last_dialog = save_dialog(
            self, self.tr("导出三张清单"), name, lambda path: self.export_three_lists(path)
        )

    def export_three_lists(self, path: Path, quarter: str | None = None) -> Task | None:
        """Write the quarter's three lists to ``path`` (the file dialog calls this; so do tests). The export
        is logged (the requesters' names), so it runs on the writer thread."""
        township = self.ctx.township
        if township is None:
            return None
        store, township_id, operator = self.ctx.store, township.id, self.ctx.actor()
        chosen = quarter or self.quarter()

        def work() -> ExportResult:
            from liandian_desktop.excel import export_three_lists

            return export_three_lists(store, township_id, chosen, path, operator=operator)

        def done(result: ExportResult) -> None:
            self.saved_path = result.path
            text = describe_export(result)
            self.banner.show_message(text, "info")
            self.folder_button.show()
            self.ctx.message.emit(text)

        def finished() -> None:
            self.task = None
            self.three_lists_button.setEnabled(True)

        self.banner.clear()
        self.three_lists_button.setEnabled(False)
        task = self.ctx.tasks.write(
            work,
            done,
            self.show_error,
            name="export_three_lists",
            progress=self.tr("正在导出三张清单…"),
            parent=self,
        )
        task.finished.connect(finished)
        self.task = task
        return task

    def show_error(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    def open_folder(self) -> None:
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path.parent)))


class TransferScreen(Screen):
    """导入与导出."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(
            page_header(
                self.tr("导入与导出"),
                self.tr(
                    "把村（社区）、部门报来的 Excel/WPS 表格导入台账（导入前逐行检查并预览）；"
                    "按县里的格式导出三张清单。"
                ),
            )
        )
        self.tabs = QTabWidget()
        self.wizard = ImportWizard(ctx)
        self.export = ExportPanel(ctx)
        self.tabs.addTab(self.wizard, self.tr("从 Excel 导入"))
        self.tabs.addTab(self.export, self.tr("导出到 Excel"))
        layout.addWidget(self.tabs, 1)
        ctx.ready.connect(self.export.fill_quarters)

    def start(self) -> None:
        # Load the Excel module (openpyxl, 0.3 s) in the background while the user picks a file.
        self.ctx.tasks.read(_load_excel, name="load_excel")
        self.export.fill_quarters()
        self.mark_loaded()


def _load_excel() -> None:
    import liandian_desktop.excel  # noqa: F401 - imported for its side effect: loaded before it is needed
