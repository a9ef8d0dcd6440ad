"""The dashboard's figures and the monthly assessment as files: an Excel workbook (.xlsx) a coordinator can
forward or print, and JSON (``KpiReport.to_json()`` / ``Assessment.to_json()``, the CLI's ``--json``).

Workbooks hold the same figures the screen shows, with their targets, verdicts and quotients; the trend and
the per-community / per-unit breakdown when the caller has them. They hold no personal data (records are
not exported: a figure's records are read on screen). Files are written next to the target and moved into
place, so a failed write never leaves half a file; a file open in Excel is refused with a plain message.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from liandian_desktop.excel.styles import HEADER_FILL, HEADER_FONT, NOTE_FONT, TITLE_FONT, WRAP
from liandian_desktop.ledger.errors import LedgerError

from .assessment import SECTIONS, Assessment
from .breakdown import BAR_KEYS, TREND_KEYS, Breakdown, Slice
from .figures import Figure, Unit, plain
from .periods import format_local
from .report import KpiReport

MET_FONT = Font(color="2E7D32")
MISSED_FONT = Font(color="C62828", bold=True)
LIST_FONTS = {
    "red": Font(color="C62828", bold=True),
    "yellow": Font(color="A15C00", bold=True),
    "black": Font(color="000000", bold=True),
}


def _verdict(meets: bool | None) -> str:
    return {True: "达标", False: "未达标", None: ""}[meets]


def _cell_value(figure: Figure) -> float | str:
    """A figure's value as a cell: rates as a percentage (92.6), others as numbers; 无数据 as text."""
    v = figure.value
    if v is None:
        return "无数据"
    if figure.unit is Unit.RATE:
        return round(float(v) * 100, 1)
    return round(float(v), 2)


def _unit_text(figure: Figure) -> str:
    return {
        Unit.RATE: "%",
        Unit.HOURS: "小时",
        Unit.DAYS: "天",
        Unit.COUNT: "",
        Unit.TIMES: "次",
        Unit.YUAN: "元",
        Unit.RATIO: "",
    }[figure.unit]


def _header(ws: Worksheet, row: int, headers: Sequence[tuple[str, int]]) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _title(ws: Worksheet, title: str, notes: Sequence[str]) -> int:
    ws.cell(row=1, column=1, value=title).font = TITLE_FONT
    for i, note in enumerate(notes, start=2):
        ws.cell(row=i, column=1, value=note).font = NOTE_FONT
    return len(notes) + 3


def _figure_row(figure: Figure, label: str | None = None) -> list[Any]:
    return [
        label or figure.label,
        _cell_value(figure),
        _unit_text(figure),
        figure.target_display(),
        _verdict(figure.meets),
        None if figure.numerator is None else plain(figure.numerator),
        None if figure.denominator is None else plain(figure.denominator),
    ]


def _colour_verdict(ws: Worksheet, row: int, column: int, meets: bool | None) -> None:
    if meets is not None:
        ws.cell(row=row, column=column).font = MET_FONT if meets else MISSED_FONT


