"""Exports: any list as the user sees it (a service and its ListQuery: filters, search, sort) with Chinese
headers, and the three lists of a quarter in the county's layout.

ID numbers and phones are masked unless the caller asks for them whole; every export that contains
personal data is logged (``privacy.logged_file``). The headers of a list export are the import headers,
so an unmasked export can be imported again (into another ledger, or after corrections).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Final, Literal

from openpyxl import Workbook

from liandian_desktop.excel.plan import Cancel, Progress
from liandian_desktop.excel.privacy import logged_file, show_id_number, show_phone
from liandian_desktop.excel.styles import (
    BORDER,
    CENTER,
    DATE_FORMAT,
    DATETIME_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    NOTE_FONT,
    TEXT_FORMAT,
    TITLE_FONT,
    TOTAL_FILL,
    WRAP,
    styled,
)
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    Attendance,
    Cadre,
    Demand,
    Match,
    MatchStatus,
    PairedUnit,
    Resident,
    SpecialGroup,
    Supply,
    SupplyKind,
    Synced,
    Volunteer,
    WorkOrder,
)
from liandian_desktop.ledger.models.enums import Labelled
from liandian_desktop.ledger.services.activities import ActivityService
from liandian_desktop.ledger.services.base import ListQuery, Service
from liandian_desktop.ledger.services.lists import DemandService, MatchService, SupplyService, format_quantity
from liandian_desktop.ledger.services.org import DivisionService, UnitService
from liandian_desktop.ledger.validation import parse_quarter
from liandian_desktop.store.engine import Store

Kind = Literal["text", "id", "phone", "date", "datetime", "number"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    people: int  # rows with personal data (what the log counts)
    unmasked: bool
    logged: bool
    masks: bool = True  # the export has ID-number or phone columns (masked unless ``unmasked``)


class Names:
    """Names of what records point to (communities, units, catalogue, activities), loaded when needed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def communities(self) -> dict[uuid.UUID, str]:
        rows = DivisionService(self.store).list(ListQuery(limit=None, include_deleted=True)).rows
        return {c.id: c.name for c in rows}

    @cached_property
    def units(self) -> dict[uuid.UUID, str]:
        rows = UnitService(self.store).list(ListQuery(limit=None, include_deleted=True)).rows
        return {u.id: u.name for u in rows}

    @cached_property
    def catalogue(self) -> dict[object, str]:
        categories, items = DemandService(self.store).catalogue()
        names: dict[object, str] = {}
        names.update({c.id: c.name for c in categories})
        names.update({i.id: i.name for i in items})
        names.update({c.code: c.name for c in categories})
        return names

    @cached_property
    def activities(self) -> dict[uuid.UUID, Activity]:
        rows = ActivityService(self.store).list(ListQuery(limit=None, include_deleted=True)).rows
        return {a.id: a for a in rows}

    def community(self, value: object) -> str:
        return self.communities.get(value, "") if isinstance(value, uuid.UUID) else ""

    def unit(self, value: object) -> str:
        return self.units.get(value, "") if isinstance(value, uuid.UUID) else ""

    def categories(self, codes: str) -> str:
        return "、".join(self.catalogue.get(code, code) for code in codes.split(",") if code)


Getter = Callable[[Any, Names], object]


@dataclass(frozen=True)
class Column:
    header: str
    get: Getter
    kind: Kind = "text"
    personal: bool = False  # a person's data: the export is logged
    width: int = 12


@dataclass(frozen=True)
class ListSheet:
    title: str
    columns: tuple[Column, ...]


def _attr(name: str) -> Getter:
    def get(record: Any, _names: Names) -> object:
        value = getattr(record, name)
        return value.label if isinstance(value, Labelled) else value

    return get


def _groups(record: Any, _names: Names) -> str:
    return "、".join(g.label for g in SpecialGroup if g.value in record.special_groups.split(","))


def _community(record: Any, names: Names) -> str:
    return names.community(record.community_id)


def _unit(record: Any, names: Names) -> str:
    return names.unit(record.unit_id)


def _activity_code(record: Any, names: Names) -> str:
    activity = names.activities.get(record.activity_id)
    return activity.code if activity else ""


