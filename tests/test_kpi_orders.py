"""Closed-loop figures on small hand-made ledgers, each figure worked out on paper in the comments.

Times are written in Shanghai local time (``local("2026-03-02 23:59")``); the ledger stores UTC.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from fractions import Fraction

import pytest

from liandian_desktop.kpi import (
    DEFAULT_SETTINGS,
    KpiReport,
    KpiSettings,
    Outcome,
    Role,
    Scope,
    compute_kpis,
    explain_order,
    parse_period,
)
from liandian_desktop.ledger.models import EvaluationSource, Resolution, Satisfaction, WorkOrder
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

CST = timezone(timedelta(hours=8))
AFTER_ALL = datetime(2026, 4, 30, 12, 0, tzinfo=CST)  # every deadline below has passed by then


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


class Ledger:
    """Orders keyed in the way a coordinator would, through the real service."""

    def __init__(self, store: Store, town: Township1) -> None:
        self.svc = WorkOrderService(store)
        self.town = town

    def order(
        self,
        dispatched: str | None,
        contact: str | None = None,
        *,
        ordered: str | None = None,
        community: int = 0,
        unit: int = 0,
        limit: int = 24,
        title: str = "路灯不亮",
    ) -> WorkOrder:
        when = ordered or dispatched
        assert when is not None
        o = self.svc.create(
            self.town.township_id, self.town.community_ids[community], title, ordered_at=local(when)
        )
        if dispatched is not None:
            self.svc.dispatch(
                o.id, self.town.unit_ids[unit], at=local(dispatched), response_limit_hours=limit
            )
            if contact is not None:
                self.svc.accept(o.id, at=local(dispatched))
                self.svc.record_first_contact(o.id, at=local(contact))
        return self.svc.get(o.id)

    def resolve(self, o: WorkOrder, at: str) -> None:
        self.svc.resolve(o.id, note="已处理", at=local(at))

    def evaluate(
        self,
        o: WorkOrder,
        at: str,
        satisfaction: Satisfaction,
        resolution: Resolution,
        source: EvaluationSource = EvaluationSource.PAPER,
    ) -> None:
        self.svc.evaluate(o.id, satisfaction, resolution, at=local(at), source=source)


@pytest.fixture
def ledger(store: Store, town: Township1) -> Ledger:
    return Ledger(store, town)


def report(
    store: Store,
    town: Township1,
    period: str,
    *,
    as_of: datetime = AFTER_ALL,
    scope: Scope | None = None,
    settings: KpiSettings | None = None,
) -> KpiReport:
    return compute_kpis(
        store, parse_period(period), scope or Scope.township(town.township_id), as_of=as_of, settings=settings
    )


def roles(rep: KpiReport, key: str) -> dict[str, Role]:
    return {r.code: r.role for r in rep[key].records}


# ---------------------------------------------------------------------------------------------------------
# Response: edges of the limit and of the period
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def march(ledger: Ledger) -> dict[str, WorkOrder]:
    o = {
        # 23:59 → 00:01 the next day: 2 minutes, on time (and in March: local dates, not UTC).
        "A": ledger.order("2026-03-02 23:59", "2026-03-03 00:01"),
        # exactly 24 h: on time.
        "B": ledger.order("2026-03-04 09:00", "2026-03-05 09:00"),
        # 24 h 1 min: late.
        "C": ledger.order("2026-03-06 09:00", "2026-03-07 09:01"),
        # never contacted; the deadline (03-11 10:00) passes before as_of: late (overdue).
        "D": ledger.order("2026-03-10 10:00"),
        # dispatched 23:59 on the last day of March (15:59 UTC): March. Contacted 8 h 1 min later: on time.
        "E": ledger.order("2026-03-31 23:59", "2026-04-01 08:00"),
        # 00:00 on 1 April local is 16:00 UTC on 31 March: April, not March.
        "F": ledger.order("2026-04-01 00:00", "2026-04-01 00:30"),
        "G": ledger.order("2026-03-12 09:00"),
        "H": ledger.order("2026-03-13 09:00"),
        # ordered in March, never dispatched: received, but in no response figure.
        "I": ledger.order(None, ordered="2026-03-14 08:00"),
    }
    ledger.svc.withdraw(o["G"].id, reason="居民已自行解决", at=local("2026-03-12 10:00"))
    ledger.svc.accept(o["H"].id, at=local("2026-03-13 09:30"))
    ledger.svc.invalidate(o["H"].id, reason="重复提交", at=local("2026-03-13 12:00"))
    return o


def test_response_figures_at_the_edges(store: Store, town: Township1, march: dict[str, WorkOrder]) -> None:
    rep = report(store, town, "2026-03")
    # dispatched in March: A B C D E G H = 7 (F is April; I was never dispatched)
    assert rep["orders_dispatched"].value == 7
    assert rep["orders_received"].value == 8  # A–E, G, H, I (F ordered 1 April 00:00 local)
    # withdrawn G and invalid H are left out of every denominator and counted apart
    assert rep["orders_withdrawn"].value == 1 and rep["orders_invalid"].value == 1
    assert roles(rep, "orders_withdrawn") == {march["G"].code: Role.EXCLUDED}
    assert roles(rep, "orders_invalid") == {march["H"].code: Role.EXCLUDED}
    # on time: A (2 min), B (24 h exactly), E (8 h 1 min) = 3; late: C (24 h 1 min), D (overdue) = 2
    # 响应率 = 3 ÷ (3 + 2) = 3/5
    rr = rep["response_rate"]
    assert (rr.numerator, rr.denominator, rr.value) == (3, 5, Fraction(3, 5))
    assert rr.meets is False  # 60 % < 95 %
    assert roles(rep, "response_rate") == {
        march["A"].code: Role.HIT,
        march["B"].code: Role.HIT,
        march["E"].code: Role.HIT,
        march["C"].code: Role.MISS,
        march["D"].code: Role.MISS,
        march["G"].code: Role.EXCLUDED,
        march["H"].code: Role.EXCLUDED,
    }
    assert rep["response_overdue"].value == 1 and rep["response_pending"].value == 0
    # 平均响应时长 over the contacted valid orders A, B, C, E:
    #   2 min + 24 h + 24 h 1 min + 8 h 1 min = 56 h 4 min = 3364 min; ÷ 4 = 841 min = 14 h 1 min
    mean = rep["mean_response_hours"]
    assert mean.denominator == 4
    assert mean.numerator == Fraction(3364, 60)
    assert mean.value == Fraction(841, 60)  # 14.0166… hours
    assert mean.meets is True  # ≤ 24 h
    assert "1 张超时未联系" in mean.note  # D has no duration: in the rate, not in the mean

    april = report(store, town, "2026-04")
    # only F: dispatched 00:00 local 1 April, contacted 30 min later → 1 ÷ 1
    assert (april["response_rate"].numerator, april["response_rate"].denominator) == (1, 1)
    assert april["mean_response_hours"].value == Fraction(1, 2)


def test_pending_is_left_out_until_decided(
    store: Store, town: Township1, march: dict[str, WorkOrder]
) -> None:
    # At 20:00 on 10 March, D (dispatched 10:00, due 11 March 10:00) is not late yet: pending.
    rep = report(store, town, "2026-03", as_of=local("2026-03-10 20:00"))
    assert rep["response_pending"].value == 1
    assert roles(rep, "response_pending") == {march["D"].code: Role.PENDING}
    # on time A B E = 3, late C = 1 → 3/4; D waits outside the denominator
    assert (rep["response_rate"].numerator, rep["response_rate"].denominator) == (3, 4)
    # exactly at the deadline it is still pending; one second later it is late
    at_deadline = report(store, town, "2026-03", as_of=local("2026-03-11 10:00"))
    assert at_deadline["response_pending"].value == 1
    after = report(store, town, "2026-03", as_of=local("2026-03-11 10:00:01"))
    assert after["response_pending"].value == 0 and after["response_overdue"].value == 1
    assert (after["response_rate"].numerator, after["response_rate"].denominator) == (3, 5)


def test_explain_order_says_why(store: Store, town: Township1, march: dict[str, WorkOrder]) -> None:
    a = explain_order(store, march["A"].code, as_of=AFTER_ALL)
    assert a.response.outcome is Outcome.ON_TIME
    assert a.response.elapsed == timedelta(minutes=2)
    text = a.text()
    assert "派单 2026-03-02 23:59" in text and "首次联系 2026-03-03 00:01" in text
    assert "截止 2026-03-03 23:59" in text and "用时 2 分" in text and "按时" in text
    assert "归入 2026-03" in text

    b = explain_order(store, march["B"].id, as_of=AFTER_ALL)
    assert b.response.outcome is Outcome.ON_TIME and "恰好在截止时刻" in b.text()

    c = explain_order(store, march["C"].code, as_of=AFTER_ALL)
    assert c.response.outcome is Outcome.LATE
    assert "用时 1 天 1 分" in c.text() and "晚于截止 1 分" in c.text()

    d_pending = explain_order(store, march["D"].code, as_of=local("2026-03-10 20:00"))
    assert d_pending.response.outcome is Outcome.PENDING
    assert "距截止还有 14 小时" in d_pending.text() and "暂不计入响应率分母" in d_pending.text()
    d_late = explain_order(store, march["D"].code, as_of=local("2026-03-12 10:00"))
    assert d_late.response.outcome is Outcome.OVERDUE and "已超时 1 天" in d_late.text()

    g = explain_order(store, march["G"].code, as_of=AFTER_ALL)
    assert g.excluded and g.response.outcome is Outcome.WITHDRAWN
    assert "已撤回（2026-03-12 10:00，原因：居民已自行解决）" in g.text()
    assert "不进入响应率" in g.text()

    e = explain_order(store, march["E"].code, as_of=AFTER_ALL)
    assert "归入 2026-03" in e.text()  # 23:59 on 31 March local

    i = explain_order(store, march["I"].code, as_of=AFTER_ALL)
    assert i.response.outcome is Outcome.NOT_DISPATCHED


def test_explain_orders_withdrawn_or_invalidated(store: Store, town: Township1, ledger: Ledger) -> None:
    never = ledger.order(None, ordered="2026-03-01 08:00")
    ledger.svc.withdraw(never.id, reason="打错电话", at=local("2026-03-01 09:00"))
    text = explain_order(store, never.code, as_of=AFTER_ALL).text()
    assert "已撤回（2026-03-01 09:00，原因：打错电话）" in text and "尚未派单" in text
    # contacted on time, then invalidated: the times are still shown, but nothing is counted
    dup = ledger.order("2026-03-02 09:00", "2026-03-02 09:30")
    ledger.svc.invalidate(dup.id, reason="重复工单", at=local("2026-03-02 10:00"))
    x = explain_order(store, dup.code, as_of=AFTER_ALL)
    assert x.excluded and x.response.outcome is Outcome.INVALID
    assert "若未被排除则为按时响应" in x.text() and "计入响应率分子" not in x.text()
    assert "已作废（无效工单）（2026-03-02 10:00，原因：重复工单）" in x.text()


def test_a_period_with_nothing(store: Store, town: Township1) -> None:
    rep = report(store, town, "2025")
    for key in (
        "response_rate",
        "mean_response_hours",
        "resolution_rate",
        "satisfaction_rate",
        "evaluation_rate",
        "third_party_satisfaction_rate",
        "activity_satisfaction_rate",
    ):
        assert rep[key].value is None, key
        assert rep[key].display() == "无数据"
        assert rep[key].meets is None
    for key in (
        "orders_received",
        "orders_dispatched",
        "orders_withdrawn",
        "orders_invalid",
        "response_pending",
        "orders_evaluated",
    ):
        assert rep[key].value == 0, key
    assert rep["resolution_rate"].note == "本期没有已评价的工单（不是 0%）"
    data = rep.to_json()
    assert data["figures"]["response_rate"]["value"] is None
    assert data["figures"]["orders_dispatched"]["value"] == 0


def test_no_evaluations_at_all(store: Store, town: Township1, march: dict[str, WorkOrder]) -> None:
    rep = report(store, town, "2026-03")
    # orders but not a single evaluation, nor a resolution: no division by zero, no false 0 %
    assert rep["orders_evaluated"].value == 0
    for key in ("resolution_rate", "satisfaction_rate", "evaluation_rate"):
        assert rep[key].value is None and rep[key].denominator == 0
    assert rep.to_json()["figures"]["satisfaction_rate"]["display"] == "无数据"


# ---------------------------------------------------------------------------------------------------------
# Evaluations: reopened orders, withdrawn after evaluation, months
# ---------------------------------------------------------------------------------------------------------


def test_evaluation_figures_with_reopened_orders(store: Store, town: Township1, ledger: Ledger) -> None:
    S, R = Satisfaction, Resolution
    # All dispatched and contacted in February, so March has evaluations but no dispatches.
    j, k, l_, m, n, p = (
        ledger.order(f"2026-02-{d:02d} 09:00", f"2026-02-{d:02d} 10:00") for d in range(2, 8)
    )
    ledger.resolve(j, "2026-03-19 10:00")
    ledger.evaluate(j, "2026-03-20 10:00", S.VERY_SATISFIED, R.RESOLVED)
    # K: 不满意/未解决, reopened, resolved again, 满意/已解决 — all in March: counts once, by the last.
    ledger.resolve(k, "2026-03-20 10:00")
    ledger.evaluate(k, "2026-03-21 10:00", S.DISSATISFIED, R.UNRESOLVED)
    ledger.svc.reopen(k.id, reason="又坏了", at=local("2026-03-22 10:00"))
    ledger.resolve(k, "2026-03-25 10:00")
    ledger.evaluate(k, "2026-03-26 10:00", S.SATISFIED, R.RESOLVED)
    # L: 基本满意/部分解决 in March; reopened in April and rated 不满意/已解决 there.
    ledger.resolve(l_, "2026-03-27 10:00")
    ledger.evaluate(l_, "2026-03-28 10:00", S.BASICALLY_SATISFIED, R.PARTLY)
    ledger.svc.reopen(l_.id, reason="只修了一半", at=local("2026-04-02 10:00"))
    ledger.resolve(l_, "2026-04-05 10:00")
    ledger.evaluate(l_, "2026-04-06 10:00", S.DISSATISFIED, R.RESOLVED)
    # M: evaluated, then reopened and withdrawn: excluded from the March denominators, counted apart.
    ledger.resolve(m, "2026-03-14 10:00")
    ledger.evaluate(m, "2026-03-15 10:00", S.SATISFIED, R.RESOLVED)
    ledger.svc.reopen(m.id, reason="复查", at=local("2026-03-16 10:00"))
    ledger.svc.withdraw(m.id, reason="居民搬离", at=local("2026-03-17 10:00"))
    # N: a third-party evaluation, 非常不满意/未解决.
    ledger.resolve(n, "2026-03-28 10:00")
    ledger.evaluate(n, "2026-03-29 10:00", S.VERY_DISSATISFIED, R.UNRESOLVED, EvaluationSource.THIRD_PARTY)
    # P: resolved on 30 March, never evaluated.
    ledger.resolve(p, "2026-03-30 10:00")

    rep = report(store, town, "2026-03")
    # March: no dispatch at all → response figures have no data
    assert rep["response_rate"].value is None and rep["orders_dispatched"].value == 0
    # valid evaluated orders: J, K, L, N = 4 (M excluded: withdrawn)
    assert rep["orders_evaluated"].value == 4
    assert rep["evaluations_excluded"].value == 1
    assert roles(rep, "evaluations_excluded") == {m.code: Role.EXCLUDED}
    # 解决率: 已解决 J, K(last) = 2 ÷ 4 (L 部分解决 and N 未解决 are not resolved) = 1/2
    res = rep["resolution_rate"]
    assert (res.numerator, res.denominator) == (2, 4)
    assert roles(rep, "resolution_rate") == {
        j.code: Role.HIT,
        k.code: Role.HIT,
        l_.code: Role.MISS,
        n.code: Role.MISS,
        m.code: Role.EXCLUDED,
    }
    k_line = next(r.reason for r in res.records if r.code == k.code)
    assert "本期共 2 次测评，以最后一次为准" in k_line
    # 满意率: J 非常满意, K 满意, L 基本满意 = 3 ÷ 4 (N 非常不满意)
    sat = rep["satisfaction_rate"]
    assert (sat.numerator, sat.denominator, sat.value) == (3, 4, Fraction(3, 4))
    assert sat.meets is False  # 75 % < 85 %
    # 评价率: resolved in March J, K (last 03-25), L, N, P (M withdrawn) = 5; evaluated after: J K L N = 4
    ev = rep["evaluation_rate"]
    assert (ev.numerator, ev.denominator) == (4, 5)
    assert roles(rep, "evaluation_rate")[p.code] is Role.MISS
    assert roles(rep, "evaluation_rate")[m.code] is Role.EXCLUDED
    # 第三方测评满意率: N only, not satisfied → 0 ÷ 1 (a real 0 %, not "no data")
    tp = rep["third_party_satisfaction_rate"]
    assert (tp.numerator, tp.denominator, tp.value) == (0, 1, Fraction(0))

    april = report(store, town, "2026-04")
    # April: L only, 不满意/已解决 → resolution 1/1, satisfaction 0/1; evaluation rate 1/1
    assert (april["resolution_rate"].numerator, april["resolution_rate"].denominator) == (1, 1)
    assert (april["satisfaction_rate"].numerator, april["satisfaction_rate"].denominator) == (0, 1)
    assert (april["evaluation_rate"].numerator, april["evaluation_rate"].denominator) == (1, 1)

    # The quarter takes each order's last evaluation in the quarter: L counts by April's.
    q2 = report(store, town, "2026-Q2")
    assert (q2["satisfaction_rate"].numerator, q2["satisfaction_rate"].denominator) == (0, 1)
    q1 = report(store, town, "2026-Q1")
    assert (q1["satisfaction_rate"].numerator, q1["satisfaction_rate"].denominator) == (3, 4)
    # February (dispatch month): 6 orders, each contacted after 1 h; M is withdrawn now → 5/5, mean 1 h
    feb = report(store, town, "2026-02")
    assert (feb["response_rate"].numerator, feb["response_rate"].denominator) == (5, 5)
    assert feb["orders_withdrawn"].value == 1 and feb["mean_response_hours"].value == 1

    text = explain_order(store, k.code, as_of=AFTER_ALL).text()
    assert "曾重新办理 1 次" in text
    assert "同月 2026-03-26 10:00 另有测评" in text  # the first March evaluation is replaced
    assert "归入 2026-03；解决率：计为已解决；满意率：计为满意" in text
    l_text = explain_order(store, l_.code, as_of=AFTER_ALL).text()
    assert "解决率：计为未解决（部分解决不算已解决）" in l_text
    assert "办结 2026-03-27 10:00（评价率归入 2026-03）：2026-03-28 10:00 获评价" in l_text
    m_text = explain_order(store, m.code, as_of=AFTER_ALL).text()
    assert "工单已排除，不计入" in m_text


# ---------------------------------------------------------------------------------------------------------
# Scope: a unit paired with two communities
# ---------------------------------------------------------------------------------------------------------


def test_unit_scope_aggregates_its_communities(store: Store, town: Township1, ledger: Ledger) -> None:
    c1, c2 = town.community_ids
    u1, u2 = town.unit_ids
    # u2 (卫健局) is paired with both communities; u1 (民政局) only with c1.
    x = ledger.order("2026-03-02 09:00", "2026-03-02 10:00", community=0, unit=1)  # c1, u2, on time
    y = ledger.order("2026-03-03 09:00", "2026-03-05 09:00", community=1, unit=1)  # c2, u2, 48 h: late
    z = ledger.order("2026-03-04 09:00", "2026-03-04 09:30", community=0, unit=0)  # c1, u1, on time

    unit2 = report(store, town, "2026-03", scope=Scope.unit(u2))
    # u2: x on time, y late → 1/2; mean (1 h + 48 h) / 2 = 24.5 h
    assert (unit2["response_rate"].numerator, unit2["response_rate"].denominator) == (1, 2)
    assert unit2["mean_response_hours"].value == Fraction(49, 2)
    assert set(roles(unit2, "response_rate")) == {x.code, y.code}
    # coverage in unit scope: its two communities
    assert unit2.scope.community_ids == tuple(sorted([c1, c2]))

    comm1 = report(store, town, "2026-03", scope=Scope.community(c1))
    # c1: x (u2) and z (u1), both on time → 2/2; mean (1 h + 0.5 h) / 2 = 0.75 h
    assert set(roles(comm1, "response_rate")) == {x.code, z.code}
    assert comm1["response_rate"].value == 1 and comm1["mean_response_hours"].value == Fraction(3, 4)
    comm2 = report(store, town, "2026-03", scope=Scope.community(c2))
    assert set(roles(comm2, "response_rate")) == {y.code} and comm2["response_rate"].value == 0
    unit1 = report(store, town, "2026-03", scope=Scope.unit(u1))
    assert set(roles(unit1, "response_rate")) == {z.code}
    township = report(store, town, "2026-03")
    # township: 2 on time of 3
    assert (township["response_rate"].numerator, township["response_rate"].denominator) == (2, 3)


def test_redispatched_order_belongs_to_the_new_unit_and_keeps_its_clock(
    store: Store, town: Township1, ledger: Ledger
) -> None:
    u1, u2 = town.unit_ids
    o = ledger.order("2026-03-02 09:00")
    ledger.svc.redispatch(o.id, u2, reason="业务不对口", at=local("2026-03-02 20:00"))
    ledger.svc.accept(o.id, at=local("2026-03-03 08:00"))
    ledger.svc.record_first_contact(o.id, at=local("2026-03-03 09:30"))
    # The clock runs from the first dispatch (03-02 09:00): 24 h 30 min → late, and it is u2's order.
    assert report(store, town, "2026-03", scope=Scope.unit(u2))["response_rate"].value == 0
    assert report(store, town, "2026-03", scope=Scope.unit(u1))["response_rate"].denominator == 0


# ---------------------------------------------------------------------------------------------------------
# Working-hours clock
# ---------------------------------------------------------------------------------------------------------


def test_working_hours_limit_across_a_weekend(store: Store, town: Township1, ledger: Ledger) -> None:
    working = replace(DEFAULT_SETTINGS, clock=replace(DEFAULT_SETTINGS.clock, mode="working"))
    # Friday 6 March 2026, 16:00, limit 8 working hours:
    #   Fri 16:00–17:30 = 1.5 h; Mon 9 March 08:30–12:00 = 3.5 h (5 h); Mon 14:00–17:00 = 3 h → due Mon 17:00
    on_time = ledger.order("2026-03-06 16:00", "2026-03-09 17:00", limit=8)
    late = ledger.order("2026-03-06 16:00", "2026-03-09 17:01", limit=8)
    # Friday 11:00, limit 1 h: the hour runs out at 12:00; no working time passes over lunch, so contact up
    # to 14:00 is still within 1 working hour.
    lunch = ledger.order("2026-03-06 11:00", "2026-03-06 14:00", limit=1)
    rep = report(store, town, "2026-03", settings=working)
    assert roles(rep, "response_rate") == {on_time.code: Role.HIT, late.code: Role.MISS, lunch.code: Role.HIT}
    assert (rep["response_rate"].numerator, rep["response_rate"].denominator) == (2, 3)
    # the mean stays in calendar hours (what residents waited): 73 h + 73 h 1 min + 3 h = 149 h 1 min, ÷ 3
    assert rep["mean_response_hours"].value == Fraction(149 * 60 + 1, 3 * 60)
    text = explain_order(store, on_time.code, settings=working, as_of=AFTER_ALL).text()
    assert "时限 8 工作小时（截止 2026-03-09 17:00）" in text
    assert "用时 3 天 1 小时（工作时间 8 小时）" in text
    # The same orders on the calendar clock: only the lunch order (3 h ≥ 1 h) — late too; 0/3.
    calendar = report(store, town, "2026-03")
    assert calendar["response_rate"].value == 0


def test_settings_limit_can_override_the_recorded_one(store: Store, town: Township1, ledger: Ledger) -> None:
    o = ledger.order("2026-03-02 09:00", "2026-03-03 10:00", limit=48)  # 25 h: on time by its own 48 h
    assert report(store, town, "2026-03")["response_rate"].value == 1
    strict = replace(DEFAULT_SETTINGS, clock=replace(DEFAULT_SETTINGS.clock, use_order_limit=False))
    rep = report(store, town, "2026-03", settings=strict)  # judged by the settings' 24 h instead
    assert roles(rep, "response_rate") == {o.code: Role.MISS}


def test_interim_targets_apply_until_month_nine(store: Store, town: Township1) -> None:
    s = replace(DEFAULT_SETTINGS, interim=replace(DEFAULT_SETTINGS.interim, programme_start="2026-01"))
    # programme from January 2026: month 9 is September; periods ending by 30 September use 90/85/80
    sep = report(store, town, "2026-09", settings=s)
    assert sep["response_rate"].target is not None and sep["response_rate"].target.threshold == Fraction(
        9, 10
    )
    assert sep["resolution_rate"].target.threshold == Fraction(85, 100)  # type: ignore[union-attr]
    assert sep["satisfaction_rate"].target.threshold == Fraction(8, 10)  # type: ignore[union-attr]
    assert sep.to_json()["interim_targets"] is True
    oct_ = report(store, town, "2026-10", settings=s)
    assert oct_["response_rate"].target.threshold == Fraction(95, 100)  # type: ignore[union-attr]
    assert oct_["satisfaction_rate"].target.threshold == Fraction(85, 100)  # type: ignore[union-attr]
    # Q3 ends on 30 September: interim; the year does not
    assert report(store, town, "2026-Q3", settings=s).interim
    assert not report(store, town, "2026", settings=s).interim
