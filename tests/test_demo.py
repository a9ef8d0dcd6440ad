"""The demo township: volumes, determinism, and the ledger's rules holding on every generated row."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, literal_column, select

from liandian_desktop.demo import DemoSummary, build_demo
from liandian_desktop.demo.township import DEMO_META_KEY, RARE_CHARACTERS
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Booking,
    BookingStatus,
    Cadre,
    CadreDay,
    CadreDayKind,
    CadreKind,
    Community,
    Evaluation,
    Gender,
    Match,
    MatchStatus,
    OrderStatus,
    Pairing,
    PointsEntry,
    PointsKind,
    Resident,
    ResourceOffer,
    SpecialGroup,
    StandardService,
    Supply,
    SupplyKind,
    Volunteer,
    VolunteerServiceRecord,
    WorkOrder,
    WorkOrderEvent,
)
from liandian_desktop.ledger.validation import (
    birth_date_from_id,
    gender_from_id,
    validate_id_number,
    validate_phone,
)
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

TODAY = date(2026, 11, 20)
SEED = 20260301

# action: (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str | None], str]] = {
    "create": (frozenset({None}), "created"),
    "dispatch": (frozenset({"created"}), "dispatched"),
    "redispatch": (frozenset({"dispatched"}), "dispatched"),
    "accept": (frozenset({"dispatched"}), "accepted"),
    "first_contact": (frozenset({"accepted"}), "in_progress"),
    "resolve": (frozenset({"in_progress"}), "resolved"),
    "evaluate": (frozenset({"resolved"}), "evaluated"),
    "reopen": (frozenset({"resolved", "evaluated"}), "in_progress"),
    "withdraw": (frozenset({"created", "dispatched", "accepted", "in_progress"}), "withdrawn"),
    "invalidate": (frozenset({"created", "dispatched", "accepted", "in_progress"}), "invalid"),
}
# Catalogue rows come from seed_catalogue (real timestamps); ledger_meta holds this device's id.
NOT_DETERMINISTIC = {"demand_categories", "demand_items", "standard_services", "points_rules"}


@dataclass
class Demo:
    store: Store
    summary: DemoSummary
    progress: list[tuple[str, float]]


def _build(folder: Path, *, seed: int = SEED, scale: float = 1.0) -> Demo:
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    calls: list[tuple[str, float]] = []
    summary = build_demo(store, seed=seed, scale=scale, today=TODAY, progress=lambda *a: calls.append(a))
    return Demo(store, summary, calls)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    built = _build(tmp_path_factory.mktemp("demo"))
    yield built
    built.store.close()


def _digest(path: Path, tables: list[str]) -> dict[str, str]:
    """A hash of each table's rows ordered by id, without ``device_id`` (the ledger's own device)."""
    out = {}
    with sqlite3.connect(path) as conn:
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] != "device_id"]
            h = hashlib.sha256()
            for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"):
                h.update(repr(row).encode())
            out[table] = h.hexdigest()
    return out


def test_volumes_at_scale_one(demo: Demo) -> None:
    counts = demo.summary.counts
    assert counts["counties"] == 1 and counts["townships"] == 1
    assert counts["communities"] == 25 and counts["paired_units"] == 12
    assert (
        counts["demand_categories"] == 8
        and counts["demand_items"] == 56
        and counts["standard_services"] == 12
    )
    assert 3_800 <= counts["residents"] <= 4_300
    assert 280 <= counts["volunteers"] <= 320
    assert 750 <= counts["work_orders"] <= 900
    assert 4 * counts["work_orders"] <= counts["work_order_events"] <= 8 * counts["work_orders"]
    assert 600 <= counts["demands"] <= 1_300 and counts["supplies"] >= 4 * 12 * 3 and counts["matches"] >= 300
    assert 3_000 <= counts["activities"] <= 9_000 and counts["attendances"] >= 30_000
    assert (
        counts["volunteer_service_records"] >= 3_000
        and counts["points_entries"] >= counts["volunteer_service_records"]
    )
    for table in (
        "volunteer_trainings",
        "volunteer_awards",
        "evaluations",
        "resource_offers",
        "bookings",
        "cadre_days",
        "training_records",
        "fund_entries",
        "community_service_plans",
        "pairings",
        "cadres",
    ):
        assert counts[table] > 0, table
    assert demo.summary.total == sum(counts.values()) > 50_000
    assert demo.summary.as_of == datetime(2026, 11, 19, 16, 0, tzinfo=UTC)  # midnight in Asia/Shanghai
    assert demo.store.get_meta(DEMO_META_KEY) == f"seed={SEED};scale=1;today=2026-11-20"
    fractions = [f for _, f in demo.progress]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and demo.progress[-1] == ("完成", 1.0)
    assert len({stage for stage, _ in demo.progress}) >= 8


def test_same_seed_and_day_build_identical_rows(tmp_path: Path) -> None:
    # Small builds (every stage runs the same code at any scale) keep the module quick.
    first, again = _build(tmp_path / "first", scale=0.2), _build(tmp_path / "again", scale=0.2)
    other = _build(tmp_path / "other", seed=SEED + 1, scale=0.2)
    try:
        assert again.summary.counts == first.summary.counts
        assert again.summary.township_id == first.summary.township_id
        tables = sorted(set(first.summary.counts) - NOT_DETERMINISTIC)
        digest = _digest(first.store.path, tables)
        assert _digest(again.store.path, tables) == digest
        assert again.store.device_id != first.store.device_id
        differing = _digest(other.store.path, ["residents", "work_orders"])
        assert (
            differing["residents"] != digest["residents"]
            and differing["work_orders"] != digest["work_orders"]
        )
    finally:
        for built in (first, again, other):
            built.store.close()


def test_second_build_is_refused(demo: Demo) -> None:
    with pytest.raises(LedgerError, match="已有乡镇"):
        build_demo(demo.store, today=TODAY)
    with demo.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == demo.summary["residents"]


def test_work_orders_replay_through_the_state_machine(demo: Demo) -> None:
    as_of = demo.summary.as_of
    with demo.store.session() as s:
        orders = {o.id: o for o in s.scalars(select(WorkOrder))}
        events: dict[uuid.UUID, list[WorkOrderEvent]] = defaultdict(list)
        # Insertion order breaks ties between equal times.
        for e in s.scalars(select(WorkOrderEvent).order_by(WorkOrderEvent.at, literal_column("rowid"))):
            events[e.order_id].append(e)
        evaluations = Counter(
            s.scalars(select(Evaluation.work_order_id).where(Evaluation.work_order_id.is_not(None)))
        )
        last_dispatch: dict[uuid.UUID, datetime] = {}
        last_evaluation = dict(
            s.execute(
                select(Evaluation.work_order_id, func.max(Evaluation.evaluated_at)).group_by(
                    Evaluation.work_order_id
                )
            ).all()
        )
    statuses = Counter(o.status for o in orders.values())
    assert set(statuses) == set(OrderStatus), statuses
    assert sum(1 for o in orders.values() if o.reopen_count > 0) >= 3
    within, responded = 0, 0
    for order_id, order in orders.items():
        evs = events[order_id]
        status: str | None = None
        at = None
        expect: dict[str, object] = {
            "dispatched_at": None,
            "accepted_at": None,
            "first_contact_at": None,
            "resolved_at": None,
            "evaluated_at": None,
            "closed_at": None,
        }
        unit = None
        reopens = 0
        for e in evs:
            allowed, to = TRANSITIONS[e.action.value]
            assert status in allowed, (order.code, e.action, status)
            assert e.from_status == status and e.to_status.value == to, (order.code, e.action)
            assert at is None or e.at >= at, order.code
            assert e.at.tzinfo is not None and e.at <= as_of
            status, at = to, e.at
            if e.action.value == "create":
                continue
            if e.action.value == "dispatch":
                expect["dispatched_at"], unit = e.at, e.unit_id
            elif e.action.value == "redispatch":
                unit = e.unit_id  # the response clock keeps running from the first dispatch
                last_dispatch[order_id] = e.at
            elif e.action.value == "accept":
                expect["accepted_at"] = e.at
            elif e.action.value == "first_contact":
                expect["first_contact_at"] = e.at
            elif e.action.value == "resolve":
                expect["resolved_at"] = e.at
            elif e.action.value == "evaluate":
                expect["evaluated_at"] = e.at
            elif e.action.value == "reopen":
                reopens += 1
                expect["resolved_at"] = expect["evaluated_at"] = None
            else:
                expect["closed_at"] = e.at
                assert order.closed_reason
        assert evs and evs[0].action.value == "create" and evs[0].at == order.ordered_at
        assert order.status.value == status, order.code
        assert order.reopen_count == reopens and order.unit_id == unit
        for column, value in expect.items():
            assert getattr(order, column) == value, (order.code, column)
        times = [
            order.ordered_at,
            order.dispatched_at,
            order.accepted_at,
            order.first_contact_at,
            order.resolved_at,
            order.evaluated_at,
        ]
        present = [t for t in times if t is not None]
        assert present == sorted(present), order.code
        assert all(t <= as_of for t in present)
        n_evaluate = sum(1 for e in evs if e.action.value == "evaluate")
        assert evaluations.get(order_id, 0) == n_evaluate
        if order.status is OrderStatus.EVALUATED:
            assert last_evaluation[order_id] == order.evaluated_at
        if order.dispatched_at and order.first_contact_at:
            responded += 1
            delay = order.first_contact_at - order.dispatched_at
            # The unit that holds the order contacts within 72 h of receiving it.
            unit_delay = order.first_contact_at - last_dispatch.get(order_id, order.dispatched_at)
            assert timedelta(0) < unit_delay <= timedelta(hours=72) and delay > timedelta(0), order.code
            within += delay <= timedelta(hours=order.response_limit_hours)
    assert 0.88 <= within / responded <= 0.97, within / responded


def test_evaluations_mostly_satisfied(demo: Demo) -> None:
    with demo.store.session() as s:
        rows = s.execute(
            select(Evaluation.satisfaction, Evaluation.resolution, Evaluation.source).where(
                Evaluation.work_order_id.is_not(None)
            )
        ).all()
    satisfied = sum(1 for sat, _, _ in rows if sat.counts_as_satisfied) / len(rows)
    resolved = sum(1 for _, res, _ in rows if res is not None and res.value == "resolved") / len(rows)
    paper = sum(1 for _, _, src in rows if src.value == "paper") / len(rows)
    assert 0.85 <= satisfied <= 0.97 and 0.75 <= resolved <= 0.95 and paper > 0.5


def test_people_have_valid_ids_phones_and_groups(demo: Demo) -> None:
    today = demo.summary.today
    with demo.store.session() as s:
        people = [(r.name, r.id_number, r.gender, r.birth_date, r.phone) for r in s.scalars(select(Resident))]
        people += [
            (v.name, v.id_number, v.gender, v.birth_date, v.phone) for v in s.scalars(select(Volunteer))
        ]
        cadres = list(s.scalars(select(Cadre)))
        residents = list(s.scalars(select(Resident)))
    seen: set[str] = set()
    for name, id_number, gender, birth, phone in people:
        assert validate_id_number(id_number) == id_number, name
        assert id_number[:6] in (
            "430127",
            "430102",
            "430104",
            "430181",
            "430182",
            "430621",
            "431021",
            "430521",
            "430381",
        )
        assert birth_date_from_id(id_number) == birth and birth <= today
        assert gender is not None and gender.label == gender_from_id(id_number)
        if phone:
            assert validate_phone(phone) == phone and len(phone) == 11
        seen.add(id_number)
    for cadre in cadres:
        assert cadre.id_number is not None and validate_id_number(cadre.id_number)
        assert cadre.gender is not None and cadre.gender.label == gender_from_id(cadre.id_number)
    assert len({r.id_number for r in residents}) == len(residents)  # one person, one number
    for r in residents:
        assert r.birth_date is not None
        age = (
            today.year
            - r.birth_date.year
            - ((today.month, today.day) < (r.birth_date.month, r.birth_date.day))
        )
        assert (SpecialGroup.ELDERLY in r.groups) == (age >= 60), r.name
        assert (SpecialGroup.ELDERLY_80 in r.groups) == (age >= 80), r.name
        assert r.special_groups == ",".join(sorted(r.special_groups.split(","))) if r.special_groups else True
    groups = Counter(g for r in residents for g in r.groups)
    for group in (
        SpecialGroup.DIBAO,
        SpecialGroup.TEKUN,
        SpecialGroup.DISABLED,
        SpecialGroup.LIVING_ALONE,
        SpecialGroup.LEFT_BEHIND_CHILD,
    ):
        assert groups[group] > 0, group
    names = "".join(r.name for r in residents)
    assert all(ch in names for ch in RARE_CHARACTERS)
    assert Counter(r.gender for r in residents)[Gender.FEMALE] > 0.4 * len(residents)


def test_pairings_cadres_and_advisors(demo: Demo) -> None:
    with demo.store.session() as s:
        communities = list(s.scalars(select(Community)))
        pairings = Counter(s.scalars(select(Pairing.community_id)))
        full_time = Counter(s.scalars(select(Cadre.unit_id).where(Cadre.kind == CadreKind.FULL_TIME)))
        advisors = Counter(s.scalars(select(Cadre.community_id).where(Cadre.kind == CadreKind.ADVISOR)))
        days = list(s.execute(select(CadreDay.cadre_id, CadreDay.kind)))
    assert 3 <= sum(c.is_key for c in communities) <= 8
    for c in communities:
        assert pairings[c.id] >= (2 if c.is_key else 1), c.name
        assert advisors[c.id] >= 2, c.name
        assert c.population >= 800 and c.latitude is not None
    assert len(full_time) == 12 and min(full_time.values()) >= 2
    per_cadre: dict[uuid.UUID, float] = defaultdict(float)
    for cadre_id, kind in days:
        per_cadre[cadre_id] += 1 if kind is CadreDayKind.FULL else 0.5
    meeting = sum(1 for n in per_cadre.values() if n >= 30)
    assert 0.7 * len(per_cadre) <= meeting < len(per_cadre)  # most, not all


def test_resources_never_double_booked(demo: Demo) -> None:
    as_of = demo.summary.as_of
    with demo.store.session() as s:
        offers = {o.id: o for o in s.scalars(select(ResourceOffer))}
        bookings = list(
            s.scalars(
                select(Booking)
                .where(Booking.status != BookingStatus.CANCELLED)
                .order_by(Booking.offer_id, Booking.starts_at)
            )
        )
    by_offer: dict[uuid.UUID, list[Booking]] = defaultdict(list)
    for b in bookings:
        by_offer[b.offer_id].append(b)
    overdue = 0
    for offer_id, items in by_offer.items():
        busy_until = None
        for b in items:
            assert b.quantity <= offers[offer_id].quantity
            assert b.starts_at < b.ends_at
            if busy_until is not None:
                assert b.starts_at >= busy_until, offers[offer_id].name
            if b.status is BookingStatus.ON_LOAN:
                assert b.lent_at is not None and b.returned_at is None and b.lent_at <= as_of
                overdue += b.ends_at < as_of
                busy_until = datetime.max.replace(tzinfo=UTC)
            elif b.status is BookingStatus.RETURNED:
                assert b.returned_at is not None and b.returned_at <= as_of
                busy_until = max(b.ends_at, b.returned_at)
            else:
                busy_until = b.ends_at
    statuses = Counter(b.status for b in bookings)
    assert (
        statuses[BookingStatus.RETURNED]
        and statuses[BookingStatus.ON_LOAN]
        and statuses[BookingStatus.BOOKED]
    )
    assert overdue >= 1


def test_points_follow_the_rule_and_never_overdraw(demo: Demo) -> None:
    with demo.store.session() as s:
        hours = dict(s.execute(select(VolunteerServiceRecord.id, VolunteerServiceRecord.hours)).all())
        entries = list(
            s.execute(
                select(
                    PointsEntry.volunteer_id,
                    PointsEntry.entry_date,
                    PointsEntry.kind,
                    PointsEntry.points,
                    PointsEntry.record_id,
                )
            )
        )
    assert all(Decimal("0.5") <= h <= 8 for h in hours.values())
    ledger: dict[uuid.UUID, dict[date, list[tuple[PointsKind, Decimal]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    redemptions = 0
    for volunteer, day, kind, points, record in entries:
        if record is not None:
            assert kind is PointsKind.EARN and points == hours[record] * 10
        ledger[volunteer][day].append((kind, points))
        redemptions += kind is PointsKind.REDEEM
    assert redemptions > 50
    for days in ledger.values():
        balance = Decimal(0)
        for day in sorted(days):
            # A redemption is paid from what was earned before that day.
            assert balance + sum(p for k, p in days[day] if k is PointsKind.REDEEM) >= 0
            balance += sum(p for _, p in days[day])
            assert balance >= 0


def test_lists_respect_capacity(demo: Demo) -> None:
    with demo.store.session() as s:
        supplies = {x.id: x for x in s.scalars(select(Supply))}
        matches = list(s.scalars(select(Match)))
        quarters = set(s.scalars(select(Supply.quarter)))
    assert quarters == {"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}
    for quarter in quarters:
        assert {x.kind for x in supplies.values() if x.quarter == quarter} == set(SupplyKind)
    used: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for m in matches:
        assert m.quarter == supplies[m.supply_id].quarter
        if m.status is not MatchStatus.REJECTED:
            used[m.supply_id] += m.allocated
        else:
            assert m.allocated == 0 and m.note
    for supply_id, allocated in used.items():
        assert allocated <= supplies[supply_id].capacity
    assert {m.status for m in matches} == set(MatchStatus)


def test_activities_and_sign_in_sheets(demo: Demo) -> None:
    as_of = demo.summary.as_of
    with demo.store.session() as s:
        kinds = Counter(s.scalars(select(Activity.kind)))
        services = set(
            s.scalars(select(StandardService.code).join(Activity, Activity.service_id == StandardService.id))
        )
        rows = list(
            s.execute(
                select(
                    Attendance.activity_id, Attendance.row_code, Attendance.status, Attendance.signed_at
                ).order_by(Attendance.activity_id, literal_column("rowid"))
            )
        )
    sheets: dict[uuid.UUID, list[tuple[str, AttendanceStatus, datetime | None]]] = defaultdict(list)
    for activity_id, code, status, signed in rows:
        sheets[activity_id].append((code, status, signed))
        assert (signed is not None) == (status in (AttendanceStatus.PRESENT, AttendanceStatus.WALK_IN))
        assert signed is None or signed <= as_of
    for sheet in sheets.values():
        codes = [code for code, _, _ in sheet if code]
        assert codes == [f"{i:03d}" for i in range(1, len(codes) + 1)]
        assert all(not code for code, status, _ in sheet if status is AttendanceStatus.WALK_IN)
    assert set(kinds) == set(ActivityKind) and len(services) == 12
    statuses = Counter(status for _, _, status, _ in rows)
    assert all(statuses[status] > 0 for status in AttendanceStatus)


def test_a_tiny_build_still_has_every_order_status(tmp_path: Path) -> None:
    tiny = _build(tmp_path, scale=0.05)
    try:
        with tiny.store.session() as s:
            statuses = set(s.scalars(select(WorkOrder.status)))
            reopened = s.scalar(select(func.count()).select_from(WorkOrder).where(WorkOrder.reopen_count > 0))
        assert statuses == set(OrderStatus) and reopened
    finally:
        tiny.store.close()
