"""The closed loop: every legal transition works and is recorded; every illegal one is refused and
changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from liandian_desktop.ledger.errors import TransitionError, ValidationError
from liandian_desktop.ledger.models import (
    Evaluation,
    OrderAction,
    OrderStatus,
    Resolution,
    Satisfaction,
    WorkOrder,
    WorkOrderEvent,
)
from liandian_desktop.ledger.services.orders import (
    TRANSITIONS,
    WorkOrderService,
    allowed_actions,
    next_status,
    response_deadline,
)
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

S = OrderStatus
A = OrderAction
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def svc(store: Store) -> WorkOrderService:
    return WorkOrderService(store)


# Actions that lead from CREATED to each state, one hour apart.
PATHS: dict[OrderStatus, list[OrderAction]] = {
    S.CREATED: [],
    S.DISPATCHED: [A.DISPATCH],
    S.ACCEPTED: [A.DISPATCH, A.ACCEPT],
    S.IN_PROGRESS: [A.DISPATCH, A.ACCEPT, A.FIRST_CONTACT],
    S.RESOLVED: [A.DISPATCH, A.ACCEPT, A.FIRST_CONTACT, A.RESOLVE],
    S.EVALUATED: [A.DISPATCH, A.ACCEPT, A.FIRST_CONTACT, A.RESOLVE, A.EVALUATE],
    S.WITHDRAWN: [A.WITHDRAW],
    S.INVALID: [A.INVALIDATE],
}


def do(svc: WorkOrderService, town: Township1, order: WorkOrder, action: OrderAction, at: datetime) -> None:
    unit_a, unit_b = town.unit_ids
    match action:
        case A.DISPATCH:
            svc.dispatch(order.id, unit_a, at=at)
        case A.REDISPATCH:
            svc.redispatch(order.id, unit_b, reason="业务不对口", at=at)
        case A.ACCEPT:
            svc.accept(order.id, at=at)
        case A.FIRST_CONTACT:
            svc.record_first_contact(order.id, at=at, note="电话联系")
        case A.RESOLVE:
            svc.resolve(order.id, note="已修好", at=at)
        case A.EVALUATE:
            svc.evaluate(order.id, Satisfaction.SATISFIED, Resolution.RESOLVED, at=at)
        case A.REOPEN:
            svc.reopen(order.id, reason="又坏了", at=at)
        case A.WITHDRAW:
            svc.withdraw(order.id, reason="居民已自行解决", at=at)
        case A.INVALIDATE:
            svc.invalidate(order.id, reason="重复提交", at=at)
        case _:
            raise AssertionError(action)


def order_in(svc: WorkOrderService, town: Township1, status: OrderStatus) -> WorkOrder:
    order = svc.create(
        town.township_id,
        town.community_ids[0],
        "路灯不亮",
        ordered_at=T0,
        requester_name="王秀英",
        requester_phone="13812345678",
    )
    for i, action in enumerate(PATHS[status], start=1):
        do(svc, town, order, action, T0 + timedelta(hours=i))
    got = svc.get(order.id)
    assert got.status is status
    return got


def test_table_covers_every_action() -> None:
    assert set(TRANSITIONS) == set(OrderAction)


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", [a for a in OrderAction if a is not A.CREATE])
def test_every_transition(
    svc: WorkOrderService, town: Township1, store: Store, status: OrderStatus, action: OrderAction
) -> None:
    order = order_in(svc, town, status)
    events_before = len(svc.history(order.id))
    at = T0 + timedelta(hours=10)
    legal = status in TRANSITIONS[action][0]
    if legal:
        do(svc, town, order, action, at)
        after = svc.get(order.id)
        assert after.status is TRANSITIONS[action][1]
        history = svc.history(order.id)
        assert len(history) == events_before + 1
        last = history[-1]
        assert (last.action, last.from_status, last.to_status, last.at) == (action, status, after.status, at)
    else:
        with pytest.raises(TransitionError) as err:
            do(svc, town, order, action, at)
        assert status.label in err.value.message and action.label in err.value.message
        after = svc.get(order.id)
        assert after.status is status
        assert after.updated_at == order.updated_at
        assert len(svc.history(order.id)) == events_before


def test_full_loop_sets_every_timestamp(svc: WorkOrderService, town: Township1, store: Store) -> None:
    order = order_in(svc, town, S.EVALUATED)
    assert order.dispatched_at == T0 + timedelta(hours=1)
    assert order.accepted_at == T0 + timedelta(hours=2)
    assert order.first_contact_at == T0 + timedelta(hours=3)
    assert order.resolved_at == T0 + timedelta(hours=4)
    assert order.evaluated_at == T0 + timedelta(hours=5)
    assert order.unit_id == town.unit_ids[0]
    assert order.resolution_note == "已修好"
    assert response_deadline(order) == T0 + timedelta(hours=25)
    assert [e.action for e in svc.history(order.id)] == [A.CREATE, *PATHS[S.EVALUATED]]
    with store.session() as s:
        ev = s.scalars(select(Evaluation).where(Evaluation.work_order_id == order.id)).one()
    assert (ev.satisfaction, ev.resolution, ev.evaluated_at) == (
        Satisfaction.SATISFIED,
        Resolution.RESOLVED,
        T0 + timedelta(hours=5),
    )
    assert ev.community_id == town.community_ids[0]


def test_reopen_clears_resolution_and_keeps_history(svc: WorkOrderService, town: Township1) -> None:
    order = order_in(svc, town, S.EVALUATED)
    svc.reopen(order.id, reason="灯又灭了", at=T0 + timedelta(days=2))
    reopened = svc.get(order.id)
    assert (reopened.status, reopened.reopen_count) == (S.IN_PROGRESS, 1)
    assert reopened.resolved_at is None and reopened.evaluated_at is None
    assert reopened.first_contact_at == T0 + timedelta(hours=3)  # the response time stands
    svc.resolve(order.id, note="更换灯具", at=T0 + timedelta(days=3))
    assert svc.get(order.id).resolved_at == T0 + timedelta(days=3)
    actions = [e.action for e in svc.history(order.id)]
    assert actions.count(A.RESOLVE) == 2 and actions.count(A.REOPEN) == 1


def test_redispatch_keeps_first_dispatch_time(svc: WorkOrderService, town: Township1) -> None:
    order = order_in(svc, town, S.DISPATCHED)
    svc.redispatch(order.id, town.unit_ids[1], reason="业务不对口", at=T0 + timedelta(hours=3))
    after = svc.get(order.id)
    assert after.unit_id == town.unit_ids[1]
    assert after.dispatched_at == T0 + timedelta(hours=1)
    with pytest.raises(ValidationError) as err:
        svc.redispatch(order.id, town.unit_ids[1], reason="再改", at=T0 + timedelta(hours=4))
    assert err.value.field == "unit_id"
    with pytest.raises(ValidationError) as err:
        svc.redispatch(order.id, town.unit_ids[0], reason="  ", at=T0 + timedelta(hours=4))
    assert err.value.field == "reason"


def test_time_never_goes_backwards_or_into_the_future(svc: WorkOrderService, town: Township1) -> None:
    order = order_in(svc, town, S.DISPATCHED)
    with pytest.raises(ValidationError) as err:
        svc.accept(order.id, at=T0)  # before the dispatch at T0+1h
    assert err.value.field == "at" and "早于" in err.value.message
    with pytest.raises(ValidationError) as err:
        svc.accept(order.id, at=datetime.now(UTC) + timedelta(hours=2))
    assert "晚于当前" in err.value.message
    with pytest.raises(ValidationError):
        svc.accept(order.id, at=datetime(2026, 3, 2, 12, 0))  # naive: which zone?
    assert svc.get(order.id).status is S.DISPATCHED


def test_contact_keyed_across_midnight(svc: WorkOrderService, town: Township1) -> None:
    """Dispatched 23:59, contacted 00:01 the next day (Shanghai): 2 minutes, and the events say so."""
    dispatched = datetime(2026, 3, 2, 15, 59, tzinfo=UTC)  # 23:59 +08:00
    order = svc.create(town.township_id, town.community_ids[0], "邻里纠纷", ordered_at=dispatched)
    svc.dispatch(order.id, town.unit_ids[0], at=dispatched)
    svc.accept(order.id, at=dispatched + timedelta(minutes=1))
    svc.record_first_contact(order.id, at=dispatched + timedelta(minutes=2))
    got = svc.get(order.id)
    assert got.first_contact_at is not None and got.dispatched_at is not None
    assert got.first_contact_at - got.dispatched_at == timedelta(minutes=2)


def test_closing_needs_a_reason(svc: WorkOrderService, town: Township1) -> None:
    order = order_in(svc, town, S.ACCEPTED)
    for close in (svc.withdraw, svc.invalidate):
        with pytest.raises(ValidationError) as err:
            close(order.id, reason="", at=T0 + timedelta(hours=5))
        assert err.value.field == "reason"
    svc.withdraw(order.id, reason="居民已搬离", at=T0 + timedelta(hours=5))
    closed = svc.get(order.id)
    assert (closed.status, closed.closed_reason, closed.closed_at) == (
        S.WITHDRAWN,
        "居民已搬离",
        T0 + timedelta(hours=5),
    )


def test_create_validates(svc: WorkOrderService, town: Township1, store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        svc.create(town.township_id, town.community_ids[0], "   ")
    assert err.value.field == "title"
    with pytest.raises(ValidationError) as err:
        svc.create(town.township_id, town.community_ids[0], "漏水", requester_phone="12345")
    assert err.value.field == "requester_phone"
    with pytest.raises(ValidationError) as err:
        svc.dispatch(
            svc.create(town.township_id, town.community_ids[0], "漏水").id,
            town.unit_ids[0],
            response_limit_hours=0,
        )
    assert err.value.field == "response_limit_hours"
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(WorkOrder)) == 1


def test_overdue_lists_only_late_uncontacted_orders(svc: WorkOrderService, town: Township1) -> None:
    late = order_in(svc, town, S.ACCEPTED)  # dispatched T0+1h, due T0+25h
    on_time = order_in(svc, town, S.IN_PROGRESS)
    fresh = svc.create(town.township_id, town.community_ids[1], "新单", ordered_at=T0)
    svc.dispatch(fresh.id, town.unit_ids[1], at=T0 + timedelta(hours=20), response_limit_hours=48)
    now = T0 + timedelta(hours=30)
    overdue = svc.overdue(town.township_id, now=now)
    assert [o.order.id for o in overdue] == [late.id]
    assert overdue[0].overdue_by == timedelta(hours=5)
    assert on_time.id not in {o.order.id for o in overdue}


def test_allowed_actions_and_messages() -> None:
    assert allowed_actions(S.CREATED) == [A.DISPATCH, A.WITHDRAW, A.INVALIDATE]
    assert allowed_actions(S.EVALUATED) == [A.REOPEN]
    assert allowed_actions(S.WITHDRAWN) == []
    with pytest.raises(TransitionError) as err:
        next_status(S.WITHDRAWN, A.DISPATCH)
    assert "可进行的操作：无" in err.value.message


def test_every_event_is_synced_and_stamped(svc: WorkOrderService, town: Township1, store: Store) -> None:
    order = order_in(svc, town, S.RESOLVED)
    with store.session() as s:
        events = list(s.scalars(select(WorkOrderEvent).where(WorkOrderEvent.order_id == order.id)))
    assert len(events) == 5
    assert {e.device_id for e in events} == {store.device_id}
    assert {e.township_id for e in events} == {town.township_id}
