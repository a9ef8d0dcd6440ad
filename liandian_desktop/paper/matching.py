"""The matching list (匹配清单) for the quarterly supply–demand meeting (供需对接会).

Every open or matched demand of the quarter, most urgent first (then special-group demands, then the
oldest), each with the matches proposed or confirmed for it, and tick boxes for the meeting's decision.
No person is named on it; the special-group column stays off the public copy.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Community,
    Demand,
    DemandCategory,
    DemandSource,
    DemandStatus,
    Match,
    MatchStatus,
    PairedUnit,
    Resident,
    SpecialGroup,
    Supply,
    Urgency,
)
from liandian_desktop.ledger.validation import format_quarter, parse_quarter, quarter_bounds
from liandian_desktop.paper import fonts
from liandian_desktop.paper.definitions import FormDefinition, load_definition, search_dirs
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.layout import ColumnLayout, table_layout
from liandian_desktop.paper.lookup import LOCAL_TZ, now_local, only_township, when_text
from liandian_desktop.paper.page import Furniture, draw_furniture, new_canvas
from liandian_desktop.paper.printcode import make_payload
from liandian_desktop.paper.privacy import Copy, names_in, redact
from liandian_desktop.paper.table import Cell, PlacedRow, add_blank_rows, draw_rows, plan
from liandian_desktop.store.engine import Store

_URGENCY_RANK = {Urgency.CRITICAL: 0, Urgency.URGENT: 1, Urgency.NORMAL: 2}
_LISTED = (DemandStatus.OPEN, DemandStatus.MATCHED, DemandStatus.ORDERED)


@dataclass(frozen=True)
class MatchingLine:
    demand: Demand
    match: Match | None
    supply: Supply | None
    people: tuple[str, ...] = ()  # the resident who raised it: their name may be in the title


def _requesters(demand: Demand, residents: dict[uuid.UUID, str]) -> tuple[str, ...]:
    """Names of the private person behind a resident-raised demand (a community's own demand names only
    its secretary, acting in office)."""
    if demand.source is not DemandSource.RESIDENT and demand.resident_id is None:
        return ()
    names = {demand.requester_name}
    if demand.resident_id is not None and demand.resident_id in residents:
        names.add(residents[demand.resident_id])
    return tuple(n for n in names if n)


def _quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text[:-2] if text.endswith(".0") else text


def _cell(field: str, seq: int, line: MatchingLine, names: dict[uuid.UUID, str], copy: Copy) -> Cell:
    d, m, s = line.demand, line.match, line.supply
    match field:
        case "seq":
            return Cell(str(seq), "bold", one_line=True)
        case "demand_code":
            return Cell(d.code, one_line=True)
        case "community":
            return Cell(names.get(d.community_id, ""))
        case "demand":
            return Cell(redact(d.title, line.people) if copy.public else d.title)
        case "category":
            return Cell(names.get(d.category_id, ""))
        case "urgency":
            return Cell(d.urgency.label)
        case "special_group":
            return Cell(SpecialGroup(d.special_group).label if d.special_group else "")
        case "beneficiaries":
            return Cell(str(d.beneficiaries))
        case "unit":
            return Cell(names.get(s.unit_id, "") if s else "")
        case "supply":
            if s is None:
                return Cell("（暂无匹配建议）", "muted")
            return Cell(f"{s.title}（{_quantity(s.capacity)} {s.kind.capacity_unit}）")
        case "supply_kind":
            return Cell(s.kind.label if s else "")
        case "score":
            return Cell(_quantity(m.score) if m else "", one_line=True)
        case "reasons":
            return Cell(m.reasons if m else "")
        case "status":
            return Cell(m.status.label if m else "待对接")
        case "decision":
            if m is not None and m.status is MatchStatus.CONFIRMED:
                return Cell("已确认", "bold")
            return Cell(boxes=("同意", "否决")) if m is not None else Cell("")
        case _:  # note
            return Cell(m.note if m else "")


def load_lines(
    store: Store, township_id: uuid.UUID | None, quarter: str
) -> tuple[uuid.UUID, str, list[MatchingLine], dict[uuid.UUID, str], Activity | None]:
    with store.session() as session:
        township = only_township(session, township_id)
        demands = list(
            session.scalars(
                select(Demand).where(
                    Demand.township_id == township.id,
                    Demand.quarter == quarter,
                    Demand.deleted_at.is_(None),
                    Demand.status.in_(_LISTED),
                )
            )
        )
        demands.sort(
            key=lambda d: (_URGENCY_RANK[d.urgency], 0 if d.special_group else 1, d.raised_on, d.code)
        )
        matches = list(
            session.scalars(
                select(Match).where(
                    Match.township_id == township.id,
                    Match.quarter == quarter,
                    Match.deleted_at.is_(None),
                    Match.status != MatchStatus.REJECTED,
                )
            )
        )
        supplies = (
            {
                s.id: s
                for s in session.scalars(select(Supply).where(Supply.id.in_({m.supply_id for m in matches})))
            }
            if matches
            else {}
        )
        names: dict[uuid.UUID, str] = {}
        for community in session.scalars(select(Community)):
            names[community.id] = community.name
        for category in session.scalars(select(DemandCategory)):
            names[category.id] = category.name
        for unit in session.scalars(select(PairedUnit)):
            names[unit.id] = unit.short_name or unit.name
        resident_ids = {d.resident_id for d in demands if d.resident_id is not None}
        residents = (
            {r.id: r.name for r in session.scalars(select(Resident).where(Resident.id.in_(resident_ids)))}
            if resident_ids
            else {}
        )
        start, end = quarter_bounds(quarter)
        meeting = session.scalar(
            select(Activity)
            .where(
                Activity.township_id == township.id,
                Activity.kind == ActivityKind.MATCHING_MEETING,
                Activity.deleted_at.is_(None),
                Activity.starts_at >= datetime.combine(start, datetime.min.time(), LOCAL_TZ),
                Activity.starts_at <= datetime.combine(end, datetime.max.time(), LOCAL_TZ),
            )
            .order_by(Activity.starts_at.desc())
            .limit(1)
        )
        township_name = township.name
        tid = township.id
    by_demand: dict[uuid.UUID, list[Match]] = {}
    for m in matches:
        by_demand.setdefault(m.demand_id, []).append(m)
    lines: list[MatchingLine] = []
    for d in demands:
        found = sorted(
            by_demand.get(d.id, []), key=lambda m: (m.status is not MatchStatus.CONFIRMED, -m.score)
        )
        people = _requesters(d, residents)
        if not found:
            lines.append(MatchingLine(d, None, None, people))
        lines.extend(MatchingLine(d, m, supplies.get(m.supply_id), people) for m in found)
    names[tid] = township_name
    return tid, township_name, lines, names, meeting


def render_matching(
    store: Store,
    quarter: str,
    *,
    township_id: uuid.UUID | None = None,
    copy: Copy | None = None,
    definition: FormDefinition | None = None,
    forms_dir: Path | None = None,
    printed_at: datetime | None = None,
) -> PaperDocument:
    """The matching list of ``quarter`` ('2026-Q3', '2026年第3季度') for the ledger's township."""
    copy = copy or Copy()
    definition = definition or load_definition("matching", search_dirs(forms_dir))
    if definition.kind != "matching":
        raise ValidationError("definition", f"表单定义 {definition.path.name} 不是匹配清单")
    q = format_quarter(*parse_quarter(quarter))
    tid, township, lines, names, meeting = load_lines(store, township_id, q)
    layout = table_layout(definition)
    columns: tuple[ColumnLayout, ...] = layout.columns(copy.public)
    rows = [
        (str(i), [_cell(c.field, i, line, names, copy) for c in columns]) for i, line in enumerate(lines, 1)
    ]
    fonts.check_printable(
        (f"第 {key} 行{col.label}", cell.text)
        for key, cells in rows
        for col, cell in zip(columns, cells, strict=True)
    )
    placed = plan(rows, columns, layout)
    add_blank_rows(
        placed, columns, layout, first=len(rows) + 1, at_least=definition.page.blank_rows, code_field="seq"
    )
    pages = placed[-1].page
    year, qn = parse_quarter(q)
    shown = {"demand"} & {c.field for c in columns}
    named = len({ln.demand.id for ln in lines if shown and names_in(ln.demand.title, ln.people)})
    matched = sum(1 for line in lines if line.match is not None)
    confirmed = sum(
        1 for line in lines if line.match is not None and line.match.status is MatchStatus.CONFIRMED
    )
    info = [
        f"乡镇（街道）：{township}　　季度：{year}年第{qn}季度",
        f"需求 {len({ln.demand.id for ln in lines})} 项，匹配建议 {matched} 条，其中已确认 {confirmed} 条",
        (
            f"对接会：{meeting.title}　{when_text(meeting.starts_at, meeting.ends_at)}　{meeting.place}"
            if meeting
            else "对接会时间：____________　地点：____________"
        ),
    ]
    fonts.check_printable([("清单信息", line) for line in info])
    printed = printed_at or now_local()
    buffer = io.BytesIO()
    frame = layout.frame
    canvas = new_canvas(buffer, frame, title=f"{definition.title} {township} {q}", subject=definition.title)
    title = f"{definition.title}（{copy.label}）" if copy.public else definition.title
    tail = f"{definition.label} · {copy.label} · 打印于 {printed:%Y-%m-%d %H:%M} · {q}"
    by_page: dict[int, list[PlacedRow]] = {}
    for row in placed:
        by_page.setdefault(row.page, []).append(row)
    for page in range(1, pages + 1):
        furniture = Furniture(
            title=title,
            info=info,
            qr_payload=make_payload(definition.id, definition.version, q, page, pages, copy.flag),
            footer_left=[line for line in (definition.page.footer_note, tail) if line],
            page=page,
            pages=pages,
        )
        draw_furniture(canvas, frame, furniture)
        draw_rows(canvas, frame, layout, columns, by_page.get(page, []))
        canvas.showPage()
    canvas.save()
    return PaperDocument(
        pdf=buffer.getvalue(),
        pages=pages,
        document=f"{definition.label}（{copy.label}）",
        scope=f"{township} {q} 匹配清单",
        file_name=f"{definition.title}-{q}{'-公示版' if copy.public else ''}.pdf",
        township_id=tid,
        people_count=0 if copy.public else named,
        personal_fields=("需求内容中的居民姓名",) if named and not copy.public else (),
        public=copy.public,
    )