def C(header: str, get: Getter | str, kind: Kind = "text", personal: bool = False, width: int = 12) -> Column:
    return Column(header, _attr(get) if isinstance(get, str) else get, kind, personal, width)


SHEETS: Final[dict[type[Synced], ListSheet]] = {
    Resident: ListSheet(
        "居民名册",
        (
            C("姓名", "name", personal=True, width=10),
            C("身份证号", "id_number", "id", True, 22),
            C("性别", "gender", width=6),
            C("出生日期", "birth_date", "date"),
            C("联系电话", "phone", "phone", True, 15),
            C("所属村（社区）", _community, width=14),
            C("住址", "address", personal=True, width=24),
            C("户号", "household_no", width=10),
            C("特殊群体", _groups, personal=True, width=16),
            C("健康状况", "health_note", personal=True, width=16),
            C("残疾情况", "disability_note", personal=True, width=16),
            C("备注", "note", width=20),
        ),
    ),
    Volunteer: ListSheet(
        "志愿者名册",
        (
            C("志愿者编号", "volunteer_no"),
            C("姓名", "name", personal=True, width=10),
            C("证件类型", "id_type"),
            C("证件号码", "id_number", "id", True, 22),
            C("性别", "gender", width=6),
            C("出生日期", "birth_date", "date"),
            C("联系电话", "phone", "phone", True, 15),
            C("居住区域", "region", personal=True, width=18),
            C("专业技能", "skills", width=16),
            C("服务类别", lambda r, n: n.categories(r.service_categories), width=18),
            C("所属村（社区）", _community, width=14),
            C("登记日期", "registered_on", "date"),
            C("状态", "status", width=8),
            C("备注", "note", width=20),
        ),
    ),
    PairedUnit: ListSheet(
        "联点单位",
        (
            C("单位名称", "name", width=24),
            C("简称", "short_name", width=10),
            C("单位类型", "kind"),
            C("地址", "address", width=24),
            C("联系人", "contact_name", personal=True, width=10),
            C("联系电话", "contact_phone", "phone", True, 15),
        ),
    ),
    Cadre: ListSheet(
        "联点干部与兼职顾问",
        (
            C("类型", "kind", width=14),
            C("姓名", "name", personal=True, width=10),
            C("性别", "gender", width=6),
            C("身份证号", "id_number", "id", True, 22),
            C("联系电话", "phone", "phone", True, 15),
            C("所属单位", _unit, width=20),
            C("联系村（社区）", _community, width=14),
            C("职务", "position"),
            C("开始日期", "start_date", "date"),
            C("结束日期", "end_date", "date"),
        ),
    ),
    Demand: ListSheet(
        "需求清单",
        (
            C("需求编号", "code", width=16),
            C("所属村（社区）", _community, width=14),
            C("季度", "quarter", width=10),
            C("需求类别", lambda r, n: n.catalogue.get(r.category_id, ""), width=14),
            C("需求事项", lambda r, n: n.catalogue.get(r.item_id, "") if r.item_id else "", width=14),
            C("需求标题", "title", width=22),
            C("需求描述", "description", width=30),
            C("紧急程度", "urgency", width=10),
            C(
                "特殊群体",
                lambda r, _n: SpecialGroup(r.special_group).label if r.special_group else "",
                width=12,
            ),
            C("受益人数", "beneficiaries", "number", width=10),
            C("提出日期", "raised_on", "date"),
            C("提出人", "requester_name", personal=True, width=10),
            C("来源", "source", width=10),
            C("状态", "status", width=10),
        ),
    ),
    Supply: ListSheet(
        "供给清单",
        (
            C("供给编号", "code", width=16),
            C("联点单位", _unit, width=20),
            C("季度", "quarter", width=10),
            C("供给类型", "kind", width=10),
            C("供给名称", "title", width=22),
            C("供给说明", "description", width=30),
            C("可服务类别", lambda r, n: n.categories(r.category_codes), width=20),
            C("容量", "capacity", "number", width=10),
            C("计量单位", lambda r, _n: r.kind.capacity_unit, width=8),
            C("指定村（社区）", _community, width=14),
        ),
    ),
    Activity: ListSheet(
        "活动与走访",
        (
            C("活动编号", "code"),
            C("活动名称", "title", width=22),
            C("活动类型", "kind"),
            C("村（社区）", _community, width=14),
            C("开始时间", "starts_at", "datetime", width=17),
            C("结束时间", "ends_at", "datetime", width=17),
            C("地点", "place", width=18),
            C("组织单位", "organiser", width=18),
            C("负责人", "responsible", width=10),
            C("说明", "description", width=30),
        ),
    ),
    Attendance: ListSheet(
        "签到记录",
        (
            C("活动编号", _activity_code),
            C("行号", "row_code", width=8),
            C("姓名", "name", personal=True, width=10),
            C("联系电话", "phone", "phone", True, 15),
            C("出席情况", "status", width=10),
            C("签到时间", "signed_at", "datetime", width=17),
            C("服务时长", "hours", "number", width=10),
            C("备注", "note", width=20),
        ),
    ),
    WorkOrder: ListSheet(
        "工单",
        (
            C("工单编号", "code", width=16),
            C("村（社区）", _community, width=14),
            C("标题", "title", width=22),
            C("类别", lambda r, n: n.catalogue.get(r.category_id, "") if r.category_id else "", width=14),
            C("紧急程度", "urgency", width=10),
            C("提出人", "requester_name", personal=True, width=10),
            C("联系电话", "requester_phone", "phone", True, 15),
            C("承办单位", _unit, width=20),
            C("状态", "status", width=10),
            C("点单时间", "ordered_at", "datetime", width=17),
            C("派单时间", "dispatched_at", "datetime", width=17),
            C("首次联系时间", "first_contact_at", "datetime", width=17),
            C("办结时间", "resolved_at", "datetime", width=17),
            C("评单时间", "evaluated_at", "datetime", width=17),
            C("办结说明", "resolution_note", width=30),
        ),
    ),
    Match: ListSheet(
        "匹配清单",
        (
            C("季度", "quarter", width=10),
            C("状态", "status", width=10),
            C("分配数量", "allocated", "number", width=10),
            C("评分", "score", "number", width=8),
            C("匹配理由", "reasons", width=40),
            C("决定时间", "decided_at", "datetime", width=17),
            C("备注", "note", width=20),
        ),
    ),
}


