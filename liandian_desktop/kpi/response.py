"""One order's response: on time, late, overdue (not contacted after the deadline), pending (not
contacted, not yet due) or excluded (withdrawn, invalid), with a one-line reason in local time.
The definitions are in ``orders``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction
from functools import cached_property

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import OrderStatus, WorkOrder

from .deadlines import calendar_for, format_duration, limit_hours_for, response_deadline
from .figures import Role
from .periods import format_local
from .settings import ResponseClock

CLOSED = (OrderStatus.WITHDRAWN, OrderStatus.INVALID)


class Outcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # contacted after the deadline
    OVERDUE = "overdue"  # not contacted, deadline passed
    PENDING = "pending"  # not contacted, deadline not passed
    WITHDRAWN = "withdrawn"
    INVALID = "invalid"
    NOT_DISPATCHED = "not_dispatched"

    @property
    def label(self) -> str:
        return {
            "on_time": "按时响应",
            "late": "超时响应",
            "overdue": "超时未联系",
            "pending": "待定（未到时限）",
            "withdrawn": "已撤回",
            "invalid": "无效",
            "not_dispatched": "未派单",
        }[self.value]


# How each outcome counts in the response rate.
RESPONSE_ROLE = {
    Outcome.ON_TIME: Role.HIT,
    Outcome.LATE: Role.MISS,
    Outcome.OVERDUE: Role.MISS,
    Outcome.PENDING: Role.PENDING,
    Outcome.WITHDRAWN: Role.EXCLUDED,
    Outcome.INVALID: Role.EXCLUDED,
    Outcome.NOT_DISPATCHED: Role.EXCLUDED,
}


@dataclass(frozen=True)
class OrderRow:
    id: uuid.UUID
    code: str
    title: str
    status: OrderStatus
    community_id: uuid.UUID
    unit_id: uuid.UUID | None
    limit_hours: int
    ordered_at: datetime
    dispatched_at: datetime | None
    first_contact_at: datetime | None
    closed_at: datetime | None
    closed_reason: str


_ORDER_COLUMNS = (
    WorkOrder.id,
    WorkOrder.code,
    WorkOrder.title,
    WorkOrder.status,
    WorkOrder.community_id,
    WorkOrder.unit_id,
    WorkOrder.response_limit_hours,
    WorkOrder.ordered_at,
    WorkOrder.dispatched_at,
    WorkOrder.first_contact_at,
    WorkOrder.closed_at,
    WorkOrder.closed_reason,
)


def order_rows(session: Session, *where: ColumnElement[bool]) -> list[OrderRow]:
    stmt = select(*_ORDER_COLUMNS).where(WorkOrder.deleted_at.is_(None), *where).order_by(WorkOrder.code)
    return [OrderRow(*tuple(row)) for row in session.execute(stmt)]


def order_row(session: Session, order_id: uuid.UUID) -> OrderRow | None:
    rows = order_rows(session, WorkOrder.id == order_id)
    return rows[0] if rows else None


# ---------------------------------------------------------------------------------------------------------
# Response: one order
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseVerdict:
    """The judgement of one order; ``reason`` (and the working time) are worked out when first read."""

    row: OrderRow
    outcome: Outcome
    clock: ResponseClock
    as_of: datetime
    limit_hours: int | None = None
    deadline: datetime | None = None
    elapsed: timedelta | None = None  # first contact − dispatch, calendar time

    @property
    def decided(self) -> bool:
        return self.outcome in (Outcome.ON_TIME, Outcome.LATE, Outcome.OVERDUE)

    @cached_property
    def working_elapsed(self) -> timedelta | None:
        """First contact − dispatch in working time (working clock only)."""
        row = self.row
        if self.clock.mode != "working" or row.dispatched_at is None or row.first_contact_at is None:
            return None
        return calendar_for(self.clock).elapsed(row.dispatched_at, row.first_contact_at)

    @cached_property
    def reason(self) -> str:
        row, outcome = self.row, self.outcome
        if outcome in (Outcome.WITHDRAWN, Outcome.INVALID):
            return f"{closed_reason(row)}：不计入响应率分母，单列统计"
        if outcome is Outcome.NOT_DISPATCHED or row.dispatched_at is None or self.deadline is None:
            return "尚未派单：响应时间从派单起算，不计入响应指标"
        deadline = self.deadline
        unit = "工作小时" if self.clock.mode == "working" else "小时"
        head = (
            f"派单 {format_local(row.dispatched_at)}，时限 {self.limit_hours} {unit}"
            f"（截止 {format_local(deadline)}）"
        )
        if outcome is Outcome.OVERDUE:
            return (
                f"{head}，至 {format_local(self.as_of)} 仍未首次联系，"
                f"已超时 {format_duration(self.as_of - deadline)}：计为超时"
            )
        if outcome is Outcome.PENDING:
            return (
                f"{head}，尚未首次联系，距截止还有 {format_duration(deadline - self.as_of)}："
                "待定，暂不计入响应率分母，联系后或超过截止时间后再计入"
            )
        contact = row.first_contact_at
        assert contact is not None and self.elapsed is not None
        worked = self.working_elapsed
        spent = f"用时 {format_duration(self.elapsed)}" + (
            f"（工作时间 {format_duration(worked)}）" if worked is not None else ""
        )
        tail = f"{head}，首次联系 {format_local(contact)}，{spent}"
        if outcome is Outcome.ON_TIME:
            return f"{tail}{'，恰好在截止时刻' if contact == deadline else ''}：按时"
        return f"{tail}，晚于截止 {format_duration(contact - deadline)}：超时"


def closed_reason(row: OrderRow) -> str:
    what = "已撤回" if row.status is OrderStatus.WITHDRAWN else "已作废（无效工单）"
    why = f"，原因：{row.closed_reason}" if row.closed_reason else ""
    return f"{what}（{format_local(row.closed_at)}{why}）"


def judge_response(row: OrderRow, clock: ResponseClock, as_of: datetime) -> ResponseVerdict:
    """On time, late, overdue, pending or excluded; ``.reason`` says why in one line (local times)."""
    if row.status in CLOSED:
        outcome = Outcome.WITHDRAWN if row.status is OrderStatus.WITHDRAWN else Outcome.INVALID
        return ResponseVerdict(row, outcome, clock, as_of)
    if row.dispatched_at is None:
        return ResponseVerdict(row, Outcome.NOT_DISPATCHED, clock, as_of)
    limit = limit_hours_for(row.limit_hours, clock)
    deadline = response_deadline(row.dispatched_at, limit, clock)
    contact = row.first_contact_at
    if contact is None:
        outcome = Outcome.OVERDUE if as_of > deadline else Outcome.PENDING
        return ResponseVerdict(row, outcome, clock, as_of, limit, deadline)
    outcome = Outcome.ON_TIME if contact <= deadline else Outcome.LATE
    return ResponseVerdict(row, outcome, clock, as_of, limit, deadline, contact - row.dispatched_at)


@dataclass(frozen=True)
class ResponseSummary:
    on_time: int
    late: int  # contacted late + overdue
    overdue: int
    pending: int
    withdrawn: int
    invalid: int
    contacted: int
    total_wait: timedelta  # Σ(first contact − dispatch) over valid contacted orders


def summarise_response(
    rows: list[OrderRow], clock: ResponseClock, as_of: datetime
) -> tuple[ResponseSummary, list[tuple[OrderRow, ResponseVerdict]]]:
    judged = [(row, judge_response(row, clock, as_of)) for row in rows]
    by: dict[Outcome, int] = defaultdict(int)
    wait = timedelta(0)
    contacted = 0
    for _row, v in judged:
        by[v.outcome] += 1
        if v.elapsed is not None:
            contacted += 1
            wait += v.elapsed
    summary = ResponseSummary(
        on_time=by[Outcome.ON_TIME],
        late=by[Outcome.LATE] + by[Outcome.OVERDUE],
        overdue=by[Outcome.OVERDUE],
        pending=by[Outcome.PENDING],
        withdrawn=by[Outcome.WITHDRAWN],
        invalid=by[Outcome.INVALID],
        contacted=contacted,
        total_wait=wait,
    )
    return summary, judged


def hours(span: timedelta) -> Fraction:
    """A timedelta in hours, exactly."""
    return Fraction(span // timedelta(microseconds=1), 3_600_000_000)
