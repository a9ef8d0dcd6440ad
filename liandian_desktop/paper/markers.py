"""ArUco corner markers, so that a scan or a phone photo of a form can be squared up and read back.

The four markers are ids 0–3 of OpenCV's ``DICT_4X4_50`` (top-left 0, top-right 1, bottom-right 2,
bottom-left 3: a reader also learns which way up the page is). Their bit patterns are shipped here as data,
not generated at run time: the app would otherwise carry OpenCV and NumPy (tens of megabytes) to draw
sixteen squares. ``tests/test_paper_markers.py`` checks the patterns against ``cv2.aruco`` and detects the
markers on rendered pages.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import FILL_NON_ZERO

DICTIONARY = "DICT_4X4_50"
# Inner 4×4 cells of each marker, row by row from the top, "1" = white; the one-cell border is black.
MARKER_BITS: dict[int, tuple[str, str, str, str]] = {
    0: ("1011", "0101", "0011", "0010"),
    1: ("0000", "1111", "1001", "1010"),
    2: ("0011", "0011", "0010", "1101"),
    3: ("1001", "1001", "0100", "0110"),
}
CORNER_IDS: dict[str, int] = {"top-left": 0, "top-right": 1, "bottom-right": 2, "bottom-left": 3}


def marker_cells(marker_id: int) -> list[tuple[int, int]]:
    """The black cells (row, column) of a marker on its 6×6 grid, border included."""
    bits = MARKER_BITS[marker_id]
    black = []
    for row in range(6):
        for col in range(6):
            border = row in (0, 5) or col in (0, 5)
            if border or bits[row - 1][col - 1] == "0":
                black.append((row, col))
    return black


def draw_marker(
    canvas: Any, marker_id: int, x_mm: float, top_mm: float, size_mm: float, page_h_mm: float
) -> None:
    """Draw a marker with its top-left corner at (``x_mm``, ``top_mm``) from the page's top-left corner.

    One path, filled once: adjacent cells drawn as separate squares leave hairline seams when rasterised.
    """
    cell = size_mm / 6
    path = canvas.beginPath()
    for row, col in marker_cells(marker_id):
        x = (x_mm + col * cell) * mm
        y = (page_h_mm - top_mm - (row + 1) * cell) * mm
        path.rect(x, y, cell * mm, cell * mm)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
