"""Evaluations of orders and activities in a period, and orders resolved (办结) in it with whether the
resident evaluated that resolution: the rows behind 解决率, 满意率, 评价率 and the third-party and activity
satisfaction rates. Definitions: ``orders``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from liandian_desktop.ledger.models import (
    Activity,
    Evaluation,
    EvaluationSource,
    OrderAction,
    OrderStatus,
    Resolution,
    Satisfaction,
    WorkOrder,
    WorkOrderEvent,
)

from .figures import Figure, RecordRef, Role, Target, count, rate
from .periods import Period, format_local
from .response import CLOSED

GROUP = "闭环工单"


@dataclass(frozen=True)
class EvaluationRow:
    order_id: uuid.UUID | None
    activity_id: uuid.UUID | None
    code: str  # the order's or the activity's code
    status: OrderStatus | None  # the order's status now (None for an activity)
    unit_id: uuid.UUID | None  # the order's or the activity's unit
    satisfaction: Satisfaction
    resolution: Resolution | None
    source: EvaluationSource
    evaluated_at: datetime

    @property
    def excluded(self) -> bool:
        return self.status in CLOSED


_RATING = (Evaluation.satisfaction, Evaluation.resolution, Evaluation.source, Evaluation.evaluated_at)
_IN_TIME_ORDER = (Evaluation.evaluated_at, Evaluation.created_at, Evaluation.id)


def _rating(r: Any) -> tuple[Satisfaction, Resolution | None, EvaluationSource, datetime]:
    return r.satisfaction, r.resolution, r.source, r.evaluated_at


def order_evaluations(session: Session, *where: ColumnElement[bool]) -> list[EvaluationRow]:
    """Evaluations of live orders matching ``where``, in time order."""
    stmt = (
        select(Evaluation.work_order_id, WorkOrder.code, WorkOrder.status, WorkOrder.unit_id, *_RATING)
        .join(WorkOrder, WorkOrder.id == Evaluation.work_order_id)
        .where(Evaluation.deleted_at.is_(None), WorkOrder.deleted_at.is_(None), *where)
        .order_by(*_IN_TIME_ORDER)
    )
    return [
        EvaluationRow(r.work_order_id, None, r.code, r.status, r.unit_id, *_rating(r))
        for r in session.execute(stmt)
    ]


def activity_evaluations(session: Session, *where: ColumnElement[bool]) -> list[EvaluationRow]:
    """Evaluations of live activities matching ``where``, in time order."""
    stmt = (
        select(Evaluation.activity_id, Activity.code, Activity.unit_id, *_RATING)
        .join(Activity, Activity.id == Evaluation.activity_id)
        .where(Evaluation.deleted_at.is_(None), Activity.deleted_at.is_(None), *where)
        .order_by(*_IN_TIME_ORDER)
    )
    return [
        EvaluationRow(None, r.activity_id, r.code, None, r.unit_id, *_rating(r))
        for r in session.execute(stmt)
    ]


def last_per_order(
    rows: Iterable[EvaluationRow],
) -> tuple[dict[uuid.UUID, EvaluationRow], dict[uuid.UUID, int]]:
    """Each order's last evaluation among ``rows`` (already in time order), and how many it had."""
    last: dict[uuid.UUID, EvaluationRow] = {}
    seen: dict[uuid.UUID, int] = defaultdict(int)
    for row in rows:
        assert row.order_id is not None
        last[row.order_id] = row
        seen[row.order_id] += 1
    return last, seen


@dataclass(frozen=True)
class ResolvedOrder:
    """An order resolved (办结) in the period, and whether the resident evaluated that resolution."""

    id: uuid.UUID
    code: str
    status: OrderStatus
    unit_id: uuid.UUID | None
    resolved_at: datetime
    evaluated_at: datetime | None
    reopened_at: datetime | None


