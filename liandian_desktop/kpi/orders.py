"""The closed-loop figures of work orders (群众点单 → 组织派单 → 单位接单 → 群众评单).

Which orders belong to a period (local dates, see ``periods``):
- response figures: orders **dispatched** in the period (``dispatched_at``, the first dispatch; a
  re-dispatch does not restart the clock);
- resolution and satisfaction: orders **evaluated** in the period (``Evaluation.evaluated_at``). An order
  evaluated twice in one period (evaluated, reopened, evaluated again) counts once, by its last evaluation
  in the period; an order evaluated in March and again in April counts in each month by that month's
  evaluation, so a past month's figure does not change when an order is reopened later;
- evaluation rate: orders **resolved** (办结, a RESOLVE event) in the period;
- 收到工单: orders **placed** (``ordered_at``) in the period, whatever became of them (a workload count).

Exclusions: orders now withdrawn (已撤回) or invalid (无效) are left out of every denominator and reported
as their own counts, with their reasons. Exclusion follows the order's status today, so an order withdrawn
after it was evaluated leaves that past month's denominators too; the stored monthly assessment keeps the
figures as they were when the month was closed. Deleted (tombstoned) records are not part of the ledger and
are ignored.

Formulas:
- 响应率 = on-time ÷ (on-time + late). On time: first contact ≤ deadline (dispatch + limit, on the clock the
  settings choose, see ``deadlines``; exactly at the limit is on time). Late: first contact after the
  deadline, or no first contact and the deadline has passed (超时未联系). **Pending**: no first contact
  yet and the deadline has not passed at ``as_of``: not yet decided, left out of the denominator and
  reported as 待定 until it is contacted or becomes late. (Counting it as on time would flatter the rate;
  counting it as late would blame a unit that still has time.)
- 平均响应时长 = Σ(first contact − dispatch) ÷ number of valid orders with a first contact, in calendar
  hours (what the resident waited), on either clock. Late orders not yet contacted have no duration: they
  are in the response rate, not in the mean, and the note says how many.
- 解决率 = orders whose evaluation says 已解决 ÷ evaluated orders that state a resolution.
- 满意率 = orders rated 非常满意 / 满意 / 基本满意 ÷ evaluated orders.
- 评价率 = orders resolved in the period with an evaluation after that resolution (whenever it came, but
  before any reopening) ÷ orders resolved in the period.
- 第三方测评满意率 = satisfied ÷ evaluations with source 第三方测评 in the period (of orders and activities).
- 活动满意率 = satisfied ÷ evaluations of activities in the period.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import Evaluation, WorkOrder

from .deadlines import clock_label
from .evaluations import (
    GROUP,
    EvaluationRow,
    ResolvedOrder,
    activity_evaluations,
    evaluation_figures,
    order_evaluations,
    resolved_orders,
)
from .figures import Figure, RecordRef, Role, Target, Unit, count, later, rate, to_fraction
from .periods import Period, format_local
from .response import RESPONSE_ROLE, OrderRow, Outcome, hours, order_rows, summarise_response
from .settings import KpiSettings


@dataclass
class LoopData:
    dispatched: list[OrderRow] = field(default_factory=list)
    evaluations: list[EvaluationRow] = field(default_factory=list)  # of orders, in the period
    activity_evaluations: list[EvaluationRow] = field(default_factory=list)
    resolved: list[ResolvedOrder] = field(default_factory=list)

    def for_unit(self, unit_id: uuid.UUID) -> LoopData:
        return LoopData(
            [r for r in self.dispatched if r.unit_id == unit_id],
            [r for r in self.evaluations if r.unit_id == unit_id],
            [r for r in self.activity_evaluations if r.unit_id == unit_id],
            [r for r in self.resolved if r.unit_id == unit_id],
        )


def fetch_loop(
    session: Session, period: Period, order_filter: ColumnElement[bool], activity_filter: ColumnElement[bool]
) -> LoopData:
    start, end = period.start_instant, period.end_instant
    dispatched = order_rows(
        session, order_filter, WorkOrder.dispatched_at >= start, WorkOrder.dispatched_at < end
    )
    evaluations = order_evaluations(
        session, order_filter, Evaluation.evaluated_at >= start, Evaluation.evaluated_at < end
    )
    activity_rows = activity_evaluations(
        session,
        activity_filter,
        Evaluation.work_order_id.is_(None),
        Evaluation.evaluated_at >= start,
        Evaluation.evaluated_at < end,
    )
    return LoopData(
        dispatched,
        evaluations,
        activity_rows,
        resolved_orders(session, period, order_filter),
    )


def loop_target(settings: KpiSettings, period: Period, name: str) -> Target | None:
    """The target of ``name`` in force for ``period``: the interim one (month 9) or the final one."""
    interim = settings.interim_applies(period)
    if name == "mean_response_hours":
        return Target(to_fraction(settings.targets.mean_response_hours), at_least=False, basis="最终目标")
    if interim and hasattr(settings.interim, name):
        value = getattr(settings.interim, name)
        return Target(to_fraction(value), basis=f"阶段目标（工作启动后第 {settings.interim.months} 个月）")
    value = getattr(settings.targets, name)
    return None if value is None else Target(to_fraction(value), basis="最终目标")


def _ref(row: OrderRow, role: Role, reason: str) -> RecordRef:
    return RecordRef("work_order", row.id, row.code, role, reason)


def received_figure(session: Session, period: Period, order_filter: ColumnElement[bool]) -> Figure:
    """Orders placed (点单) in the period: a count in SQL, the orders themselves when asked for."""
    in_period = (
        WorkOrder.deleted_at.is_(None),
        order_filter,
        WorkOrder.ordered_at >= period.start_instant,
        WorkOrder.ordered_at < period.end_instant,
    )
    n = session.scalar(select(func.count(WorkOrder.id)).where(*in_period)) or 0

    def load(own: Session) -> list[RecordRef]:
        return [
            _ref(r, Role.PART, f"{format_local(r.ordered_at)} 点单，当前状态：{r.status.label}")
            for r in order_rows(own, *in_period)
        ]

    return count(
        "orders_received",
        "收到工单（点单）",
        n,
        group=GROUP,
        definition="期内点单（ordered_at 在期内）的工单，含已撤回、无效，仅作工作量参考",
        records=later(session, load),
    )


def loop_figures(data: LoopData, settings: KpiSettings, period: Period, as_of: datetime) -> list[Figure]:
    """Response figures from the dispatched orders, then the evaluation figures (records built when read)."""
    clock = settings.clock
    summary, judged = summarise_response(data.dispatched, clock, as_of)
    decided = summary.on_time + summary.late

    def refs(*outcomes: Outcome, role: Role | None = None) -> Callable[[], list[RecordRef]]:
        def build() -> list[RecordRef]:
            return [
                _ref(row, role or RESPONSE_ROLE[v.outcome], v.reason)
                for row, v in judged
                if not outcomes or v.outcome in outcomes
            ]

        return build

    contacted = refs(Outcome.ON_TIME, Outcome.LATE, role=Role.PART)
    figures = [
        count(
            "orders_dispatched",
            "派出工单",
            len(data.dispatched),
            group=GROUP,
            definition="期内首次派单（dispatched_at 在期内）的工单，含已撤回、无效",
            records=refs(role=Role.PART),
        ),
        count(
            "orders_withdrawn",
            "其中已撤回",
            summary.withdrawn,
            group=GROUP,
            definition="期内派出、现已撤回的工单：不计入任何分母，单列",
            records=refs(Outcome.WITHDRAWN),
        ),
        count(
            "orders_invalid",
            "其中无效",
            summary.invalid,
            group=GROUP,
            definition="期内派出、现已作废的工单：不计入任何分母，单列",
            records=refs(Outcome.INVALID),
        ),
        count(
            "response_pending",
            "待定（未联系、未到时限）",
            summary.pending,
            group=GROUP,
            definition="尚未首次联系、截止时间未到的工单：暂不计入响应率分母",
            records=refs(Outcome.PENDING),
        ),
        rate(
            "response_rate",
            "响应率",
            summary.on_time,
            decided,
            group=GROUP,
            target=loop_target(settings, period, "response_rate"),
            definition=(
                f"期内派出的有效工单中，时限内首次联系的 ÷ 已可判定的（按时 + 超时 + 超时未联系）；时限按"
                f"{clock_label(clock)}计，恰好等于时限算按时；未联系且未到时限的为待定，不计入分母；"
                "已撤回、无效工单不计入，单列"
            ),
            records=refs(),
        ),
        count(
            "response_overdue",
            "超时未联系",
            summary.overdue,
            group=GROUP,
            definition="已过截止时间仍未首次联系的有效工单（计入响应率分母，为超时）",
            records=refs(Outcome.OVERDUE),
        ),
        Figure(
            "mean_response_hours",
            "平均响应时长",
            Unit.HOURS,
            hours(summary.total_wait) if summary.contacted else None,
            Fraction(summary.contacted),
            target=loop_target(settings, period, "mean_response_hours"),
            group=GROUP,
            definition=(
                "期内派出、已首次联系的有效工单，（首次联系 − 派单）的平均值，按自然小时计（居民实际等待）"
            ),
            note=(
                f"{summary.overdue} 张超时未联系的工单尚无响应时长，未计入平均（已计入响应率）"
                if summary.overdue
                else ("本期无已联系的工单" if not summary.contacted else "")
            ),
            record_source=contacted,
        ),
    ]
    targets = {
        k: loop_target(settings, period, k)
        for k in ("resolution_rate", "satisfaction_rate", "evaluation_rate")
    }
    figures.extend(evaluation_figures(data.evaluations, data.activity_evaluations, data.resolved, targets))
    return figures
