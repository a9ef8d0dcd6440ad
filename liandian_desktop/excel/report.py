"""The refusal report: the rows an import refused, exactly as they were in the file, with the reason in a
last column, for the village to correct and send back. The corrected file imports like the original
(its header is the original header; the extra columns are ignored)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from liandian_desktop.excel.columns import FieldType, spec_of
from liandian_desktop.excel.plan import Fate, ImportPlan
from liandian_desktop.excel.privacy import logged_file
from liandian_desktop.excel.styles import (
    HEADER_FILL,
    HEADER_FONT,
    NOTE_FONT,
    REASON_FONT,
    TEXT_FORMAT,
    TITLE_FONT,
    styled,
)
from liandian_desktop.store.engine import Store

REASON_HEADER = "问题说明"
ROW_HEADER = "原行号"
_PERSONAL = frozenset({FieldType.NAME, FieldType.ID_NUMBER, FieldType.PHONE})


def save_refusal_report(
    store: Store, plan: ImportPlan, path: Path | str, *, include_skipped: bool = False, operator: str = ""
) -> int:
    """Write the refused rows (and the skipped ones when asked) to ``path``; returns how many rows.

    The rows carry people's data as they were given (full ID numbers and phones): the report is logged
    as an unmasked export of personal data.
    """
    fates = {Fate.REFUSE, Fate.SKIP} if include_skipped else {Fate.REFUSE}
    rows = [r for r in plan.rows if r.fate in fates]
    spec = spec_of(plan.kind)
    width = max([len(plan.headers), *(len(r.cells) for r in rows)])
    headers = list(plan.headers) + [""] * (width - len(plan.headers))
    text_columns = {
        col
        for col, key in plan.columns.items()
        if spec.field(key).type in (FieldType.ID_NUMBER, FieldType.PHONE)
    }

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("未导入的行")
    for col in range(width):
        ws.column_dimensions[get_column_letter(col + 1)].width = 22 if col in text_columns else 14
    ws.column_dimensions[get_column_letter(width + 1)].width = 8
    ws.column_dimensions[get_column_letter(width + 2)].width = 60
    ws.append([styled(ws, f"导入问题报告：{plan.source.name}（{plan.kind.label}）", font=TITLE_FONT)])
    ws.append(
        [
            styled(
                ws,
                f"生成时间：{datetime.now():%Y-%m-%d %H:%M}；共 {len(rows)} 行未导入。"
                f"请按“{REASON_HEADER}”修改后重新导入（可直接导入本文件）。",
                font=NOTE_FONT,
            )
        ]
    )
    ws.append(
        [styled(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in headers]
        + [styled(ws, ROW_HEADER, font=HEADER_FONT, fill=HEADER_FILL)]
        + [styled(ws, REASON_HEADER, font=HEADER_FONT, fill=HEADER_FILL)]
    )
    for row in rows:
        cells: list[object] = []
        for col in range(width):
            value = row.cells[col] if col < len(row.cells) else None
            cells.append(
                styled(ws, value, number_format=TEXT_FORMAT)
                if col in text_columns and isinstance(value, str)
                else value
            )
        reason = row.reason if row.fate is Fate.REFUSE else f"（跳过）{row.reason}"
        cells += [row.row, styled(ws, reason, font=REASON_FONT)]
        ws.append(cells)
    personal = [
        plan.headers[col]
        for col, key in plan.columns.items()
        if spec.field(key).type in _PERSONAL and col < len(plan.headers)
    ]
    with logged_file(
        store,
        Path(path),
        township_id=plan.options.township_id,
        document=f"导入问题报告（{plan.kind.label}）",
        scope=f"{plan.source.name} 中未导入的 {len(rows)} 行",
        people_count=len(rows),
        fields=[f"{h}（原样）" for h in personal],
        unmasked=any(
            spec.field(k).type in (FieldType.ID_NUMBER, FieldType.PHONE) for k in plan.columns.values()
        ),
        operator=operator,
    ) as temporary:
        wb.save(temporary)
    return len(rows)