def resolved_orders(
    session: Session, period: Period, order_filter: ColumnElement[bool]
) -> list[ResolvedOrder]:
    """Orders with a RESOLVE event in the period, by their last one; the first reopening after it; and the
    first evaluation after it that comes before that reopening. One query: index lookups per order."""
    last = (
        select(WorkOrderEvent.order_id.label("order_id"), func.max(WorkOrderEvent.at).label("resolved_at"))
        .where(
            WorkOrderEvent.deleted_at.is_(None),
            WorkOrderEvent.action == OrderAction.RESOLVE,
            WorkOrderEvent.at >= period.start_instant,
            WorkOrderEvent.at < period.end_instant,
        )
        .group_by(WorkOrderEvent.order_id)
        .subquery()
    )
    again = aliased(WorkOrderEvent)
    reopened = (
        select(func.min(again.at))
        .where(
            again.order_id == last.c.order_id,
            again.deleted_at.is_(None),
            again.action == OrderAction.REOPEN,
            again.at >= last.c.resolved_at,
        )
        .correlate(last)  # also inside ``evaluated`` below, two levels down
        .scalar_subquery()
    )
    evaluated = (
        select(func.min(Evaluation.evaluated_at))
        .where(
            Evaluation.work_order_id == last.c.order_id,
            Evaluation.deleted_at.is_(None),
            Evaluation.evaluated_at >= last.c.resolved_at,
            or_(reopened.is_(None), Evaluation.evaluated_at <= reopened),
        )
        .correlate(last)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            last.c.order_id,
            WorkOrder.code,
            WorkOrder.status,
            WorkOrder.unit_id,
            last.c.resolved_at,
            evaluated.label("evaluated_at"),
            reopened.label("reopened_at"),
        )
        .join(WorkOrder, WorkOrder.id == last.c.order_id)
        .where(WorkOrder.deleted_at.is_(None), order_filter)
        .order_by(last.c.resolved_at, WorkOrder.code)
    )
    return [ResolvedOrder(*tuple(r)) for r in rows]