def _save(wb: Workbook, path: Path) -> Path:
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=path.parent)
        os.close(handle)
        try:
            wb.save(temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise LedgerError(
            f"无法写入文件“{path}”：{exc.strerror or exc}。如文件正在 Excel 中打开，请先关闭后再导出。"
        ) from None
    return path


def report_workbook(
    report: KpiReport,
    path: Path | str,
    *,
    trend: Sequence[Slice] = (),
    breakdown: Breakdown | None = None,
) -> Path:
    """The report's figures (sheet 指标), the standard-service table (服务频次), and the trend and the
    breakdown when given, to ``path``."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标"
    row = _title(
        ws,
        f"联点共建指标 — {report.scope.describe()}",
        [
            f"期间：{report.period.describe()}",
            f"截至：{format_local(report.as_of)}" + ("；适用阶段目标" if report.interim else ""),
            f"导出时间：{datetime.now():%Y-%m-%d %H:%M}",
        ],
    )
    _header(
        ws,
        row,
        [
            ("分组", 12),
            ("指标", 26),
            ("数值", 12),
            ("单位", 7),
            ("目标", 14),
            ("是否达标", 9),
            ("分子", 14),
            ("分母", 14),
            ("口径", 60),
            ("说明", 40),
        ],
    )
    for figure in report.figures.values():
        row += 1
        values = [figure.group, *_figure_row(figure), figure.definition, figure.note]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if col >= 9:
                cell.alignment = WRAP
        _colour_verdict(ws, row, 6, figure.meets)

    if report.services:
        ws = wb.create_sheet("服务频次")
        row = _title(ws, f"基本服务频次 — {report.scope.describe()}", [f"期间：{report.period.describe()}"])
        _header(
            ws,
            row,
            [("村（社区）", 16), ("服务", 22), ("应开展", 9), ("实际", 9), ("是否达标", 9), ("说明", 60)],
        )
        for service in report.services:
            row += 1
            met = service.met if service.judged else None
            for col, value in enumerate(
                [
                    service.community,
                    service.service,
                    service.expected,
                    service.actual,
                    _verdict(met),
                    service.reason(),
                ],
                start=1,
            ):
                ws.cell(row=row, column=col, value=value)
            _colour_verdict(ws, row, 5, met)

    if trend:
        ws = wb.create_sheet("月度趋势")
        row = _title(ws, f"月度趋势 — {report.scope.describe()}", ["每月按该月计算；比率为百分数"])
        headers = [("月份", 10)]
        for key in TREND_KEYS:
            label = trend[0][key].label
            headers += [(label, 12), (f"{label}目标", 12), ("是否达标", 9)]
        _header(ws, row, headers)
        for month in trend:
            row += 1
            ws.cell(row=row, column=1, value=month.name)
            col = 2
            for key in TREND_KEYS:
                figure = month[key]
                ws.cell(row=row, column=col, value=_cell_value(figure))
                ws.cell(row=row, column=col + 1, value=figure.target_display())
                ws.cell(row=row, column=col + 2, value=_verdict(figure.meets))
                _colour_verdict(ws, row, col + 2, figure.meets)
                col += 3

    if breakdown is not None:
        for title, slices in (("各村（社区）", breakdown.communities), ("各联点单位", breakdown.units)):
            if not slices:
                continue
            ws = wb.create_sheet(title)
            row = _title(
                ws,
                f"{title}闭环工单指标 — {report.scope.describe()}",
                [f"期间：{breakdown.period.describe()}", "比率为百分数；括号内为分子 ÷ 分母"],
            )
            headers = [(title.removeprefix("各"), 24)]
            for key in BAR_KEYS:
                label = slices[0][key].label
                headers += [(label, 12), ("是否达标", 9), (f"{label}（分子 ÷ 分母）", 16)]
            _header(ws, row, headers)
            for piece in slices:
                row += 1
                ws.cell(row=row, column=1, value=piece.name)
                col = 2
                for key in BAR_KEYS:
                    figure = piece[key]
                    ws.cell(row=row, column=col, value=_cell_value(figure))
                    ws.cell(row=row, column=col + 1, value=_verdict(figure.meets))
                    _colour_verdict(ws, row, col + 1, figure.meets)
                    if figure.numerator is not None and figure.denominator is not None:
                        ratio = f"{plain(figure.numerator)} ÷ {plain(figure.denominator)}"
                        ws.cell(row=row, column=col + 2, value=ratio)
                    col += 3
    return _save(wb, Path(path))


def assessment_workbook(assessment: Assessment, path: Path | str) -> Path:
    """The month's ranking (sheet 月度考核) and every unit's indicators (指标明细), to ``path``."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "月度考核"
    stored = f"本月已于 {format_local(assessment.stored_at)} 存档" if assessment.stored_at else "本月尚未存档"
    row = _title(
        ws,
        f"联点单位月度考核 — {assessment.township_name} {assessment.month.month_key}",
        [f"截至：{format_local(assessment.as_of)}；{stored}", f"导出时间：{datetime.now():%Y-%m-%d %H:%M}"],
    )
    _header(
        ws,
        row,
        [
            ("排名", 6),
            ("联点单位", 28),
            ("过程考核", 10),
            ("结果考核", 10),
            ("创新加分", 10),
            ("总分", 10),
            ("榜单", 8),
            ("上榜原因", 34),
            ("帮扶提升计划", 12),
            ("说明", 50),
        ],
    )
    for unit in assessment.units:
        row += 1
        values = [
            unit.rank,
            unit.unit_name,
            float(unit.process),
            float(unit.results),
            float(unit.innovation),
            float(unit.total),
            unit.colour.label,
            unit.placement.reason,
            "是" if unit.assistance_plan else "",
            "；".join(unit.notes),
        ]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        font = LIST_FONTS.get(unit.colour.value)
        if font is not None:
            ws.cell(row=row, column=7).font = font
        if unit.assistance_plan:
            ws.cell(row=row, column=9).font = MISSED_FONT

    ws = wb.create_sheet("指标明细")
    row = _title(
        ws,
        f"各单位指标明细 — {assessment.month.month_key}",
        ["值为 0–1；无数据的指标不计，权重按比例分给其他指标"],
    )
    _header(
        ws,
        row,
        [
            ("联点单位", 28),
            ("部分", 10),
            ("指标", 14),
            ("值", 9),
            ("权重", 8),
            ("得分", 9),
            ("满分", 9),
            ("说明", 80),
        ],
    )
    for unit in assessment.units:
        for indicator in unit.indicators:
            row += 1
            values = [
                unit.unit_name,
                SECTIONS[indicator.section],
                indicator.label,
                "无数据" if indicator.value is None else round(float(indicator.value), 4),
                float(indicator.weight),
                round(float(indicator.points), 2),
                round(float(indicator.max_points), 2),
                indicator.reason,
            ]
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
    return _save(wb, Path(path))


def write_json(data: dict[str, Any], path: Path | str) -> Path:
    """``data`` as UTF-8 JSON (Chinese kept readable), written whole or not at all."""
    path = Path(path)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".json", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise LedgerError(f"无法写入文件“{path}”：{exc.strerror or exc}") from None
    return path