def exportable(model: type[Synced]) -> tuple[bool, bool]:
    """Whether :func:`export_list` can write rows of ``model``, and whether they hold ID numbers or phones
    (masked unless the caller asks for them whole)."""
    sheet = SHEETS.get(model)
    if sheet is None:
        return False, False
    return True, any(c.kind in ("id", "phone") for c in sheet.columns)


def _cell_value(column: Column, value: object, unmasked: bool) -> object:
    if value is None or value == "":
        return None
    if column.kind == "id":
        return show_id_number(str(value), unmasked)
    if column.kind == "phone":
        return show_phone(str(value), unmasked)
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None, microsecond=0)
    if isinstance(value, Decimal):
        return _qty(value)
    return value


def _write_cell(ws: Any, column: Column, value: object) -> object:
    if value is None:
        return None
    if column.kind in ("id", "phone"):
        return styled(ws, value, number_format=TEXT_FORMAT)
    if column.kind == "date" and isinstance(value, date):
        return styled(ws, value, number_format=DATE_FORMAT)
    if column.kind == "datetime" and isinstance(value, datetime):
        return styled(ws, value, number_format=DATETIME_FORMAT)
    return value


def _field_labels(columns: Sequence[Column], unmasked: bool) -> list[str]:
    labels = []
    for c in columns:
        if not c.personal:
            continue
        if c.kind in ("id", "phone"):
            labels.append(f"{c.header}（{'完整' if unmasked else '掩码'}）")
        else:
            labels.append(c.header)
    return labels


def _township_of(store: Store, query: ListQuery) -> uuid.UUID | None:
    value = query.filters.get("township_id")
    if isinstance(value, uuid.UUID):
        return value
    rows = DivisionService(store).townships.list(ListQuery(limit=2)).rows
    return rows[0].id if len(rows) == 1 else None


