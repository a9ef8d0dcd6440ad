"""Periods in local dates, the response clock (calendar and working hours), and the typed settings with
their ConfigEntry rows (county-wide, township override)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from sqlalchemy import select

from liandian_desktop.kpi import DEFAULT_SETTINGS, KpiSettings, load_settings, parse_period, save_settings
from liandian_desktop.kpi.deadlines import calendar_for, response_deadline
from liandian_desktop.kpi.periods import PeriodKind, format_local
from liandian_desktop.kpi.settings import CONFIG_KEY, ResponseClock
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import ConfigEntry
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

CST = timezone(timedelta(hours=8))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


# ---------------------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2026-Q3", PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
        ("2026q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31), "2026-Q1"),
        ("2026-03", PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31), "2026-03"),
        ("2028-2", PeriodKind.MONTH, date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
        ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (
            "2026-01-01..2026-03-31",
            PeriodKind.RANGE,
            date(2026, 1, 1),
            date(2026, 3, 31),
            "2026-01-01..2026-03-31",
        ),
    ],
)
def test_parse_period(text: str, kind: PeriodKind, start: date, end: date, label: str) -> None:
    p = parse_period(text)
    assert (p.kind, p.start, p.end, p.label) == (kind, start, end, label)


@pytest.mark.parametrize(
    "text",
    ["", "2026-13", "2026-Q5", "26", "2026-03-31..2026-03-01", "2026-02-30..2026-03-01", "1999", "March"],
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_period(text)


def test_period_instants_are_shanghai_midnights() -> None:
    march = parse_period("2026-03")
    # 1 March 00:00 +08:00 = 28 February 16:00 UTC; the end is exclusive: 1 April 00:00 +08:00
    assert march.start_instant == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert march.end_instant == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
    assert march.contains(local("2026-03-31 23:59:59"))
    assert not march.contains(local("2026-04-01 00:00"))
    assert march.contains(local("2026-03-01 00:00"))
    assert not march.contains(local("2026-02-28 23:59:59"))
    assert format_local(datetime(2026, 3, 2, 15, 59, tzinfo=UTC)) == "2026-03-02 23:59"


def test_year_fraction() -> None:
    assert parse_period("2026").year_fraction() == 1
    assert parse_period("2026-03").year_fraction() == Fraction(31, 365)
    assert parse_period("2026-Q3").year_fraction() == Fraction(92, 365)
    assert parse_period("2028-02").year_fraction() == Fraction(29, 366)  # a leap year
    # a range over the new year: 31 days of 2025 + 31 days of 2026
    assert parse_period("2025-12-01..2026-01-31").year_fraction() == Fraction(31, 365) + Fraction(31, 365)
    assert parse_period("2026-01").previous_month().label == "2025-12"


# ---------------------------------------------------------------------------------------------------------
# The response clock
# ---------------------------------------------------------------------------------------------------------

WORKING = ResponseClock(mode="working")


def test_calendar_deadline() -> None:
    assert response_deadline(local("2026-03-02 23:59"), 24, ResponseClock()) == local("2026-03-03 23:59")


@pytest.mark.parametrize(
    ("dispatched", "hours", "due"),
    [
        # Friday 16:00 + 8 working hours: 1.5 h Friday, 3.5 h Monday morning, 3 h Monday afternoon
        ("2026-03-06 16:00", 8, "2026-03-09 17:00"),
        # Saturday: the clock starts Monday 08:30; 24 working hours = 3 days of 7 h + 3 h → Thursday 11:30
        ("2026-03-07 10:00", 24, "2026-03-12 11:30"),
        # runs out at 12:00 exactly: due at 14:00 (nothing passes over lunch)
        ("2026-03-06 11:00", 1, "2026-03-06 14:00"),
        # runs out at 17:30 on Friday: due Monday 08:30
        ("2026-03-06 16:30", 1, "2026-03-09 08:30"),
        # dispatched at lunch: starts at 14:00
        ("2026-03-05 12:30", 2, "2026-03-05 16:00"),
        # dispatched after hours on Thursday: starts Friday 08:30
        ("2026-03-05 20:00", 3, "2026-03-06 11:30"),
    ],
)
def test_working_hours_deadline(dispatched: str, hours: int, due: str) -> None:
    assert response_deadline(local(dispatched), hours, WORKING) == local(due)


def test_holidays_and_make_up_workdays() -> None:
    # 2026-10-01..07 off (国庆), Saturday 2026-10-10 worked (调休)
    clock = replace(
        WORKING, holidays=tuple(f"2026-10-{d:02d}" for d in range(1, 8)), extra_workdays=("2026-10-10",)
    )
    # Wednesday 30 September 17:00, 2 working hours: 0.5 h that day; 1–7 October off; Thursday 8 October
    # 08:30 + 1.5 h → 10:00
    assert response_deadline(local("2026-09-30 17:00"), 2, clock) == local("2026-10-08 10:00")
    # Friday 9 October 17:00, 1 working hour: 0.5 h Friday, then Saturday 10th (调休) 08:30 + 0.5 h
    assert response_deadline(local("2026-10-09 17:00"), 1, clock) == local("2026-10-10 09:00")
    cal = calendar_for(clock)
    assert cal.elapsed(local("2026-09-30 17:00"), local("2026-10-08 10:00")) == timedelta(hours=2)


# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------


def test_defaults_are_the_plans() -> None:
    s = KpiSettings()
    assert (
        s.targets.response_rate,
        s.targets.mean_response_hours,
        s.targets.resolution_rate,
        s.targets.satisfaction_rate,
    ) == (0.95, 24.0, 0.90, 0.85)
    assert (s.interim.response_rate, s.interim.resolution_rate, s.interim.satisfaction_rate) == (
        0.90,
        0.85,
        0.80,
    )
    assert (s.assessment.process_points, s.assessment.results_points, s.assessment.innovation_points) == (
        40,
        40,
        20,
    )
    assert s.clock.limit_hours == 24 and s.clock.mode == "calendar"
    assert s.clock.windows == (("08:30", "12:00"), ("14:00", "17:30"))
    assert (
        s.coverage.volunteer_share,
        s.coverage.training_hours_year,
        s.coverage.cadre_days_year,
        s.coverage.fund_use_rate,
        s.coverage.fund_per_resident_year,
    ) == (0.05, 40, 30, 0.85, 20)


def test_round_trip_and_partial_override() -> None:
    s = KpiSettings.from_dict(
        {"targets": {"response_rate": 0.9}, "clock": {"mode": "working", "holidays": ["2026-10-01"]}}
    )
    assert (
        s.targets.response_rate == 0.9 and s.targets.resolution_rate == 0.90
    )  # untouched key keeps its default
    assert s.clock.mode == "working" and s.clock.holidays == ("2026-10-01",)
    assert KpiSettings.from_dict(json.loads(s.to_json())) == s


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"targets": {"response_rate": 95}}, "targets.response_rate"),
        ({"targets": {"response_rate": "0.95"}}, "targets.response_rate"),
        ({"clock": {"mode": "hourly"}}, "clock.mode"),
        ({"clock": {"windows": [["14:00", "12:00"]]}}, "clock.windows"),
        ({"clock": {"limit_hours": True}}, "clock.limit_hours"),
        ({"assessment": {"process": {"meetings": 0.5}}}, "assessment.process"),
        ({"assessment": {"innovation_points": 30}}, "assessment"),
        ({"assessment": {"lists": {"black_below": 80}}}, "assessment.lists"),
        ({"interim": {"programme_start": "2026/01"}}, "interim.programme_start"),
    ],
)
def test_bad_settings_are_refused(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        KpiSettings.from_dict(data)
    assert err.value.field == field


def test_config_rows_township_overrides_county(store: Store, town: Township1) -> None:
    assert load_settings(store, town.township_id) == DEFAULT_SETTINGS
    county = replace(
        DEFAULT_SETTINGS, targets=replace(DEFAULT_SETTINGS.targets, response_rate=0.9, resolution_rate=0.8)
    )
    written = save_settings(store, county)
    assert written == {"targets": {"resolution_rate": 0.8, "response_rate": 0.9}}  # only what differs
    # the township overrides one value; the county's other change still reaches it
    township = replace(county, targets=replace(county.targets, response_rate=0.97))
    assert save_settings(store, township, town.township_id) == {"targets": {"response_rate": 0.97}}
    got = load_settings(store, town.township_id)
    assert (got.targets.response_rate, got.targets.resolution_rate) == (0.97, 0.8)
    assert load_settings(store).targets.response_rate == 0.9  # county-wide view
    # a later county change reaches the township where it has no override
    save_settings(store, replace(county, targets=replace(county.targets, satisfaction_rate=0.88)))
    got = load_settings(store, town.township_id)
    assert (got.targets.response_rate, got.targets.satisfaction_rate) == (0.97, 0.88)
    with store.session() as s:
        rows = s.scalars(select(ConfigEntry).where(ConfigEntry.key == CONFIG_KEY)).all()
    assert sorted(r.township_id is None for r in rows) == [False, True]  # one row per level, updated in place


def test_a_broken_config_row_is_reported(store: Store, town: Township1) -> None:
    with store.transaction() as s:
        s.add(
            ConfigEntry(
                township_id=town.township_id, key=CONFIG_KEY, value='{"targets": {"response_rate": 2}}'
            )
        )
    with pytest.raises(ValidationError) as err:
        load_settings(store, town.township_id)
    assert err.value.field == "targets.response_rate"
