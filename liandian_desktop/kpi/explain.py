"""Why one work order counts as it does: ``explain_order(store, order_id_or_code)``.

It answers, in local time and in Chinese, the questions an inspector asks about an order:
- response: on time or late, with the limit, the clock, the deadline, dispatch and first-contact times; or
  why it is pending (not yet due) or excluded (withdrawn / invalid, with when and why);
- each evaluation: which month it counts in, resolved or not, satisfied or not, and whether a later
  evaluation in the same month replaced it;
- each resolution (办结): evaluated afterwards or not (the evaluation rate);
- reopenings: the response is judged on the first contact only; a reopening does not restart the clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import NotFoundError
from liandian_desktop.ledger.models import (
    Community,
    Evaluation,
    OrderAction,
    OrderStatus,
    PairedUnit,
    Resolution,
    WorkOrder,
    WorkOrderEvent,
    utcnow,
)
from liandian_desktop.store.engine import Store

from .deadlines import clock_label
from .periods import format_local, local_day
from .response import OrderRow, Outcome, ResponseVerdict, closed_reason, judge_response, order_row
from .settings import KpiSettings, settings_in


@dataclass(frozen=True)
class OrderExplanation:
    order_id: uuid.UUID
    code: str
    status: OrderStatus
    response: ResponseVerdict
    excluded: bool
    lines: tuple[str, ...]

    def text(self) -> str:
        return "\n".join(self.lines)


def _month(instant: datetime) -> str:
    day = local_day(instant)
    return f"{day.year:04d}-{day.month:02d}"


def explain_order_in(
    session: Session, order_id: uuid.UUID, settings: KpiSettings | None = None, as_of: datetime | None = None
) -> OrderExplanation:
    row = order_row(session, order_id)
    if row is None:
        raise NotFoundError(f"工单不存在或已删除（{order_id}）")
    order = session.get(WorkOrder, order_id)
    assert order is not None
    settings = settings or settings_in(session, order.township_id)
    as_of = as_of or utcnow()
    verdict = judge_response(row, settings.clock, as_of)
    community = session.get(Community, row.community_id)
    unit = session.get(PairedUnit, row.unit_id) if row.unit_id else None
    excluded = row.status in (OrderStatus.WITHDRAWN, OrderStatus.INVALID)
    lines = [
        f"工单 {row.code}「{row.title}」：{community.name if community else ''}，"
        f"承办单位 {unit.name if unit else '（未派单）'}，当前状态 {row.status.label}",
        f"点单 {format_local(row.ordered_at)}；计时方式：{clock_label(settings.clock)}；"
        f"判断时点 {format_local(as_of)}",
    ]
    if excluded:
        lines.append(
            f"不计入：{closed_reason(row)}。该工单不进入响应率、平均响应时长、解决率、满意率、评价率的分母，"
            f"在“{'已撤回' if row.status is OrderStatus.WITHDRAWN else '无效'}”中单列。"
        )
    lines.extend(_response_lines(row, verdict, excluded, settings, as_of))
    if order.reopen_count:
        lines.append(
            f"曾重新办理 {order.reopen_count} 次：响应只看首次联系，重新办理不重新计时；"
            "每次测评按测评时间归期，同一期间内以最后一次为准"
        )
    lines.extend(_evaluation_lines(session, order_id, excluded))
    lines.extend(_resolution_lines(session, order_id, excluded))
    return OrderExplanation(row.id, row.code, row.status, verdict, excluded, tuple(lines))


def _response_lines(
    row: OrderRow, verdict: ResponseVerdict, excluded: bool, settings: KpiSettings, as_of: datetime
) -> list[str]:
    if row.dispatched_at is None:
        return ["响应：尚未派单，响应时间从派单起算，不计入响应指标"]
    # An excluded order's times are still judged (its clock stopped when it was closed), so its history
    # reads like any other's.
    shown = (
        judge_response(replace(row, status=OrderStatus.IN_PROGRESS), settings.clock, row.closed_at or as_of)
        if excluded
        else verdict
    )
    belong = f"按派单时间归入 {_month(row.dispatched_at)}"
    if excluded:
        return [f"响应（若未被排除则为{shown.outcome.label}，{belong}）：{shown.reason}"]
    lines = [f"响应（{shown.outcome.label}，{belong}）：{shown.reason}"]
    if shown.outcome is Outcome.ON_TIME:
        lines.append("  计入响应率分子和分母；首次联系 − 派单 计入平均响应时长")
    elif shown.outcome is Outcome.LATE:
        lines.append("  计入响应率分母（未计入分子）；首次联系 − 派单 计入平均响应时长")
    elif shown.outcome is Outcome.OVERDUE:
        lines.append("  计入响应率分母（未计入分子）；尚无响应时长，不计入平均响应时长")
    elif shown.outcome is Outcome.PENDING:
        lines.append("  暂不计入响应率分母：联系后按实际时间判断，超过截止时间仍未联系则计为超时")
    return lines


def _evaluation_lines(session: Session, order_id: uuid.UUID, excluded: bool) -> list[str]:
    evaluations = list(
        session.scalars(
            select(Evaluation)
            .where(Evaluation.work_order_id == order_id, Evaluation.deleted_at.is_(None))
            .order_by(Evaluation.evaluated_at, Evaluation.created_at, Evaluation.id)
        )
    )
    if not evaluations:
        return ["测评：尚无测评，不计入解决率、满意率的分母（不是按不满意计）"]
    lines = []
    for i, ev in enumerate(evaluations):
        month = _month(ev.evaluated_at)
        later = [e for e in evaluations[i + 1 :] if _month(e.evaluated_at) == month]
        head = f"测评 {format_local(ev.evaluated_at)}（{ev.source.label}）：{ev.satisfaction.label}／" + (
            ev.resolution.label if ev.resolution else "未填写解决情况"
        )
        if excluded:
            lines.append(f"{head} → 工单已排除，不计入")
            continue
        solved = (
            "解决率：未填写解决情况，不计入分母"
            if ev.resolution is None
            else (
                "解决率：计为已解决"
                if ev.resolution is Resolution.RESOLVED
                else f"解决率：计为未解决（{ev.resolution.label}不算已解决）"
            )
        )
        happy = "满意率：计为满意" if ev.satisfaction.counts_as_satisfied else "满意率：计为不满意"
        if later:
            lines.append(
                f"{head} → 同月 {format_local(later[-1].evaluated_at)} 另有测评，"
                f"{month} 以最后一次为准（跨月的季度、年度同理以期内最后一次为准）"
            )
        else:
            lines.append(f"{head} → 归入 {month}；{solved}；{happy}")
    return lines


def _resolution_lines(session: Session, order_id: uuid.UUID, excluded: bool) -> list[str]:
    events = session.execute(
        select(WorkOrderEvent.action, WorkOrderEvent.at)
        .where(
            WorkOrderEvent.order_id == order_id,
            WorkOrderEvent.deleted_at.is_(None),
            WorkOrderEvent.action.in_([OrderAction.RESOLVE, OrderAction.REOPEN, OrderAction.EVALUATE]),
        )
        .order_by(WorkOrderEvent.at, WorkOrderEvent.created_at)
    ).all()
    evaluated_at = [
        at
        for (at,) in session.execute(
            select(Evaluation.evaluated_at).where(
                Evaluation.work_order_id == order_id, Evaluation.deleted_at.is_(None)
            )
        )
    ]
    lines = []
    for i, ev in enumerate(events):
        if ev.action is not OrderAction.RESOLVE:
            continue
        reopen = next((e.at for e in events[i + 1 :] if e.action is OrderAction.REOPEN), None)
        got = [t for t in evaluated_at if t >= ev.at and (reopen is None or t <= reopen)]
        head = f"办结 {format_local(ev.at)}（评价率归入 {_month(ev.at)}）"
        if excluded:
            lines.append(f"{head}：工单已排除，不计入评价率")
        elif got:
            lines.append(f"{head}：{format_local(min(got))} 获评价，计入评价率分子")
        else:
            again = f"，{format_local(reopen)} 重新办理" if reopen else ""
            lines.append(f"{head}{again}：该次办结未获评价，只计入评价率分母")
    return lines


def find_orders(session: Session, code: str) -> list[uuid.UUID]:
    """Live orders with this printed code (codes are random, so two townships may share one)."""
    text = code.strip().upper()
    return list(
        session.scalars(
            select(WorkOrder.id)
            .where(WorkOrder.code == text, WorkOrder.deleted_at.is_(None))
            .order_by(WorkOrder.id)
        )
    )


def explain_order(
    store: Store,
    order: uuid.UUID | str,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> OrderExplanation:
    """Explain one order, by id or by printed code (NotFoundError if none; the first if a code is shared)."""
    with store.session() as session:
        if isinstance(order, uuid.UUID):
            order_id = order
        else:
            found = find_orders(session, order)
            if not found:
                raise NotFoundError(f"找不到工单 {order}")
            order_id = found[0]
        return explain_order_in(session, order_id, settings, as_of)
