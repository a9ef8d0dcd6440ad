"""Everything an inspection PDF shows, read from the ledger in a handful of bulk queries (never one query
per order or per activity: a township's year is thousands of rows)."""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, Executable, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from liandian_desktop.ledger.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Cadre,
    Community,
    Demand,
    Evaluation,
    Match,
    MatchStatus,
    OrderAction,
    OrderStatus,
    PairedUnit,
    Pairing,
    Resident,
    Resolution,
    Satisfaction,
    Supply,
    Township,
    Volunteer,
    VolunteerServiceRecord,
    VolunteerStatus,
    WorkOrder,
    WorkOrderEvent,
)
from liandian_desktop.paper.figures import (
    KpiLine,
    Period,
    ResolvedScope,
    ResponseNote,
    ServiceLine,
    kpi_lines,
    response_notes,
)
from liandian_desktop.paper.lookup import local

Check = Callable[[], None]  # raises when the caller has cancelled

_TRAILER_RE = re.compile(r"〔纸质测评表[^〕]*〕.*$", re.S)


@dataclass(frozen=True)
class Place:
    id: uuid.UUID | None  # None: township-wide work
    name: str
    kind: str
    population: int
    households: int
    is_key: bool
    units: str  # paired units during the period


@dataclass(frozen=True)
class OrderLine:
    code: str
    title: str
    place_id: uuid.UUID
    unit: str
    status: str
    timeline: str
    response: ResponseNote
    response_hours: str
    people: tuple[str, ...] = ()  # the resident who asked: their name may be in the title


@dataclass(frozen=True)
class ActivityLine:
    when: datetime
    code: str
    title: str
    kind: str
    place_id: uuid.UUID | None
    organiser: str
    invited: int
    present: int
    walk_ins: int

    @property
    def attended(self) -> int:
        return self.present + self.walk_ins


@dataclass
class Tally:
    total: int = 0
    satisfaction: Counter[Satisfaction] = field(default_factory=Counter)
    resolution: Counter[Resolution] = field(default_factory=Counter)

    def add(self, s: Satisfaction, r: Resolution | None) -> None:
        self.total += 1
        self.satisfaction[s] += 1
        if r is not None:
            self.resolution[r] += 1

    @property
    def satisfied(self) -> int:
        return sum(n for s, n in self.satisfaction.items() if s.counts_as_satisfied)


@dataclass(frozen=True)
class Remark:
    code: str
    place_id: uuid.UUID | None
    when: datetime
    satisfaction: Satisfaction
    resolution: Resolution | None
    comment: str


@dataclass(frozen=True)
class VolunteerLine:
    name: str
    number: str
    place_id: uuid.UUID | None
    records: int
    hours: Decimal


@dataclass(frozen=True)
class InspectionData:
    scope: ResolvedScope
    period: Period
    as_of: datetime
    township: str
    places: tuple[Place, ...]
    community_names: dict[uuid.UUID, str]
    overview: tuple[tuple[str, str], ...]
    place_counts: dict[uuid.UUID | None, dict[str, int]]
    kpis: tuple[KpiLine, ...]
    services: tuple[ServiceLine, ...]
    orders: tuple[OrderLine, ...]
    activities: tuple[ActivityLine, ...]
    order_tally: dict[uuid.UUID | None, Tally]
    activity_tally: dict[uuid.UUID | None, Tally]
    remarks: tuple[Remark, ...]
    volunteers: tuple[VolunteerLine, ...]

    def place_name(self, place_id: uuid.UUID | None) -> str:
        if place_id is None:
            return f"{self.township}（全域）"
        return self.community_names.get(place_id, "（已删除的村社区）")


def _in_period(column: InstrumentedAttribute[datetime], period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start_instant, column < period.end_instant)


def _short_time(at: datetime, year: int) -> str:
    t = local(at)
    return f"{t:%m-%d %H:%M}" if t.year == year else f"{t:%Y-%m-%d %H:%M}"


def _timeline(
    order: WorkOrder, events: list[WorkOrderEvent], units: dict[uuid.UUID, str], evaluation: Evaluation | None
) -> str:
    year = local(order.ordered_at).year
    parts = []
    for e in events:
        text = f"{_short_time(e.at, year)} {e.action.label}"
        if e.action in (OrderAction.DISPATCH, OrderAction.REDISPATCH) and e.unit_id in units:
            text += f"（{units[e.unit_id]}）"
        elif e.action in (OrderAction.REOPEN, OrderAction.WITHDRAW, OrderAction.INVALIDATE) and e.note:
            note = e.note if len(e.note) <= 30 else e.note[:29] + "…"
            text += f"（{note}）"
        elif e.action == OrderAction.EVALUATE and evaluation is not None:
            solved = f"／{evaluation.resolution.label}" if evaluation.resolution else ""
            text += f"（{evaluation.satisfaction.label}{solved}）"
        parts.append(text)
    return " → ".join(parts)


