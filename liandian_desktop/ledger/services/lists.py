"""The three lists (三张清单): demands (需求清单), supplies (供给清单) and matches (匹配清单).

The app proposes matches; the supply–demand meeting (供需对接会) confirms or rejects them. Capacity is
consumed only by confirmed matches.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, TransitionError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Community,
    Demand,
    DemandCategory,
    DemandItem,
    DemandSource,
    DemandStatus,
    Match,
    MatchStatus,
    PairedUnit,
    Pairing,
    Resident,
    SpecialGroup,
    Supply,
    SupplyKind,
    Synced,
    Township,
    Urgency,
    utcnow,
)
from liandian_desktop.ledger.services.base import ListQuery, Page, Service, make_code
from liandian_desktop.ledger.services.fields import (
    BatchProgress,
    BatchRow,
    BatchSaved,
    apply_changed,
    batch_duplicate,
    batch_refuse,
    batch_update,
    coerce_enum,
    community_of,
    edit_values,
    given_keys,
    load_community,
    load_live,
    optional_text,
    pairing_during,
    township_communities,
    write_batch,
)
from liandian_desktop.ledger.validation import (
    format_quarter,
    normalize_text,
    parse_amount,
    parse_date,
    parse_quarter,
    quarter_bounds,
)

C = TypeVar("C", DemandCategory, DemandItem)

# 'XQ2026Q3-' + 4 characters of base.CODE_ALPHABET (Crockford base32): short enough to copy from paper.
CODE_RANDOM_CHARS = 4
DEMAND_CODE_PREFIX = "XQ"
SUPPLY_CODE_PREFIX = "GJ"

# Capacities of these kinds are counted in whole things (projects, items, sessions).
WHOLE_UNIT_KINDS = frozenset({SupplyKind.PROJECT, SupplyKind.GOODS, SupplyKind.SPACE})


def normalize_quarter(value: object, field: str = "quarter") -> str:
    """'2026-Q3' from any spelling parse_quarter accepts ('2026q3', '2026年第3季度')."""
    return format_quarter(*parse_quarter(value, field), field)


def new_code(session: Session, model: type[Demand] | type[Supply], prefix: str, quarter: str) -> str:
    """'XQ2026Q3-7KQ2': prefix, quarter and random characters, unique in the table (deleted rows too)."""
    head = f"{prefix}{quarter.replace('-', '')}-"
    for _ in range(20):
        code = make_code(head, CODE_RANDOM_CHARS)
        if session.scalar(select(model.id).where(model.code == code).limit(1)) is None:
            return code
    # 32**4 ≈ 1M codes a quarter: twenty clashes in a row mean something else is wrong.
    raise ConflictError(f"无法生成不重复的编号（{head}），请联系技术支持")  # pragma: no cover


def format_quantity(value: Decimal) -> str:
    """3.00 → '3', 2.50 → '2.5', 1000.00 → '1000'."""
    return format(value.normalize(), "f")


def parse_quantity(value: object, kind: SupplyKind, field: str) -> Decimal:
    """A quantity of a supply (> 0), whole for the kinds counted in whole things."""
    number = parse_amount(value, field, allow_zero=False)
    if kind in WHOLE_UNIT_KINDS and number != number.to_integral_value():
        raise ValidationError(
            field, f"{kind.label}类供给以“{kind.capacity_unit}”计，应为整数，当前为{number}"
        )
    return number


def _lookup(session: Session, model: type[C], value: object, field: str, label: str) -> C:
    """A live catalogue row chosen by id, code or name."""
    if isinstance(value, uuid.UUID):
        row = session.get(model, value)
        if row is not None and row.deleted_at is None:
            return row
    elif isinstance(value, str) and normalize_text(value):
        text = normalize_text(value)
        stmt = (
            select(model)
            .where(model.deleted_at.is_(None), or_(model.code == text, model.name == text))
            .order_by(model.sort_order)
        )
        row = session.scalars(stmt.limit(1)).first()
        if row is not None:
            return row
    else:
        raise ValidationError(field, f"请选择{label}")
    raise ValidationError(field, f"{label}“{value}”不存在")


def _confirmed_allocations(session: Session, supply_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
    ids = list(supply_ids)
    totals: dict[uuid.UUID, Decimal] = {supply_id: Decimal("0.00") for supply_id in ids}
    if not ids:
        return totals
    rows = session.execute(
        select(Match.supply_id, Match.allocated).where(
            Match.supply_id.in_(ids), Match.status == MatchStatus.CONFIRMED, Match.deleted_at.is_(None)
        )
    )
    for supply_id, allocated in rows:
        totals[supply_id] += allocated
    return totals


def _live_matches(session: Session, *where: Any) -> list[Match]:
    return list(session.scalars(select(Match).where(Match.deleted_at.is_(None), *where)))


def _set_deleted(rows: Iterable[Synced]) -> None:
    now = utcnow()
    for row in rows:
        row.deleted_at = now


# ---------------------------------------------------------------------------------------------------------
# Demands
# ---------------------------------------------------------------------------------------------------------

DEMAND_FIELDS = (
    "community_id",
    "quarter",
    "category_id",
    "item_id",
    "title",
    "description",
    "urgency",
    "special_group",
    "beneficiaries",
    "raised_on",
    "requester_name",
)
# What decides the matching: fixed once a supply has been confirmed for the demand.
DEMAND_MATCH_FIELDS = frozenset({"community_id", "quarter", "category_id", "item_id"})

# Allowed status changes by the explicit methods (confirming a match moves OPEN → MATCHED).
DEMAND_TRANSITIONS: dict[DemandStatus, frozenset[DemandStatus]] = {
    DemandStatus.CANCELLED: frozenset({DemandStatus.OPEN, DemandStatus.MATCHED}),
    DemandStatus.OPEN: frozenset({DemandStatus.CANCELLED}),
    DemandStatus.ORDERED: frozenset({DemandStatus.MATCHED}),
    DemandStatus.CLOSED: frozenset({DemandStatus.ORDERED}),
}


class DemandService(Service):
    """需求清单: demands raised by a community or a resident, for a quarter."""

    model = Demand

    def create(
        self,
        township_id: uuid.UUID,
        community_id: uuid.UUID,
        quarter: str,
        category: uuid.UUID | str,
        title: str = "",
        *,
        item: uuid.UUID | str | None = None,
        description: str = "",
        urgency: Urgency | str = Urgency.NORMAL,
        special_group: SpecialGroup | str = "",
        beneficiaries: int = 1,
        raised_on: date | str | None = None,
        source: DemandSource | str | None = None,
        resident_id: uuid.UUID | None = None,
        requester_name: str = "",
    ) -> Demand:
        """A new open demand. The title defaults to the item's name; ``raised_on`` to today."""
        values: dict[str, Any] = {
            "community_id": community_id,
            "quarter": quarter,
            "category_id": category,
            "item_id": item,
            "title": title,
            "description": description,
            "urgency": urgency,
            "special_group": special_group,
            "beneficiaries": beneficiaries,
            "raised_on": date.today() if raised_on is None else raised_on,
            "requester_name": requester_name,
        }
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            cleaned = self._clean(session, township.id, values)
            requester = self._requester(session, township.id, cleaned, source, resident_id)
            code = new_code(session, Demand, DEMAND_CODE_PREFIX, cleaned["quarter"])
            demand = Demand(township_id=township.id, code=code, **cleaned, **requester)
            session.add(demand)
            return demand

    def edit(self, demand_id: uuid.UUID, **changes: Any) -> Demand:
        """Change a demand that is not finished. Community, quarter, category and item change only while
        it is open (待对接); the code keeps the quarter it was raised in (it is already on paper)."""
        for short, column in (("category", "category_id"), ("item", "item_id")):
            if short in changes:
                changes[column] = changes.pop(short)
        with self.store.transaction() as session:
            demand = self._get(session, Demand, demand_id)
            if demand.status in (DemandStatus.CLOSED, DemandStatus.CANCELLED):
                raise TransitionError(f"{demand.status.label}的需求不能修改")
            merged = edit_values(demand, changes, DEMAND_FIELDS)
            if "category_id" in changes and "item_id" not in changes:
                merged["item_id"] = None  # the old item belonged to the old category
            cleaned = self._clean(session, demand.township_id, merged)
            touched = {key for key in DEMAND_MATCH_FIELDS if cleaned[key] != getattr(demand, key)}
            if touched and demand.status is not DemandStatus.OPEN:
                raise TransitionError(f"{demand.status.label}的需求不能再修改村/社区、季度或类别")
            apply_changed(demand, cleaned)
            return demand

    def _clean(self, session: Session, township_id: uuid.UUID, values: dict[str, Any]) -> dict[str, Any]:
        community = load_community(session, township_id, values["community_id"])
        quarter = normalize_quarter(values["quarter"])
        category: DemandCategory = _lookup(
            session, DemandCategory, values["category_id"], "category_id", "需求类别"
        )
        item: DemandItem | None = None
        if values["item_id"] not in (None, ""):
            item = _lookup(session, DemandItem, values["item_id"], "item_id", "需求事项")
            if item.category_id != category.id:
                raise ValidationError("item_id", f"事项“{item.name}”不属于类别“{category.name}”")
        title = optional_text(values["title"], "title", "需求标题", 100) or (item.name if item else "")
        if not title:
            raise ValidationError("title", "请填写需求标题或选择需求事项")
        raised_on = parse_date(values["raised_on"], "raised_on")
        _, quarter_end = quarter_bounds(quarter)
        if raised_on > quarter_end:
            raise ValidationError("raised_on", f"提出日期{raised_on.isoformat()}晚于所属季度{quarter}")
        if raised_on > date.today():
            raise ValidationError("raised_on", f"提出日期{raised_on.isoformat()}晚于今天")
        beneficiaries = values["beneficiaries"]
        if isinstance(beneficiaries, bool) or not isinstance(beneficiaries, int) or beneficiaries < 1:
            raise ValidationError("beneficiaries", "受益人数应为不小于 1 的整数")
        special = values["special_group"]
        return {
            "community_id": community.id,
            "quarter": quarter,
            "category_id": category.id,
            "item_id": item.id if item else None,
            "title": title,
            "description": optional_text(values["description"], "description", "需求描述", 5000),
            "urgency": coerce_enum(Urgency, values["urgency"], "urgency", "紧急程度"),
            "special_group": ""
            if special in (None, "")
            else coerce_enum(SpecialGroup, special, "special_group", "特殊群体").value,
            "beneficiaries": beneficiaries,
            "raised_on": raised_on,
            "requester_name": optional_text(values["requester_name"], "requester_name", "提出人", 50),
        }

    @staticmethod
    def _requester(
        session: Session,
        township_id: uuid.UUID,
        cleaned: dict[str, Any],
        source: DemandSource | str | None,
        resident_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        """Who raised it: a resident (点单) or the community. Fills ``requester_name`` from the resident."""
        resident: Resident | None = None
        if resident_id is not None:
            resident = load_live(session, Resident, resident_id, "resident_id", "居民")
            if resident.township_id != township_id or resident.community_id != cleaned["community_id"]:
                raise ValidationError("resident_id", f"居民“{resident.name}”不属于所选村/社区")
            if not cleaned["requester_name"]:
                cleaned["requester_name"] = resident.name
        if source is None:
            kind = DemandSource.RESIDENT if resident or cleaned["requester_name"] else DemandSource.COMMUNITY
        else:
            kind = coerce_enum(DemandSource, source, "source", "需求来源")
        if kind is DemandSource.RESIDENT and not cleaned["requester_name"]:
            raise ValidationError("requester_name", "居民点单请选择居民或填写提出人姓名")
        return {"source": kind, "resident_id": resident.id if resident else None}

    def quarters(self, township_id: uuid.UUID) -> list[str]:
        """The quarters the township's demands and supplies belong to, latest first (for a quarter choice)."""
        with self.store.session() as session:
            found: set[str] = set()
            for model in (Demand, Supply):
                found.update(
                    session.scalars(
                        select(model.quarter)
                        .where(model.township_id == township_id, model.deleted_at.is_(None))
                        .distinct()
                    )
                )
        return sorted(found, reverse=True)

    def catalogue(self) -> tuple[list[DemandCategory], list[DemandItem]]:
        """The live demand categories and items, in catalogue order (for names in imports and exports)."""
        with self.store.session() as session:
            categories = session.scalars(
                select(DemandCategory)
                .where(DemandCategory.deleted_at.is_(None))
                .order_by(DemandCategory.sort_order)
            ).all()
            items = session.scalars(
                select(DemandItem).where(DemandItem.deleted_at.is_(None)).order_by(DemandItem.sort_order)
            ).all()
            return list(categories), list(items)

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_batch(
        self, township_id: uuid.UUID, rows: Sequence[Mapping[str, Any]], *, update_existing: bool
    ) -> list[BatchRow]:
        """Check many demands at once and write nothing (a few queries).

        Rows hold keyword arguments of :meth:`create` (``category``/``item`` by id, code or name) and may
        carry a ``code``; missing or blank keys are 'not given', and the rules of :meth:`create` apply. A
        row matches a live demand of the township with the same code or, without a code, the same
        community, quarter and title: updated with the values given under the rules of :meth:`edit`
        (``update_existing``) or skipped. A code not in the ledger is kept for the new demand when it is
        free. A later row matching the same demand as an earlier one is refused.
        """
        allowed = {*DEMAND_FIELDS, "category", "item", "code"}
        for row in rows:
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise ValidationError(unknown[0], f"字段“{unknown[0]}”不能导入")
        with self.store.session() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            context = _DemandBatch(
                township_communities(session, township.id),
                list(session.scalars(select(DemandCategory).where(DemandCategory.deleted_at.is_(None)))),
                list(session.scalars(select(DemandItem).where(DemandItem.deleted_at.is_(None)))),
            )
            demands = list(
                session.scalars(
                    select(Demand).where(Demand.township_id == township.id, Demand.deleted_at.is_(None))
                )
            )
            all_codes = set(session.scalars(select(Demand.code)))
        by_code = {d.code: d for d in demands}
        by_title: dict[tuple[object, ...], Demand] = {
            (d.community_id, d.quarter, d.title): d for d in demands
        }
        results: list[BatchRow] = []
        seen: dict[object, int] = {}
        for index, row in enumerate(rows):
            given = _renamed(
                {k: row[k] for k in given_keys(row)}, {"category": "category_id", "item": "item_id"}
            )
            code = normalize_text(str(given.pop("code", ""))).upper()
            demand = by_code.get(code) if code else None
            title_key: tuple[object, ...] = ()
            if demand is None:  # a new demand, unless one with the same title is there
                try:
                    cleaned = context.clean({**_DEMAND_DEFAULTS, **given})
                    if code:
                        _check_new_code(code, all_codes, "code", "需求编号")
                        cleaned["code"] = code
                except LedgerError as exc:
                    results.append(batch_refuse(exc))
                    continue
                title_key = (cleaned["community_id"], cleaned["quarter"], cleaned["title"])
                demand = None if code else by_title.get(title_key)
            key: object = code or title_key
            if key in seen:
                results.append(
                    batch_duplicate(
                        seen[key],
                        "需求编号" if code else "村/社区、季度和需求标题",
                        "code" if code else "title",
                    )
                )
                continue
            seen[key] = index
            if demand is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            try:
                if demand.status in (DemandStatus.CLOSED, DemandStatus.CANCELLED) and update_existing:
                    raise TransitionError(f"{demand.status.label}的需求不能修改")
                merged = edit_values(demand, given, DEMAND_FIELDS)
                if "category_id" in given and "item_id" not in given:
                    category = _find_catalogue(
                        context.categories, given["category_id"], "category_id", "需求类别"
                    )
                    if category.id != demand.category_id:
                        merged["item_id"] = None  # the old item belonged to the old category
                update = context.clean(merged)
                update.pop("source")
                touched = {k for k in DEMAND_MATCH_FIELDS if update[k] != getattr(demand, k)}
                if touched and demand.status is not DemandStatus.OPEN and update_existing:
                    raise TransitionError(f"{demand.status.label}的需求不能再修改村/社区、季度或类别")
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            results.append(batch_update(demand, update, update_existing, f"{demand.code} {demand.title}"))
        return results

    def save_batch(
        self, township_id: uuid.UUID, rows: Sequence[BatchRow], progress: BatchProgress | None = None
    ) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.
        New demands get their codes here (one query for the codes in use)."""
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            used = set(session.scalars(select(Demand.code)))
            coded = _with_codes(rows, used, DEMAND_CODE_PREFIX)
            return write_batch(
                session, Demand, self.store.device_id, coded, {"township_id": township.id}, progress
            )

    # -- status --------------------------------------------------------------------------------------
    def cancel(self, demand_id: uuid.UUID, reason: str = "") -> Demand:
        """取消: its proposed and confirmed matches are rejected, so confirmed capacity is released."""
        with self.store.transaction() as session:
            demand = self._move(session, demand_id, DemandStatus.CANCELLED)
            note = "需求已取消" + (f"：{normalize_text(reason)}" if normalize_text(reason) else "")
            for match in _live_matches(
                session,
                Match.demand_id == demand.id,
                Match.status.in_([MatchStatus.PROPOSED, MatchStatus.CONFIRMED]),
            ):
                match.status, match.decided_at, match.note = MatchStatus.REJECTED, utcnow(), note
            return demand

    def reopen(self, demand_id: uuid.UUID) -> Demand:
        """A cancelled demand becomes open again."""
        with self.store.transaction() as session:
            return self._move(session, demand_id, DemandStatus.OPEN)

    def mark_ordered(self, demand_id: uuid.UUID) -> Demand:
        """A matched demand has become a work order (已转工单)."""
        with self.store.transaction() as session:
            return self._move(session, demand_id, DemandStatus.ORDERED)

    def close(self, demand_id: uuid.UUID) -> Demand:
        """The work order for the demand is finished (已完成)."""
        with self.store.transaction() as session:
            return self._move(session, demand_id, DemandStatus.CLOSED)

    def _move(self, session: Session, demand_id: uuid.UUID, to: DemandStatus) -> Demand:
        demand = self._get(session, Demand, demand_id)
        if demand.status not in DEMAND_TRANSITIONS[to]:
            raise TransitionError(f"需求“{demand.title}”当前为{demand.status.label}，不能改为{to.label}")
        demand.status = to
        return demand

    def delete(self, record_id: uuid.UUID) -> None:
        """Soft delete with its proposed matches; refused while a confirmed match holds capacity."""
        with self.store.transaction() as session:
            demand = self._get(session, Demand, record_id)
            matches = _live_matches(session, Match.demand_id == demand.id)
            if any(m.status is MatchStatus.CONFIRMED for m in matches):
                raise ConflictError(f"需求“{demand.title}”已有确认的匹配，请先取消需求或否决匹配")
            _set_deleted([demand, *(m for m in matches if m.status is MatchStatus.PROPOSED)])


# ---------------------------------------------------------------------------------------------------------
# Supplies
# ---------------------------------------------------------------------------------------------------------

SUPPLY_FIELDS = ("community_id", "kind", "title", "description", "category_codes", "capacity")


class SupplyService(Service):
    """供给清单: what a paired unit offers for a quarter, the categories it serves and its capacity."""

    model = Supply

    def create(
        self,
        township_id: uuid.UUID,
        unit_id: uuid.UUID,
        quarter: str,
        kind: SupplyKind | str,
        title: str,
        capacity: object,
        *,
        category_codes: Iterable[str] | str = (),
        community_id: uuid.UUID | None = None,
        description: str = "",
    ) -> Supply:
        """``capacity`` is in the kind's unit (元, 人·天, 个, 件, 场次); ``community_id`` earmarks the supply
        for one community."""
        values: dict[str, Any] = {
            "community_id": community_id,
            "kind": kind,
            "title": title,
            "description": description,
            "category_codes": category_codes,
            "capacity": capacity,
        }
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            unit = load_live(session, PairedUnit, unit_id, "unit_id", "联点单位")
            q = normalize_quarter(quarter)
            cleaned = self._clean(session, township.id, values)
            code = new_code(session, Supply, SUPPLY_CODE_PREFIX, q)
            supply = Supply(township_id=township.id, unit_id=unit.id, quarter=q, code=code, **cleaned)
            session.add(supply)
            return supply

    def edit(self, supply_id: uuid.UUID, **changes: Any) -> Supply:
        """Change a supply; capacity cannot drop below what confirmed matches hold, nor the kind change
        once anything is allocated."""
        with self.store.transaction() as session:
            supply = self._get(session, Supply, supply_id)
            cleaned = self._clean(session, supply.township_id, edit_values(supply, changes, SUPPLY_FIELDS))
            allocated = _confirmed_allocations(session, [supply.id])[supply.id]
            if allocated > 0 and cleaned["kind"] is not supply.kind:
                raise ConflictError("供给已有确认的分配，不能修改供给类型")
            if cleaned["capacity"] < allocated:
                unit = supply.kind.capacity_unit
                raise ConflictError(
                    f"容量不能少于已确认分配的 {format_quantity(allocated)} {unit}"
                    f"（拟改为 {format_quantity(cleaned['capacity'])} {unit}）"
                )
            apply_changed(supply, cleaned)
            return supply

    def remaining(self, supply_id: uuid.UUID) -> Decimal:
        """Capacity minus what confirmed matches hold."""
        with self.store.session() as session:
            supply = self._get(session, Supply, supply_id)
            return supply.capacity - _confirmed_allocations(session, [supply.id])[supply.id]

    def remaining_many(self, supply_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
        """:meth:`remaining` of several supplies in one query (a page of the supply list)."""
        ids = list(supply_ids)
        if not ids:
            return {}
        with self.store.session() as session:
            held = _confirmed_allocations(session, ids)
            capacities = session.execute(select(Supply.id, Supply.capacity).where(Supply.id.in_(ids)))
            return {supply_id: capacity - held[supply_id] for supply_id, capacity in capacities}

    def delete(self, record_id: uuid.UUID) -> None:
        """Soft delete with its proposed matches; refused while a confirmed match uses it."""
        with self.store.transaction() as session:
            supply = self._get(session, Supply, record_id)
            matches = _live_matches(session, Match.supply_id == supply.id)
            if any(m.status is MatchStatus.CONFIRMED for m in matches):
                raise ConflictError(f"供给“{supply.title}”已有确认的匹配，请先否决匹配")
            _set_deleted([supply, *(m for m in matches if m.status is MatchStatus.PROPOSED)])

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_batch(
        self, township_id: uuid.UUID, rows: Sequence[Mapping[str, Any]], *, update_existing: bool
    ) -> list[BatchRow]:
        """Check many supplies at once and write nothing (a few queries).

        Rows hold keyword arguments of :meth:`create` (``unit_id`` a unit id) and may carry a ``code``;
        missing or blank keys are 'not given', and the rules of :meth:`create` apply. A row matches a live
        supply of the township with the same code or, without a code, the same unit, quarter and title:
        updated with the values given under the rules of :meth:`edit` (``update_existing``) or skipped.
        A code not in the ledger is kept for the new supply when it is free. A later row matching the
        same supply as an earlier one is refused.
        """
        allowed = {*SUPPLY_FIELDS, "unit_id", "quarter", "code"}
        for row in rows:
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise ValidationError(unknown[0], f"字段“{unknown[0]}”不能导入")
        with self.store.session() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            context = _SupplyBatch(
                township_communities(session, township.id),
                set(session.scalars(select(PairedUnit.id).where(PairedUnit.deleted_at.is_(None)))),
                list(
                    session.scalars(
                        select(DemandCategory)
                        .where(DemandCategory.deleted_at.is_(None))
                        .order_by(DemandCategory.sort_order)
                    )
                ),
            )
            supplies = list(
                session.scalars(
                    select(Supply).where(Supply.township_id == township.id, Supply.deleted_at.is_(None))
                )
            )
            allocated = _confirmed_allocations(session, [s.id for s in supplies])
            all_codes = set(session.scalars(select(Supply.code)))
        by_code = {s.code: s for s in supplies}
        by_title: dict[tuple[object, ...], Supply] = {(s.unit_id, s.quarter, s.title): s for s in supplies}
        results: list[BatchRow] = []
        seen: dict[object, int] = {}
        for index, row in enumerate(rows):
            given = {k: row[k] for k in given_keys(row)}
            code = normalize_text(str(given.pop("code", ""))).upper()
            supply = by_code.get(code) if code else None
            title_key: tuple[object, ...] = ()
            if supply is None:  # a new supply, unless one with the same title is there
                try:
                    cleaned = context.clean({**_SUPPLY_DEFAULTS, **given})
                    if code:
                        _check_new_code(code, all_codes, "code", "供给编号")
                        cleaned["code"] = code
                except LedgerError as exc:
                    results.append(batch_refuse(exc))
                    continue
                title_key = (cleaned["unit_id"], cleaned["quarter"], cleaned["title"])
                supply = None if code else by_title.get(title_key)
            key: object = code or title_key
            if key in seen:
                results.append(
                    batch_duplicate(
                        seen[key], "供给编号" if code else "单位、季度和供给名称", "code" if code else "title"
                    )
                )
                continue
            seen[key] = index
            if supply is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            try:
                moved_unit = given.get("unit_id", supply.unit_id) != supply.unit_id
                moved_quarter = "quarter" in given and normalize_quarter(given["quarter"]) != supply.quarter
                if moved_unit or moved_quarter:
                    raise ValidationError("unit_id", f"供给“{supply.code}”的单位和季度不能通过导入修改")
                changes = {k: v for k, v in given.items() if k in SUPPLY_FIELDS}
                merged = {**edit_values(supply, changes, SUPPLY_FIELDS), "unit_id": supply.unit_id}
                update = context.clean({**merged, "quarter": supply.quarter})
                del update["unit_id"], update["quarter"]
                held = allocated.get(supply.id, Decimal(0))
                if update_existing and held > 0 and update["kind"] is not supply.kind:
                    raise ConflictError("供给已有确认的分配，不能修改供给类型")
                if update_existing and update["capacity"] < held:
                    raise ConflictError(
                        f"容量不能少于已确认分配的 {format_quantity(held)} {supply.kind.capacity_unit}"
                    )
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            results.append(batch_update(supply, update, update_existing, f"{supply.code} {supply.title}"))
        return results

    def save_batch(
        self, township_id: uuid.UUID, rows: Sequence[BatchRow], progress: BatchProgress | None = None
    ) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.
        New supplies get their codes here (one query for the codes in use)."""
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            used = set(session.scalars(select(Supply.code)))
            coded = _with_codes(rows, used, SUPPLY_CODE_PREFIX)
            return write_batch(
                session, Supply, self.store.device_id, coded, {"township_id": township.id}, progress
            )

    def _clean(self, session: Session, township_id: uuid.UUID, values: dict[str, Any]) -> dict[str, Any]:
        kind = coerce_enum(SupplyKind, values["kind"], "kind", "供给类型")
        community_id = values["community_id"]
        if community_id is not None:
            community_id = load_community(session, township_id, community_id).id
        return {
            "community_id": community_id,
            "kind": kind,
            "title": self._require_text(values["title"], "title", "供给名称", 100),
            "description": optional_text(values["description"], "description", "供给说明", 5000),
            "category_codes": self._category_codes(session, values["category_codes"]),
            "capacity": parse_quantity(values["capacity"], kind, "capacity"),
        }

    @staticmethod
    def _category_codes(session: Session, value: Iterable[str] | str) -> str:
        """Codes (or names) of live demand categories → their codes, comma-separated, catalogue order."""
        parts = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
        wanted = [normalize_text(str(p)) for p in parts if normalize_text(str(p))]
        if not wanted:
            raise ValidationError("category_codes", "请至少选择一个可服务的需求类别")
        categories = session.scalars(
            select(DemandCategory)
            .where(DemandCategory.deleted_at.is_(None))
            .order_by(DemandCategory.sort_order)
        ).all()
        known = {c.code: c for c in categories} | {c.name: c for c in categories}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise ValidationError("category_codes", f"需求类别“{'、'.join(unknown)}”不存在")
        chosen = {known[w].code for w in wanted}
        return ",".join(c.code for c in categories if c.code in chosen)


# ---------------------------------------------------------------------------------------------------------
# Matches
# ---------------------------------------------------------------------------------------------------------

# Score weights. Category is required (a base, not a choice); pairing outweighs everything else combined.
SCORE_CATEGORY = Decimal(10)
SCORE_PAIRED = Decimal(100)
SCORE_URGENCY = {Urgency.CRITICAL: Decimal(30), Urgency.URGENT: Decimal(15), Urgency.NORMAL: Decimal(0)}
SCORE_SPECIAL_GROUP = Decimal(20)
SCORE_DISTANCE_MAX = 20.0  # at 0 km; half of it at DISTANCE_HALF_KM
DISTANCE_HALF_KM = 5.0
EARTH_RADIUS_KM = 6371.0088
URGENCY_RANK = {Urgency.CRITICAL: 0, Urgency.URGENT: 1, Urgency.NORMAL: 2}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_score(km: float) -> Decimal:
    """20 at 0 km, 10 at 5 km, 5 at 15 km: nearer is better, never negative."""
    return Decimal(str(round(SCORE_DISTANCE_MAX / (1 + km / DISTANCE_HALF_KM), 2)))


@dataclass(frozen=True)
class Proposal:
    """A proposed demand–supply pair with its score and the reasons, in Chinese, for the meeting."""

    demand_id: uuid.UUID
    supply_id: uuid.UUID
    unit_id: uuid.UUID
    demand_code: str
    demand_title: str
    supply_code: str
    supply_title: str
    unit_name: str
    score: Decimal
    reasons: str
    paired: bool
    remaining: Decimal
    distance_km: float | None


@dataclass(frozen=True)
class MatchLine:
    """A stored match with what the meeting reads about it: the demand, the supply, the unit's name and the
    supply's capacity left (capacity minus every confirmed allocation, this one included)."""

    match: Match
    demand: Demand
    supply: Supply
    unit_name: str
    remaining: Decimal

    @property
    def id(self) -> uuid.UUID:
        return self.match.id


def _demand_priority(demand: Demand) -> tuple[int, int, date, str]:
    """Most urgent first, then special-group demands, then the oldest."""
    return (URGENCY_RANK[demand.urgency], 0 if demand.special_group else 1, demand.raised_on, demand.code)


class MatchService(Service):
    """匹配清单: proposals computed by the app, decided at the supply–demand meeting."""

    model = Match

    def propose(self, township_id: uuid.UUID, quarter: str) -> list[Proposal]:
        """Candidate supplies for every open demand of the quarter. Writes nothing.

        A candidate serves the demand's category, belongs to the quarter, has capacity left (capacity minus
        confirmed allocations), is not earmarked for another community and was not rejected for this demand
        before. Score: 10 category + 100 if the unit is paired with the demand's community during the
        quarter + 30/15 for 紧急/较急 + 20 for a special group + up to 20 for nearness (when both have
        coordinates). Demands come most urgent first, then special-group, then oldest; each demand's
        candidates by score, then remaining capacity.
        """
        q = normalize_quarter(quarter)
        start, end = quarter_bounds(q)
        with self.store.session() as session:
            demands = session.scalars(
                select(Demand).where(
                    Demand.township_id == township_id,
                    Demand.quarter == q,
                    Demand.status == DemandStatus.OPEN,
                    Demand.deleted_at.is_(None),
                )
            ).all()
            supplies = session.scalars(
                select(Supply)
                .join(PairedUnit, PairedUnit.id == Supply.unit_id)
                .where(
                    Supply.township_id == township_id,
                    Supply.quarter == q,
                    Supply.deleted_at.is_(None),
                    PairedUnit.deleted_at.is_(None),
                )
                .order_by(Supply.code)
            ).all()
            if not demands or not supplies:
                return []
            category_codes = {
                cat_id: cat_code
                for cat_id, cat_code in session.execute(select(DemandCategory.id, DemandCategory.code))
            }
            communities = {
                c.id: c
                for c in session.scalars(
                    select(Community).where(Community.id.in_({d.community_id for d in demands}))
                )
            }
            units = {
                u.id: u
                for u in session.scalars(
                    select(PairedUnit).where(PairedUnit.id.in_({s.unit_id for s in supplies}))
                )
            }
            paired = {
                (unit_id, community_id)
                for unit_id, community_id in session.execute(
                    select(Pairing.unit_id, Pairing.community_id).where(
                        Pairing.township_id == township_id, pairing_during(start, end)
                    )
                )
            }
            rejected = {
                (demand_id, supply_id)
                for demand_id, supply_id in session.execute(
                    select(Match.demand_id, Match.supply_id).where(
                        Match.township_id == township_id,
                        Match.status == MatchStatus.REJECTED,
                        Match.deleted_at.is_(None),
                    )
                )
            }
            allocated = _confirmed_allocations(session, [s.id for s in supplies])

        proposals: list[Proposal] = []
        for demand in sorted(demands, key=_demand_priority):
            code = category_codes.get(demand.category_id)
            community = communities[demand.community_id]
            candidates: list[Proposal] = []
            for supply in supplies:
                remaining = supply.capacity - allocated[supply.id]
                if (
                    code not in supply.category_codes.split(",")
                    or remaining <= 0
                    or (supply.community_id is not None and supply.community_id != demand.community_id)
                    or (demand.id, supply.id) in rejected
                ):
                    continue
                unit = units[supply.unit_id]
                candidates.append(
                    self._score(demand, supply, unit, community, remaining, (unit.id, community.id) in paired)
                )
            candidates.sort(key=lambda p: (-p.score, -p.remaining, p.supply_code))
            proposals.extend(candidates)
        return proposals

    @staticmethod
    def _score(
        demand: Demand,
        supply: Supply,
        unit: PairedUnit,
        community: Community,
        remaining: Decimal,
        paired: bool,
    ) -> Proposal:
        score = SCORE_CATEGORY
        reasons = ["类别匹配"]
        if paired:
            score += SCORE_PAIRED
            reasons.append("结对单位")
        else:
            reasons.append("非结对单位")
        reasons.append(f"剩余容量 {format_quantity(remaining)} {supply.kind.capacity_unit}")
        distance: float | None = None
        if None not in (community.latitude, community.longitude, unit.latitude, unit.longitude):
            assert community.latitude is not None and community.longitude is not None
            assert unit.latitude is not None and unit.longitude is not None
            distance = haversine_km(community.latitude, community.longitude, unit.latitude, unit.longitude)
            score += distance_score(distance)
            reasons.append(f"距离 {distance:.1f} km")
        if demand.urgency is not Urgency.NORMAL:
            score += SCORE_URGENCY[demand.urgency]
            reasons.append(f"{demand.urgency.label}需求")
        if demand.special_group:
            score += SCORE_SPECIAL_GROUP
            reasons.append(f"特殊群体（{SpecialGroup(demand.special_group).label}）")
        return Proposal(
            demand_id=demand.id,
            supply_id=supply.id,
            unit_id=unit.id,
            demand_code=demand.code,
            demand_title=demand.title,
            supply_code=supply.code,
            supply_title=supply.title,
            unit_name=unit.name,
            score=score.quantize(Decimal("0.01")),
            reasons="；".join(reasons),
            paired=paired,
            remaining=remaining,
            distance_km=distance,
        )

    def browse(self, query: ListQuery) -> Page[Any]:
        """A page of matches (``query``'s filters and sort); the search text is looked for in the code and
        title of the demand and of the supply."""
        demand = select(Demand).where(Demand.id == Match.demand_id)
        supply = select(Supply).where(Supply.id == Match.supply_id)
        search = [
            demand.with_only_columns(Demand.code).scalar_subquery(),
            demand.with_only_columns(Demand.title).scalar_subquery(),
            supply.with_only_columns(Supply.code).scalar_subquery(),
            supply.with_only_columns(Supply.title).scalar_subquery(),
        ]
        return self.list_where(query, search=search)

    def describe(self, matches: Sequence[Match]) -> list[MatchLine]:
        """The matches (a page of a list) with their demands, supplies, units and capacity left."""
        if not matches:
            return []
        with self.store.session() as session:
            demands = {
                d.id: d
                for d in session.scalars(select(Demand).where(Demand.id.in_({m.demand_id for m in matches})))
            }
            supplies = {
                s.id: s
                for s in session.scalars(select(Supply).where(Supply.id.in_({m.supply_id for m in matches})))
            }
            units = {
                unit_id: name
                for unit_id, name in session.execute(
                    select(PairedUnit.id, PairedUnit.name).where(
                        PairedUnit.id.in_({s.unit_id for s in supplies.values()})
                    )
                )
            }
            held = _confirmed_allocations(session, supplies)
        return [
            MatchLine(
                match=m,
                demand=demands[m.demand_id],
                supply=supplies[m.supply_id],
                unit_name=units.get(supplies[m.supply_id].unit_id, ""),
                remaining=supplies[m.supply_id].capacity - held[m.supply_id],
            )
            for m in matches
        ]

    def board(self, township_id: uuid.UUID, quarter: str) -> list[MatchLine]:
        """The quarter's undecided proposals for the meeting: demands most urgent first (as
        :meth:`propose` orders them), each demand's candidates by score."""
        q = normalize_quarter(quarter)
        with self.store.session() as session:
            proposed = _live_matches(
                session,
                Match.township_id == township_id,
                Match.quarter == q,
                Match.status == MatchStatus.PROPOSED,
            )
        lines = self.describe(proposed)
        return sorted(
            lines,
            key=lambda line: (_demand_priority(line.demand), -line.match.score, line.supply.code),
        )

    def save_proposals(
        self, township_id: uuid.UUID, quarter: str, proposals: Sequence[Proposal]
    ) -> list[Match]:
        """Store proposals as 建议 matches, replacing (soft-deleting) the quarter's earlier undecided ones."""
        q = normalize_quarter(quarter)
        with self.store.transaction() as session:
            _set_deleted(
                _live_matches(
                    session,
                    Match.township_id == township_id,
                    Match.quarter == q,
                    Match.status == MatchStatus.PROPOSED,
                )
            )
            saved: list[Match] = []
            seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
            for proposal in proposals:
                pair = (proposal.demand_id, proposal.supply_id)
                if pair in seen:
                    continue
                seen.add(pair)
                demand = self._get(session, Demand, proposal.demand_id)
                supply = self._get(session, Supply, proposal.supply_id)
                for row in (demand, supply):
                    if row.township_id != township_id or row.quarter != q:
                        raise ValidationError("proposals", f"“{row.code}”不属于本乡镇/街道的 {q}")
                if demand.status is not DemandStatus.OPEN:
                    raise ConflictError(
                        f"需求“{demand.title}”当前为{demand.status.label}，不能再提出匹配建议"
                    )
                match = Match(
                    township_id=township_id,
                    quarter=q,
                    demand_id=demand.id,
                    supply_id=supply.id,
                    status=MatchStatus.PROPOSED,
                    score=proposal.score,
                    reasons=proposal.reasons,
                    allocated=Decimal(0),
                )
                session.add(match)
                saved.append(match)
            return saved

    def confirm(
        self, match_id: uuid.UUID, allocated: object = None, meeting_id: uuid.UUID | None = None
    ) -> Match:
        """The meeting confirms a proposal, allocating part of the supply's capacity (default 1 of its unit;
        funds need an amount). The demand becomes 已对接."""
        with self.store.transaction() as session:
            match = self._get(session, Match, match_id)
            if match.status is not MatchStatus.PROPOSED:
                raise TransitionError(f"该匹配已{match.status.label}，不能再确认")
            demand = self._get(session, Demand, match.demand_id)
            supply = self._get(session, Supply, match.supply_id)
            if demand.status not in (DemandStatus.OPEN, DemandStatus.MATCHED):
                raise TransitionError(f"需求“{demand.title}”当前为{demand.status.label}，不能再对接")
            if not demand.quarter == supply.quarter == match.quarter:
                raise ConflictError("需求、供给与匹配不在同一季度，请重新生成匹配建议")
            if allocated is None:
                if supply.kind is SupplyKind.FUNDS:
                    raise ValidationError("allocated", "资金类供给请填写分配金额（元）")
                amount = Decimal("1.00")
            else:
                amount = parse_quantity(allocated, supply.kind, "allocated")
            remaining = supply.capacity - _confirmed_allocations(session, [supply.id])[supply.id]
            if amount > remaining:
                unit = supply.kind.capacity_unit
                raise ConflictError(
                    f"“{supply.title}”剩余容量 {format_quantity(remaining)} {unit}，"
                    f"不足以分配 {format_quantity(amount)} {unit}"
                )
            if meeting_id is not None:
                meeting = load_live(session, Activity, meeting_id, "meeting_id", "供需对接会")
                if (
                    meeting.kind is not ActivityKind.MATCHING_MEETING
                    or meeting.township_id != match.township_id
                ):
                    raise ValidationError("meeting_id", f"“{meeting.title}”不是本乡镇/街道的供需对接会")
            match.status = MatchStatus.CONFIRMED
            match.allocated = amount
            match.meeting_id = meeting_id
            match.decided_at = utcnow()
            demand.status = DemandStatus.MATCHED
            return match

    def reject(self, match_id: uuid.UUID, note: str) -> Match:
        """The meeting rejects a proposal, or withdraws a confirmation (capacity is released and the demand
        reopens when nothing else is confirmed for it). A rejected pair is not proposed again."""
        reason = self._require_text(note, "note", "否决理由", 500)
        with self.store.transaction() as session:
            match = self._get(session, Match, match_id)
            if match.status is MatchStatus.REJECTED:
                raise TransitionError("该匹配已否决")
            demand = self._get(session, Demand, match.demand_id)
            if match.status is MatchStatus.CONFIRMED:
                if demand.status is not DemandStatus.MATCHED:
                    raise TransitionError(
                        f"需求“{demand.title}”已{demand.status.label}，不能再否决已确认的匹配"
                    )
                others = _live_matches(
                    session,
                    Match.demand_id == demand.id,
                    Match.status == MatchStatus.CONFIRMED,
                    Match.id != match.id,
                )
                if not others:
                    demand.status = DemandStatus.OPEN
            match.status = MatchStatus.REJECTED
            match.note = reason
            match.decided_at = utcnow()
            return match


# ---------------------------------------------------------------------------------------------------------
# Batches (imports)
# ---------------------------------------------------------------------------------------------------------

_CODE_RE = re.compile(r"[0-9A-Z][0-9A-Z-]{0,19}")

_DEMAND_DEFAULTS: dict[str, Any] = {
    "community_id": None,
    "quarter": None,
    "category_id": None,
    "item_id": None,
    "title": "",
    "description": "",
    "urgency": Urgency.NORMAL,
    "special_group": "",
    "beneficiaries": 1,
    "raised_on": None,
    "requester_name": "",
}

_SUPPLY_DEFAULTS: dict[str, Any] = {
    "unit_id": None,
    "quarter": None,
    "community_id": None,
    "kind": None,
    "title": "",
    "description": "",
    "category_codes": (),
    "capacity": None,
}


def _renamed(values: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names.get(k, k): v for k, v in values.items()}


def _check_new_code(code: str, used: set[str], field: str, label: str) -> None:
    """A code carried over from another ledger is kept when it looks like one and is free here."""
    if not _CODE_RE.fullmatch(code):
        raise ValidationError(field, f"{label}“{code}”格式不正确；新增时可留空，由系统生成")
    if code in used:
        raise ValidationError(field, f"{label}“{code}”已被本台账中已删除的记录使用；新增时请留空编号")


def _with_codes(rows: Sequence[BatchRow], used: set[str], prefix: str) -> list[BatchRow]:
    """The ``add`` rows with a code each: the one they carry when still free, else a new one."""
    coded: list[BatchRow] = []
    for row in rows:
        if row.action == "add":
            code = row.values.get("code")
            if code is not None and code in used:
                raise ConflictError(f"预览之后台账已有变化：编号“{code}”已被使用，请重新预览后再导入")
            if code is None:
                head = f"{prefix}{str(row.values['quarter']).replace('-', '')}-"
                code = make_code(head, CODE_RANDOM_CHARS)
                while code in used:
                    code = make_code(head, CODE_RANDOM_CHARS)
            used.add(code)
            row = BatchRow("add", values={**row.values, "code": code})
        coded.append(row)
    return coded


def _find_catalogue(rows: Sequence[C], value: object, field: str, label: str) -> C:
    """:func:`_lookup` over rows already loaded: by id, code or name, in catalogue order."""
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        raise ValidationError(field, f"请选择{label}")
    text = normalize_text(value) if isinstance(value, str) else None
    for row in sorted(rows, key=lambda r: r.sort_order):
        if row.id == value or (text is not None and text in (row.code, row.name)):
            return row
    raise ValidationError(field, f"{label}“{value}”不存在")


@dataclass(frozen=True)
class _DemandBatch:
    """What :meth:`DemandService._clean` reads from the database, loaded once for a batch."""

    communities: Mapping[uuid.UUID, Community]
    categories: Sequence[DemandCategory]
    items: Sequence[DemandItem]

    def clean(self, values: Mapping[str, Any]) -> dict[str, Any]:
        community = community_of(self.communities, values["community_id"])
        quarter = normalize_quarter(values["quarter"])
        category = _find_catalogue(self.categories, values["category_id"], "category_id", "需求类别")
        item: DemandItem | None = None
        if values["item_id"] not in (None, ""):
            # An item name is looked for in the category first: names may repeat across categories.
            own = [i for i in self.items if i.category_id == category.id]
            try:
                item = _find_catalogue(own, values["item_id"], "item_id", "需求事项")
            except ValidationError:
                item = _find_catalogue(self.items, values["item_id"], "item_id", "需求事项")
            if item.category_id != category.id:
                raise ValidationError("item_id", f"事项“{item.name}”不属于类别“{category.name}”")
        title = optional_text(values["title"], "title", "需求标题", 100) or (item.name if item else "")
        if not title:
            raise ValidationError("title", "请填写需求标题或选择需求事项")
        raised = values["raised_on"] if values["raised_on"] is not None else date.today()
        raised_on = parse_date(raised, "raised_on")
        _, quarter_end = quarter_bounds(quarter)
        if raised_on > quarter_end:
            raise ValidationError("raised_on", f"提出日期{raised_on.isoformat()}晚于所属季度{quarter}")
        if raised_on > date.today():
            raise ValidationError("raised_on", f"提出日期{raised_on.isoformat()}晚于今天")
        beneficiaries = values["beneficiaries"]
        if isinstance(beneficiaries, bool) or not isinstance(beneficiaries, int) or beneficiaries < 1:
            raise ValidationError("beneficiaries", "受益人数应为不小于 1 的整数")
        special = values["special_group"]
        requester = optional_text(values["requester_name"], "requester_name", "提出人", 50)
        return {
            "community_id": community.id,
            "quarter": quarter,
            "category_id": category.id,
            "item_id": item.id if item else None,
            "title": title,
            "description": optional_text(values["description"], "description", "需求描述", 5000),
            "urgency": coerce_enum(Urgency, values["urgency"], "urgency", "紧急程度"),
            "special_group": ""
            if special in (None, "")
            else coerce_enum(SpecialGroup, special, "special_group", "特殊群体").value,
            "beneficiaries": beneficiaries,
            "raised_on": raised_on,
            "requester_name": requester,
            "source": DemandSource.RESIDENT if requester else DemandSource.COMMUNITY,
        }


@dataclass(frozen=True)
class _SupplyBatch:
    """What :meth:`SupplyService._clean` reads from the database, loaded once for a batch."""

    communities: Mapping[uuid.UUID, Community]
    units: set[uuid.UUID]
    categories: Sequence[DemandCategory]  # in catalogue order

    def clean(self, values: Mapping[str, Any]) -> dict[str, Any]:
        kind = coerce_enum(SupplyKind, values["kind"], "kind", "供给类型")
        if values["unit_id"] not in self.units:
            raise ValidationError("unit_id", "所选联点单位不存在或已删除")
        community_id = values["community_id"]
        if community_id is not None:
            community_id = community_of(self.communities, community_id).id
        return {
            "unit_id": values["unit_id"],
            "quarter": normalize_quarter(values["quarter"]),
            "community_id": community_id,
            "kind": kind,
            "title": Service._require_text(values["title"], "title", "供给名称", 100),
            "description": optional_text(values["description"], "description", "供给说明", 5000),
            "category_codes": self._category_codes(values["category_codes"]),
            "capacity": parse_quantity(values["capacity"], kind, "capacity"),
        }

    def _category_codes(self, value: Iterable[str] | str) -> str:
        """:meth:`SupplyService._category_codes` with the catalogue given ('、' separates too)."""
        if isinstance(value, str):
            parts: list[str] = value.replace("，", ",").replace("、", ",").split(",")
        else:
            parts = [str(p) for p in value]
        wanted = [normalize_text(p) for p in parts if normalize_text(p)]
        if not wanted:
            raise ValidationError("category_codes", "请至少选择一个可服务的需求类别")
        known = {c.code: c for c in self.categories} | {c.name: c for c in self.categories}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise ValidationError("category_codes", f"需求类别“{'、'.join(unknown)}”不存在")
        chosen = {known[w].code for w in wanted}
        return ",".join(c.code for c in self.categories if c.code in chosen)
