"""Page furniture drawn straight on a ReportLab canvas: markers, QR code, title, information block, footer
with the form's version and '第 x 页 / 共 y 页'."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from liandian_desktop import __version__
from liandian_desktop.paper import fonts
from liandian_desktop.paper.layout import PT, Box, Frame
from liandian_desktop.paper.markers import draw_marker
from liandian_desktop.paper.printcode import draw_qr

GREY = (0.45, 0.45, 0.45)


def new_canvas(buffer: io.BytesIO, frame: Frame, *, title: str, subject: str) -> Canvas:
    """A canvas whose initial font is ours: ReportLab otherwise lists an unembedded Helvetica in every PDF."""
    fonts.fonts()
    c = Canvas(
        buffer,
        pagesize=(frame.width * mm, frame.height * mm),
        initialFontName=fonts.REGULAR,
        pageCompression=1,
    )
    c.setTitle(title)
    c.setSubject(subject)
    c.setCreator(f"联点共建桌面端 LianDian Desktop {__version__}")
    c.setAuthor("联点共建桌面端")
    return c


def y_pt(frame: Frame, top_mm: float) -> float:
    """A distance from the top of the page (mm) as ReportLab's y (points from the bottom)."""
    return float((frame.height - top_mm) * mm)


def text_line(
    canvas: Any,
    frame: Frame,
    x_mm: float,
    top_mm: float,
    text: str,
    font: str,
    size: float,
    align: str = "left",
) -> None:
    """One line whose text box starts ``top_mm`` from the page top (baseline at 0.8 em below)."""
    fonts.draw_text(canvas, x_mm * mm, y_pt(frame, top_mm) - size * 0.88, text, font, size, align)


def fit_block(
    lines: Sequence[str],
    box: Box,
    size: float,
    min_size: float,
    font: str = fonts.REGULAR,
    leading: float = 1.3,
) -> tuple[list[str], float]:
    """Wrap ``lines`` into ``box`` at the largest size that fits, from ``size`` down to ``min_size``. Text
    that does not fit even then is cut with '…': only descriptions go in such boxes, never names."""
    current = size
    while True:
        wrapped = [part for line in lines for part in fonts.wrap(line, font, current, box.w / PT)]
        room = int((box.h + 0.01) / (current * leading * PT))
        if len(wrapped) <= room:
            return wrapped, current
        if current <= min_size:
            kept = wrapped[: max(1, room)]
            kept[-1] = kept[-1][:-1] + "…" if len(kept[-1]) > 1 else "…"
            return kept, current
        current = max(min_size, current - 0.5)


def draw_block(
    canvas: Any,
    frame: Frame,
    box: Box,
    lines: Sequence[str],
    size: float,
    font: str = fonts.REGULAR,
    leading: float = 1.3,
) -> None:
    top = box.y
    for line in lines:
        text_line(canvas, frame, box.x, top, line, font, size)
        top += size * leading * PT


@dataclass(frozen=True)
class Furniture:
    title: str
    info: Sequence[str]  # lines for the information block (wrapped and shrunk to fit)
    qr_payload: str
    footer_left: Sequence[str]  # up to two lines: the note, then form · version · copy · printed at
    page: int
    pages: int


def draw_furniture(canvas: Any, frame: Frame, furniture: Furniture) -> None:
    for marker in frame.markers:
        draw_marker(canvas, marker.id, marker.box.x, marker.box.y, marker.box.w, frame.height)
    draw_qr(canvas, furniture.qr_payload, frame.qr.x, frame.qr.y, frame.qr.w, frame.height)

    title_pt = 16.0
    while title_pt > 10 and fonts.text_width(furniture.title, fonts.BOLD, title_pt) > frame.title.w / PT:
        title_pt -= 0.5
    title_top = frame.title.y + (frame.title.h - title_pt * PT) / 2 - 0.3
    centre = frame.title.x + frame.title.w / 2 if frame.markers else frame.title.x
    text_line(
        canvas,
        frame,
        centre,
        title_top,
        furniture.title,
        fonts.BOLD,
        title_pt,
        "center" if frame.markers else "left",
    )

    lines, size = fit_block(furniture.info, frame.info, 9.5, 6.5)
    draw_block(canvas, frame, frame.info, lines, size)

    canvas.setFillColorRGB(*GREY)
    footer = frame.footer
    pages = f"第 {furniture.page} 页 / 共 {furniture.pages} 页"
    text_line(canvas, frame, footer.right, footer.y + 1.0, pages, fonts.REGULAR, 9, "right")
    room = footer.w - fonts.text_width(pages, fonts.REGULAR, 9) * PT - 4
    note_box = Box(footer.x, footer.y + 1.0, room, footer.h - 1.0)
    note_lines, note_size = fit_block(furniture.footer_left, note_box, 7.5, 5.5)
    draw_block(canvas, frame, note_box, note_lines, note_size)
    canvas.setFillColorRGB(0, 0, 0)
