"""Training hours of grassroots workers (培训), cadres' days in the community (蹲点), the special fund.

Cadre days are their own ledger: they are never volunteer hours, and the volunteer roster never sees them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, ValidationError
from liandian_desktop.ledger.models import (
    Cadre,
    CadreDay,
    CadreDayKind,
    CadreKind,
    Community,
    FundEntry,
    FundKind,
    PairedUnit,
    Pairing,
    Township,
    TrainingRecord,
)
from liandian_desktop.ledger.services.base import ListQuery, Page, Service
from liandian_desktop.ledger.services.fields import (
    coerce_enum,
    load_community,
    load_live,
    optional_text,
    past_day,
)
from liandian_desktop.ledger.validation import normalize_text, parse_amount, parse_hours, validate_name

TRAINING_TARGET_HOURS = Decimal(40)  # a year, per grassroots worker
CADRE_DAYS_TARGET = Decimal(30)  # a year, per full-time cadre
FUND_PER_RESIDENT_TARGET = Decimal(20)  # yuan a resident a year
FUND_USE_RATE_TARGET = Decimal("0.85")
DAY_VALUE = {CadreDayKind.FULL: Decimal(1), CadreDayKind.HALF: Decimal("0.5")}
_MIN_YEAR, _MAX_YEAR = 2000, 2100


def _year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not _MIN_YEAR <= value <= _MAX_YEAR:
        raise ValidationError("year", f"年份应为 {_MIN_YEAR}–{_MAX_YEAR} 之间的整数，当前为 {value}")
    return value


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _training_hours(value: object) -> Decimal:
    """0 < hours ≤ 24 with at most 2 decimals (the rule for volunteer hours, worded for training)."""
    if value is None:
        raise ValidationError("hours", "请填写培训时长（小时）")
    try:
        return parse_hours(value, field="hours")
    except ValidationError as error:
        raise ValidationError("hours", error.message.replace("服务时长", "培训时长")) from None


# ---------------------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraineeHours:
    trainee_name: str
    cadre_id: uuid.UUID | None
    hours: Decimal
    target: Decimal

    @property
    def meets_target(self) -> bool:
        return self.hours >= self.target


class TrainingService(Service):
    model = TrainingRecord

    def record(
        self,
        township_id: uuid.UUID,
        trainee_name: str,
        training_date: date | str,
        title: str,
        hours: object,
        *,
        cadre_id: uuid.UUID | None = None,
        community_id: uuid.UUID | None = None,
        organiser: str = "",
    ) -> TrainingRecord:
        """One training attended by a grassroots worker: 0 < hours ≤ 24 a record. With ``cadre_id`` the
        trainee's name may be left empty (the cadre's name is used)."""
        day = past_day(training_date, "training_date", "培训日期")
        title = self._require_text(title, "title", "培训名称", max_len=100)
        parsed = _training_hours(hours)
        organiser = optional_text(organiser, "organiser", "培训单位", 100)
        with self.store.transaction() as session:
            load_live(session, Township, township_id, "township_id", "乡镇/街道")
            if cadre_id is not None:
                cadre = load_live(session, Cadre, cadre_id, "cadre_id", "联点干部")
                trainee_name = trainee_name or cadre.name
            if community_id is not None:
                load_community(session, township_id, community_id)
            record = TrainingRecord(
                township_id=township_id,
                cadre_id=cadre_id,
                community_id=community_id,
                trainee_name=validate_name(trainee_name, field="trainee_name"),
                training_date=day,
                title=title,
                hours=parsed,
                organiser=organiser,
            )
            session.add(record)
            return record

    def browse(self, query: ListQuery, *, year: int | None = None) -> Page[Any]:
        """A page of training records (``query``'s filters, search and sort), of one year if given."""
        where = []
        if year is not None:
            first, last = _year_bounds(_year(year))
            where = [TrainingRecord.training_date >= first, TrainingRecord.training_date <= last]
        return self.list_where(query, *where)

    def hours_by_trainee(
        self, township_id: uuid.UUID, year: int, target: Decimal | int = TRAINING_TARGET_HOURS
    ) -> list[TraineeHours]:
        """Training hours of each trainee in ``year``, fewest first. A cadre's records count together
        (by cadre); other trainees are told apart by name."""
        first, last = _year_bounds(_year(year))
        totals: dict[tuple[uuid.UUID | None, str], Decimal] = defaultdict(Decimal)
        names: dict[tuple[uuid.UUID | None, str], str] = {}
        with self.store.session() as session:
            stmt = select(TrainingRecord).where(
                TrainingRecord.township_id == township_id,
                TrainingRecord.deleted_at.is_(None),
                TrainingRecord.training_date >= first,
                TrainingRecord.training_date <= last,
            )
            for r in session.scalars(stmt.order_by(TrainingRecord.training_date)):
                key = (r.cadre_id, "") if r.cadre_id is not None else (None, r.trainee_name)
                totals[key] += r.hours
                names[key] = r.trainee_name
        rows = [TraineeHours(names[k], k[0], hours, Decimal(target)) for k, hours in totals.items()]
        return sorted(rows, key=lambda row: (row.hours, row.trainee_name))


# ---------------------------------------------------------------------------------------------------------
# Cadre days
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CadreDays:
    cadre_id: uuid.UUID
    name: str
    unit_id: uuid.UUID | None
    days: Decimal
    target: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.target - self.days)


