"""Workbooks as they arrive from villages, built by the tests with openpyxl: titles and notes above the
header, merged cells, blank rows, full-width digits, IDs typed as numbers, every date spelling, and a
copy rewritten the way WPS and some web exports save files."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from liandian_desktop.ledger.validation import make_id_number


def ident(birth: date, seq: int, region: str = "430102") -> str:
    return make_id_number(region, birth, seq)


def fullwidth(text: str) -> str:
    """ASCII digits and letters as their full-width forms (U+FF10…)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def save_rows(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str | None = None,
    notes: Sequence[str] = (),
    merges: Sequence[str] = (),
    sheet: str = "Sheet1",
    formats: dict[str, str] | None = None,
) -> Path:
    """A one-sheet workbook: an optional merged title, note lines, then ``rows`` (header first)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    width = max((len(r) for r in rows), default=1)
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
        ws.cell(1, 1).font = Font(bold=True, size=16)
    for note in notes:
        ws.append([note])
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)
    return path


def as_wps(source: Path, target: Path) -> Path:
    """Rewrite an openpyxl workbook the way WPS-saved and web-exported files often look: a <dimension>
    of A1 only (read-only readers then see one cell), absolute relationship targets, inline strings in
    place of shared strings, and WPS as the application."""
    shutil.copyfile(source, target)
    with zipfile.ZipFile(source) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    shared = re.findall(rb"<si><t[^>]*>(.*?)</t></si>", parts.get("xl/sharedStrings.xml", b""), re.S)
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name]
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)

        def inline(match: re.Match[bytes]) -> bytes:
            attrs, index = match.group(1), int(match.group(2))
            return b"<c" + attrs + b' t="inlineStr"><is><t>' + shared[index] + b"</t></is></c>"

        xml = re.sub(rb'<c([^>]*?) t="s"><v>(\d+)</v></c>', inline, xml)
        parts[name] = xml
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="worksheets/', b'Target="/xl/worksheets/'
    )
    parts["docProps/app.xml"] = re.sub(
        rb"<Application>[^<]*</Application>",
        b"<Application>WPS \xe8\xa1\xa8\xe6\xa0\xbc</Application>",
        parts["docProps/app.xml"],
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return target


def ledger_digest(db: Path) -> str:
    """A digest of every row of every table: equal digests mean the ledger did not change."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def read_sheet(path: Path, sheet: str | int = 0) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


NOW = datetime(2026, 3, 5, 9, 30)
