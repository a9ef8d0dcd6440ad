"""打印与录回: print the paper forms and the inspection PDF, and key filled-in forms back in.

打印: choose what (a sign-in sheet for an activity, evaluation forms for an activity or a work order, the
matching list of a quarter, an inspection PDF), choose the copy (internal and masked, for posting in public,
or unmasked after a confirmation that says it is logged), then 预览 / 打印 / 另存为 PDF. The core
(``liandian_desktop.paper``) draws the PDF on a worker, one at a time (ReportLab is not promised to be
thread-safe); this screen shows it (``gui/printing.py``), prints it at 100 % scale and logs each print or
file with personal data on it (``record_print`` once the printer has taken the job, ``save_pdf``).

录回: type the code printed on the form (or paste its QR payload); the rows come back laid out like the
paper (``paper_keying.py``) and 保存 writes them in one transaction, or nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.pages.paper_keying import KeyingPanel
from liandian_desktop.gui.pages.paper_print import EVAL_ACTIVITY, EVAL_ORDER, SIGNIN, PrintPanel
from liandian_desktop.gui.qt import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.widgets import page_header

# ---------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------


class PaperScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page_header(
                self.tr("打印与录回"),
                self.tr("打印签到表、测评表、匹配清单和督查材料；把填好的纸质表按表上的编号录回台账。"),
            )
        )
        self.tabs = QTabWidget()
        self.printing = PrintPanel(ctx)
        self.keying = KeyingPanel(ctx)
        self.tabs.addTab(self.printing, self.tr("打印"))
        self.tabs.addTab(self.keying, self.tr("录回纸质表"))
        layout.addWidget(self.tabs, 1)
        self.printing.loaded.connect(self.mark_loaded)

    def start(self) -> None:
        self.printing.activity_picker.reload()
        self.printing.order_picker.reload()
        self.printing.inspection_picker.fill()
        self.ctx.ready.connect(self.printing.inspection_picker.fill)

    def refresh(self) -> None:
        self.printing.invalidate()  # the ledger may have changed on other pages meanwhile
        self.printing.activity_picker.reload()
        self.printing.order_picker.reload()

    def show_record(self, record_id: uuid.UUID) -> None:
        """An activity → its sign-in sheet; a work order → its evaluation form."""
        activities, orders = self.ctx.activities, self.ctx.orders

        def find() -> tuple[str, Any]:
            from liandian_desktop.ledger.errors import NotFoundError

            try:
                return SIGNIN, activities.get(record_id)
            except NotFoundError:
                return EVAL_ORDER, orders.get(record_id)

        self.ctx.tasks.read(find, lambda found: self.prepare(*found), name="paper_record")

    def prepare(self, kind: str, record: Any) -> None:
        self.tabs.setCurrentWidget(self.printing)
        self.printing.prepare(kind, record)


def open_paper(widget: QWidget, ctx: AppContext, kind: str, record: Any) -> None:
    """From another page: go to 打印与录回 with ``kind`` (``signin`` / ``evaluation-activity`` /
    ``evaluation-order``) chosen for ``record``."""
    ctx.navigate("paper")
    pages = getattr(widget.window(), "pages", {})
    page = pages.get("paper") if isinstance(pages, dict) else None
    if isinstance(page, PaperScreen):
        page.prepare(kind, record)


__all__ = ["EVAL_ACTIVITY", "EVAL_ORDER", "SIGNIN", "KeyingPanel", "PaperScreen", "PrintPanel", "open_paper"]
