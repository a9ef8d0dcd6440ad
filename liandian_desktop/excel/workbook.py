"""Reading a workbook someone filled in: open it whatever saved it (Excel, WPS, openpyxl, a web export),
choose the sheet and its header row, and hand over the data rows as they are in the file.

Cells are returned as openpyxl reads them (text, int/float, datetime); normalising them for a field is
``cells.py``'s job, so a refusal report can give the rows back unchanged.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from openpyxl import load_workbook

from liandian_desktop.excel.columns import KindSpec, column_letter, header_key, match_headers
from liandian_desktop.ledger.errors import LedgerError

SNIFF_ROWS: Final = 30  # a header further down than this is not a header
MIN_HEADER_MATCHES: Final = 2

Row = tuple[object, ...]


class WorkbookError(LedgerError):
    """The file cannot be imported at all: not a readable .xlsx, no data, or no header row we recognise.
    Nothing was read into the ledger."""


@dataclass(frozen=True)
class HeaderGuess:
    """Where the header is on a sheet and what its cells are (two rows when a group header sits above)."""

    sheet: str
    row: int  # 1-based row of the (first) header row
    depth: int  # 1, or 2 for a two-row header
    headers: tuple[str, ...]  # the text of each column's header, as in the file ('' when empty)
    matches: dict[int, str]  # column index → field key, as recognised automatically

    @property
    def data_start(self) -> int:
        return self.row + self.depth


def check_file(path: Path) -> None:
    """Refuse, in words a coordinator understands, what openpyxl cannot open."""
    if not path.exists():
        raise WorkbookError(f"找不到文件：{path}")
    if path.is_dir():
        raise WorkbookError(f"这是一个文件夹，不是Excel文件：{path}")
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise WorkbookError("文件是空的（0 字节），请重新保存后再导入")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError(
            "这是旧版 Excel（.xls）、WPS（.et）文件或加了密码的工作簿，无法直接读取；"
            "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx），并取消密码后再导入"
        )
    if not head.startswith(b"PK"):
        raise WorkbookError(
            "文件不是 Excel 工作簿（.xlsx）；如果是 CSV 或文本文件，请在 Excel/WPS 中另存为 .xlsx"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise WorkbookError("文件已损坏或不完整，无法读取；请重新保存或重新下载后再导入") from None
    if not any(name.lstrip("/").startswith("xl/") for name in names):
        raise WorkbookError("这是一个压缩包或其他 Office 文件（如 Word），不是 Excel 工作簿（.xlsx）")


class Workbook:
    """An open workbook, read lazily (read-only mode: constant memory, fast on 20,000 rows)."""

    def __init__(self, path: Path) -> None:
        check_file(path)
        self.path = path
        try:
            self._book: Any = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on broken files
            raise WorkbookError(
                f"无法读取工作簿：{exc.__class__.__name__}；请在 Excel/WPS 中打开后重新保存为 .xlsx"
            ) from exc
        self._row_hints: dict[str, int] = {}
        for ws in self._book.worksheets:
            try:
                self._row_hints[str(ws.title)] = int(ws.max_row or 0)
            except (AttributeError, TypeError, ValueError):
                self._row_hints[str(ws.title)] = 0

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._book.close()

    def sheet_names(self) -> list[str]:
        """Visible worksheets, in workbook order (chart sheets and hidden sheets left out)."""
        names = []
        for ws in self._book.worksheets:
            if getattr(ws, "sheet_state", "visible") == "visible" and hasattr(ws, "iter_rows"):
                names.append(str(ws.title))
        return names

    def _sheet(self, name: str) -> Any:
        try:
            ws = self._book[name]
        except KeyError:
            raise WorkbookError(f"工作簿中没有名为“{name}”的工作表") from None
        # WPS and some web exports write a wrong <dimension> (A1:A1): read the real extent instead.
        ws.reset_dimensions()
        return ws

    def row_hint(self, name: str) -> int:
        """How many rows the sheet said it had when opened (for progress only: WPS may say 1)."""
        return self._row_hints.get(name, 0)

    def head(self, name: str, rows: int = SNIFF_ROWS) -> list[Row]:
        """The first ``rows`` rows of a sheet (for finding the header)."""
        ws = self._sheet(name)
        return [tuple(r) for r in ws.iter_rows(max_row=rows, values_only=True)]

    def rows(self, name: str, start: int) -> Iterator[tuple[int, Row]]:
        """(row number, cells) from row ``start`` to the end.

        A cell merged vertically with the one above it (a 村 or 户号 written once for several rows) takes
        the value of the merge's top cell: read-only mode does not parse <mergeCells>, so the ranges are
        read from the sheet's XML here.
        """
        ws = self._sheet(name)
        spans = self._vertical_merges(ws, start)
        first = min([start, *(r1 for _c, r1, _r2 in spans)])
        by_anchor: dict[int, list[tuple[int, int, int]]] = {}
        for span in spans:
            by_anchor.setdefault(span[1], []).append(span)
        active: list[tuple[int, int, object]] = []  # (column, last row, value)
        for number, row in enumerate(ws.iter_rows(min_row=first, values_only=True), start=first):
            cells = tuple(row)
            if spans:
                active = [a for a in active if a[1] >= number]
                if active:
                    cells = _fill(cells, active)
                for col, _r1, r2 in by_anchor.get(number, ()):
                    active.append((col, r2, cells[col - 1] if col - 1 < len(cells) else None))
            if number >= start:
                yield number, cells

    def _vertical_merges(self, ws: Any, start: int) -> list[tuple[int, int, int]]:
        """(column, first row, last row) of merges spanning several rows and reaching row ``start``."""
        try:
            data = self._book._archive.read(ws._worksheet_path.lstrip("/"))
        except (AttributeError, KeyError):
            return []
        spans = []
        for ref in _MERGE_RE.findall(data):
            parsed = _parse_range(ref.decode("ascii", "replace"))
            if parsed is not None and parsed[3] >= start and parsed[3] > parsed[1]:
                spans.append((parsed[0], parsed[1], parsed[3]))
        return spans


_MERGE_RE: Final = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_CELL_RE: Final = re.compile(r"([A-Z]+)([0-9]+)")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def _parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """'B3:B7' → (first col, first row, last col, last row), 1-based."""
    try:
        a, b = ref.split(":")
    except ValueError:
        return None
    ma, mb = _CELL_RE.fullmatch(a), _CELL_RE.fullmatch(b)
    if ma is None or mb is None:
        return None
    return _column_index(ma.group(1)), int(ma.group(2)), _column_index(mb.group(1)), int(mb.group(2))


def _fill(cells: Row, active: Sequence[tuple[int, int, object]]) -> Row:
    filled = list(cells)
    for col, _last, value in active:
        if len(filled) < col:
            filled.extend([None] * (col - len(filled)))
        if filled[col - 1] is None:
            filled[col - 1] = value
    return tuple(filled)


# ---------------------------------------------------------------------------------------------------------
# Finding the header
# ---------------------------------------------------------------------------------------------------------


def _text(cell: object) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def _is_sub_header(row: Row, spec: KindSpec) -> bool:
    """A second header row under a group header: every non-empty cell is a known header."""
    filled = [c for c in row if header_key(c)]
    return bool(filled) and all(spec.exact(c) is not None for c in filled)


def _lone_required_header(row: Row, spec: KindSpec) -> bool:
    """A row whose only cell is exactly the header of a required field."""
    filled = [c for c in row if header_key(c)]
    if len(filled) != 1:
        return False
    key = spec.exact(filled[0])
    return key is not None and spec.field(key).required


def guess_header(sheet: str, head: Sequence[Row], spec: KindSpec) -> HeaderGuess | None:
    """The row among the first rows that looks most like this kind's header (title rows, notes and blank
    rows above it are skipped), or None when no row has at least two recognisable headers."""
    best: tuple[int, int, dict[int, str]] | None = None
    single: tuple[int, int, dict[int, str]] | None = None
    for index, row in enumerate(head):
        matches = match_headers(row, spec)
        if len(matches) >= MIN_HEADER_MATCHES and (best is None or len(matches) > best[1]):
            best = (index, len(matches), matches)
        elif single is None and len(matches) == 1 and _lone_required_header(row, spec):
            single = (index, 1, matches)
    best = best or single  # a one-column list ('姓名' and names under it)
    if best is None:
        return None
    index, _score, matches = best
    headers = [_text(c) for c in head[index]]
    depth = 1
    below = head[index + 1] if index + 1 < len(head) else ()
    if below and _is_sub_header(below, spec):
        depth = 2
        sub = match_headers(below, spec)
        used = set(sub.values())
        matches = {col: key for col, key in matches.items() if key not in used and col not in sub} | sub
        width = max(len(headers), len(below))
        headers += [""] * (width - len(headers))
        for col, cell in enumerate(below):
            if _text(cell):
                headers[col] = _text(cell)
    return HeaderGuess(sheet, index + 1, depth, tuple(headers), matches)


def find_header_with(sheet: str, head: Sequence[Row], wanted: Callable[[Row], int]) -> HeaderGuess | None:
    """The row scoring highest under ``wanted`` (e.g. how many of an explicit mapping's headers it has)."""
    scored = [(wanted(row), index) for index, row in enumerate(head)]
    score, index = max(scored, default=(0, 0), key=lambda pair: (pair[0], -pair[1]))
    if score <= 0:
        return None
    return HeaderGuess(sheet, index + 1, 1, tuple(_text(c) for c in head[index]), {})


def describe_column(headers: Sequence[str], col: int) -> str:
    """How a column is named in messages: its header, or its letter when the header cell is empty."""
    text = headers[col] if col < len(headers) else ""
    return text or f"{column_letter(col)}列"


def is_blank(cells: Row) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