def _scope(query: ListQuery, names: Names) -> str:
    parts = []
    for key, value in query.filters.items():
        if key == "township_id":
            continue
        shown = names.community(value) if key == "community_id" else value
        shown = shown.label if isinstance(shown, Labelled) else shown
        parts.append(f"{key}={shown}")
    if query.search:
        parts.append(f"搜索“{query.search}”")
    if query.sort:
        parts.append(f"按{query.sort}{'降序' if query.descending else '排序'}")
    return "；".join(parts) or "全部"


def export_list(
    store: Store,
    service: Service,
    query: ListQuery | None,
    path: Path | str,
    *,
    unmasked: bool = False,
    operator: str = "",
    title: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write every row the list query matches (its filters, search and sort; not just the visible page)
    to ``path`` with Chinese headers. ID numbers and phones are masked unless ``unmasked``; an export
    with personal data is logged in ``PersonalDataLog``."""
    if service.model not in SHEETS:
        raise ValidationError("service", f"不支持导出“{service.model.__name__}”")
    query = replace(query or ListQuery(), offset=0, limit=None)
    records = service.list(query).rows
    names = Names(store)
    return export_records(
        store,
        service.model,
        records,
        path,
        scope=_scope(query, names),
        township_id=_township_of(store, query),
        unmasked=unmasked,
        operator=operator,
        title=title,
        progress=progress,
        cancel=cancel,
        names=names,
    )


def export_records(
    store: Store,
    model: type[Synced],
    records: Sequence[Any],
    path: Path | str,
    *,
    scope: str,
    township_id: uuid.UUID | None,
    unmasked: bool = False,
    operator: str = "",
    title: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    names: Names | None = None,
) -> ExportResult:
    """Write ``records`` (rows of ``model``, already chosen and ordered) like :func:`export_list`."""
    sheet = SHEETS.get(model)
    if sheet is None:
        raise ValidationError("model", f"不支持导出“{model.__name__}”")
    names = names or Names(store)
    heading = title or sheet.title
    personal = _field_labels(sheet.columns, unmasked)
    masked_kinds = any(c.kind in ("id", "phone") for c in sheet.columns)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(heading[:31])
    for index, column in enumerate(sheet.columns):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.freeze_panes = "A4"
    ws.append([styled(ws, heading, font=TITLE_FONT)])
    privacy = "身份证号、电话为完整号码，请妥善保管" if unmasked else "身份证号、电话已掩码"
    note = f"导出时间：{datetime.now():%Y-%m-%d %H:%M}；范围：{scope}；共 {len(records)} 行"
    ws.append([styled(ws, f"{note}；{privacy}" if masked_kinds else note, font=NOTE_FONT)])
    ws.append([styled(ws, c.header, font=HEADER_FONT, fill=HEADER_FILL) for c in sheet.columns])
    for count, record in enumerate(records):
        if count % 500 == 0:
            if cancel is not None:
                cancel.check()
            if progress is not None:
                progress("导出", count / max(len(records), 1))
        ws.append([_write_cell(ws, c, _cell_value(c, c.get(record, names), unmasked)) for c in sheet.columns])
    people = len(records) if personal else 0
    with logged_file(
        store,
        Path(path),
        township_id=township_id,
        document=f"{heading}导出",
        scope=scope,
        people_count=people,
        fields=personal,
        unmasked=unmasked and masked_kinds,
        operator=operator,
    ) as temporary:
        wb.save(temporary)
    if progress is not None:
        progress("完成", 1.0)
    return ExportResult(Path(path), len(records), people, unmasked and masked_kinds, people > 0, masked_kinds)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


# ---------------------------------------------------------------------------------------------------------
# The three lists of a quarter, county layout
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    title: str
    headers: tuple[tuple[str, int], ...]  # (header, width)
    rows: list[list[object]]
    totals: list[str]  # lines under the table


def _quarter_text(quarter: str) -> str:
    year, q = parse_quarter(quarter)
    return f"{year}年第{q}季度"


def export_three_lists(
    store: Store,
    township_id: uuid.UUID,
    quarter: str,
    path: Path | str,
    *,
    unmasked: bool = False,
    operator: str = "",
) -> ExportResult:
    """需求清单, 供给清单 and 匹配清单 of a township's quarter in one workbook, laid out for the county: a
    title, the township and quarter, Chinese column headers, and totals under each table."""
    year, q = parse_quarter(quarter)
    quarter = f"{year}-Q{q}"
    township = DivisionService(store).townships.get(township_id)
    names = Names(store)
    filters = {"township_id": township_id, "quarter": quarter}
    demands: list[Demand] = list(
        DemandService(store).list(ListQuery(filters=filters, sort="code", limit=None)).rows
    )
    supplies: list[Supply] = list(
        SupplyService(store).list(ListQuery(filters=filters, sort="code", limit=None)).rows
    )
    matches: list[Match] = list(MatchService(store).list(ListQuery(filters=filters, limit=None)).rows)
    tables = [
        _demand_table(demands, names),
        _supply_table(supplies, matches, names),
        _match_table(matches, demands, supplies, names),
    ]
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        _write_table(wb, table, township.name, _quarter_text(quarter))
    requesters = sum(1 for d in demands if d.requester_name)
    with logged_file(
        store,
        Path(path),
        township_id=township_id,
        document="三张清单导出",
        scope=f"{township.name} {_quarter_text(quarter)}",
        people_count=requesters,
        fields=["提出人"] if requesters else [],
        unmasked=False,
        operator=operator,
    ) as temporary:
        wb.save(temporary)
    return ExportResult(
        Path(path), len(demands) + len(supplies) + len(matches), requesters, False, requesters > 0
    )


def _write_table(wb: Workbook, table: _Table, township: str, quarter: str) -> None:
    ws = wb.create_sheet(table.title)
    width = len(table.headers)
    ws.append([f"{township} {quarter} {table.title}"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font = TITLE_FONT
    ws.cell(1, 1).alignment = CENTER
    ws.row_dimensions[1].height = 28
    ws.append([f"乡镇（街道）：{township}    季度：{quarter}    导出日期：{date.today().isoformat()}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.append([h for h, _w in table.headers])
    for col, (_header, col_width) in enumerate(table.headers, start=1):
        cell = ws.cell(3, col)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[_letter(col - 1)].width = col_width
    for values in table.rows:
        ws.append(values)
        for col in range(1, width + 1):
            cell = ws.cell(ws.max_row, col)
            cell.border, cell.alignment = BORDER, WRAP
            if isinstance(cell.value, date) and not isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
    for line in table.totals:
        ws.append([line])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).font = HEADER_FONT
        ws.cell(row, 1).fill = TOTAL_FILL
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _qty(value: Decimal) -> int | Decimal:
    """A quantity for a cell: whole numbers as integers (no 5E+3), others as they are."""
    return int(value) if value == value.to_integral_value() else value


def _demand_table(demands: Sequence[Demand], names: Names) -> _Table:
    rows: list[list[object]] = []
    for n, d in enumerate(demands, start=1):
        rows.append(
            [
                n,
                d.code,
                names.community(d.community_id),
                names.catalogue.get(d.category_id, ""),
                names.catalogue.get(d.item_id, "") if d.item_id else "",
                d.title,
                d.description,
                d.urgency.label,
                SpecialGroup(d.special_group).label if d.special_group else "",
                d.beneficiaries,
                d.raised_on,
                d.requester_name,
                d.status.label,
            ]
        )
    by_status: dict[str, int] = {}
    for d in demands:
        by_status[d.status.label] = by_status.get(d.status.label, 0) + 1
    status_text = "，".join(f"{k} {v} 项" for k, v in by_status.items())
    totals = [
        f"合计：需求 {len(demands)} 项，受益 {sum(d.beneficiaries for d in demands)} 人"
        + (f"（{status_text}）" if status_text else ""),
        f"其中涉及特殊群体的需求 {sum(1 for d in demands if d.special_group)} 项",
    ]
    headers = (
        ("序号", 6),
        ("需求编号", 16),
        ("村（社区）", 12),
        ("需求类别", 12),
        ("需求事项", 12),
        ("需求标题", 20),
        ("需求描述", 30),
        ("紧急程度", 8),
        ("特殊群体", 10),
        ("受益人数", 8),
        ("提出日期", 11),
        ("提出人", 8),
        ("状态", 8),
    )
    return _Table("需求清单", headers, rows, totals)


def _allocations(matches: Sequence[Match]) -> dict[uuid.UUID, Decimal]:
    held: dict[uuid.UUID, Decimal] = {}
    for m in matches:
        if m.status is MatchStatus.CONFIRMED:
            held[m.supply_id] = held.get(m.supply_id, Decimal(0)) + m.allocated
    return held


def _supply_table(supplies: Sequence[Supply], matches: Sequence[Match], names: Names) -> _Table:
    held = _allocations(matches)
    rows: list[list[object]] = []
    for n, s in enumerate(supplies, start=1):
        allocated = held.get(s.id, Decimal(0))
        rows.append(
            [
                n,
                s.code,
                names.unit(s.unit_id),
                s.kind.label,
                s.title,
                names.categories(s.category_codes),
                _qty(s.capacity),
                _qty(allocated),
                _qty(s.capacity - allocated),
                s.kind.capacity_unit,
                names.community(s.community_id),
                s.description,
            ]
        )
    totals = [f"合计：供给 {len(supplies)} 项"]
    for kind in SupplyKind:
        same = [s for s in supplies if s.kind is kind]
        if same:
            capacity = sum((s.capacity for s in same), Decimal(0))
            allocated = sum((held.get(s.id, Decimal(0)) for s in same), Decimal(0))
            totals.append(
                f"{kind.label}：{len(same)} 项，容量 {format_quantity(capacity)} {kind.capacity_unit}，"
                f"已确认分配 {format_quantity(allocated)} {kind.capacity_unit}"
            )
    headers = (
        ("序号", 6),
        ("供给编号", 16),
        ("联点单位", 18),
        ("供给类型", 10),
        ("供给名称", 20),
        ("可服务类别", 18),
        ("容量", 10),
        ("已确认分配", 10),
        ("剩余", 10),
        ("计量单位", 8),
        ("指定村（社区）", 12),
        ("说明", 30),
    )
    return _Table("供给清单", headers, rows, totals)


def _match_table(
    matches: Sequence[Match], demands: Sequence[Demand], supplies: Sequence[Supply], names: Names
) -> _Table:
    demand_by_id = {d.id: d for d in demands}
    supply_by_id = {s.id: s for s in supplies}
    order = {MatchStatus.CONFIRMED: 0, MatchStatus.PROPOSED: 1, MatchStatus.REJECTED: 2}
    ordered = sorted(
        matches,
        key=lambda m: (
            order[m.status],
            demand_by_id[m.demand_id].code if m.demand_id in demand_by_id else "",
            -m.score,
        ),
    )
    rows: list[list[object]] = []
    for n, m in enumerate(ordered, start=1):
        d, s = demand_by_id.get(m.demand_id), supply_by_id.get(m.supply_id)
        rows.append(
            [
                n,
                d.code if d else "",
                names.community(d.community_id) if d else "",
                d.title if d else "",
                s.code if s else "",
                names.unit(s.unit_id) if s else "",
                s.title if s else "",
                m.status.label,
                _qty(m.allocated) if m.status is MatchStatus.CONFIRMED else "",
                s.kind.capacity_unit if s else "",
                _qty(m.score),
                m.reasons,
                m.decided_at.astimezone().replace(tzinfo=None, microsecond=0) if m.decided_at else None,
                m.note,
            ]
        )
    counts = {status: sum(1 for m in matches if m.status is status) for status in MatchStatus}
    matched = len({m.demand_id for m in matches if m.status is MatchStatus.CONFIRMED})
    totals = [
        "合计：" + "，".join(f"{status.label} {count} 条" for status, count in counts.items()),
        f"已对接需求 {matched} 项 / 本季度需求 {len(demands)} 项",
    ]
    headers = (
        ("序号", 6),
        ("需求编号", 16),
        ("村（社区）", 12),
        ("需求标题", 20),
        ("供给编号", 16),
        ("联点单位", 18),
        ("供给名称", 20),
        ("状态", 8),
        ("分配数量", 10),
        ("计量单位", 8),
        ("评分", 8),
        ("匹配理由", 36),
        ("决定时间", 17),
        ("备注", 20),
    )
    return _Table("匹配清单", headers, rows, totals)
