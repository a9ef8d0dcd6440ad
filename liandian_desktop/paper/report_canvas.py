"""A canvas for long reports that knows the end before it writes the beginning: each page is kept until the
document is finished, then written out with its running header, '第 x 页 / 共 y 页' and, on the pages set
aside for it, the table of contents with the real page numbers. One layout pass, however many pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from liandian_desktop.paper import fonts

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
HEADER_Y = 10.0  # mm from the top
FOOTER_Y = 9.0  # mm from the bottom
TOC_TOP = 32.0
TOC_LINE = 7.0
TOC_PER_PAGE = int((PAGE_H - TOC_TOP - 2 * MARGIN) // TOC_LINE)


@dataclass(frozen=True)
class TocEntry:
    key: str
    title: str
    level: int  # 0 section, 1 subsection


@dataclass
class ReportState:
    header_left: str
    header_right: str
    footer_left: str
    toc: list[TocEntry]
    anchors: dict[str, int] = field(default_factory=dict)  # bookmark key -> page
    toc_pages: list[int] = field(default_factory=list)
    on_page: Callable[[int], None] | None = None  # after each page is laid out: progress, cancellation
    pages: int = 0  # set when the document is written


def toc_page_count(entries: int) -> int:
    return max(1, -(-entries // TOC_PER_PAGE))


class ReportCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, state: ReportState, **kwargs: Any) -> None:
        fonts.fonts()
        if kwargs.get("initialFontName") is None:  # platypus passes None: ReportLab would list Helvetica
            kwargs["initialFontName"] = fonts.REGULAR
        super().__init__(*args, **kwargs)
        self._report = state
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()
        if self._report.on_page is not None:
            self._report.on_page(len(self._kept))

    def save(self) -> None:
        total = self._report.pages = len(self._kept)
        for number, page in enumerate(self._kept, 1):
            self.__dict__.update(page)
            if number > 1:
                self._furniture(number, total)
            if number in self._report.toc_pages:
                self._toc(self._report.toc_pages.index(number))
            super().showPage()
        super().save()

    def _furniture(self, number: int, total: int) -> None:
        s = self._report
        self.saveState()
        self.setFillColorRGB(0.35, 0.35, 0.35)
        top = (PAGE_H - HEADER_Y) * mm
        fonts.draw_text(self, MARGIN * mm, top, s.header_left, fonts.REGULAR, 8)
        fonts.draw_text(self, (PAGE_W - MARGIN) * mm, top, s.header_right, fonts.REGULAR, 8, "right")
        self.setStrokeColorRGB(0.6, 0.6, 0.6)
        self.setLineWidth(0.4)
        self.line(MARGIN * mm, top - 2.2 * mm, (PAGE_W - MARGIN) * mm, top - 2.2 * mm)
        bottom = FOOTER_Y * mm
        fonts.draw_text(self, MARGIN * mm, bottom, s.footer_left, fonts.REGULAR, 7.5)
        fonts.draw_text(
            self, (PAGE_W - MARGIN) * mm, bottom, f"第 {number} 页 / 共 {total} 页", fonts.REGULAR, 9, "right"
        )
        self.restoreState()

    def _toc(self, index: int) -> None:
        s = self._report
        entries = s.toc[index * TOC_PER_PAGE : (index + 1) * TOC_PER_PAGE]
        if index == 0:
            fonts.draw_text(self, PAGE_W / 2 * mm, (PAGE_H - 24) * mm, "目录", fonts.BOLD, 16, "center")
        y = PAGE_H - TOC_TOP
        right = (PAGE_W - MARGIN) * mm
        for entry in entries:
            page = s.anchors.get(entry.key)
            font, size = (fonts.BOLD, 11.0) if entry.level == 0 else (fonts.REGULAR, 10.0)
            x = (MARGIN + 6 * entry.level) * mm
            baseline = (y - 5) * mm
            number = str(page) if page else ""
            room = right - x - fonts.text_width("0000", font, size) - 6
            title = entry.title
            while fonts.text_width(title, font, size) > room and len(title) > 2:
                title = title[:-2] + "…"
            fonts.draw_text(self, x, baseline, title, font, size)
            fonts.draw_text(self, right, baseline, number, font, size, "right")
            start = x + fonts.text_width(title, font, size) + 4
            end = right - fonts.text_width(number, font, size) - 4
            if end > start:
                self.saveState()
                self.setStrokeColorRGB(0.55, 0.55, 0.55)
                self.setLineWidth(0.7)
                self.setDash(0.6, 2.4)
                self.line(start, baseline + 1, end, baseline + 1)
                self.restoreState()
            if page:
                self.linkRect(
                    "",
                    entry.key,
                    (x, baseline - 2, right, baseline + size),
                    relative=0,
                    thickness=0,
                    name=f"toc-{entry.key}",
                )
            y -= TOC_LINE
