"""The closed loop of work orders: 群众点单 → 组织派单 → 单位接单 → 群众评单.

The transition table below is the only statement of which change is allowed from which state. Every
transition writes a WorkOrderEvent in the same transaction as the change to the order. Times may be keyed
in after the fact (from paper), but never before the order's previous step and never in the future.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import TransitionError, ValidationError
from liandian_desktop.ledger.models import (
    Community,
    DemandCategory,
    Evaluation,
    EvaluationSource,
    OrderAction,
    OrderStatus,
    PairedUnit,
    Resolution,
    Satisfaction,
    Urgency,
    WorkOrder,
    WorkOrderEvent,
    utcnow,
)
from liandian_desktop.ledger.services.base import Service, make_code
from liandian_desktop.ledger.services.fields import FUTURE_TOLERANCE, aware
from liandian_desktop.ledger.validation import normalize_text, validate_phone

S = OrderStatus
A = OrderAction
_OPEN = frozenset({S.CREATED, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS})

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[OrderAction, tuple[frozenset[OrderStatus | None], OrderStatus]] = {
    A.CREATE: (frozenset({None}), S.CREATED),
    A.DISPATCH: (frozenset({S.CREATED}), S.DISPATCHED),
    A.REDISPATCH: (frozenset({S.DISPATCHED}), S.DISPATCHED),
    A.ACCEPT: (frozenset({S.DISPATCHED}), S.ACCEPTED),
    A.FIRST_CONTACT: (frozenset({S.ACCEPTED}), S.IN_PROGRESS),
    A.RESOLVE: (frozenset({S.IN_PROGRESS}), S.RESOLVED),
    A.EVALUATE: (frozenset({S.RESOLVED}), S.EVALUATED),
    A.REOPEN: (frozenset({S.RESOLVED, S.EVALUATED}), S.IN_PROGRESS),
    A.WITHDRAW: (frozenset(_OPEN), S.WITHDRAWN),
    A.INVALIDATE: (frozenset(_OPEN), S.INVALID),
}

DEFAULT_RESPONSE_LIMIT_HOURS = 24


def allowed_actions(status: OrderStatus) -> list[OrderAction]:
    """What a user may do next with an order in ``status`` (for the screen's buttons)."""
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def next_status(status: OrderStatus | None, action: OrderAction) -> OrderStatus:
    """The state ``action`` leads to from ``status``; TransitionError (Chinese) when it is not allowed."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        current = status.label if status is not None else "（新建）"
        allowed = "、".join(a.label for a in allowed_actions(status)) if status is not None else "点单"
        raise TransitionError(
            f"工单当前状态为“{current}”，不能“{action.label}”。可进行的操作：{allowed or '无'}"
        )
    return target


def response_deadline(order: WorkOrder) -> datetime | None:
    """When the first contact is due: dispatch time + the response limit in force at dispatch."""
    if order.dispatched_at is None:
        return None
    return order.dispatched_at + timedelta(hours=order.response_limit_hours)


@dataclass(frozen=True)
class OverdueOrder:
    order: WorkOrder
    deadline: datetime
    overdue_by: timedelta


class WorkOrderService(Service):
    model = WorkOrder

    # -- the loop ------------------------------------------------------------------------------------
    def create(
        self,
        township_id: uuid.UUID,
        community_id: uuid.UUID,
        title: str,
        *,
        ordered_at: datetime | None = None,
        requester_name: str = "",
        requester_phone: str = "",
        resident_id: uuid.UUID | None = None,
        demand_id: uuid.UUID | None = None,
        category_id: uuid.UUID | None = None,
        description: str = "",
        urgency: Urgency = Urgency.NORMAL,
        actor: str = "",
    ) -> WorkOrder:
        """群众点单: a resident's (or a community's) request becomes an order waiting for dispatch."""
        title = self._require_text(title, "title", "工单标题")
        phone = validate_phone(requester_phone, field="requester_phone") if requester_phone.strip() else ""
        at = self._when(ordered_at, "ordered_at", not_before=None)
        with self.store.transaction() as session:
            community = self._get(session, Community, community_id)
            if community.township_id != township_id:
                raise ValidationError("community_id", "该社区不属于本乡镇（街道）")
            if category_id is not None:
                self._get(session, DemandCategory, category_id)
            order = WorkOrder(
                township_id=township_id,
                community_id=community_id,
                code=make_code("GD"),
                title=title,
                ordered_at=at,
                requester_name=normalize_text(requester_name),
                requester_phone=phone,
                resident_id=resident_id,
                demand_id=demand_id,
                category_id=category_id,
                description=description.strip(),
                urgency=urgency,
                status=S.CREATED,
            )
            session.add(order)
            session.flush()
            self._event(session, order, A.CREATE, None, at, actor=actor)
            return order

    def dispatch(
        self,
        order_id: uuid.UUID,
        unit_id: uuid.UUID,
        *,
        at: datetime | None = None,
        response_limit_hours: int = DEFAULT_RESPONSE_LIMIT_HOURS,
        actor: str = "",
        note: str = "",
    ) -> WorkOrder:
        """组织派单: send the order to a paired unit; the response clock starts now."""
        if not 1 <= response_limit_hours <= 24 * 30:
            raise ValidationError("response_limit_hours", "响应时限应在 1 小时到 30 天之间")
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            self._get(session, PairedUnit, unit_id)
            when = self._step(session, order, A.DISPATCH, at, actor=actor, note=note, unit_id=unit_id)
            order.unit_id = unit_id
            order.dispatched_at = when
            order.response_limit_hours = response_limit_hours
            return order

    def redispatch(
        self,
        order_id: uuid.UUID,
        unit_id: uuid.UUID,
        *,
        reason: str,
        at: datetime | None = None,
        actor: str = "",
    ) -> WorkOrder:
        """改派: hand a dispatched order to another unit. The response clock keeps running from the first
        dispatch: the resident has been waiting since then."""
        reason = self._require_text(reason, "reason", "改派原因", max_len=500)
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            self._get(session, PairedUnit, unit_id)
            if unit_id == order.unit_id:
                raise ValidationError("unit_id", "改派的单位与当前承办单位相同")
            self._step(session, order, A.REDISPATCH, at, actor=actor, note=reason, unit_id=unit_id)
            order.unit_id = unit_id
            return order

    def accept(self, order_id: uuid.UUID, *, at: datetime | None = None, actor: str = "") -> WorkOrder:
        """单位接单."""
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            order.accepted_at = self._step(session, order, A.ACCEPT, at, actor=actor, unit_id=order.unit_id)
            return order

    def record_first_contact(
        self, order_id: uuid.UUID, *, at: datetime | None = None, note: str = "", actor: str = ""
    ) -> WorkOrder:
        """The unit's first contact with the resident: ends the response time, starts the work."""
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            when = self._step(
                session, order, A.FIRST_CONTACT, at, actor=actor, note=note, unit_id=order.unit_id
            )
            order.first_contact_at = when
            return order

    def resolve(
        self, order_id: uuid.UUID, *, note: str, at: datetime | None = None, actor: str = ""
    ) -> WorkOrder:
        """办结: the unit reports the work done (what was done is required)."""
        note = self._require_text(note, "note", "办理结果", max_len=2000)
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            order.resolved_at = self._step(
                session, order, A.RESOLVE, at, actor=actor, note=note, unit_id=order.unit_id
            )
            order.resolution_note = note
            return order

    def evaluate(
        self,
        order_id: uuid.UUID,
        satisfaction: Satisfaction,
        resolution: Resolution,
        *,
        at: datetime | None = None,
        comment: str = "",
        source: EvaluationSource = EvaluationSource.PAPER,
        form_version: str = "",
        resident_id: uuid.UUID | None = None,
        actor: str = "",
    ) -> Evaluation:
        """群众评单: the resident's rating closes the loop. The evaluation and the state change are one
        transaction."""
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            when = self._step(
                session, order, A.EVALUATE, at, actor=actor, note=f"{satisfaction.label}／{resolution.label}"
            )
            order.evaluated_at = when
            evaluation = Evaluation(
                township_id=order.township_id,
                community_id=order.community_id,
                work_order_id=order.id,
                resident_id=resident_id or order.resident_id,
                satisfaction=satisfaction,
                resolution=resolution,
                comment=comment.strip(),
                source=source,
                form_version=form_version,
                evaluated_at=when,
            )
            session.add(evaluation)
            return evaluation

    def reopen(
        self, order_id: uuid.UUID, *, reason: str, at: datetime | None = None, actor: str = ""
    ) -> WorkOrder:
        """重新办理: the resident says it is not done. Back to in progress; the history keeps the earlier
        resolution and evaluation."""
        reason = self._require_text(reason, "reason", "重新办理的原因", max_len=500)
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            self._step(session, order, A.REOPEN, at, actor=actor, note=reason, unit_id=order.unit_id)
            order.reopen_count += 1
            order.resolved_at = None
            order.evaluated_at = None
            return order

    def withdraw(
        self, order_id: uuid.UUID, *, reason: str, at: datetime | None = None, actor: str = ""
    ) -> WorkOrder:
        """撤回: the requester no longer needs it. Excluded from the rates, shown separately."""
        return self._close(order_id, A.WITHDRAW, reason, at, actor)

    def invalidate(
        self, order_id: uuid.UUID, *, reason: str, at: datetime | None = None, actor: str = ""
    ) -> WorkOrder:
        """作废: not a valid order (duplicate, outside the programme). Excluded from the rates."""
        return self._close(order_id, A.INVALIDATE, reason, at, actor)

    # -- reading -------------------------------------------------------------------------------------
    def history(self, order_id: uuid.UUID) -> list[WorkOrderEvent]:
        with self.store.session() as session:
            self._get(session, WorkOrder, order_id)
            stmt = (
                select(WorkOrderEvent)
                .where(WorkOrderEvent.order_id == order_id, WorkOrderEvent.deleted_at.is_(None))
                .order_by(WorkOrderEvent.at, WorkOrderEvent.created_at)
            )
            return list(session.scalars(stmt))

    def overdue(self, township_id: uuid.UUID, now: datetime | None = None) -> list[OverdueOrder]:
        """Dispatched orders with no first contact whose response deadline has passed, most overdue first."""
        now = now or utcnow()
        with self.store.session() as session:
            stmt = select(WorkOrder).where(
                WorkOrder.township_id == township_id,
                WorkOrder.deleted_at.is_(None),
                WorkOrder.status.in_([S.DISPATCHED, S.ACCEPTED]),
            )
            result = []
            for order in session.scalars(stmt):
                deadline = response_deadline(order)
                if deadline is not None and deadline < now:
                    result.append(OverdueOrder(order, deadline, now - deadline))
        return sorted(result, key=lambda o: o.overdue_by, reverse=True)

    # -- internals -----------------------------------------------------------------------------------
    def _close(
        self, order_id: uuid.UUID, action: OrderAction, reason: str, at: datetime | None, actor: str
    ) -> WorkOrder:
        reason = self._require_text(reason, "reason", "原因", max_len=500)
        with self.store.transaction() as session:
            order = self._get(session, WorkOrder, order_id)
            order.closed_at = self._step(session, order, action, at, actor=actor, note=reason)
            order.closed_reason = reason
            return order

    def _step(
        self,
        session: Session,
        order: WorkOrder,
        action: OrderAction,
        at: datetime | None,
        *,
        actor: str = "",
        note: str = "",
        unit_id: uuid.UUID | None = None,
    ) -> datetime:
        """Check and apply one transition; returns the effective time."""
        previous = order.status
        order.status = next_status(previous, action)
        last = session.scalar(
            select(WorkOrderEvent.at)
            .where(WorkOrderEvent.order_id == order.id, WorkOrderEvent.deleted_at.is_(None))
            .order_by(WorkOrderEvent.at.desc())
            .limit(1)
        )
        when = self._when(at, "at", not_before=last)
        self._event(session, order, action, previous, when, actor=actor, note=note, unit_id=unit_id)
        return when

    def _when(self, at: datetime | None, field_name: str, *, not_before: datetime | None) -> datetime:
        now = utcnow()
        when = now if at is None else aware(at, field_name, "时间")
        if when > now + FUTURE_TOLERANCE:
            raise ValidationError(field_name, "时间不能晚于当前时间")
        if not_before is not None and when < not_before:
            raise ValidationError(field_name, "时间不能早于工单上一步的时间")
        return when

    @staticmethod
    def _event(
        session: Session,
        order: WorkOrder,
        action: OrderAction,
        previous: OrderStatus | None,
        at: datetime,
        *,
        actor: str = "",
        note: str = "",
        unit_id: uuid.UUID | None = None,
    ) -> None:
        session.add(
            WorkOrderEvent(
                township_id=order.township_id,
                order_id=order.id,
                action=action,
                from_status=previous,
                to_status=order.status,
                at=at,
                unit_id=unit_id,
                actor=actor,
                note=note,
            )
        )