def evaluation_figures(
    evaluations: list[EvaluationRow],
    activities: list[EvaluationRow],
    resolved: list[ResolvedOrder],
    targets: Mapping[str, Target | None],
) -> list[Figure]:
    """The evaluation figures from the period's rows (records built when read); ``targets`` by key."""
    last, seen = last_per_order(evaluations)
    valid = [row for row in last.values() if not row.excluded]
    excluded = [row for row in last.values() if row.excluded]
    stated = [row for row in valid if row.resolution is not None]
    solved = sum(row.resolution is Resolution.RESOLVED for row in stated)
    satisfied = sum(row.satisfaction.counts_as_satisfied for row in valid)
    resolved_valid = [r for r in resolved if r.status not in CLOSED]
    evaluated_after = sum(r.evaluated_at is not None for r in resolved_valid)
    third = [
        r for r in evaluations + activities if r.source is EvaluationSource.THIRD_PARTY and not r.excluded
    ]

    def ev_ref(row: EvaluationRow, role: Role, verdict: str) -> RecordRef:
        assert row.order_id is not None
        again = f"（本期共 {seen[row.order_id]} 次测评，以最后一次为准）" if seen[row.order_id] > 1 else ""
        return RecordRef("work_order", row.order_id, row.code, role, f"{_line(row)}{again}：{verdict}")

    def excluded_refs() -> list[RecordRef]:
        return [
            ev_ref(
                row, Role.EXCLUDED, f"工单现为“{row.status.label if row.status else ''}”，不计入分母，单列"
            )
            for row in excluded
        ]

    def resolution_refs() -> list[RecordRef]:
        out = [
            ev_ref(row, Role.HIT, "计为已解决")
            if row.resolution is Resolution.RESOLVED
            else ev_ref(row, Role.MISS, "计为未解决（部分解决也不算已解决）")
            for row in stated
        ]
        out += [
            ev_ref(row, Role.EXCLUDED, "未填写解决情况，不计入解决率分母")
            for row in valid
            if row.resolution is None
        ]
        return out + excluded_refs()

    def satisfaction_refs() -> list[RecordRef]:
        return [
            ev_ref(row, Role.HIT, "计为满意")
            if row.satisfaction.counts_as_satisfied
            else ev_ref(row, Role.MISS, "计为不满意")
            for row in valid
        ] + excluded_refs()

    no_evaluation = "本期没有已评价的工单（不是 0%）"
    return [
        count(
            "orders_evaluated",
            "已评价工单",
            len(valid),
            group=GROUP,
            definition="期内有测评（evaluated_at 在期内）的有效工单，每单只按期内最后一次测评计",
            records=lambda: [ev_ref(row, Role.PART, "计入") for row in valid],
        ),
        count(
            "evaluations_excluded",
            "已撤回或无效工单的测评",
            len(excluded),
            group=GROUP,
            definition="期内有测评、但工单现已撤回或作废：不计入解决率、满意率分母，单列",
            records=excluded_refs,
        ),
        rate(
            "resolution_rate",
            "解决率",
            solved,
            len(stated),
            group=GROUP,
            target=targets.get("resolution_rate"),
            definition=(
                "期内测评的有效工单中，居民评为“已解决”的 ÷ 填写了解决情况的；部分解决、未解决不算已解决"
            ),
            note="" if stated else no_evaluation,
            records=resolution_refs,
        ),
        rate(
            "satisfaction_rate",
            "满意率",
            satisfied,
            len(valid),
            group=GROUP,
            target=targets.get("satisfaction_rate"),
            definition="期内测评的有效工单中，评为非常满意、满意、基本满意的 ÷ 全部有效测评",
            note="" if valid else no_evaluation,
            records=satisfaction_refs,
        ),
        rate(
            "evaluation_rate",
            "评价率",
            evaluated_after,
            len(resolved_valid),
            group=GROUP,
            target=targets.get("evaluation_rate"),
            definition="期内办结的有效工单中，该次办结之后（重新办理之前）获居民评价的 ÷ 期内办结的",
            note="" if resolved_valid else "本期没有办结的工单",
            records=lambda: [_resolved_ref(r) for r in resolved],
        ),
        rate(
            "third_party_satisfaction_rate",
            "第三方测评满意率",
            sum(r.satisfaction.counts_as_satisfied for r in third),
            len(third),
            group=GROUP,
            definition=(
                "期内来源为“第三方测评”的测评（工单与活动）中，评为满意（含基本满意）的 ÷ 全部第三方测评"
            ),
            note="" if third else "本期没有第三方测评",
            records=lambda: [_plain_ref(r) for r in third],
        ),
        rate(
            "activity_satisfaction_rate",
            "活动满意率",
            sum(r.satisfaction.counts_as_satisfied for r in activities),
            len(activities),
            group=GROUP,
            definition="期内对活动（服务、走访）的测评中，评为满意（含基本满意）的 ÷ 全部活动测评",
            note="" if activities else "本期没有活动测评",
            records=lambda: [_plain_ref(r) for r in activities],
        ),
    ]


def _line(row: EvaluationRow) -> str:
    res = row.resolution.label if row.resolution else "未填写解决情况"
    return f"{format_local(row.evaluated_at)} 测评：{row.satisfaction.label}／{res}（{row.source.label}）"


def _plain_ref(r: EvaluationRow) -> RecordRef:
    kind = "work_order" if r.order_id is not None else "activity"
    rid = r.order_id if r.order_id is not None else r.activity_id
    ok = r.satisfaction.counts_as_satisfied
    return RecordRef(
        kind, rid, r.code, Role.HIT if ok else Role.MISS, f"{_line(r)}：{'计为满意' if ok else '计为不满意'}"
    )


def _resolved_ref(r: ResolvedOrder) -> RecordRef:
    if r.status in CLOSED:
        return RecordRef(
            "work_order",
            r.id,
            r.code,
            Role.EXCLUDED,
            f"{format_local(r.resolved_at)} 办结，现为“{r.status.label}”：不计入分母，单列",
        )
    if r.evaluated_at is not None:
        return RecordRef(
            "work_order",
            r.id,
            r.code,
            Role.HIT,
            f"{format_local(r.resolved_at)} 办结，{format_local(r.evaluated_at)} 已评价",
        )
    reopened = f"，{format_local(r.reopened_at)} 重新办理" if r.reopened_at else ""
    return RecordRef(
        "work_order",
        r.id,
        r.code,
        Role.MISS,
        f"{format_local(r.resolved_at)} 办结{reopened}，该次办结未获评价",
    )
