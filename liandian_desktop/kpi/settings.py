"""KPI settings: targets, the response limit and its clock, assessment weights and list rules.

Declared once here, typed, with the defaults the plan sets. The county publishes them (a ``ConfigEntry``
row with key ``kpi.settings`` and no township); a township may override any part (a row with its
``township_id``). Each row holds JSON of only the values it changes, so a township override of one
target does not freeze the county's other values. Resolution: defaults ← county row ← township row
(nested objects merge key by key; lists replace).

Rates are fractions (0.95 = 95 %). Yearly targets (training hours, cadre days, attendances per resident,
fund per resident) are scaled to the period by ``Period.year_fraction()``.

Defaults and where they come from:
- closed loop: 响应率 ≥ 0.95, 平均响应时长 ≤ 24 h, 解决率 ≥ 0.90, 满意率 ≥ 0.85 (plan 2.1). Interim targets
  at programme month 9: 0.90 / 0.85 / 0.80 (plan 7.2). They apply to periods that end on or before the last
  day of month ``interim.months`` counted from ``interim.programme_start`` (YYYY-MM); with no programme
  start the final targets always apply.
- response limit 24 h from dispatch to first contact. ``clock.mode`` "calendar" counts every hour;
  "working" counts only working time (Mon–Fri 08:30–12:00 and 14:00–17:30 local by default, minus
  ``holidays``, plus ``extra_workdays`` for 调休). ``clock.use_order_limit``: each order is judged by the
  limit recorded on it at dispatch (what the unit was told); switch it off to judge every order by
  ``clock.limit_hours``.
- coverage: paired coverage 100 %, key communities with ≥ 2 units 100 %, special groups served 100 %,
  volunteers ≥ 5 % of residents, ≥ 5 attendances per resident a year, training ≥ 40 h a year per worker,
  cadre days ≥ 30 a year, fund use ≥ 85 %, allocation ≥ 20 yuan per resident a year, every standard
  service at its frequency (100 %).
- assessment: process 40 + results 40 + innovation 20 points; the sub-weights and list rules are in
  ``assessment.py``'s docstring.
"""

from __future__ import annotations

import json
import logging
import types
import uuid
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date, time
from typing import Any, Union, get_args, get_origin, get_type_hints

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import ConfigEntry
from liandian_desktop.store.engine import Store

from .periods import Period

CONFIG_KEY = "kpi.settings"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResponseClock:
    limit_hours: int = 24
    use_order_limit: bool = True
    mode: str = "calendar"  # calendar | working
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    windows: tuple[tuple[str, str], ...] = (("08:30", "12:00"), ("14:00", "17:30"))
    holidays: tuple[str, ...] = ()  # ISO dates off work (法定节假日)
    extra_workdays: tuple[str, ...] = ()  # ISO weekend dates worked (调休上班)


@dataclass(frozen=True)
class LoopTargets:
    response_rate: float = 0.95
    mean_response_hours: float = 24.0
    resolution_rate: float = 0.90
    satisfaction_rate: float = 0.85
    evaluation_rate: float | None = None  # the plan sets none


@dataclass(frozen=True)
class InterimTargets:
    response_rate: float = 0.90
    resolution_rate: float = 0.85
    satisfaction_rate: float = 0.80
    programme_start: str = ""  # "YYYY-MM", the programme's first month; "" = no interim phase
    months: int = 9


@dataclass(frozen=True)
class CoverageTargets:
    paired_coverage: float = 1.0
    key_communities_two_units: float = 1.0
    special_groups_served: float = 1.0
    volunteer_share: float = 0.05
    attendances_per_resident_year: float = 5.0
    training_hours_year: float = 40.0
    cadre_days_year: float = 30.0
    fund_use_rate: float = 0.85
    fund_per_resident_year: float = 20.0
    service_compliance: float = 1.0


@dataclass(frozen=True)
class ServiceCalendar:
    # School holidays for 上学日 services, as MM-DD ranges repeated every year (both ends included).
    school_vacations: tuple[tuple[str, str], ...] = (("01-20", "02-20"), ("07-01", "08-31"))


@dataclass(frozen=True)
class ProcessWeights:
    service_frequency: float = 0.25
    response_speed: float = 0.20
    ledger_completeness: float = 0.15
    meetings: float = 0.10
    cadre_days: float = 0.15
    training: float = 0.15


@dataclass(frozen=True)
class ResultsWeights:
    response_rate: float = 0.25
    resolution_rate: float = 0.25
    satisfaction_rate: float = 0.25
    third_party: float = 0.25


@dataclass(frozen=True)
class ListRules:
    decile: float = 0.10  # share of units that is "top" / "bottom" (rounded up, at least one unit)
    red_min_total: float = 90.0  # red: top decile and total ≥ this
    yellow_below: float = 75.0  # yellow: total below this (and not black)
    black_below: float = 60.0  # black: total below this, or bottom decile and below yellow_below


@dataclass(frozen=True)
class AssessmentSettings:
    process_points: float = 40.0
    results_points: float = 40.0
    innovation_points: float = 20.0
    process: ProcessWeights = field(default_factory=ProcessWeights)
    results: ResultsWeights = field(default_factory=ResultsWeights)
    lists: ListRules = field(default_factory=ListRules)


