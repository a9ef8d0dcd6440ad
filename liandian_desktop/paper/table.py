"""Ruled tables drawn on a canvas: every cell's text wraps inside it, shrinking first and then taking more
row heights ("slots"), so that nothing overflows; the column labels repeat on every page.

Drawn directly rather than with platypus: the row positions must follow the layout file exactly, and a
500-person sheet has to render in well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

from liandian_desktop.paper import fonts
from liandian_desktop.paper.layout import PT, ColumnLayout, Frame, TableLayout
from liandian_desktop.paper.page import text_line, y_pt

TEXT_PT = 9.5
MIN_PT = 6.5  # only in a row that would not fit on a page otherwise
READABLE_PT = 7.5  # smallest text in an ordinary row: longer text gets a taller row
ONE_LINE_MIN_PT = 6.0
HEADER_PT = 8.5
PAD_X = 1.2  # mm
PAD_Y = 0.8
LEADING = 1.18
MUTED = (0.55, 0.55, 0.55)
HEADER_FILL = (0.9, 0.9, 0.9)
TICK_BOX = 3.2  # mm


@dataclass(frozen=True)
class Cell:
    text: str = ""
    tone: str = "normal"  # normal | muted | bold
    boxes: tuple[str, ...] = ()  # tick boxes with these labels ('同意', '否决'), drawn as squares
    one_line: bool = False  # numbers and codes: shrink to one line before wrapping


@dataclass(frozen=True)
class FittedCell:
    lines: tuple[str, ...]
    size: float
    tone: str
    boxes: tuple[str, ...]


@dataclass(frozen=True)
class PlacedRow:
    key: str  # the row code (or sequence number) this row carries
    page: int  # 1-based
    slot: int  # first row height it takes on its page, 0-based
    slots: int
    cells: tuple[FittedCell, ...]


def _font(tone: str) -> str:
    return fonts.BOLD if tone == "bold" else fonts.REGULAR


def _lines_in(height_mm: float, size: float) -> int:
    return max(1, math.floor((height_mm - 2 * PAD_Y) / (size * LEADING * PT) + 1e-6))


def _fit(
    cell: Cell, width_mm: float, height_mm: float, floor_pt: float = READABLE_PT
) -> tuple[FittedCell, float]:
    """The cell at the largest size, down to ``floor_pt``, that fits ``height_mm``, and the height it needs
    (more than ``height_mm`` when it does not fit even at ``floor_pt``)."""
    font = _font(cell.tone)
    inner = (width_mm - 2 * PAD_X) / PT
    if cell.boxes:
        return FittedCell((), TEXT_PT, cell.tone, cell.boxes), 0.0
    if not cell.text:
        return FittedCell((), TEXT_PT, cell.tone, ()), 0.0
    floor = min(floor_pt, ONE_LINE_MIN_PT) if cell.one_line else floor_pt
    size = TEXT_PT
    while True:
        lines = fonts.wrap(cell.text, font, size, inner)
        limit = 1 if cell.one_line else _lines_in(height_mm, size)
        if len(lines) <= limit or size <= floor:  # at the floor a long code wraps after all
            needed = len(lines) * size * LEADING * PT + 2 * PAD_Y
            return FittedCell(tuple(lines), size, cell.tone, ()), needed
        size = max(floor, size - 0.5)


def plan(
    rows: Sequence[tuple[str, Sequence[Cell]]], columns: Sequence[ColumnLayout], layout: TableLayout
) -> list[PlacedRow]:
    """Fit every cell and place the rows on pages. ``rows`` are (row code, cells in column order).

    Text shrinks down to ``READABLE_PT`` within one row height; longer text makes its row take more row
    heights instead of getting smaller, except in a row that would not fit on a page even so."""
    placed: list[PlacedRow] = []
    page, slot = 1, 0
    row_h = layout.row_height
    for key, cells in rows:
        pairs = list(zip(cells, columns, strict=True))
        fitted = [_fit(cell, col.w, row_h) for cell, col in pairs]
        needed = max((h for _, h in fitted), default=0.0)
        slots = max(1, math.ceil(needed / row_h - 1e-6))
        if slots > layout.rows_per_page:
            slots = layout.rows_per_page
            fitted = [_fit(cell, col.w, slots * row_h, MIN_PT) for cell, col in pairs]
        elif slots > 1:  # a taller row: let every cell use the room at a larger size
            fitted = [_fit(cell, col.w, slots * row_h) for cell, col in pairs]
        if slot + slots > layout.rows_per_page:
            page, slot = page + 1, 0
        placed.append(PlacedRow(key, page, slot, slots, tuple(f for f, _ in fitted)))
        slot += slots
    return placed


def add_blank_rows(
    placed: list[PlacedRow],
    columns: Sequence[ColumnLayout],
    layout: TableLayout,
    *,
    first: int,
    at_least: int,
    code_field: str,
    width: int = 0,
) -> None:
    """Append blank rows for people or items added on paper: at least ``at_least`` (a whole page when the
    table is empty), then up to the end of the last page. Their codes (``first``, ``first`` + 1, …, zero
    padded to ``width``) are printed in grey in the ``code_field`` column."""
    per_page = layout.rows_per_page
    if placed:
        page, slot = placed[-1].page, placed[-1].slot + placed[-1].slots
        if at_least <= 0:
            return
        count = at_least + (-((page - 1) * per_page + slot + at_least)) % per_page
    else:
        page, slot = 1, 0
        count = max(at_least, per_page)
        count += (-count) % per_page
    for i in range(count):
        if slot >= per_page:
            page, slot = page + 1, 0
        code = f"{first + i:0{width}d}"
        cells = [Cell(code, "muted", one_line=True) if c.field == code_field else Cell("") for c in columns]
        fitted = tuple(
            _fit(cell, col.w, layout.row_height)[0] for cell, col in zip(cells, columns, strict=True)
        )
        placed.append(PlacedRow(code, page, slot, 1, fitted))
        slot += 1


def draw_header(canvas: Any, frame: Frame, layout: TableLayout, columns: Sequence[ColumnLayout]) -> None:
    h = layout.header
    canvas.saveState()
    canvas.setFillColorRGB(*HEADER_FILL)
    canvas.rect(h.x * mm, y_pt(frame, h.bottom), h.w * mm, h.h * mm, stroke=0, fill=1)
    canvas.restoreState()
    for col in columns:
        size = HEADER_PT
        lines = fonts.wrap(col.label, fonts.BOLD, size, (col.w - 2 * PAD_X) / PT)
        while len(lines) > 2 and size > 6:
            size -= 0.5
            lines = fonts.wrap(col.label, fonts.BOLD, size, (col.w - 2 * PAD_X) / PT)
        _draw_lines(canvas, frame, col, h.y, h.h, lines, size, fonts.BOLD, "center")


def _draw_lines(
    canvas: Any,
    frame: Frame,
    col: ColumnLayout,
    top: float,
    height: float,
    lines: Sequence[str],
    size: float,
    font: str,
    align: str,
) -> None:
    line_h = size * LEADING * PT
    first = top + (height - len(lines) * line_h) / 2 + (line_h - size * PT) / 2
    if align == "center":
        x = col.x + col.w / 2
    elif align == "right":
        x = col.x + col.w - PAD_X
    else:
        x = col.x + PAD_X
    for i, line in enumerate(lines):
        text_line(canvas, frame, x, first + i * line_h, line, font, size, align)


def _draw_boxes(
    canvas: Any, frame: Frame, col: ColumnLayout, top: float, height: float, labels: Sequence[str]
) -> None:
    size = 8.5
    widths = [TICK_BOX + 1.0 + fonts.text_width(label, fonts.REGULAR, size) * PT for label in labels]
    stacked = sum(widths) + 2.5 * (len(labels) - 1) > col.w - 2 * PAD_X
    positions: list[tuple[float, float]] = []
    if stacked:
        step = min(height / len(labels), 6.0)
        start = top + (height - step * len(labels)) / 2
        positions = [
            (col.x + PAD_X + 0.5, start + i * step + (step - TICK_BOX) / 2) for i in range(len(labels))
        ]
    else:
        x = col.x + (col.w - sum(widths) - 2.5 * (len(labels) - 1)) / 2
        for w in widths:
            positions.append((x, top + (height - TICK_BOX) / 2))
            x += w + 2.5
    canvas.setLineWidth(0.6)
    for (x, y), label in zip(positions, labels, strict=True):
        canvas.rect(x * mm, y_pt(frame, y + TICK_BOX), TICK_BOX * mm, TICK_BOX * mm, stroke=1, fill=0)
        text_line(
            canvas, frame, x + TICK_BOX + 1.0, y + (TICK_BOX - size * PT) / 2, label, fonts.REGULAR, size
        )


def draw_rows(
    canvas: Any, frame: Frame, layout: TableLayout, columns: Sequence[ColumnLayout], rows: Sequence[PlacedRow]
) -> None:
    """The column labels, the rows of one page and the ruling."""
    draw_header(canvas, frame, layout, columns)
    for row in rows:
        top = layout.rows_top + row.slot * layout.row_height
        height = row.slots * layout.row_height
        for cell, col in zip(row.cells, columns, strict=True):
            if cell.boxes:
                _draw_boxes(canvas, frame, col, top, height, cell.boxes)
                continue
            if not cell.lines:
                continue
            if cell.tone == "muted":
                canvas.setFillColorRGB(*MUTED)
            _draw_lines(canvas, frame, col, top, height, cell.lines, cell.size, _font(cell.tone), col.align)
            if cell.tone == "muted":
                canvas.setFillColorRGB(0, 0, 0)
    used = sum(r.slots for r in rows)
    _rule(canvas, frame, layout, columns, rows, used)


def _rule(
    canvas: Any,
    frame: Frame,
    layout: TableLayout,
    columns: Sequence[ColumnLayout],
    rows: Sequence[PlacedRow],
    used: int,
) -> None:
    h = layout.header
    bottom = layout.rows_top + used * layout.row_height
    path = canvas.beginPath()
    left, right = h.x * mm, h.right * mm
    for top in [h.y, h.bottom] + [layout.rows_top + (r.slot + r.slots) * layout.row_height for r in rows]:
        path.moveTo(left, y_pt(frame, top))
        path.lineTo(right, y_pt(frame, top))
    xs = [c.x for c in columns] + [h.right]
    for x in xs:
        path.moveTo(x * mm, y_pt(frame, h.y))
        path.lineTo(x * mm, y_pt(frame, bottom))
    canvas.setLineWidth(0.5)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setLineWidth(1.0)
    canvas.rect(left, y_pt(frame, bottom), right - left, (bottom - h.y) * mm, stroke=1, fill=0)
