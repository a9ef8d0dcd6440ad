"""Blank import templates, one per kind: Chinese headers (required ones marked *), text-formatted ID and
phone columns so 18-digit numbers survive, drop-downs for closed choices (and for the township's
communities and the county's units when a ledger is given), and an instructions sheet."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from liandian_desktop.excel.columns import Field, FieldType, ImportKind, KindSpec, spec_of
from liandian_desktop.excel.styles import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    NOTE_FONT,
    REQUIRED_FONT,
    TEXT_FORMAT,
    TITLE_FONT,
    WRAP,
)
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.lists import DemandService
from liandian_desktop.ledger.services.org import DivisionService, UnitService
from liandian_desktop.store.engine import Store

FORMATTED_ROWS: Final = 1000  # rows pre-formatted as text in ID and phone columns
CHOICES_SHEET: Final = "选项"
INSTRUCTIONS_SHEET: Final = "填表说明"
_TEXT_TYPES: Final = frozenset({FieldType.ID_NUMBER, FieldType.PHONE, FieldType.TEXT, FieldType.NAME})

GENERAL_NOTES: Final = (
    "1. 请在第一个工作表中从第 2 行起逐行填写，每行一条记录；不要合并单元格，不要删除或改动表头。",
    "2. 标 * 的列必须填写。身份证号、电话已设为“文本”格式，请直接输入或粘贴为“只粘贴值”，不要改成数字格式，"
    "否则 18 位身份证号的后几位会丢失。",
    "3. 日期可写成 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日。",
    "4. 有下拉箭头的列请从下拉列表中选择。",
    "5. 导入前系统会逐行检查并给出预览：有问题的行不会导入，可导出“问题报告”修改后重新导入。",
)


def write_template(
    kind: ImportKind | str,
    path: Path | str,
    *,
    store: Store | None = None,
    township_id: uuid.UUID | None = None,
) -> Path:
    """Write the template for ``kind`` to ``path``. With a ledger, the community and unit columns get
    drop-downs of the township's communities and the county's units."""
    spec = spec_of(kind)
    choices = _ledger_choices(store, township_id) if store is not None and township_id is not None else {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = spec.label[:31]
    _data_sheet(wb, ws, spec, choices)
    _instructions(wb, spec)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _ledger_choices(store: Store, township_id: uuid.UUID) -> dict[str, list[str]]:
    divisions = DivisionService(store)
    communities = [c.name for c in divisions.communities_of(township_id)]
    county_id = divisions.townships.get(township_id).county_id
    units = UnitService(store).list(ListQuery(filters={"county_id": county_id}, limit=None, sort="name")).rows
    categories, _items = DemandService(store).catalogue()
    return {
        "community": communities,
        "unit": [u.name for u in units],
        "category": [c.name for c in categories],
    }


def _data_sheet(wb: Workbook, ws: Worksheet, spec: KindSpec, choices: dict[str, list[str]]) -> None:
    lists: Worksheet | None = None
    for col, field in enumerate(spec.fields, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(1, col, f"*{field.header}" if field.required else field.header)
        cell.font = REQUIRED_FONT if field.required else HEADER_FONT
        cell.fill, cell.border, cell.alignment = HEADER_FILL, BORDER, WRAP
        ws.column_dimensions[letter].width = max(field.width, len(field.header) * 2 + 4)
        if field.type in (FieldType.ID_NUMBER, FieldType.PHONE):
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(2, FORMATTED_ROWS + 2):
                ws.cell(row, col).number_format = TEXT_FORMAT
        # One validation per column: Excel refuses overlapping ones (it "repairs" the file).
        options = _options(field, choices)
        validation: DataValidation | None = None
        if options:
            if len(",".join(options)) > 250:  # Excel's limit for an inline list: point at a range instead
                lists = lists or _choices_sheet(wb)
                formula = _range_of(lists, field.header, options)
            else:
                formula = '"' + ",".join(options) + '"'
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.error = f"请从下拉列表中选择{field.header}"
            validation.errorTitle = field.header
            validation.showErrorMessage = field.type is not FieldType.REF  # a new name may still be typed
        elif field.hint:
            validation = DataValidation(allow_blank=True)
        if validation is not None:
            if field.hint:
                validation.prompt, validation.promptTitle = field.hint[:255], field.header
                validation.showInputMessage = True
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{FORMATTED_ROWS + 1}")
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30


def _options(field: Field, choices: dict[str, list[str]]) -> list[str]:
    if field.type in (FieldType.CHOICE, FieldType.FLAG):
        return list(field.choices)
    if field.type is FieldType.REF and field.key in choices:
        return choices[field.key]
    if field.key == "category" and "category" in choices:
        return choices["category"]
    return []


def _choices_sheet(wb: Workbook) -> Worksheet:
    sheet = wb.create_sheet(CHOICES_SHEET)
    sheet.sheet_state = "hidden"
    return sheet


def _range_of(sheet: Worksheet, header: str, options: Sequence[str]) -> str:
    col = (sheet.max_column + 1) if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    sheet.cell(1, col, header)
    for row, option in enumerate(options, start=2):
        sheet.cell(row, col, option)
    letter = get_column_letter(col)
    return f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(options) + 1}"


def _instructions(wb: Workbook, spec: KindSpec) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET, 1)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 40
    ws.append([f"{spec.label}导入模板 填表说明"])
    ws.cell(1, 1).font = TITLE_FONT
    for line in (*GENERAL_NOTES, *spec.notes):
        ws.append([line])
        ws.cell(ws.max_row, 1).font = NOTE_FONT
    ws.append([])
    ws.append(["列名", "是否必填", "填写说明", "可选值"])
    for col in range(1, 5):
        ws.cell(ws.max_row, col).font = HEADER_FONT
        ws.cell(ws.max_row, col).fill = HEADER_FILL
    for field in spec.fields:
        other = f"（也可写作：{'、'.join(field.synonyms[:4])}）" if field.synonyms else ""
        ws.append(
            [field.header, "必填" if field.required else "", f"{field.hint}{other}", "、".join(field.choices)]
        )
        for col in range(1, 5):
            ws.cell(ws.max_row, col).alignment = WRAP
