"""The month's data for every unit, fetched once, and each unit's process and results indicators as
values from 0 to 1 with their reasons and records. What each indicator means: ``assessment``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    AssessmentResult,
    Attendance,
    Cadre,
    CadreKind,
    EvaluationSource,
    InnovationScore,
    OrderStatus,
    PairedUnit,
    Pairing,
    Resolution,
)
from liandian_desktop.ledger.validation import normalize_text

from .coverage import ATTENDED
from .evaluations import last_per_order
from .figures import RecordRef, RecordSource, Role, plain, to_fraction
from .frequency import ServiceRow, compliance, service_rows
from .orders import LoopData, fetch_loop
from .periods import Period, format_local
from .response import RESPONSE_ROLE, hours, summarise_response
from .scope import Scope, pairing_overlaps, resolve_scope
from .settings import KpiSettings
from .workforce import cadre_days, training_hours

MEETING_KINDS = (ActivityKind.MEETING, ActivityKind.MATCHING_MEETING)


@dataclass(frozen=True)
class Measure:
    """One indicator before weighting: its 0–1 value (None: no data), weight, reason and records."""

    key: str
    label: str
    value: Fraction | None
    weight: Fraction
    reason: str
    records: RecordSource = ()


def ratio(hit: int, total: int) -> Fraction | None:
    return Fraction(hit, total) if total else None


# ---------------------------------------------------------------------------------------------------------
# The month's data, fetched once for every unit
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ActivityRow:
    id: uuid.UUID
    code: str
    title: str
    kind: ActivityKind
    unit_id: uuid.UUID | None
    community_id: uuid.UUID | None
    starts_at: datetime


@dataclass
class MonthData:
    units: dict[uuid.UUID, str]
    places: dict[uuid.UUID, set[uuid.UUID]]  # unit -> communities paired during the month
    services: list[ServiceRow]
    loop: LoopData
    activities: list[_ActivityRow]
    signed: dict[uuid.UUID, int]  # activity -> sign-ins
    attendee_names: dict[uuid.UUID, set[str]]  # meeting -> names signed in
    cadres: dict[uuid.UUID, list[tuple[uuid.UUID, str, CadreKind]]]  # unit -> (cadre, name, kind)
    days: dict[uuid.UUID, Fraction]
    training: dict[uuid.UUID, Fraction]
    innovation: dict[uuid.UUID, InnovationScore]
    previous: dict[uuid.UUID, bool] | None  # unit -> bottom decile last month; None: not stored


def fetch_month(session: Session, township_id: uuid.UUID, month: Period, settings: KpiSettings) -> MonthData:
    scope = resolve_scope(session, Scope.township(township_id), month)
    units = dict(
        session.execute(
            select(PairedUnit.id, PairedUnit.name).where(
                PairedUnit.id.in_(scope.unit_ids), PairedUnit.deleted_at.is_(None)
            )
        ).all()
    )
    places: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for unit_id, community_id in session.execute(
        select(Pairing.unit_id, Pairing.community_id).where(
            pairing_overlaps(month), Pairing.township_id == township_id
        )
    ):
        places[unit_id].add(community_id)
    start, end = month.start_instant, month.end_instant
    activities = [
        _ActivityRow(r.id, r.code, r.title, r.kind, r.unit_id, r.community_id, r.starts_at)
        for r in session.execute(
            select(
                Activity.id,
                Activity.code,
                Activity.title,
                Activity.kind,
                Activity.unit_id,
                Activity.community_id,
                Activity.starts_at,
            )
            .where(
                Activity.deleted_at.is_(None),
                Activity.township_id == township_id,
                Activity.starts_at >= start,
                Activity.starts_at < end,
            )
            .order_by(Activity.starts_at, Activity.code)
        )
    ]
    in_month = (
        Attendance.deleted_at.is_(None),
        Attendance.status.in_(ATTENDED),
        Activity.township_id == township_id,
        Activity.deleted_at.is_(None),
        Activity.starts_at >= start,
        Activity.starts_at < end,
    )
    signed: dict[uuid.UUID, int] = dict(
        session.execute(
            select(Attendance.activity_id, func.count(Attendance.id))
            .join(Activity, Activity.id == Attendance.activity_id)
            .where(*in_month)
            .group_by(Attendance.activity_id)
        ).all()
    )
    names: dict[uuid.UUID, set[str]] = defaultdict(set)
    for activity_id, name in session.execute(
        select(Attendance.activity_id, Attendance.name)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(*in_month, Activity.kind.in_(MEETING_KINDS))
        .distinct()
    ):
        names[activity_id].add(normalize_text(name))
    cadres: dict[uuid.UUID, list[tuple[uuid.UUID, str, CadreKind]]] = defaultdict(list)
    for cadre_id, name, cadre_unit, kind in session.execute(
        select(Cadre.id, Cadre.name, Cadre.unit_id, Cadre.kind)
        .where(
            Cadre.deleted_at.is_(None),
            Cadre.unit_id.in_(list(units)),
            (Cadre.start_date.is_(None)) | (Cadre.start_date <= month.end),
            (Cadre.end_date.is_(None)) | (Cadre.end_date >= month.start),
        )
        .order_by(Cadre.name, Cadre.id)
    ):
        if cadre_unit is not None:
            cadres[cadre_unit].append((cadre_id, name, kind))
    full_time = [c for rows in cadres.values() for c, _n, k in rows if k is CadreKind.FULL_TIME]
    trained = training_hours(session, month, full_time, false())
    innovation: dict[uuid.UUID, InnovationScore] = {}
    for score in session.scalars(
        select(InnovationScore)
        .where(
            InnovationScore.deleted_at.is_(None),
            InnovationScore.township_id == township_id,
            InnovationScore.month == month.month_key,
        )
        .order_by(InnovationScore.updated_at, InnovationScore.created_at)
    ):
        innovation[score.unit_id] = score  # the latest change wins
    previous_rows = session.execute(
        select(AssessmentResult.unit_id, AssessmentResult.bottom_decile).where(
            AssessmentResult.deleted_at.is_(None),
            AssessmentResult.township_id == township_id,
            AssessmentResult.month == month.previous_month().month_key,
        )
    ).all()
    return MonthData(
        units=units,
        places=places,
        services=service_rows(session, scope, month, settings),
        loop=fetch_loop(session, month, scope.order_filter(), Activity.township_id == township_id),
        activities=activities,
        signed=signed,
        attendee_names=names,
        cadres=cadres,
        days=cadre_days(session, full_time, month),
        training={key[0]: h for key, h in trained.items() if key[0] is not None},
        innovation=innovation,
        previous={u: b for u, b in previous_rows} if previous_rows else None,
    )


# ---------------------------------------------------------------------------------------------------------
# Indicators of one unit
# ---------------------------------------------------------------------------------------------------------


def process_measures(
    unit_id: uuid.UUID, data: MonthData, loop: LoopData, month: Period, s: KpiSettings, as_of: datetime
) -> list[Measure]:
    w = s.assessment.process
    yf = month.year_fraction()
    places = data.places.get(unit_id, set())

    rows = [r for r in data.services if r.community_id in places]
    total, judged = compliance(rows)
    frequency = Measure(
        "service_frequency",
        "服务频次",
        total / judged if judged else None,
        to_fraction(w.service_frequency),
        f"所结对村（社区）{judged} 项次服务，达标度之和 {plain(total)}"
        if judged
        else "本月没有需考核频次的服务",
        tuple(
            RecordRef(
                "service",
                r.service_id,
                f"{r.community}·{r.service}",
                Role.HIT if r.met else Role.MISS,
                r.reason(),
            )
            for r in rows
            if r.judged
        ),
    )

    summary, judged_orders = summarise_response(loop.dispatched, s.clock, as_of)
    target = to_fraction(s.targets.mean_response_hours)
    if summary.contacted:
        mean = hours(summary.total_wait) / summary.contacted
        speed: Fraction | None = Fraction(1) if mean <= target else target / mean
        why = (
            f"{summary.contacted} 张工单平均响应 {plain(mean)} 小时，目标 ≤ {plain(target)} 小时："
            "min(1, 目标 ÷ 平均)"
        )
    else:
        speed, why = None, "本月没有已首次联系的工单"
    response = Measure(
        "response_speed",
        "响应速度",
        speed,
        to_fraction(w.response_speed),
        why,
        lambda: [
            RecordRef("work_order", r.id, r.code, Role.PART, v.reason)
            for r, v in judged_orders
            if v.elapsed is not None
        ],
    )

    own = [a for a in data.activities if a.unit_id == unit_id and a.kind not in MEETING_KINDS]
    resolved = [r for r in loop.resolved if r.status not in (OrderStatus.WITHDRAWN, OrderStatus.INVALID)]
    refs = [
        RecordRef(
            "activity",
            a.id,
            a.code,
            Role.HIT if data.signed.get(a.id) else Role.MISS,
            f"{format_local(a.starts_at)} {a.title}："
            + (f"已录入签到 {data.signed[a.id]} 人次" if data.signed.get(a.id) else "未录入签到"),
        )
        for a in own
    ] + [
        RecordRef(
            "work_order",
            r.id,
            r.code,
            Role.HIT if r.evaluated_at else Role.MISS,
            f"{format_local(r.resolved_at)} 办结，" + ("已录入评价" if r.evaluated_at else "未录入评价"),
        )
        for r in resolved
    ]
    complete = sum(r.role is Role.HIT for r in refs)
    ledger = Measure(
        "ledger_completeness",
        "台账完整",
        ratio(complete, len(refs)),
        to_fraction(w.ledger_completeness),
        f"{len(own)} 场活动、{len(resolved)} 张办结工单，{complete} 项已回填"
        if refs
        else "本月没有需回填的活动或工单",
        tuple(refs),
    )

    people = {normalize_text(name) for _c, name, _k in data.cadres.get(unit_id, [])}
    meetings = [
        a
        for a in data.activities
        if a.kind in MEETING_KINDS and (a.community_id is None or a.community_id in places)
    ]
    meeting_refs = []
    for a in meetings:
        present = sorted(people & data.attendee_names.get(a.id, set()))
        ok = a.unit_id == unit_id or bool(present)
        why_m = (
            "本单位组织"
            if a.unit_id == unit_id
            else (f"签到：{'、'.join(present)}" if present else "签到表上没有本单位干部")
        )
        meeting_refs.append(
            RecordRef(
                "activity",
                a.id,
                a.code,
                Role.HIT if ok else Role.MISS,
                f"{format_local(a.starts_at)} {a.title}（{a.kind.label}）：{why_m}",
            )
        )
    attended = sum(r.role is Role.HIT for r in meeting_refs)
    meeting = Measure(
        "meetings",
        "会议出席",
        ratio(attended, len(meetings)),
        to_fraction(w.meetings),
        f"应出席 {len(meetings)} 场，出席 {attended} 场" if meetings else "本月没有需出席的会议",
        tuple(meeting_refs),
    )

    full_time = [(c, n) for c, n, k in data.cadres.get(unit_id, []) if k is CadreKind.FULL_TIME]
    day_target = to_fraction(s.coverage.cadre_days_year) * yf
    hour_target = to_fraction(s.coverage.training_hours_year) * yf
    days_item = _per_cadre(
        "cadre_days", "蹲点天数", full_time, data.days, day_target, "天", to_fraction(w.cadre_days)
    )
    training_item = _per_cadre(
        "training", "培训时长", full_time, data.training, hour_target, "小时", to_fraction(w.training)
    )
    return [frequency, response, ledger, meeting, days_item, training_item]


def _per_cadre(
    key: str,
    label: str,
    cadres: list[tuple[uuid.UUID, str]],
    amounts: dict[uuid.UUID, Fraction],
    target: Fraction,
    unit: str,
    weight: Fraction,
) -> Measure:
    if not cadres:
        return Measure(key, label, Fraction(0), weight, "未登记在岗专职联点干部（每单位应不少于 2 名），计 0")
    refs = []
    total = Fraction(0)
    for cadre_id, name in cadres:
        got = amounts.get(cadre_id, Fraction(0))
        part = min(Fraction(1), got / target) if target else Fraction(1)
        total += part
        refs.append(
            RecordRef(
                "cadre",
                cadre_id,
                name,
                Role.HIT if got >= target else Role.MISS,
                f"本月 {plain(got)} {unit}，折算目标 {plain(target)} {unit}，计 {plain(part)}",
            )
        )
    value = total / len(cadres)
    return Measure(
        key,
        label,
        value,
        weight,
        f"{len(cadres)} 名专职联点干部，min(1, 实际 ÷ {plain(target)} {unit}) 的平均",
        tuple(refs),
    )


def results_measures(loop: LoopData, s: KpiSettings, as_of: datetime) -> list[Measure]:
    w = s.assessment.results
    summary, judged = summarise_response(loop.dispatched, s.clock, as_of)
    decided = summary.on_time + summary.late
    last, _seen = last_per_order(loop.evaluations)
    valid = [r for r in last.values() if not r.excluded]
    stated = [r for r in valid if r.resolution is not None]
    solved = sum(r.resolution is Resolution.RESOLVED for r in stated)
    happy = sum(r.satisfaction.counts_as_satisfied for r in valid)
    third = [
        r
        for r in loop.evaluations + loop.activity_evaluations
        if r.source is EvaluationSource.THIRD_PARTY and not r.excluded
    ]
    third_ok = sum(r.satisfaction.counts_as_satisfied for r in third)

    def order_refs() -> list[RecordRef]:
        return [RecordRef("work_order", r.id, r.code, RESPONSE_ROLE[v.outcome], v.reason) for r, v in judged]

    return [
        Measure(
            "response_rate",
            "响应率",
            ratio(summary.on_time, decided),
            to_fraction(w.response_rate),
            f"按时 {summary.on_time} ÷ 可判定 {decided}（待定 {summary.pending}，撤回 {summary.withdrawn}，"
            f"无效 {summary.invalid} 不计）"
            if decided
            else "本月没有可判定的派单",
            order_refs,
        ),
        Measure(
            "resolution_rate",
            "解决率",
            ratio(solved, len(stated)),
            to_fraction(w.resolution_rate),
            f"已解决 {solved} ÷ 已评价 {len(stated)}" if stated else "本月没有已评价的工单",
        ),
        Measure(
            "satisfaction_rate",
            "满意率",
            ratio(happy, len(valid)),
            to_fraction(w.satisfaction_rate),
            f"满意（含基本满意）{happy} ÷ 测评 {len(valid)}" if valid else "本月没有已评价的工单",
        ),
        Measure(
            "third_party",
            "第三方测评",
            ratio(third_ok, len(third)),
            to_fraction(w.third_party),
            f"第三方测评满意 {third_ok} ÷ {len(third)}" if third else "本月没有第三方测评",
        ),
    ]
