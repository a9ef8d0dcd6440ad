"""Sign-in sheets (签到表) and volunteer sign-in sheets with hours (志愿服务签到表).

Invitees are printed with their row codes ('001', '002', …) in the order the ledger keeps them; blank rows
for walk-ins follow with the next codes printed in grey, so that whatever is written on them is keyed in
under the code on the paper. :func:`plan_sheet` is the single source of what is printed where: the
renderer draws it and the keying core returns its rows.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Community,
    Resident,
    Township,
    Volunteer,
)
from liandian_desktop.paper import fonts
from liandian_desktop.paper.definitions import FormDefinition, load_definition, search_dirs
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.layout import ColumnLayout, TableLayout, table_layout
from liandian_desktop.paper.lookup import (
    find_activity,
    hours_text,
    local,
    name_of,
    now_local,
    unit_name,
    when_text,
)
from liandian_desktop.paper.page import Furniture, draw_furniture, new_canvas
from liandian_desktop.paper.printcode import make_payload
from liandian_desktop.paper.privacy import Copy, field_labels, show_id_number, show_phone
from liandian_desktop.paper.table import Cell, PlacedRow, add_blank_rows, draw_rows, plan
from liandian_desktop.store.engine import Store

ROW_CODE_WIDTH = 3


def row_sort_key(code: str) -> tuple[int, int, str]:
    """'001' < '002' < … < '999' < '1000'; codes that are not numbers last."""
    return (0, int(code), code) if code.isdigit() else (1, 0, code)


@dataclass(frozen=True)
class SheetRow:
    """One row of the sheet as the ledger has it (an invitee or a walk-in already keyed)."""

    attendance_id: uuid.UUID
    row_code: str
    name: str
    status: AttendanceStatus
    hours: Decimal | None
    signed_at: datetime | None
    phone: str
    resident: Resident | None
    volunteer: Volunteer | None


@dataclass(frozen=True)
class SheetData:
    activity: Activity
    community: str
    township: str
    unit: str
    rows: tuple[SheetRow, ...]
    next_number: int  # the first code free for blank rows (codes of deleted rows are never reused)


def load_sheet(session: Session, code: str) -> SheetData:
    activity = find_activity(session, code)
    attendances = list(session.scalars(select(Attendance).where(Attendance.activity_id == activity.id)))
    numbers = [int(a.row_code) for a in attendances if a.row_code.isdigit()]
    live = sorted((a for a in attendances if a.deleted_at is None), key=lambda a: row_sort_key(a.row_code))
    resident_ids = {a.resident_id for a in live if a.resident_id is not None}
    residents = (
        {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(resident_ids)))}
        if resident_ids
        else {}
    )
    volunteer_ids = {a.volunteer_id for a in live if a.volunteer_id is not None}
    volunteers: dict[uuid.UUID, Volunteer] = {}
    by_resident: dict[uuid.UUID, Volunteer] = {}
    if volunteer_ids or resident_ids:
        stmt = select(Volunteer).where(
            Volunteer.deleted_at.is_(None),
            Volunteer.id.in_(volunteer_ids) | Volunteer.resident_id.in_(resident_ids),
        )
        for v in session.scalars(stmt):
            volunteers[v.id] = v
            if v.resident_id is not None:
                by_resident.setdefault(v.resident_id, v)
    rows = []
    for a in live:
        resident = residents.get(a.resident_id) if a.resident_id is not None else None
        volunteer = volunteers.get(a.volunteer_id) if a.volunteer_id is not None else None
        if volunteer is None and a.resident_id is not None:
            volunteer = by_resident.get(a.resident_id)
        rows.append(
            SheetRow(a.id, a.row_code, a.name, a.status, a.hours, a.signed_at, a.phone, resident, volunteer)
        )
    township = name_of(session, Township, activity.township_id)
    return SheetData(
        activity=activity,
        community=name_of(session, Community, activity.community_id) or f"{township}（全域）",
        township=township,
        unit=unit_name(session, activity.unit_id),
        rows=tuple(rows),
        next_number=max(numbers, default=0) + 1,
    )


def _age(birth: date | None, on: date) -> str:
    if birth is None:
        return ""
    return str(on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day)))


def _cell(field: str, row: SheetRow, copy: Copy, on: date) -> Cell:
    person: Resident | Volunteer | None = row.resident or row.volunteer
    match field:
        case "row_code" | "seq":
            return Cell(row.row_code, "bold", one_line=True)
        case "name":
            return Cell(row.name)
        case "gender":
            gender = person.gender if person is not None else None
            return Cell(gender.label if gender is not None else "")
        case "age":
            return Cell(_age(person.birth_date if person is not None else None, on))
        case "id_number":
            number = (row.resident.id_number if row.resident else None) or (
                row.volunteer.id_number if row.volunteer else None
            )
            return Cell(show_id_number(number, copy), one_line=True)
        case "phone":
            phone = row.phone or (person.phone if person is not None else "")
            return Cell(show_phone(phone, copy), one_line=True)
        case "address":
            return Cell(
                row.resident.address if row.resident else (row.volunteer.region if row.volunteer else "")
            )
        case "groups":
            return Cell("、".join(g.label for g in sorted(row.resident.groups)) if row.resident else "")
        case "health_note":
            return Cell(row.resident.health_note if row.resident else "")
        case "disability_note":
            return Cell(row.resident.disability_note if row.resident else "")
        case "volunteer_no":
            return Cell(row.volunteer.volunteer_no if row.volunteer else "", one_line=True)
        case "hours":
            return Cell(hours_text(row.hours), one_line=True)
        case "sign_time" | "sign_in":
            return Cell(f"{local(row.signed_at):%H:%M}" if row.signed_at else "")
        case "note":
            return Cell("现场加入" if row.status == AttendanceStatus.WALK_IN else "", "muted")
        case _:  # signature, sign_out: written on paper
            return Cell("")


@dataclass(frozen=True)
class PlannedSheet:
    definition: FormDefinition
    layout: TableLayout
    columns: tuple[ColumnLayout, ...]
    rows: tuple[PlacedRow, ...]  # pre-filled rows, then the blank ones
    prefilled: int
    pages: int
    data: SheetData


def plan_sheet(
    definition: FormDefinition, data: SheetData, copy: Copy, blank_rows: int | None = None
) -> PlannedSheet:
    """What goes where: the rows of the ledger in row-code order, then the blank rows with their codes."""
    layout = table_layout(definition)
    columns = layout.columns(copy.public)
    on = local(data.activity.starts_at).date()
    rows: list[tuple[str, list[Cell]]] = [
        (row.row_code, [_cell(col.field, row, copy, on) for col in columns]) for row in data.rows
    ]
    fonts.check_printable(
        (f"第 {code} 行{col.label}", cell.text)
        for code, cells in rows
        for col, cell in zip(columns, cells, strict=True)
    )
    placed = plan(rows, columns, layout)
    wanted = definition.page.blank_rows if blank_rows is None else blank_rows
    add_blank_rows(
        placed,
        columns,
        layout,
        first=data.next_number,
        at_least=max(0, wanted),
        code_field="row_code",
        width=ROW_CODE_WIDTH,
    )
    pages = placed[-1].page if placed else 1
    return PlannedSheet(definition, layout, columns, tuple(placed), len(rows), pages, data)


def _info(data: SheetData, definition: FormDefinition) -> list[str]:
    a = data.activity
    organiser = a.organiser or data.unit
    invited = sum(1 for r in data.rows if r.status != AttendanceStatus.WALK_IN)
    lines = [
        f"活动：{a.title}（{a.kind.label}）",
        f"村（社区）：{data.community}　　时间：{when_text(a.starts_at, a.ends_at)}",
        "　　".join(
            part
            for part in (
                f"地点：{a.place}" if a.place else "",
                f"组织单位：{organiser}" if organiser else "",
                f"负责人：{a.responsible}" if a.responsible else "",
            )
            if part
        ),
        f"活动编号：{a.code}　　受邀 {invited} 人",
    ]
    return [line for line in lines if line]


def render_planned(sheet: PlannedSheet, copy: Copy, printed_at: datetime) -> bytes:
    definition, layout, data = sheet.definition, sheet.layout, sheet.data
    frame = layout.frame
    info = _info(data, definition)
    fonts.check_printable([("活动信息", line) for line in info])
    buffer = io.BytesIO()
    title = f"{definition.title}（{copy.label}）" if copy.public else definition.title
    canvas = new_canvas(
        buffer, frame, title=f"{definition.title} {data.activity.code}", subject=data.activity.title
    )
    by_page: dict[int, list[PlacedRow]] = {}
    for row in sheet.rows:
        by_page.setdefault(row.page, []).append(row)
    footer_tail = (
        f"{definition.label} · {copy.label} · 打印于 {printed_at:%Y-%m-%d %H:%M} · {data.activity.code}"
    )
    for page in range(1, sheet.pages + 1):
        furniture = Furniture(
            title=title,
            info=info,
            qr_payload=make_payload(
                definition.id, definition.version, data.activity.code, page, sheet.pages, copy.flag
            ),
            footer_left=[line for line in (definition.page.footer_note, footer_tail) if line],
            page=page,
            pages=sheet.pages,
        )
        draw_furniture(canvas, frame, furniture)
        draw_rows(canvas, frame, layout, sheet.columns, by_page.get(page, []))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sheet_definition(
    volunteer: bool, definition: FormDefinition | None, forms_dir: Path | None
) -> FormDefinition:
    if definition is None:
        definition = load_definition("volunteer-signin" if volunteer else "signin", search_dirs(forms_dir))
    expected = "volunteer_signin" if volunteer else "signin"
    if definition.kind != expected:
        raise ValidationError(
            "definition", f"表单定义 {definition.path.name} 不是{'志愿服务' if volunteer else ''}签到表"
        )
    return definition


def render_signin(
    store: Store,
    code: str,
    *,
    volunteer: bool = False,
    copy: Copy | None = None,
    definition: FormDefinition | None = None,
    forms_dir: Path | None = None,
    blank_rows: int | None = None,
    printed_at: datetime | None = None,
) -> PaperDocument:
    """The sign-in sheet of the activity with printed ``code`` (or a QR payload of one of its pages)."""
    copy = copy or Copy()
    definition = sheet_definition(volunteer, definition, forms_dir)
    with store.session() as session:
        data = load_sheet(session, code)
    if volunteer and data.activity.kind != ActivityKind.VOLUNTEER:
        raise ValidationError(
            "code",
            f"活动“{data.activity.title}”是{data.activity.kind.label}，不是志愿服务活动："
            "服务时长只登记在志愿服务活动上，请打印普通签到表",
        )
    sheet = plan_sheet(definition, data, copy, blank_rows)
    pdf = render_planned(sheet, copy, printed_at or now_local())
    people = sum(1 for r in data.rows if r.name)
    return PaperDocument(
        pdf=pdf,
        pages=sheet.pages,
        document=f"{definition.label}（{copy.label}）",
        scope=f"活动 {data.activity.code}《{data.activity.title}》",
        file_name=f"{definition.title}-{data.activity.code}{'-公示版' if copy.public else ''}.pdf",
        township_id=data.activity.township_id,
        people_count=people,
        personal_fields=field_labels(((c.field, c.label) for c in sheet.columns), copy),
        public=copy.public,
        unmasked=copy.unmasked,
    )