def _hours(order: WorkOrder) -> str:
    if order.dispatched_at is None or order.first_contact_at is None:
        return ""
    hours = (order.first_contact_at - order.dispatched_at).total_seconds() / 3600
    return f"{hours:.1f}"


def gather(
    session: Session,
    scope: ResolvedScope,
    period: Period,
    as_of: datetime,
    check: Check,
    progress: Callable[[float, str], None],
) -> InspectionData:
    township_names = {tid: name for tid, name in session.execute(select(Township.id, Township.name))}
    township = "、".join(township_names.get(t, "") for t in scope.township_ids) or scope.name
    units = {u.id: (u.short_name or u.name) for u in session.scalars(select(PairedUnit))}

    # -- places ------------------------------------------------------------------------------------
    communities = list(
        session.scalars(
            select(Community).where(Community.id.in_(scope.community_ids)).order_by(Community.code)
        )
    )
    pairings = session.execute(
        select(Pairing.community_id, Pairing.unit_id).where(
            Pairing.deleted_at.is_(None),
            Pairing.community_id.in_(scope.community_ids),
            Pairing.start_date <= period.end,
            or_(Pairing.end_date.is_(None), Pairing.end_date >= period.start),
        )
    )
    paired: dict[uuid.UUID, set[str]] = defaultdict(set)
    for community_id, unit_id in pairings:
        paired[community_id].add(units.get(unit_id, ""))
    places = tuple(
        Place(
            c.id, c.name, c.kind.label, c.population, c.households, c.is_key, "、".join(sorted(paired[c.id]))
        )
        for c in communities
    )
    place_ids = {p.id for p in places}

    def per_place(stmt: Executable) -> dict[uuid.UUID | None, int]:
        return {row[0]: row[1] for row in session.execute(stmt)}

    residents = per_place(
        select(Resident.community_id, func.count())
        .where(Resident.deleted_at.is_(None), Resident.community_id.in_(place_ids))
        .group_by(Resident.community_id)
    )
    volunteers_on_roll = per_place(
        select(Volunteer.community_id, func.count())
        .where(
            Volunteer.deleted_at.is_(None),
            Volunteer.status == VolunteerStatus.ACTIVE,
            Volunteer.community_id.in_(place_ids),
        )
        .group_by(Volunteer.community_id)
    )
    demands = per_place(
        select(Demand.community_id, func.count())
        .where(
            Demand.deleted_at.is_(None),
            Demand.community_id.in_(place_ids),
            Demand.raised_on >= period.start,
            Demand.raised_on <= period.end,
        )
        .group_by(Demand.community_id)
    )
    check()
    progress(0.05, "读取台账：工单")

    # -- work orders and their timelines -------------------------------------------------------------
    order_where: list[ColumnElement[bool]] = [
        WorkOrder.deleted_at.is_(None),
        scope.order_filter(),
        _in_period(WorkOrder.ordered_at, period),
    ]
    orders = list(session.scalars(select(WorkOrder).where(*order_where).order_by(WorkOrder.ordered_at)))
    order_ids = select(WorkOrder.id).where(*order_where).scalar_subquery()
    events: dict[uuid.UUID, list[WorkOrderEvent]] = defaultdict(list)
    for e in session.scalars(
        select(WorkOrderEvent)
        .where(WorkOrderEvent.order_id.in_(order_ids), WorkOrderEvent.deleted_at.is_(None))
        .order_by(WorkOrderEvent.at, WorkOrderEvent.created_at)
    ):
        events[e.order_id].append(e)
    order_evals: dict[uuid.UUID, Evaluation] = {}
    for ev in session.scalars(
        select(Evaluation)
        .where(Evaluation.work_order_id.in_(order_ids), Evaluation.deleted_at.is_(None))
        .order_by(Evaluation.evaluated_at)
    ):
        if ev.work_order_id is not None:
            order_evals[ev.work_order_id] = ev  # the latest counts
    check()
    progress(0.12, "计算指标")
    report, kpis, services = kpi_lines(session, scope, period, as_of)
    responses = response_notes(session, [o.id for o in orders], report)
    asking = {o.resident_id for o in orders if o.resident_id is not None}
    resident_names: dict[uuid.UUID | None, str] = {
        r_id: name
        for r_id, name in session.execute(select(Resident.id, Resident.name).where(Resident.id.in_(asking)))
    }
    order_lines = []
    order_tally: dict[uuid.UUID | None, Tally] = defaultdict(Tally)
    remarks: list[Remark] = []
    for o in orders:
        evaluation = order_evals.get(o.id)
        order_lines.append(
            OrderLine(
                code=o.code,
                title=o.title,
                place_id=o.community_id,
                unit=units.get(o.unit_id, "") if o.unit_id else "",
                status=o.status.label,
                timeline=_timeline(o, events.get(o.id, []), units, evaluation),
                response=responses[o.id],
                response_hours=_hours(o),
                people=tuple(n for n in {o.requester_name, resident_names.get(o.resident_id, "")} if n)
                if o.resident_id is not None
                else (),
            )
        )
        if evaluation is not None and o.status not in (OrderStatus.WITHDRAWN, OrderStatus.INVALID):
            order_tally[o.community_id].add(evaluation.satisfaction, evaluation.resolution)
            if (
                not evaluation.satisfaction.counts_as_satisfied
                or evaluation.resolution == Resolution.UNRESOLVED
            ):
                comment = _TRAILER_RE.sub("", evaluation.comment).strip()
                remarks.append(
                    Remark(
                        o.code,
                        o.community_id,
                        evaluation.evaluated_at,
                        evaluation.satisfaction,
                        evaluation.resolution,
                        comment,
                    )
                )
    check()
    progress(0.2, "读取台账：活动与签到")

    # -- activities and attendance -------------------------------------------------------------------
    activity_where: list[ColumnElement[bool]] = [
        Activity.deleted_at.is_(None),
        scope.own_activity_filter(),
        _in_period(Activity.starts_at, period),
    ]
    activities = list(session.scalars(select(Activity).where(*activity_where).order_by(Activity.starts_at)))
    activity_ids = select(Activity.id).where(*activity_where).scalar_subquery()
    counts: dict[uuid.UUID, Counter[AttendanceStatus]] = defaultdict(Counter)
    for activity_id, status, n in session.execute(
        select(Attendance.activity_id, Attendance.status, func.count())
        .where(Attendance.activity_id.in_(activity_ids), Attendance.deleted_at.is_(None))
        .group_by(Attendance.activity_id, Attendance.status)
    ):
        counts[activity_id][status] = n
    activity_lines = []
    for a in activities:
        c = counts[a.id]
        activity_lines.append(
            ActivityLine(
                when=a.starts_at,
                code=a.code,
                title=a.title,
                kind=a.kind.label,
                place_id=a.community_id,
                organiser=(units.get(a.unit_id, "") if a.unit_id else "") or a.organiser,
                invited=sum(n for s, n in c.items() if s != AttendanceStatus.WALK_IN),
                present=c[AttendanceStatus.PRESENT],
                walk_ins=c[AttendanceStatus.WALK_IN],
            )
        )
    activity_place = {a.id: a.community_id for a in activities}
    activity_code = {a.id: a.code for a in activities}
    activity_tally: dict[uuid.UUID | None, Tally] = defaultdict(Tally)
    for ev in session.scalars(
        select(Evaluation).where(Evaluation.activity_id.in_(activity_ids), Evaluation.deleted_at.is_(None))
    ):
        if ev.activity_id is None:
            continue
        place = activity_place.get(ev.activity_id)
        activity_tally[place].add(ev.satisfaction, ev.resolution)
        if not ev.satisfaction.counts_as_satisfied:
            comment = _TRAILER_RE.sub("", ev.comment).strip()
            remarks.append(
                Remark(
                    activity_code[ev.activity_id],
                    place,
                    ev.evaluated_at,
                    ev.satisfaction,
                    ev.resolution,
                    comment,
                )
            )
    check()
    progress(0.27, "读取台账：志愿服务")

    # -- volunteer hours -----------------------------------------------------------------------------
    record_where: list[ColumnElement[bool]] = [
        VolunteerServiceRecord.deleted_at.is_(None),
        VolunteerServiceRecord.service_date >= period.start,
        VolunteerServiceRecord.service_date <= period.end,
    ]
    kind = scope.kind.value
    if kind == "community":
        record_where.append(Volunteer.community_id == scope.scope.id)
    elif kind == "unit":
        record_where.append(VolunteerServiceRecord.activity_id.in_(activity_ids))
    else:
        record_where.append(VolunteerServiceRecord.township_id.in_(scope.township_ids))
    volunteer_lines = [
        VolunteerLine(name, number, place, n, Decimal(hours or 0))
        for name, number, place, n, hours in session.execute(
            select(
                Volunteer.name,
                Volunteer.volunteer_no,
                Volunteer.community_id,
                func.count(VolunteerServiceRecord.id),
                func.sum(VolunteerServiceRecord.hours),
            )
            .join(Volunteer, Volunteer.id == VolunteerServiceRecord.volunteer_id)
            .where(*record_where)
            .group_by(Volunteer.id)
            .order_by(Volunteer.community_id, func.sum(VolunteerServiceRecord.hours).desc(), Volunteer.name)
        )
    ]

    # -- the overview --------------------------------------------------------------------------------
    by_place_orders = Counter(o.community_id for o in orders)
    by_place_activities = Counter(a.community_id for a in activities)
    place_counts: dict[uuid.UUID | None, dict[str, int]] = {}
    for p in places:
        assert p.id is not None
        place_counts[p.id] = {
            "residents": residents.get(p.id, 0),
            "volunteers": volunteers_on_roll.get(p.id, 0),
            "demands": demands.get(p.id, 0),
            "orders": by_place_orders.get(p.id, 0),
            "activities": by_place_activities.get(p.id, 0),
            "evaluations": order_tally[p.id].total + activity_tally[p.id].total,
        }
    supplies = (
        session.scalar(
            select(func.count())
            .select_from(Supply)
            .where(
                Supply.deleted_at.is_(None),
                Supply.unit_id.in_(scope.unit_ids),
                Supply.township_id.in_(scope.township_ids),
                Supply.quarter.in_(_quarters(period)),
            )
        )
        or 0
    )
    confirmed = (
        session.scalar(
            select(func.count())
            .select_from(Match)
            .join(Demand, Demand.id == Match.demand_id)
            .where(
                Match.deleted_at.is_(None),
                Match.status == MatchStatus.CONFIRMED,
                Demand.community_id.in_(place_ids),
                Match.quarter.in_(_quarters(period)),
            )
        )
        or 0
    )
    cadres = (
        session.scalar(
            select(func.count())
            .select_from(Cadre)
            .where(
                Cadre.deleted_at.is_(None),
                or_(Cadre.unit_id.in_(scope.unit_ids), Cadre.community_id.in_(place_ids)),
            )
        )
        or 0
    )
    status_count = Counter(o.status for o in orders)
    done = status_count[OrderStatus.RESOLVED] + status_count[OrderStatus.EVALUATED]
    total_hours = sum((v.hours for v in volunteer_lines), Decimal(0))
    overview = (
        ("范围", scope.describe()),
        ("期间", period.describe()),
        ("村（社区）", f"{len(places)} 个，其中重点社区 {sum(p.is_key for p in places)} 个"),
        (
            "常住人口 / 户数",
            f"{sum(p.population for p in places)} 人 / {sum(p.households for p in places)} 户",
        ),
        ("联点单位", f"{len(scope.unit_ids)} 个；联点干部与兼职顾问 {cadres} 人"),
        ("居民台账 / 在册志愿者", f"{sum(residents.values())} 人 / {sum(volunteers_on_roll.values())} 人"),
        ("需求清单（本期提出）", f"{sum(demands.values())} 项"),
        ("供给清单 / 已确认匹配", f"{supplies} 项 / {confirmed} 条"),
        (
            "工单",
            f"收到 {len(orders)} 张，已办结 {done} 张，已评单 {status_count[OrderStatus.EVALUATED]} 张，"
            f"撤回 {status_count[OrderStatus.WITHDRAWN]} 张，无效 {status_count[OrderStatus.INVALID]} 张",
        ),
        (
            "活动与走访",
            f"{len(activities)} 场，参与 {sum(a.attended for a in activity_lines)} 人次"
            f"（其中现场加入 {sum(a.walk_ins for a in activity_lines)} 人次）",
        ),
        (
            "满意度测评",
            f"工单 {sum(t.total for t in order_tally.values())} 份，"
            f"活动 {sum(t.total for t in activity_tally.values())} 份",
        ),
        (
            "志愿服务",
            f"{len(volunteer_lines)} 人参与，{sum(v.records for v in volunteer_lines)} 条记录，"
            f"共 {total_hours.normalize():f} 小时",
        ),
    )
    remarks.sort(key=lambda r: r.when)
    return InspectionData(
        scope=scope,
        period=period,
        as_of=as_of,
        township=township,
        places=places,
        community_names={cid: name for cid, name in session.execute(select(Community.id, Community.name))},
        overview=overview,
        place_counts=place_counts,
        kpis=tuple(kpis),
        services=tuple(services),
        orders=tuple(order_lines),
        activities=tuple(activity_lines),
        order_tally=dict(order_tally),
        activity_tally=dict(activity_tally),
        remarks=tuple(remarks),
        volunteers=tuple(volunteer_lines),
    )


def _quarters(period: Period) -> list[str]:
    """The quarters ('2026-Q1') a period touches: the three lists are kept by quarter."""
    quarters = []
    year, q = period.start.year, (period.start.month - 1) // 3 + 1
    while (year, q) <= (period.end.year, (period.end.month - 1) // 3 + 1):
        quarters.append(f"{year}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return quarters
