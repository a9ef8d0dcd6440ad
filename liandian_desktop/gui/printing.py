"""Showing and printing a finished PDF (QtPdf): the preview pane, the print job, the printer.

The core (``liandian_desktop.paper``) draws every form with ReportLab; this module never lays anything out,
it only shows the PDF and sends its pages to a printer. Pages are printed at 100 % scale: a 210 × 297 mm page
comes out 210 × 297 mm, whatever the printer's margins, so the corner markers and tick boxes sit where the
form's layout file says (a scan reader counts on it). Anything the printer cannot reach at the very edge is
blank on every form (they keep a margin wider than any printer's).

The print job runs on a worker: ``QPainter`` may paint on a ``QPrinter`` outside the GUI thread, and each
page is rendered there from a ``QPdfDocument`` of the job's own (QtPdf serialises its PDF engine itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from liandian_desktop.gui.qt import (
    QBuffer,
    QByteArray,
    QDialog,
    QHBoxLayout,
    QImage,
    QIODevice,
    QKeySequence,
    QLabel,
    QMessageBox,
    QObject,
    QPageLayout,
    QPageSize,
    QPainter,
    QPointF,
    QPushButton,
    QRectF,
    QShortcut,
    QSize,
    QSizeF,
    QSpinBox,
    QStackedWidget,
    Qt,
    QToolButton,
    QtPdf,
    QtPdfWidgets,
    QtPrintSupport,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import Cancelled
from liandian_desktop.paper.fonts import MissingGlyphsError

PRINT_DPI = 300  # pages are rasterised at this resolution (or the printer's, if lower) for the printer
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)

QPrinter = QtPrintSupport.QPrinter
QPdfDocument = QtPdf.QPdfDocument
QPdfView = QtPdfWidgets.QPdfView


def load_pdf(data: bytes, parent: QObject | None = None) -> QtPdf.QPdfDocument:
    """A QPdfDocument over ``data`` (loaded at once: a QBuffer is read synchronously)."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)  # owned by the document: it must outlive the loading
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


# -------------------------------------------------------------------------------------------------------
# The preview pane
# -------------------------------------------------------------------------------------------------------