class CadreDayService(Service):
    """蹲点: days a cadre spent in a community. One record per cadre per day; a half day counts 0.5."""

    model = CadreDay

    def record(
        self,
        cadre_id: uuid.UUID,
        community_id: uuid.UUID,
        day: date | str,
        kind: CadreDayKind | str = CadreDayKind.FULL,
        work: str = "",
    ) -> CadreDay:
        when = past_day(day, "day", "蹲点日期")
        day_kind = coerce_enum(CadreDayKind, kind, "kind", "时长")
        with self.store.transaction() as session:
            cadre = self._get(session, Cadre, cadre_id)
            community = load_live(session, Community, community_id, "community_id", "村/社区")
            if cadre.start_date is not None and when < cadre.start_date:
                raise ValidationError(
                    "day", f"{cadre.name}自 {cadre.start_date.isoformat()} 起任职，日期早于任职时间"
                )
            if cadre.end_date is not None and when > cadre.end_date:
                raise ValidationError(
                    "day", f"{cadre.name}已于 {cadre.end_date.isoformat()} 离任，日期晚于离任时间"
                )
            self._check_unique(session, cadre, when, exclude=None)
            entry = CadreDay(
                township_id=community.township_id,
                cadre_id=cadre.id,
                community_id=community.id,
                day=when,
                kind=day_kind,
                work=(work or "").strip(),
            )
            session.add(entry)
            return entry

    def restore(self, record_id: uuid.UUID) -> None:
        """Undo a soft delete, unless the cadre has since been given another record for that day."""
        with self.store.transaction() as session:
            entry = self._get(session, CadreDay, record_id, include_deleted=True)
            cadre = self._get(session, Cadre, entry.cadre_id, include_deleted=True)
            self._check_unique(session, cadre, entry.day, exclude=entry.id)
            entry.deleted_at = None

    def days_in_year(self, cadre_id: uuid.UUID, year: int) -> Decimal:
        """Days in the community in ``year`` (every community), a half day counting 0.5."""
        first, last = _year_bounds(_year(year))
        with self.store.session() as session:
            cadre = self._get(session, Cadre, cadre_id, include_deleted=True)
            return self._days(session, [cadre.id], first, last)[cadre.id]

    def browse(self, query: ListQuery, *, year: int | None = None) -> Page[Any]:
        """A page of cadre days (``query``'s filters and sort), of one year if given; the search text is
        looked for in the work done and the cadre's and the community's names."""
        where = []
        if year is not None:
            first, last = _year_bounds(_year(year))
            where = [CadreDay.day >= first, CadreDay.day <= last]
        search = [
            CadreDay.work,
            select(Cadre.name).where(Cadre.id == CadreDay.cadre_id).scalar_subquery(),
            select(Community.name).where(Community.id == CadreDay.community_id).scalar_subquery(),
        ]
        return self.list_where(query, *where, search=search)

    def cadres_below_target(
        self, township_id: uuid.UUID, year: int, target: Decimal | int = CADRE_DAYS_TARGET
    ) -> list[CadreDays]:
        """Full-time cadres (专职联点干部) of the township with fewer than ``target`` days in ``year``, fewest
        first. A cadre belongs to the township through their community, else their township, else (when
        neither is set) their unit's pairing with one of its communities. Cadres not in post during the year
        are left out; part-time advisors have no days target.
        """
        return [row for row in self.days_by_cadre(township_id, year, target) if row.days < row.target]

    def days_by_cadre(
        self, township_id: uuid.UUID, year: int, target: Decimal | int = CADRE_DAYS_TARGET
    ) -> list[CadreDays]:
        """Days in ``year`` of every full-time cadre of the township (as :meth:`cadres_below_target` counts
        them, those at or above the target too), fewest first."""
        first, last = _year_bounds(_year(year))
        goal = Decimal(target)
        with self.store.session() as session:
            self._get(session, Township, township_id)
            communities = set(
                session.scalars(
                    select(Community.id).where(
                        Community.township_id == township_id, Community.deleted_at.is_(None)
                    )
                )
            )
            paired_units = set(
                session.scalars(
                    select(Pairing.unit_id).where(
                        Pairing.township_id == township_id, Pairing.deleted_at.is_(None)
                    )
                )
            )
            cadres = [
                c
                for c in session.scalars(
                    select(Cadre).where(Cadre.kind == CadreKind.FULL_TIME, Cadre.deleted_at.is_(None))
                )
                if _belongs(c, township_id, communities, paired_units)
                and (c.start_date is None or c.start_date <= last)
                and (c.end_date is None or c.end_date >= first)
            ]
            days = self._days(session, [c.id for c in cadres], first, last)
        rows = [CadreDays(c.id, c.name, c.unit_id, days[c.id], goal) for c in cadres]
        return sorted(rows, key=lambda row: (row.days, row.name))

    @staticmethod
    def _check_unique(session: Session, cadre: Cadre, day: date, *, exclude: uuid.UUID | None) -> None:
        stmt = select(CadreDay).where(
            CadreDay.cadre_id == cadre.id, CadreDay.day == day, CadreDay.deleted_at.is_(None)
        )
        if exclude is not None:
            stmt = stmt.where(CadreDay.id != exclude)
        other = session.scalars(stmt.limit(1)).first()
        if other is not None:
            place = session.get(Community, other.community_id)
            where = place.name if place is not None else ""
            raise ConflictError(f"{cadre.name}在 {day.isoformat()} 已有蹲点记录（{where}），每人每天只记一条")

    @staticmethod
    def _days(
        session: Session, cadre_ids: list[uuid.UUID], first: date, last: date
    ) -> defaultdict[uuid.UUID, Decimal]:
        totals: defaultdict[uuid.UUID, Decimal] = defaultdict(Decimal)
        if not cadre_ids:
            return totals
        stmt = select(CadreDay.cadre_id, CadreDay.kind).where(
            CadreDay.cadre_id.in_(cadre_ids),
            CadreDay.deleted_at.is_(None),
            CadreDay.day >= first,
            CadreDay.day <= last,
        )
        for cadre_id, kind in session.execute(stmt):
            totals[cadre_id] += DAY_VALUE[kind]
        return totals