@dataclass(frozen=True)
class KpiSettings:
    clock: ResponseClock = field(default_factory=ResponseClock)
    targets: LoopTargets = field(default_factory=LoopTargets)
    interim: InterimTargets = field(default_factory=InterimTargets)
    coverage: CoverageTargets = field(default_factory=CoverageTargets)
    services: ServiceCalendar = field(default_factory=ServiceCalendar)
    assessment: AssessmentSettings = field(default_factory=AssessmentSettings)

    def __post_init__(self) -> None:
        validate(self)

    # -- targets in force ------------------------------------------------------------------------
    def interim_applies(self, period: Period) -> bool:
        """Whether ``period`` ends by the last day of the programme's interim month (month 9)."""
        start = self.interim.programme_start
        if not start:
            return False
        year, month = (int(p) for p in start.split("-"))
        index = year * 12 + (month - 1) + self.interim.months  # the first month after the interim phase
        return period.end < date(index // 12, index % 12 + 1, 1)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _plain(asdict(self))
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KpiSettings:
        """Defaults overlaid with ``data`` (partial, nested); ValidationError names the bad key."""
        built: KpiSettings = _build(cls, data, "")
        return built


# ---------------------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------------------


def _rate(value: float | None, name: str) -> None:
    if value is not None and not 0 <= value <= 1:
        raise ValidationError(name, f"设置 {name} 应为 0–1 之间的比例（如 0.95），当前为 {value}")


def _hhmm(text: str, name: str) -> time:
    try:
        hh, mm = text.split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise ValidationError(name, f"设置 {name} 的时间“{text}”应写作 HH:MM") from None


def _iso(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(name, f"设置 {name} 的日期“{text}”应写作 YYYY-MM-DD") from None


def _weights_sum_to_one(weights: object, name: str) -> None:
    values = [getattr(weights, f.name) for f in fields(weights)]  # type: ignore[arg-type]
    if any(v < 0 for v in values):
        raise ValidationError(name, f"设置 {name} 的权重不能为负数")
    if abs(sum(values) - 1) > 1e-9:
        raise ValidationError(name, f"设置 {name} 的各项权重之和应为 1，当前为 {sum(values):g}")


def validate(s: KpiSettings) -> None:
    c = s.clock
    if not 1 <= c.limit_hours <= 24 * 30:
        raise ValidationError("clock.limit_hours", "响应时限应在 1 小时到 30 天之间")
    if c.mode not in ("calendar", "working"):
        raise ValidationError(
            "clock.mode", f"响应计时方式应为 calendar（自然小时）或 working（工作小时），当前为 {c.mode}"
        )
    if not c.workdays or any(d not in range(7) for d in c.workdays):
        raise ValidationError("clock.workdays", "工作日应为 0（周一）到 6（周日）之间的数字，且至少一天")
    previous_end: time | None = None
    for a, b in c.windows:
        start, end = _hhmm(a, "clock.windows"), _hhmm(b, "clock.windows")
        if end <= start or (previous_end is not None and start < previous_end):
            raise ValidationError("clock.windows", "工作时段应按时间先后排列、互不重叠，且结束晚于开始")
        previous_end = end
    if not c.windows:
        raise ValidationError("clock.windows", "至少需要一个工作时段")
    for d in c.holidays:
        _iso(d, "clock.holidays")
    for d in c.extra_workdays:
        _iso(d, "clock.extra_workdays")
    t = s.targets
    for name in ("response_rate", "resolution_rate", "satisfaction_rate", "evaluation_rate"):
        _rate(getattr(t, name), f"targets.{name}")
    if t.mean_response_hours <= 0:
        raise ValidationError("targets.mean_response_hours", "平均响应时长目标应大于 0")
    i = s.interim
    for name in ("response_rate", "resolution_rate", "satisfaction_rate"):
        _rate(getattr(i, name), f"interim.{name}")
    if i.programme_start:
        try:
            year, month = (int(p) for p in i.programme_start.split("-"))
            date(year, month, 1)
        except ValueError:
            raise ValidationError("interim.programme_start", "工作启动月份应写作 YYYY-MM") from None
    if i.months < 1:
        raise ValidationError("interim.months", "阶段目标月数应至少为 1")
    cov = s.coverage
    for name in (
        "paired_coverage",
        "key_communities_two_units",
        "special_groups_served",
        "volunteer_share",
        "fund_use_rate",
        "service_compliance",
    ):
        _rate(getattr(cov, name), f"coverage.{name}")
    for name in (
        "attendances_per_resident_year",
        "training_hours_year",
        "cadre_days_year",
        "fund_per_resident_year",
    ):
        if getattr(cov, name) < 0:
            raise ValidationError(f"coverage.{name}", f"设置 coverage.{name} 不能为负数")
    for a, b in s.services.school_vacations:
        for text in (a, b):
            try:
                date.fromisoformat(f"2024-{text}")  # a leap year, so 02-29 is accepted
            except ValueError:
                raise ValidationError("services.school_vacations", f"假期日期“{text}”应写作 MM-DD") from None
    ass = s.assessment
    points = (ass.process_points, ass.results_points, ass.innovation_points)
    if any(p < 0 for p in points) or abs(sum(points) - 100) > 1e-9:
        raise ValidationError(
            "assessment", f"过程、结果、创新三部分分值应为非负数且合计 100，当前合计 {sum(points):g}"
        )
    _weights_sum_to_one(ass.process, "assessment.process")
    _weights_sum_to_one(ass.results, "assessment.results")
    rules = ass.lists
    _rate(rules.decile, "assessment.lists.decile")
    if not rules.black_below <= rules.yellow_below <= rules.red_min_total:
        raise ValidationError("assessment.lists", "榜单分数线应满足：黑榜线 ≤ 黄榜线 ≤ 红榜线")


# ---------------------------------------------------------------------------------------------------------
# Building from JSON (typed, partial)
# ---------------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _bad(path: str, value: object, wanted: str) -> ValidationError:
    return ValidationError(path, f"设置 {path} 应为{wanted}，当前为 {value!r}")


def _coerce(tp: Any, value: Any, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(options[0], value, path)
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, (list, tuple)):
            raise _bad(path, value, "列表")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise _bad(path, value, f"{len(args)} 项的列表")
        return tuple(_coerce(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True)))
    if tp is bool:
        if not isinstance(value, bool):
            raise _bad(path, value, "true 或 false")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(path, value, "整数")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _bad(path, value, "数字")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise _bad(path, value, "文字")
        return value
    raise _bad(path, value, str(tp))  # pragma: no cover - a field type this module does not know


def _build(cls: type[Any], data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise _bad(path or "settings", data, "对象")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    for key in data:
        if key not in known:
            log.warning("unknown KPI setting %s%s ignored", f"{path}." if path else "", key)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        sub = f"{path}.{f.name}" if path else f.name
        tp = hints[f.name]
        if isinstance(tp, type) and is_dataclass(tp):
            values[f.name] = _build(tp, data[f.name], sub)
        else:
            values[f.name] = _coerce(tp, data[f.name], sub)
    return cls(**values)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``: nested objects merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def difference(base: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The parts of ``current`` that differ from ``base`` (what an override row needs to hold)."""
    out: dict[str, Any] = {}
    for key, value in current.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            sub = difference(base[key], value)
            if sub:
                out[key] = sub
        elif base.get(key) != value:
            out[key] = value
    return out


# ---------------------------------------------------------------------------------------------------------
# ConfigEntry rows
# ---------------------------------------------------------------------------------------------------------


def _row(session: Session, township_id: uuid.UUID | None) -> ConfigEntry | None:
    stmt = select(ConfigEntry).where(ConfigEntry.key == CONFIG_KEY, ConfigEntry.deleted_at.is_(None))
    stmt = stmt.where(
        ConfigEntry.township_id.is_(None) if township_id is None else ConfigEntry.township_id == township_id
    )
    # Two laptops may each have written a row before syncing: the last change wins.
    return session.scalars(stmt.order_by(ConfigEntry.updated_at.desc(), ConfigEntry.id).limit(1)).first()


def _row_values(row: ConfigEntry | None) -> dict[str, Any]:
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
    except ValueError:
        raise ValidationError(CONFIG_KEY, f"考核设置（{CONFIG_KEY}）不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise ValidationError(CONFIG_KEY, f"考核设置（{CONFIG_KEY}）应为 JSON 对象")
    return data


def settings_in(session: Session, township_id: uuid.UUID | None = None) -> KpiSettings:
    """The settings in force for ``township_id`` (county-wide when None), inside an open session."""
    data = _row_values(_row(session, None))
    if township_id is not None:
        data = merge(data, _row_values(_row(session, township_id)))
    return KpiSettings.from_dict(data)


def load_settings(store: Store, township_id: uuid.UUID | None = None) -> KpiSettings:
    with store.session() as session:
        return settings_in(session, township_id)


def save_settings(
    store: Store, settings: KpiSettings, township_id: uuid.UUID | None = None, *, note: str = ""
) -> dict[str, Any]:
    """Store ``settings`` as the county-wide row (township_id None) or the township's override. Only what
    differs from the level below is written (defaults for the county; the county's for a township).
    Returns the JSON object written."""
    with store.transaction() as session:
        base = DEFAULT_SETTINGS.to_dict()
        if township_id is not None:
            base = merge(base, _row_values(_row(session, None)))
        diff = difference(base, settings.to_dict())
        row = _row(session, township_id)
        text = json.dumps(diff, ensure_ascii=False, sort_keys=True)
        if row is None:
            session.add(ConfigEntry(township_id=township_id, key=CONFIG_KEY, value=text, note=note))
        else:
            row.value = text
            row.note = note or row.note
        return diff


def with_changes(settings: KpiSettings, **sections: Any) -> KpiSettings:
    """A copy with whole sections replaced: ``with_changes(s, clock=replace(s.clock, mode="working"))``."""
    return replace(settings, **sections)


DEFAULT_SETTINGS = KpiSettings()