class PdfPreview(QWidget):
    """The rendered pages as they will be printed: page navigation, zoom, fit to width or to the page."""

    page_changed = Signal(int)  # 0-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.previous_button = self._tool("◀", translate("PdfPreview", "上一页（PgUp）"), self.previous_page)
        self.page_box = QSpinBox()
        self.page_box.setObjectName("PreviewPage")
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.page_total = QLabel()
        self.next_button = self._tool("▶", translate("PdfPreview", "下一页（PgDn）"), self.next_page)
        self.zoom_out_button = self._tool("－", translate("PdfPreview", "缩小（Ctrl+-）"), self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._tool("＋", translate("PdfPreview", "放大（Ctrl+=）"), self.zoom_in)
        self.fit_width_button = QPushButton(translate("PdfPreview", "适合宽度"))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = QPushButton(translate("PdfPreview", "整页"))
        self.fit_page_button.clicked.connect(self.fit_page)
        for widget in (self.previous_button, self.page_box, self.page_total, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel()  # what is shown, and what it carries (the owner writes it)
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.stack = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setObjectName("Muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("background: #e9ecf0; padding: 30px;")
        self.view = QPdfView(self)
        self.view.setObjectName("PreviewView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a929c; }")
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self.view.zoomFactorChanged.connect(lambda _f: self._update_zoom())
        self.view.zoomModeChanged.connect(lambda _m: self._update_zoom())
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)
        for keys, slot in (
            ("PgUp", self.previous_page),
            ("PgDown", self.next_page),
            ("Ctrl+=", self.zoom_in),
            ("Ctrl++", self.zoom_in),
            ("Ctrl+-", self.zoom_out),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.clear(translate("PdfPreview", "还没有预览"))

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- content -----------------------------------------------------------------------------------------
    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` from its first page, fitted to the width."""
        old = self.document
        self.document = load_pdf(data, self)
        self.view.setDocument(self.document)
        old.deleteLater()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, self.page_count))
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_total.setText(translate("PdfPreview", "/ {n} 页").format(n=self.page_count))
        self.stack.setCurrentWidget(self.view)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._set_enabled(True)
        self.go_to(0)
        self._page_shown(self.current_page())  # the navigator stays silent when already on page 1

    def clear(self, message: str) -> None:
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self.page_total.clear()
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.previous_button,
            self.page_box,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            widget.setEnabled(enabled)
        self._update_zoom()

    @property
    def showing(self) -> bool:
        return self.stack.currentWidget() is self.view

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    # -- pages -------------------------------------------------------------------------------------------
    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        if not 0 <= page < self.page_count:
            return
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _page_shown(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(self.showing and page > 0)
        self.next_button.setEnabled(self.showing and page + 1 < self.page_count)
        self.page_changed.emit(page)

    # -- zoom --------------------------------------------------------------------------------------------
    def zoom(self) -> float:
        return float(self.view.zoomFactor())

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom_in(self) -> None:
        current = self._effective_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self._effective_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _effective_zoom(self) -> float:
        """The scale on screen (a fitted view keeps zoomFactor at 1): width shown ÷ width at 100 %."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.page_count:
            return self.zoom()
        size = self.document.pagePointSize(max(0, self.current_page()))
        dpi = self.view.logicalDpiX() or 96
        natural_w = size.width() / 72 * dpi
        natural_h = size.height() / 72 * dpi
        viewport = self.view.viewport().size()
        margins = self.view.documentMargins()
        width = viewport.width() - margins.left() - margins.right()
        height = viewport.height() - margins.top() - margins.bottom()
        if natural_w <= 0 or natural_h <= 0:
            return 1.0
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return float(width / natural_w)
        return float(min(width / natural_w, height / natural_h))

    def _update_zoom(self) -> None:
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            text = translate("PdfPreview", "适合宽度")
        elif mode == QPdfView.ZoomMode.FitInView:
            text = translate("PdfPreview", "整页")
        else:
            text = f"{self.zoom() * 100:.0f}%"
        self.zoom_label.setText(text)
        self.fit_width_button.setVisible(mode != QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setVisible(mode != QPdfView.ZoomMode.FitInView)


# -------------------------------------------------------------------------------------------------------
# The printer and the print job
# -------------------------------------------------------------------------------------------------------


class PrintFailed(Exception):
    """The printer refused the job (no printer, a driver error): nothing was printed."""


@dataclass(frozen=True)
class PrintJob:
    """What was sent: pages (sheets, copies included) and the printer's name for the log."""

    pages: int
    printer: str


def is_landscape(size: QSizeF) -> bool:
    return bool(size.width() > size.height())


class PrintBackend:
    """The printer and the print dialog. The one part tests replace: a real printer cannot exist there."""

    def make_printer(self, title: str, landscape: bool) -> QtPrintSupport.QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # coordinates from the paper's corner, for 100 % scale
        orientation = QPageLayout.Orientation
        printer.setPageOrientation(orientation.Landscape if landscape else orientation.Portrait)
        return printer

    def ask(
        self,
        parent: QWidget,
        printer: QtPrintSupport.QPrinter,
        pages: int,
        on_accepted: Callable[[], None],
    ) -> QDialog | None:
        """Open the print dialog (printer, copies, page range); ``on_accepted`` runs on 打印."""
        dialog = QtPrintSupport.QPrintDialog(printer, parent)
        dialog.setWindowTitle(translate("PrintBackend", "打印"))
        dialog.setMinMax(1, max(1, pages))
        options = QtPrintSupport.QAbstractPrintDialog.PrintDialogOption
        dialog.setOption(options.PrintPageRange, True)
        dialog.setOption(options.PrintCurrentPage, True)
        dialog.setOption(
            options.PrintToFile, False
        )  # 另存为 PDF is the way to a file (and is logged as such)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(dialog.deleteLater)
        QDialog.open(dialog)  # window-modal, no nested event loop (the stub wants QPrintDialog's overload)
        return dialog

    def printer_name(self, printer: QtPrintSupport.QPrinter) -> str:
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return printer.outputFileName() or "PDF"
        return printer.printerName()


def pages_to_print(printer: QtPrintSupport.QPrinter, count: int, current: int) -> list[int]:
    """The 0-based pages the dialog asked for: all, the current one, or the ranges typed ('1-3,5')."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [min(max(0, current), count - 1)] if count else []
    if mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            return [p for p in range(count) if ranges.contains(p + 1)]
        first, last = printer.fromPage(), printer.toPage()
        if first > 0:
            return list(range(first - 1, min(last or count, count)))
    return list(range(count))


def print_pdf(
    data: bytes,
    printer: QtPrintSupport.QPrinter,
    *,
    current_page: int = 0,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Send the pages of ``data`` to ``printer`` at 100 % scale; returns the sheets sent (copies included).

    Runs on a worker thread. Raises :class:`Cancelled` (the job is aborted, nothing is printed) or
    :class:`PrintFailed`."""
    report = progress or (lambda _f, _t: None)
    stop = cancelled or (lambda: False)
    document = load_pdf(data)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintFailed(translate("Printing", "无法读取要打印的文件"))
        pages = pages_to_print(printer, int(document.pageCount()), current_page)
        if not pages:
            raise PrintFailed(translate("Printing", "没有要打印的页"))
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        sheets = [page for _copy in range(copies) for page in pages]
        painter = QPainter()
        orientation = QPageLayout.Orientation
        for n, page in enumerate(sheets):
            if stop():
                printer.abort()
                if painter.isActive():
                    painter.end()
                raise Cancelled
            size = document.pagePointSize(page)
            wanted = orientation.Landscape if is_landscape(size) else orientation.Portrait
            if n == 0:
                printer.setPageOrientation(wanted)
                if not painter.begin(printer):
                    raise PrintFailed(translate("Printing", "打印机没有接受打印任务，请检查打印机是否已连接"))
            else:
                if printer.pageLayout().orientation() != wanted:
                    printer.setPageOrientation(wanted)
                printer.newPage()
            _draw_page(painter, printer, document, page, size)
            report(
                (n + 1) / len(sheets),
                translate("Printing", "第 {n} / {total} 页").format(n=n + 1, total=len(sheets)),
            )
        if not painter.end():
            raise PrintFailed(translate("Printing", "打印任务没有完成"))
        return len(sheets)
    finally:
        document.close()
        document.deleteLater()


def _draw_page(
    painter: QPainter, printer: QtPrintSupport.QPrinter, document: QtPdf.QPdfDocument, page: int, size: QSizeF
) -> None:
    """One page at its real size: points → the printer's device pixels, from the paper's corner."""
    dpi = printer.resolution()
    render_dpi = min(PRINT_DPI, dpi)
    pixels = QSize(round(size.width() / 72 * render_dpi), round(size.height() / 72 * render_dpi))
    rendered = document.render(page, pixels)
    flat = QImage(pixels, QImage.Format.Format_RGB32)  # on white: the render is transparent where blank
    flat.fill(Qt.GlobalColor.white)
    with_painter = QPainter(flat)
    with_painter.drawImage(0, 0, rendered)
    with_painter.end()
    if flat.allGray():  # most forms: a third of the data to spool
        flat = flat.convertToFormat(QImage.Format.Format_Grayscale8)
    target = QRectF(0, 0, size.width() / 72 * dpi, size.height() / 72 * dpi)
    if not printer.fullPage():  # the painter starts at the printable area: step back to the paper's corner
        unit = QPrinter.Unit.DevicePixel
        offset = printer.paperRect(unit).topLeft() - printer.pageRect(unit).topLeft()
        target.translate(offset)
    painter.drawImage(target, flat)


# -------------------------------------------------------------------------------------------------------
# Names no bundled font has
# -------------------------------------------------------------------------------------------------------


def missing_glyphs_text(exc: MissingGlyphsError, limit: int = 20) -> str:
    lines = [
        translate("Printing", "{what}“{text}”：{chars}").format(
            what=what, text=text, chars="、".join(f"{ch}（U+{ord(ch):04X}）" for ch in chars)
        )
        for what, text, chars in exc.problems[:limit]
    ]
    if len(exc.problems) > limit:
        lines.append(translate("Printing", "……另有 {n} 处").format(n=len(exc.problems) - limit))
    return "\n".join(lines)


def show_missing_glyphs(parent: QWidget, exc: MissingGlyphsError) -> QMessageBox:
    """Before anything is printed: which names have characters no bundled font can draw (they would come
    out blank), so the coordinator can check them against the paper register."""
    box = QMessageBox(parent)
    box.setObjectName("MissingGlyphs")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Printing", "有字无法打印"))
    box.setText(
        translate(
            "Printing",
            "以下 {n} 处文字含有程序自带字库中没有的字，打印出来会是空白，因此没有生成，也没有打印。",
        ).format(n=len(exc.problems))
    )
    box.setInformativeText(
        missing_glyphs_text(exc)
        + "\n\n"
        + translate(
            "Printing",
            "请核对这些字：可在居民或志愿者信息中改用规范汉字（原字写在备注里），或手写补在纸上后再打印。",
        )
    )
    box.addButton(translate("Printing", "知道了"), QMessageBox.ButtonRole.AcceptRole)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
