"""Coverage figures: pairings, special groups served, volunteers, residents' participation.

The places are the scope's communities (a unit's: those it was paired with during the period). Residents
means the communities' recorded population (``Community.population``, 常住人口): the ledger holds only the
residents it has dealt with, so a count of resident rows would overstate every share.

- 结对覆盖率 = communities with ≥ 1 unit paired on the snapshot day ÷ communities. The snapshot day is the
  period's last day (or today, for a period still running): coverage is a state, not a flow, and two
  pairings that follow each other must not count as two units at once.
- 每社区联点单位数 = Σ units paired on the snapshot day ÷ communities.
- 重点社区双联点率 = key communities (重点社区) with ≥ 2 units on the snapshot day ÷ key communities.
- 特殊群体服务覆盖率 = special-group residents served ÷ special-group residents of the scope's communities.
  Served: at least one sign-in (签到 or 现场加入) at any activity or visit (走访) that started in the period,
  or a work order of theirs placed in the period that is not withdrawn or invalid.
- 志愿者占比 = volunteers on the roster (在册, registered by the period's end) ÷ residents. Township and
  county scope include volunteers registered with no community. The roster keeps no status history, so a
  volunteer who has since left is not counted for past periods either.
- 人均参与次数 = attendances (签到 + 现场加入 rows, named or not) at activities held in scope in the period
  ÷ residents. Target 5 a year, scaled to the period (5 × year fraction).
- 经常参与居民占比 = residents of the scope's communities with at least 5 × year-fraction attendances (any
  activity, named sign-ins only) ÷ residents. No target set by the plan; reported for the 5-times rule.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from fractions import Fraction

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Community,
    OrderStatus,
    PairedUnit,
    Pairing,
    Resident,
    Volunteer,
    VolunteerStatus,
    WorkOrder,
)

from .figures import Figure, RecordRef, Role, Target, Unit, later, plain, rate, to_fraction
from .periods import Period, format_local, local_day
from .scope import ResolvedScope, ScopeKind
from .settings import KpiSettings

GROUP_PAIRING = "结对覆盖"
GROUP_PEOPLE = "群众参与"
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.WALK_IN)


@dataclass(frozen=True)
class Place:
    id: uuid.UUID
    code: str
    name: str
    is_key: bool
    population: int


def places(session: Session, scope: ResolvedScope) -> list[Place]:
    if not scope.community_ids:
        return []
    rows = session.execute(
        select(Community.id, Community.code, Community.name, Community.is_key, Community.population)
        .where(Community.id.in_(scope.community_ids))
        .order_by(Community.code)
    )
    return [Place(*r) for r in rows]


def snapshot_day(period: Period, as_of: datetime) -> date:
    return max(period.start, min(period.end, local_day(as_of)))


def population_note(population: int) -> str:
    return "" if population > 0 else "村（社区）未登记常住人口，无法计算"


def pairing_figures(
    session: Session, scope: ResolvedScope, period: Period, settings: KpiSettings, as_of: datetime
) -> list[Figure]:
    day = snapshot_day(period, as_of)
    communities = places(session, scope)
    units: dict[uuid.UUID, list[str]] = defaultdict(list)
    if communities:
        for community_id, name in session.execute(
            select(
                Pairing.community_id, func.coalesce(func.nullif(PairedUnit.short_name, ""), PairedUnit.name)
            )
            .join(PairedUnit, PairedUnit.id == Pairing.unit_id)
            .where(
                Pairing.deleted_at.is_(None),
                PairedUnit.deleted_at.is_(None),
                Pairing.community_id.in_([c.id for c in communities]),
                Pairing.start_date <= day,
                or_(Pairing.end_date.is_(None), Pairing.end_date >= day),
            )
            .distinct()
            .order_by(Pairing.community_id)
        ):
            units[community_id].append(name)

    def ref(c: Place, role: Role, extra: str = "") -> RecordRef:
        names = "、".join(sorted(units[c.id])) or "无"
        return RecordRef(
            "community",
            c.id,
            c.name,
            role,
            f"{day.isoformat()} 结对单位 {len(units[c.id])} 个（{names}）{extra}",
        )

    covered = [c for c in communities if units[c.id]]
    key = [c for c in communities if c.is_key]
    key_ok = [c for c in key if len(units[c.id]) >= 2]
    cov = settings.coverage
    when = f"以 {day.isoformat()}（期末，期间未结束时为今天）在结对期内的单位计"
    return [
        rate(
            "paired_coverage",
            "结对覆盖率",
            len(covered),
            len(communities),
            group=GROUP_PAIRING,
            target=Target(to_fraction(cov.paired_coverage)),
            definition=f"有至少 1 个联点单位结对的村（社区）÷ 范围内村（社区）；{when}",
            records=tuple(ref(c, Role.HIT if units[c.id] else Role.MISS) for c in communities),
        ),
        Figure(
            "units_per_community",
            "每村（社区）联点单位数",
            Unit.RATIO,
            Fraction(sum(len(units[c.id]) for c in communities)),
            Fraction(len(communities)),
            group=GROUP_PAIRING,
            definition=f"结对单位数之和 ÷ 村（社区）数；{when}",
            note="" if communities else "范围内没有村（社区）",
            record_source=tuple(ref(c, Role.PART) for c in communities),
        ),
        rate(
            "key_communities_two_units",
            "重点社区双联点率",
            len(key_ok),
            len(key),
            group=GROUP_PAIRING,
            target=Target(to_fraction(cov.key_communities_two_units)),
            definition=f"有至少 2 个联点单位结对的重点社区 ÷ 重点社区；{when}",
            note="" if key else "范围内没有重点社区",
            records=tuple(
                ref(
                    c,
                    Role.HIT if len(units[c.id]) >= 2 else Role.MISS,
                    "" if len(units[c.id]) >= 2 else "，重点社区应有至少 2 个",
                )
                for c in key
            ),
        ),
    ]


def attended_in(period: Period) -> tuple[ColumnElement[bool], ...]:
    """Sign-in rows (签到, 现场加入) of activities that started in the period; join Activity to use it."""
    return (
        Attendance.deleted_at.is_(None),
        Activity.deleted_at.is_(None),
        Attendance.status.in_(ATTENDED),
        Activity.starts_at >= period.start_instant,
        Activity.starts_at < period.end_instant,
    )


def _per_resident(period: Period) -> Subquery:
    """Named sign-ins in the period per resident, at any activity: resident_id, n, first."""
    return (
        select(
            Attendance.resident_id.label("resident_id"),
            func.count(Attendance.id).label("n"),
            func.min(Activity.starts_at).label("first"),
        )
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(*attended_in(period), Attendance.resident_id.is_not(None))
        .group_by(Attendance.resident_id)
        .subquery()
    )


def _orders_placed(period: Period) -> tuple[ColumnElement[bool], ...]:
    return (
        WorkOrder.deleted_at.is_(None),
        WorkOrder.resident_id.is_not(None),
        WorkOrder.status.not_in([OrderStatus.WITHDRAWN, OrderStatus.INVALID]),
        WorkOrder.ordered_at >= period.start_instant,
        WorkOrder.ordered_at < period.end_instant,
    )


def _as_instant(value: object) -> datetime:
    # min() keeps the column's type on SQLAlchemy 2; be safe if a dialect hands back text.
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _count(session: Session, stmt: Select[int]) -> int:
    return session.scalar(stmt) or 0


def people_figures(
    session: Session, scope: ResolvedScope, period: Period, settings: KpiSettings
) -> list[Figure]:
    communities = places(session, scope)
    population = sum(c.population for c in communities)
    ids = tuple(c.id for c in communities)
    cov = settings.coverage
    yf = period.year_fraction()
    living_here = (Resident.deleted_at.is_(None), Resident.community_id.in_(ids) if ids else false())
    special = (*living_here, Resident.special_groups != "")
    # One pass over the period's sign-ins, grouped by resident, gives both the special-group residents who
    # signed in and the residents who took part often; a small second query adds the special-group residents
    # served only through a work order.
    threshold = to_fraction(cov.attendances_per_resident_year) * yf
    at_least = max(1, math.ceil(threshold))  # whole sign-ins
    per = _per_resident(period)
    attended = session.execute(
        select(
            func.coalesce(func.sum(case((Resident.special_groups != "", 1), else_=0)), 0),
            func.coalesce(func.sum(case((per.c.n >= at_least, 1), else_=0)), 0),
        )
        .select_from(per)
        .join(Resident, Resident.id == per.c.resident_id)
        .where(*living_here)
    ).one()
    signed_in_period = (
        select(Attendance.id)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Attendance.resident_id == Resident.id, *attended_in(period))
        .exists()
    )
    ordered_only = _count(
        session,
        select(func.count(Resident.id)).where(
            *special,
            Resident.id.in_(select(WorkOrder.resident_id).where(*_orders_placed(period))),
            ~signed_in_period,
        ),
    )
    special_total = _count(session, select(func.count(Resident.id)).where(*special))
    special_served = int(attended[0]) + ordered_only
    frequent = int(attended[1])

    def special_records(own: Session) -> list[RecordRef]:
        per = _per_resident(period)
        rows = own.execute(
            select(Resident.id, Resident.name, per.c.n, per.c.first)
            .outerjoin(per, per.c.resident_id == Resident.id)
            .where(*special)
            .order_by(Resident.name, Resident.id)
        ).all()
        ordered: dict[uuid.UUID, tuple[str, datetime]] = {}
        for resident_id, code, at in own.execute(
            select(WorkOrder.resident_id, WorkOrder.code, WorkOrder.ordered_at)
            .join(Resident, Resident.id == WorkOrder.resident_id)
            .where(*_orders_placed(period), *special)
            .order_by(WorkOrder.ordered_at)
        ):
            if resident_id is not None:
                ordered.setdefault(resident_id, (code, at))
        out = []
        for rid, name, n, first in rows:
            parts = []
            if n:
                parts.append(f"期内签到（活动或走访）{n} 次，首次 {format_local(_as_instant(first))}")
            if rid in ordered:
                code, at = ordered[rid]
                parts.append(f"工单 {code}（{format_local(at)} 点单）")
            # The reason never names the group: 低保, 特困, disability are sensitive.
            if parts:
                out.append(RecordRef("resident", rid, name, Role.HIT, "特殊群体居民，" + "；".join(parts)))
            else:
                out.append(
                    RecordRef(
                        "resident", rid, name, Role.MISS, "特殊群体居民，期内无签到、走访或工单记录：未覆盖"
                    )
                )
        return out

    # Volunteers on the roster
    on_roster: ColumnElement[bool] = Volunteer.community_id.in_(ids) if ids else false()
    if scope.kind in (ScopeKind.TOWNSHIP, ScopeKind.COUNTY) and scope.township_ids:
        on_roster = or_(
            on_roster, and_(Volunteer.community_id.is_(None), Volunteer.township_id.in_(scope.township_ids))
        )
    volunteer_filter = (
        Volunteer.deleted_at.is_(None),
        Volunteer.status == VolunteerStatus.ACTIVE,
        Volunteer.registered_on <= period.end,
        on_roster,
    )
    volunteers = _count(session, select(func.count(Volunteer.id)).where(*volunteer_filter))

    def volunteer_records(own: Session) -> list[RecordRef]:
        rows = own.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.volunteer_no, Volunteer.registered_on)
            .where(*volunteer_filter)
            .order_by(Volunteer.volunteer_no, Volunteer.name)
        )
        return [
            RecordRef(
                "volunteer",
                v.id,
                v.name,
                Role.PART,
                f"志愿者编号 {v.volunteer_no or '—'}，{v.registered_on} 注册",
            )
            for v in rows
        ]

    # Attendances at activities held in scope (人次)
    held_here = (*attended_in(period), scope.activity_filter())
    attendances = _count(
        session,
        select(func.count(Attendance.id))
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(*held_here),
    )

    def attendance_records(own: Session) -> list[RecordRef]:
        rows = own.execute(
            select(Activity.id, Activity.code, Activity.title, Activity.starts_at, func.count(Attendance.id))
            .join(Attendance, Attendance.activity_id == Activity.id)
            .where(*held_here)
            .group_by(Activity.id, Activity.code, Activity.title, Activity.starts_at)
            .order_by(Activity.starts_at, Activity.code)
        )
        return [
            RecordRef("activity", r[0], r[1], Role.PART, f"{format_local(r[3])} {r[2]}：{r[4]} 人次")
            for r in rows
        ]

    frequent_rows = (
        select(Resident.id, Resident.name, per.c.n)
        .join(per, per.c.resident_id == Resident.id)
        .where(*living_here, per.c.n >= at_least)
    )

    def frequent_records(own: Session) -> list[RecordRef]:
        rows = own.execute(frequent_rows.order_by(per.c.n.desc(), Resident.name))
        return [RecordRef("resident", rid, name, Role.HIT, f"期内签到 {n} 次") for rid, name, n in rows]

    pop_note = population_note(population)
    scaled = f"年目标 {cov.attendances_per_resident_year:g} 次 × 期间 {plain(yf)} 年 = {plain(threshold)} 次"
    return [
        rate(
            "special_groups_served",
            "特殊群体服务覆盖率",
            special_served,
            special_total,
            group=GROUP_PEOPLE,
            target=Target(to_fraction(cov.special_groups_served)),
            definition=(
                "范围内村（社区）登记为特殊群体的居民中，期内有签到（活动、走访）或有效工单的 ÷ 特殊群体居民"
            ),
            note="" if special_total else "范围内没有登记为特殊群体的居民",
            records=later(session, special_records),
        ),
        Figure(
            "volunteer_share",
            "志愿者占常住人口比例",
            Unit.RATE,
            Fraction(volunteers),
            Fraction(population),
            Target(to_fraction(cov.volunteer_share)),
            group=GROUP_PEOPLE,
            definition="在册志愿者（期末前注册、现为在册状态）÷ 村（社区）登记的常住人口之和",
            note=pop_note,
            record_source=later(session, volunteer_records),
        ),
        Figure(
            "attendances_per_resident",
            "人均参与活动次数",
            Unit.TIMES,
            Fraction(attendances),
            Fraction(population),
            Target(threshold, basis=scaled),
            group=GROUP_PEOPLE,
            definition="期内范围内活动的签到人次（签到、现场加入）÷ 常住人口",
            note=pop_note,
            record_source=later(session, attendance_records),
        ),
        Figure(
            "frequent_participant_share",
            "经常参与居民占比",
            Unit.RATE,
            Fraction(frequent),
            Fraction(population),
            None,
            group=GROUP_PEOPLE,
            definition=f"期内签到达到 {at_least} 次（{scaled}，取整）的登记居民 ÷ 常住人口",
            note=pop_note,
            record_source=later(session, frequent_records),
        ),
    ]
