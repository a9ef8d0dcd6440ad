"""The monthly unit assessment: ranks and lists of hand-made totals, then a hand-made month scored
indicator by indicator, stored, refused when closed, and the two-months-running assistance flag."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from liandian_desktop.kpi import (
    DEFAULT_SETTINGS,
    ListColour,
    MonthClosedError,
    assess_month,
    place_units,
    record_innovation,
    save_assessment,
    stored_results,
)
from liandian_desktop.kpi.settings import ListRules
from liandian_desktop.ledger.catalogue import reference_id
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    AssessmentResult,
    Attendance,
    AttendanceStatus,
    Cadre,
    CadreDay,
    CadreKind,
    Evaluation,
    EvaluationSource,
    InnovationScore,
    Resolution,
    Satisfaction,
    TrainingRecord,
)
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

CST = timezone(timedelta(hours=8))
RULES = DEFAULT_SETTINGS.assessment.lists


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


# ---------------------------------------------------------------------------------------------------------
# Ranking and lists (pure)
# ---------------------------------------------------------------------------------------------------------


def test_ranking_and_colours_of_twelve_units() -> None:
    totals = dict(zip("ABCDEFGHIJKL", [95, 92, 88, 80, 76, 74, 70, 65, 61, 59, 58, 50], strict=True))
    placed = place_units({k: Decimal(v) for k, v in totals.items()}, RULES)
    # n = 12 → deciles of ⌈1.2⌉ = 2 units
    assert [placed[k].rank for k in "ABCDEFGHIJKL"] == list(range(1, 13))
    assert {k for k, p in placed.items() if p.top_decile} == {"A", "B"}
    assert {k for k, p in placed.items() if p.bottom_decile} == {"K", "L"}
    colours = {k: placed[k].colour for k in totals}
    # red: top 2 and ≥ 90 → A B; black: < 60 → J K L; yellow: < 75 → F G H I; the rest none
    assert colours == {
        "A": ListColour.RED,
        "B": ListColour.RED,
        "C": ListColour.NONE,
        "D": ListColour.NONE,
        "E": ListColour.NONE,
        "F": ListColour.YELLOW,
        "G": ListColour.YELLOW,
        "H": ListColour.YELLOW,
        "I": ListColour.YELLOW,
        "J": ListColour.BLACK,
        "K": ListColour.BLACK,
        "L": ListColour.BLACK,
    }


def test_a_strong_month_blacklists_nobody() -> None:
    totals = {i: Decimal(99 - i) for i in range(12)}  # 99 … 88
    placed = place_units(totals, RULES)
    # the bottom decile (89, 88) is ≥ 75: bottom 10 %, but not on the black list
    assert placed[10].bottom_decile and placed[11].bottom_decile
    assert placed[10].colour is ListColour.NONE and placed[11].colour is ListColour.NONE
    assert [placed[i].colour for i in (0, 1)] == [ListColour.RED, ListColour.RED]
    # a weak month: bottom decile below 75 is black even above 60
    weak = place_units({"a": Decimal(80), "b": Decimal("70.5")}, RULES)
    assert weak["b"].colour is ListColour.BLACK and "后 1 位" in weak["b"].reason


def test_ties_share_rank_and_decile() -> None:
    placed = place_units(
        {"a": Decimal(92), "b": Decimal(92), "c": Decimal(92), "d": Decimal(85), "e": Decimal(70)}, RULES
    )
    # n = 5 → k = 1; the three 92s all have nobody above them: all top decile, all red, all rank 1
    assert [placed[k].rank for k in "abcde"] == [1, 1, 1, 4, 5]
    assert [placed[k].colour for k in "abc"] == [ListColour.RED] * 3
    assert placed["e"].bottom_decile and placed["e"].colour is ListColour.BLACK  # bottom and < 75
    custom = place_units({"a": Decimal(92), "b": Decimal(50)}, ListRules(decile=0.0, black_below=40.0))
    assert custom["b"].colour is ListColour.YELLOW and not custom["b"].bottom_decile


# ---------------------------------------------------------------------------------------------------------
# A hand-made month
# ---------------------------------------------------------------------------------------------------------


def activity(
    store: Store,
    town: Township1,
    when: str,
    community: int | None,
    *,
    unit: int | None,
    kind: ActivityKind = ActivityKind.SERVICE,
    service: str | None = None,
    names: tuple[str, ...] = (),
) -> uuid.UUID:
    with store.transaction() as s:
        a = Activity(
            township_id=town.township_id,
            community_id=None if community is None else town.community_ids[community],
            code=f"HD{uuid.uuid4().hex[:8].upper()}",
            kind=kind,
            title=kind.label,
            starts_at=local(when),
            service_id=None if service is None else reference_id("service", service),
            unit_id=None if unit is None else town.unit_ids[unit],
        )
        s.add(a)
        s.flush()
        for name in names:
            s.add(
                Attendance(
                    township_id=town.township_id, activity_id=a.id, name=name, status=AttendanceStatus.PRESENT
                )
            )
        return a.id


@pytest.fixture
def month(store: Store, town: Township1) -> Township1:
    u1, u2 = town.unit_ids
    c1, c2 = town.community_ids
    tid = town.township_id
    # services in c1, run by u1: 健康义诊 once (1 sign-in), 安全巡查 four times (no sign-in keyed in)
    activity(store, town, "2026-03-10 09:00", 0, unit=0, service="S03", names=("居民甲",))
    for day in (2, 9, 16, 23):
        activity(store, town, f"2026-03-{day:02d} 15:00", 0, unit=0, service="S11")
    # u2's own activity in c2, rated 不满意 by a third party; no sign-in keyed in
    a2 = activity(store, town, "2026-03-12 09:00", 1, unit=1)
    with store.transaction() as s:
        s.add(
            Evaluation(
                township_id=tid,
                community_id=c2,
                activity_id=a2,
                satisfaction=Satisfaction.DISSATISFIED,
                source=EvaluationSource.THIRD_PARTY,
                evaluated_at=local("2026-03-13 10:00"),
            )
        )
    # meetings: a residents' meeting in c2 signed by 李四 (u2's cadre); a township matching meeting run by u1
    activity(
        store, town, "2026-03-20 19:00", 1, unit=None, kind=ActivityKind.MEETING, names=("李四", "居民乙")
    )
    activity(
        store, town, "2026-03-25 09:00", None, unit=0, kind=ActivityKind.MATCHING_MEETING, names=("王五",)
    )
    # orders
    svc = WorkOrderService(store)

    def order(unit: uuid.UUID, community: uuid.UUID, dispatched: str, contact: str) -> uuid.UUID:
        o = svc.create(tid, community, "求助", ordered_at=local(dispatched))
        svc.dispatch(o.id, unit, at=local(dispatched))
        svc.accept(o.id, at=local(dispatched))
        svc.record_first_contact(o.id, at=local(contact))
        return o.id

    o1 = order(u1, c1, "2026-03-02 09:00", "2026-03-02 21:00")  # 12 h
    order(u1, c1, "2026-03-03 09:00", "2026-03-04 21:00")  # 36 h
    o3 = order(u2, c2, "2026-03-04 09:00", "2026-03-06 09:00")  # 48 h
    svc.resolve(o1, note="已修复", at=local("2026-03-05 10:00"))
    svc.evaluate(o1, Satisfaction.SATISFIED, Resolution.RESOLVED, at=local("2026-03-06 10:00"))
    svc.resolve(o3, note="已上门", at=local("2026-03-07 10:00"))  # never evaluated
    # cadres: 张三 (u1) 3 days in March, no training; 李四 (u2) 1 day, 4 h of training
    with store.transaction() as s:
        zhang = Cadre(kind=CadreKind.FULL_TIME, unit_id=u1, name="张三")
        li = Cadre(kind=CadreKind.FULL_TIME, unit_id=u2, name="李四")
        s.add_all([zhang, li])
        s.flush()
        for day in (3, 4, 5):
            s.add(CadreDay(township_id=tid, cadre_id=zhang.id, community_id=c1, day=date(2026, 3, day)))
        s.add(CadreDay(township_id=tid, cadre_id=li.id, community_id=c2, day=date(2026, 3, 3)))
        s.add(
            TrainingRecord(
                township_id=tid,
                cadre_id=li.id,
                trainee_name="李四",
                training_date=date(2026, 3, 9),
                title="群众工作",
                hours=Decimal(4),
            )
        )
    record_innovation(
        store, tid, u1, "2026-03", 15, "开展“联点+智慧养老”项目，有协议与服务台账", scored_by="考核组"
    )
    return town


def test_month_scores_indicator_by_indicator(store: Store, month: Township1) -> None:
    u1, u2 = month.unit_ids
    result = assess_month(store, "2026-03", month.township_id, as_of=local("2026-04-05 09:00"))
    one, two = result.unit(u1), result.unit(u2)
    v1 = {i.key: i.value for i in one.indicators}
    v2 = {i.key: i.value for i in two.indicators}
    # service frequency: c1 has 8 judged services, 2 met (S03 1/1, S11 4/4); c2 none met.
    #   u1 (c1): 2/8 = 1/4; u2 (c1 + c2): 2/16 = 1/8
    assert (v1["service_frequency"], v2["service_frequency"]) == (Fraction(1, 4), Fraction(1, 8))
    # response speed: u1 mean (12 + 36)/2 = 24 h → min(1, 24/24) = 1; u2 48 h → 24/48 = 1/2
    assert (v1["response_speed"], v2["response_speed"]) == (1, Fraction(1, 2))
    # ledger: u1 5 activities (1 with sign-ins) + O1 resolved and evaluated → 2/6; u2 its activity and O3: 0/2
    assert (v1["ledger_completeness"], v2["ledger_completeness"]) == (Fraction(1, 3), 0)
    # meetings: u1 only the township meeting, its own → 1/1; u2 the c2 meeting (李四 signed) and the
    #   township one (nobody of u2) → 1/2
    assert (v1["meetings"], v2["meetings"]) == (1, Fraction(1, 2))
    # cadre days: target 30 × 31/365 = 186/73 ≈ 2.55; 张三 3 → 1; 李四 1 → 73/186
    assert (v1["cadre_days"], v2["cadre_days"]) == (1, Fraction(73, 186))
    # training: target 40 × 31/365 = 248/73 ≈ 3.40 h; 张三 0 → 0; 李四 4 → 1
    assert (v1["training"], v2["training"]) == (0, 1)
    # process u1 = 40 × (0.25·1/4 + 0.20·1 + 0.15·1/3 + 0.10·1 + 0.15·1 + 0.15·0) = 40 × 0.5625 = 22.50
    assert one.process == Decimal("22.50")
    p2 = 40 * (
        Fraction(1, 4) * Fraction(1, 8)
        + Fraction(1, 5) * Fraction(1, 2)
        + Fraction(1, 10) * Fraction(1, 2)
        + Fraction(3, 20) * Fraction(73, 186)
        + Fraction(3, 20)
    )
    assert float(p2) == pytest.approx(15.6048387)  # → 15.60
    assert two.process == Decimal("15.60")
    # results u1: response 1/2, resolution 1/1, satisfaction 1/1, no third party → its weight is shared:
    #   40 × (0.25·1/2 + 0.25 + 0.25) ÷ 0.75 = 40 × 5/6 = 33.33
    assert (v1["response_rate"], v1["resolution_rate"], v1["satisfaction_rate"], v1["third_party"]) == (
        Fraction(1, 2),
        1,
        1,
        None,
    )
    assert one.results == Decimal("33.33")
    assert one.indicator("response_rate").max_points == Fraction(40, 3)  # 40 × 0.25 ÷ 0.75
    # results u2: response 0/1, third party 0/1 (不满意), no evaluated order → 0.00
    assert (v2["response_rate"], v2["resolution_rate"], v2["third_party"]) == (0, None, 0)
    assert two.results == Decimal("0.00")
    # innovation: u1 15 with evidence; u2 nothing
    assert (one.innovation, two.innovation) == (Decimal("15.00"), Decimal("0.00"))
    assert "智慧养老" in one.indicator("innovation").reason
    # totals 70.83 and 15.60; n = 2 → deciles of 1 unit
    assert (one.total, two.total) == (Decimal("70.83"), Decimal("15.60"))
    assert (one.rank, two.rank) == (1, 2)
    assert one.colour is ListColour.YELLOW  # top decile but < 90: not red; < 75: yellow
    assert two.colour is ListColour.BLACK and two.bottom_decile
    # February was never stored: no assistance plan, and the note says why
    assert two.previous_bottom is None and not two.assistance_plan
    assert any("2026-02" in n and "未存档" in n for n in two.notes)
    data = result.to_json()
    assert [u["unit"] for u in data["units"]] == ["区民政局", "区卫生健康局"]
    assert data["units"][0]["total"] == 70.83 and data["units"][1]["list"] == "black"
    assert "区卫生健康局" in result.text() and "黑榜" in result.text()


def test_store_close_refuse_force_and_two_months_running(store: Store, month: Township1) -> None:
    u1, u2 = month.unit_ids
    tid = month.township_id
    march = assess_month(store, "2026-03", tid, as_of=local("2026-04-05 09:00"))
    with pytest.raises(ValidationError):  # March is not over on 31 March
        save_assessment(store, assess_month(store, "2026-03", tid, as_of=local("2026-03-31 20:00")))
    assert save_assessment(store, march) == 2
    rows = {r.unit_id: r for r in stored_results(store, tid, "2026-03")}
    assert (rows[u1].total, rows[u1].rank, rows[u1].list_colour) == (Decimal("70.83"), 1, "yellow")
    assert (rows[u2].total, rows[u2].bottom_decile, rows[u2].assistance_plan) == (
        Decimal("15.60"),
        True,
        False,
    )
    details = json.loads(rows[u1].details)
    assert {i["key"] for i in details["indicators"]} >= {"service_frequency", "third_party", "innovation"}
    # closed: storing again is refused, and so is changing an innovation score
    with pytest.raises(MonthClosedError) as err:
        save_assessment(store, march)
    assert "--force" in err.value.message
    assert assess_month(store, "2026-03", tid, as_of=local("2026-04-06 09:00")).closed
    with pytest.raises(MonthClosedError):
        record_innovation(store, tid, u2, "2026-03", 5, "补充佐证材料一份")
    # forced: the old rows stay as history (soft-deleted), the new ones replace them
    record_innovation(store, tid, u2, "2026-03", 5, "补充佐证材料一份", force=True)
    redo = assess_month(store, "2026-03", tid, as_of=local("2026-04-06 09:00"))
    assert redo.unit(u2).total == Decimal("20.60")  # 15.60 + 5
    assert save_assessment(store, redo, force=True) == 2
    with store.session() as s:
        all_rows = s.scalars(select(AssessmentResult).where(AssessmentResult.month == "2026-03")).all()
    assert sorted(r.deleted_at is None for r in all_rows) == [False, False, True, True]

    # April: nothing happens. Both units score 0 (no data at all → 0), tie at the bottom: both bottom decile.
    april = assess_month(store, "2026-04", tid, as_of=local("2026-05-02 09:00"))
    a1, a2 = april.unit(u1), april.unit(u2)
    assert (a1.total, a2.total) == (Decimal("0.00"), Decimal("0.00"))
    assert a1.bottom_decile and a2.bottom_decile and a1.rank == a2.rank == 1
    assert any("结果考核本月没有可计量的数据" in n for n in a1.notes)
    # u2 was bottom decile in the stored March result too: two months running → assistance plan
    assert (a2.previous_bottom, a2.assistance_plan) == (True, True)
    assert (a1.previous_bottom, a1.assistance_plan) == (False, False)
    assert "帮扶提升计划" in "\n".join(a2.explain_lines())
    save_assessment(store, april)
    stored = {r.unit_id: r for r in stored_results(store, tid, "2026-04")}
    assert stored[u2].assistance_plan and not stored[u1].assistance_plan


def test_innovation_needs_evidence_and_a_sane_score(store: Store, town: Township1) -> None:
    tid, u1 = town.township_id, town.unit_ids[0]
    with pytest.raises(ValidationError) as err:
        record_innovation(store, tid, u1, "2026-03", 10, "   ")
    assert err.value.field == "evidence"
    for bad in (25, -1, "1.234", "abc"):
        with pytest.raises(ValidationError) as err:
            record_innovation(store, tid, u1, "2026-03", bad, "有完整佐证材料")  # type: ignore[arg-type]
        assert err.value.field == "score"
    record_innovation(store, tid, u1, "2026-03", "12.5", "第一次评分的佐证")
    record_innovation(store, tid, u1, "2026-03", 18, "复核后调整，佐证见会议纪要")
    with store.session() as s:
        live = s.scalars(select(InnovationScore).where(InnovationScore.deleted_at.is_(None))).all()
        history = s.scalars(select(InnovationScore).where(InnovationScore.deleted_at.is_not(None))).all()
    assert [r.score for r in live] == [Decimal("18.00")] and [r.score for r in history] == [Decimal("12.50")]
    # a synced score with no evidence counts 0, with the reason shown
    with store.transaction() as s:
        s.add(
            InnovationScore(
                township_id=tid, unit_id=town.unit_ids[1], month="2026-03", score=Decimal(20), evidence=""
            )
        )
    result = assess_month(store, "2026-03", tid, as_of=local("2026-04-05 09:00"))
    assert result.unit(town.unit_ids[1]).innovation == 0
    assert result.unit(town.unit_ids[1]).indicator("innovation").reason == "创新加分没有佐证说明，不计分"
    assert result.unit(u1).innovation == Decimal("18.00")
