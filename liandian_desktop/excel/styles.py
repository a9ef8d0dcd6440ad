"""How the workbooks we write look: one place for fonts, fills and formats."""

from __future__ import annotations

from typing import Any, Final

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

TEXT_FORMAT: Final = "@"  # Excel's "text": 18-digit ID numbers survive only in text cells
DATE_FORMAT: Final = "yyyy-mm-dd"
DATETIME_FORMAT: Final = "yyyy-mm-dd hh:mm"

TITLE_FONT: Final = Font(bold=True, size=14)
HEADER_FONT: Final = Font(bold=True)
REQUIRED_FONT: Final = Font(bold=True, color="C00000")
REASON_FONT: Final = Font(color="C00000")
NOTE_FONT: Final = Font(italic=True, color="595959")
HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL: Final = PatternFill("solid", fgColor="F2F2F2")
_THIN: Final = Side(style="thin", color="A6A6A6")
BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP: Final = Alignment(wrap_text=True, vertical="top")
CENTER: Final = Alignment(horizontal="center", vertical="center")


def styled(
    ws: Any,
    value: object,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    number_format: str | None = None,
) -> WriteOnlyCell:
    """A cell for a write-only sheet with the given look."""
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    return cell