def _belongs(
    cadre: Cadre, township_id: uuid.UUID, communities: set[uuid.UUID], units: set[uuid.UUID]
) -> bool:
    if cadre.community_id is not None:
        return cadre.community_id in communities
    if cadre.township_id is not None:
        return cadre.township_id == township_id
    return cadre.unit_id is not None and cadre.unit_id in units


# ---------------------------------------------------------------------------------------------------------
# Funds
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundSummary:
    """A community's or township's special fund for a year, with the plan's two figures.

    use_rate = spent ÷ allocated (None when nothing was allocated); per_resident = allocated ÷ the
    communities' population (None when the population is unknown).
    """

    year: int
    allocated: Decimal
    spent: Decimal
    population: int
    use_rate: Decimal | None
    per_resident: Decimal | None
    use_rate_target: Decimal
    per_resident_target: Decimal

    @property
    def meets_use_rate(self) -> bool:
        return self.use_rate is not None and self.use_rate >= self.use_rate_target

    @property
    def meets_per_resident(self) -> bool:
        return self.per_resident is not None and self.per_resident >= self.per_resident_target


class FundService(Service):
    model = FundEntry

    def allocate(
        self,
        community_id: uuid.UUID,
        year: int,
        amount: object,
        entry_date: date | str,
        *,
        unit_id: uuid.UUID | None = None,
        purpose: str = "",
        voucher_no: str = "",
    ) -> FundEntry:
        """拨付: money allocated to a community's special fund for ``year`` (yuan, > 0)."""
        return self._add(
            FundKind.ALLOCATION, community_id, year, amount, entry_date, unit_id, purpose, voucher_no
        )

    def spend(
        self,
        community_id: uuid.UUID,
        year: int,
        amount: object,
        entry_date: date | str,
        purpose: str,
        *,
        unit_id: uuid.UUID | None = None,
        voucher_no: str = "",
    ) -> FundEntry:
        """支出: an expense from the fund (yuan, > 0); what it paid for is required."""
        purpose = self._require_text(purpose, "purpose", "支出用途", max_len=200)
        return self._add(
            FundKind.EXPENSE, community_id, year, amount, entry_date, unit_id, purpose, voucher_no
        )

    def browse(self, query: ListQuery) -> Page[Any]:
        """A page of fund entries (``query``'s filters and sort); the search text is looked for in the
        purpose, the voucher number and the community's name."""
        search = [
            FundEntry.purpose,
            FundEntry.voucher_no,
            select(Community.name).where(Community.id == FundEntry.community_id).scalar_subquery(),
        ]
        return self.list_where(query, search=search)

    def summary(
        self,
        year: int,
        *,
        township_id: uuid.UUID | None = None,
        community_id: uuid.UUID | None = None,
        per_resident_target: Decimal | int = FUND_PER_RESIDENT_TARGET,
        use_rate_target: Decimal | str = FUND_USE_RATE_TARGET,
    ) -> FundSummary:
        """Allocated, spent, use rate and allocation per resident of one community or of every community of
        a township (population = the sum of the communities' populations)."""
        year = _year(year)
        if (township_id is None) == (community_id is None):
            raise ValidationError("township_id", "请指定一个乡镇（街道）或一个村（社区），二者选一")
        with self.store.session() as session:
            stmt = select(FundEntry.kind, FundEntry.amount).where(
                FundEntry.year == year, FundEntry.deleted_at.is_(None)
            )
            if community_id is not None:
                community = self._get(session, Community, community_id)
                population = community.population
                stmt = stmt.where(FundEntry.community_id == community.id)
            else:
                assert township_id is not None
                self._get(session, Township, township_id)
                populations = session.scalars(
                    select(Community.population).where(
                        Community.township_id == township_id, Community.deleted_at.is_(None)
                    )
                )
                population = sum(populations)
                stmt = stmt.where(FundEntry.township_id == township_id)
            sums = {FundKind.ALLOCATION: Decimal("0.00"), FundKind.EXPENSE: Decimal("0.00")}
            for kind, amount in session.execute(stmt):
                sums[kind] += amount
        allocated, spent = sums[FundKind.ALLOCATION], sums[FundKind.EXPENSE]
        return FundSummary(
            year=year,
            allocated=allocated,
            spent=spent,
            population=population,
            use_rate=(spent / allocated).quantize(Decimal("0.0001")) if allocated else None,
            per_resident=(allocated / population).quantize(Decimal("0.01")) if population > 0 else None,
            use_rate_target=Decimal(use_rate_target),
            per_resident_target=Decimal(per_resident_target),
        )

    def _add(
        self,
        kind: FundKind,
        community_id: uuid.UUID,
        year: int,
        amount: object,
        entry_date: date | str,
        unit_id: uuid.UUID | None,
        purpose: str,
        voucher_no: str,
    ) -> FundEntry:
        year = _year(year)
        money = parse_amount(amount, field="amount", allow_zero=False)
        day = past_day(entry_date, "entry_date", "日期")
        purpose = optional_text(purpose, "purpose", "用途", 200)
        voucher = optional_text(voucher_no, "voucher_no", "凭证号", 50)
        with self.store.transaction() as session:
            community = self._get(session, Community, community_id)
            if unit_id is not None:
                load_live(session, PairedUnit, unit_id, "unit_id", "联点单位")
            entry = FundEntry(
                township_id=community.township_id,
                community_id=community.id,
                unit_id=unit_id,
                year=year,
                kind=kind,
                amount=money,
                entry_date=day,
                purpose=normalize_text(purpose),
                voucher_no=voucher,
            )
            session.add(entry)
            return entry
