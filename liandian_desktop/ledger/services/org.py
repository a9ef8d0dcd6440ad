"""The organisation of the programme: divisions (county → township → community), paired units, pairings
(结对) and cadres (联点干部 / 兼职顾问), with the coverage rules the plan sets (DOMAIN.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, ValidationError
from liandian_desktop.ledger.models import Cadre as CadreModel
from liandian_desktop.ledger.models import (
    CadreKind,
    Community,
    CommunityKind,
    County,
    Gender,
    PairedUnit,
    Pairing,
    Synced,
    Township,
    UnitKind,
    utcnow,
)
from liandian_desktop.ledger.models.enums import Labelled
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.fields import (
    BatchProgress,
    BatchRow,
    BatchSaved,
    active_on,
    apply_changed,
    batch_duplicate,
    batch_refuse,
    batch_update,
    coerce_enum,
    coordinates,
    edit_values,
    find_live,
    given_keys,
    load_live,
    non_negative_int,
    optional_date,
    optional_name,
    optional_phone,
    optional_text,
    pairing_during,
    resolve_identity,
    write_batch,
)
from liandian_desktop.ledger.validation import (
    is_within,
    parse_date,
    validate_division_code,
    validate_name,
)
from liandian_desktop.store.engine import Store

E = TypeVar("E", bound=Labelled)
M = TypeVar("M", bound=Synced)

# Coverage rules of the plan.
MIN_UNITS_PER_KEY_COMMUNITY = 2
MIN_FULL_TIME_CADRES_PER_UNIT = 2
MIN_ADVISORS_PER_COMMUNITY = 2

# ---------------------------------------------------------------------------------------------------------
# Divisions
# ---------------------------------------------------------------------------------------------------------


class _DivisionRecords(Service):
    """List/get/delete/restore of one division level, guarding the hierarchy.

    A division with live children cannot be deleted; a deleted one comes back only under a live parent and
    while no live division of its level has taken its code.
    """

    child: tuple[type[Synced], str] | None = None
    parent: tuple[type[Synced], str] | None = None

    def delete(self, record_id: uuid.UUID) -> None:
        with self.store.transaction() as session:
            obj = self._get(session, self.model, record_id)
            if self.child is not None:
                child_model, fk_name = self.child
                count = session.scalar(
                    select(func.count())
                    .select_from(child_model)
                    .where(getattr(child_model, fk_name) == obj.id, child_model.deleted_at.is_(None))
                )
                if count:
                    name = getattr(obj, "name", "")
                    raise ConflictError(f"“{name}”下还有 {count} 个下级区划，请先删除下级区划")
            obj.deleted_at = utcnow()

    def restore(self, record_id: uuid.UUID) -> None:
        with self.store.transaction() as session:
            obj = self._get(session, self.model, record_id, include_deleted=True)
            if self.parent is not None:
                parent_model, fk_name = self.parent
                parent = session.get(parent_model, getattr(obj, fk_name))
                if parent is None or parent.deleted_at is not None:
                    raise ConflictError("上级区划已删除，请先恢复上级区划")
            _ensure_code_free(session, self.model, getattr(obj, "code"), obj.id)  # noqa: B009
            obj.deleted_at = None


def _ensure_code_free(session: Session, model: type[Synced], code: str, exclude_id: uuid.UUID | None) -> None:
    column = getattr(model, "code")  # noqa: B009
    other = find_live(session, model, column == code, exclude_id=exclude_id)
    if other is not None:
        raise ConflictError(f"区划代码 {code} 已被“{getattr(other, 'name', '')}”使用")


def _division_code(
    code: object, level: Literal["county", "township", "village"], parent_code: str | None
) -> str:
    text = validate_division_code(code, level, "code")
    if parent_code is not None and not is_within(text, parent_code):
        upper = "县/区" if level == "township" else "乡镇/街道"
        raise ValidationError("code", f"区划代码 {text} 不在上级{upper}（{parent_code}）的范围内")
    return text


def _children_outside(
    session: Session, model: type[Synced], fk_name: str, parent_id: uuid.UUID, new_code: str
) -> None:
    """Changing a division's code must keep every live child inside it."""
    children = session.scalars(
        select(model).where(getattr(model, fk_name) == parent_id, model.deleted_at.is_(None))
    ).all()
    outside = [getattr(c, "name", "") for c in children if not is_within(getattr(c, "code", ""), new_code)]
    if outside:
        raise ValidationError(
            "code",
            f"改为 {new_code} 后，下级区划“{'、'.join(outside)}”的代码将不在其范围内，请先修改下级代码",
        )


class CountyRecords(_DivisionRecords):
    model = County
    child = (Township, "county_id")


class TownshipRecords(_DivisionRecords):
    model = Township
    child = (Community, "township_id")
    parent = (County, "county_id")


COUNTY_FIELDS = ("code", "name")
TOWNSHIP_FIELDS = ("code", "name", "population")
COMMUNITY_FIELDS = (
    "code",
    "name",
    "kind",
    "population",
    "households",
    "is_key",
    "address",
    "latitude",
    "longitude",
    "secretary_name",
    "secretary_phone",
)


class DivisionService(_DivisionRecords):
    """Counties, townships and communities (村/社区).

    The generic list/get/delete/restore of this service act on communities; ``counties`` and ``townships``
    offer the same for the upper levels.
    """

    model = Community
    parent = (Township, "township_id")

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.counties = CountyRecords(store)
        self.townships = TownshipRecords(store)

    # -- counties ------------------------------------------------------------------------------------
    def create_county(self, code: str, name: str) -> County:
        with self.store.transaction() as session:
            values = self._clean_county(session, {"code": code, "name": name}, None)
            county = County(**values)
            session.add(county)
            return county

    def edit_county(self, county_id: uuid.UUID, **changes: Any) -> County:
        with self.store.transaction() as session:
            county = self._get(session, County, county_id)
            values = self._clean_county(session, edit_values(county, changes, COUNTY_FIELDS), county)
            apply_changed(county, values)
            return county

    def _clean_county(
        self, session: Session, values: dict[str, Any], current: County | None
    ) -> dict[str, Any]:
        code = _division_code(values["code"], "county", None)
        _ensure_code_free(session, County, code, current.id if current else None)
        if current is not None and code != current.code:
            _children_outside(session, Township, "county_id", current.id, code)
        return {"code": code, "name": self._require_text(values["name"], "name", "县/区名称", 50)}

    # -- townships -----------------------------------------------------------------------------------
    def create_township(self, county_id: uuid.UUID, code: str, name: str, population: int = 0) -> Township:
        with self.store.transaction() as session:
            county = load_live(session, County, county_id, "county_id", "县/区")
            values = self._clean_township(
                session, county, {"code": code, "name": name, "population": population}, None
            )
            township = Township(county_id=county.id, **values)
            session.add(township)
            return township

    def edit_township(self, township_id: uuid.UUID, **changes: Any) -> Township:
        with self.store.transaction() as session:
            township = self._get(session, Township, township_id)
            county = self._get(session, County, township.county_id)
            merged = edit_values(township, changes, TOWNSHIP_FIELDS)
            apply_changed(township, self._clean_township(session, county, merged, township))
            return township

    def _clean_township(
        self, session: Session, county: County, values: dict[str, Any], current: Township | None
    ) -> dict[str, Any]:
        code = _division_code(values["code"], "township", county.code)
        _ensure_code_free(session, Township, code, current.id if current else None)
        if current is not None and code != current.code:
            _children_outside(session, Community, "township_id", current.id, code)
        return {
            "code": code,
            "name": self._require_text(values["name"], "name", "乡镇/街道名称", 50),
            "population": non_negative_int(values["population"], "population", "人口"),
        }

    # -- communities ---------------------------------------------------------------------------------
    def create_community(
        self,
        township_id: uuid.UUID,
        code: str,
        name: str,
        *,
        kind: CommunityKind | str = CommunityKind.COMMUNITY,
        population: int = 0,
        households: int = 0,
        is_key: bool = False,
        address: str = "",
        latitude: float | None = None,
        longitude: float | None = None,
        secretary_name: str = "",
        secretary_phone: str = "",
    ) -> Community:
        values = {
            "code": code,
            "name": name,
            "kind": kind,
            "population": population,
            "households": households,
            "is_key": is_key,
            "address": address,
            "latitude": latitude,
            "longitude": longitude,
            "secretary_name": secretary_name,
            "secretary_phone": secretary_phone,
        }
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            community = Community(
                township_id=township.id, **self._clean_community(session, township, values, None)
            )
            session.add(community)
            return community

    def edit_community(self, community_id: uuid.UUID, **changes: Any) -> Community:
        """Change a community's fields; it cannot move to another township (its records stay there)."""
        with self.store.transaction() as session:
            community = self._get(session, Community, community_id)
            township = self._get(session, Township, community.township_id)
            merged = edit_values(community, changes, COMMUNITY_FIELDS)
            apply_changed(community, self._clean_community(session, township, merged, community))
            return community

    def _clean_community(
        self, session: Session, township: Township, values: dict[str, Any], current: Community | None
    ) -> dict[str, Any]:
        code = _division_code(values["code"], "village", township.code)
        _ensure_code_free(session, Community, code, current.id if current else None)
        latitude, longitude = coordinates(values["latitude"], values["longitude"])
        if not isinstance(values["is_key"], bool):
            raise ValidationError("is_key", "“重点社区”应为是或否")
        return {
            "code": code,
            "name": self._require_text(values["name"], "name", "村/社区名称", 50),
            "kind": coerce_enum(CommunityKind, values["kind"], "kind", "类型"),
            "population": non_negative_int(values["population"], "population", "人口"),
            "households": non_negative_int(values["households"], "households", "户数"),
            "is_key": values["is_key"],
            "address": optional_text(values["address"], "address", "地址", 200),
            "latitude": latitude,
            "longitude": longitude,
            "secretary_name": optional_name(values["secretary_name"], "secretary_name"),
            "secretary_phone": optional_phone(values["secretary_phone"], "secretary_phone"),
        }

    def communities_of(self, township_id: uuid.UUID) -> list[Community]:
        """The township's live communities, by code."""
        with self.store.session() as session:
            return list(
                session.scalars(
                    select(Community)
                    .where(Community.township_id == township_id, Community.deleted_at.is_(None))
                    .order_by(Community.code)
                )
            )


# ---------------------------------------------------------------------------------------------------------
# Paired units
# ---------------------------------------------------------------------------------------------------------

UNIT_FIELDS = (
    "name",
    "short_name",
    "kind",
    "address",
    "contact_name",
    "contact_phone",
    "latitude",
    "longitude",
)


class UnitService(Service):
    """联点单位. Names are unique among the county's live units."""

    model = PairedUnit

    def create(
        self,
        county_id: uuid.UUID,
        name: str,
        *,
        short_name: str = "",
        kind: UnitKind | str = UnitKind.PARTY_GOVERNMENT,
        address: str = "",
        contact_name: str = "",
        contact_phone: str = "",
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> PairedUnit:
        values = {
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "address": address,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
            "latitude": latitude,
            "longitude": longitude,
        }
        with self.store.transaction() as session:
            county = load_live(session, County, county_id, "county_id", "县/区")
            unit = PairedUnit(county_id=county.id, **self._clean(session, county.id, values, None))
            session.add(unit)
            return unit

    def edit(self, unit_id: uuid.UUID, **changes: Any) -> PairedUnit:
        with self.store.transaction() as session:
            unit = self._get(session, PairedUnit, unit_id)
            values = self._clean(session, unit.county_id, edit_values(unit, changes, UNIT_FIELDS), unit.id)
            apply_changed(unit, values)
            return unit

    def delete(self, record_id: uuid.UUID) -> None:
        """Soft delete; refused while the unit is still paired with a community (end the pairing first)."""
        with self.store.transaction() as session:
            unit = self._get(session, PairedUnit, record_id)
            pairing = find_live(session, Pairing, Pairing.unit_id == unit.id, pairing_during(date.today()))
            if pairing is not None:
                raise ConflictError(f"“{unit.name}”仍有进行中的结对，请先结束结对再删除")
            unit.deleted_at = utcnow()

    def restore(self, record_id: uuid.UUID) -> None:
        with self.store.transaction() as session:
            unit = self._get(session, PairedUnit, record_id, include_deleted=True)
            self._ensure_name_free(session, unit.county_id, unit.name, unit.id)
            unit.deleted_at = None

    def _clean(
        self, session: Session, county_id: uuid.UUID, values: dict[str, Any], unit_id: uuid.UUID | None
    ) -> dict[str, Any]:
        name = self._require_text(values["name"], "name", "单位名称", 100)
        self._ensure_name_free(session, county_id, name, unit_id)
        latitude, longitude = coordinates(values["latitude"], values["longitude"])
        return {
            "name": name,
            "short_name": optional_text(values["short_name"], "short_name", "简称", 30),
            "kind": coerce_enum(UnitKind, values["kind"], "kind", "单位类型"),
            "address": optional_text(values["address"], "address", "地址", 200),
            "contact_name": optional_name(values["contact_name"], "contact_name"),
            "contact_phone": optional_phone(values["contact_phone"], "contact_phone"),
            "latitude": latitude,
            "longitude": longitude,
        }

    @staticmethod
    def _ensure_name_free(
        session: Session, county_id: uuid.UUID, name: str, unit_id: uuid.UUID | None
    ) -> None:
        where = (PairedUnit.county_id == county_id, PairedUnit.name == name)
        if find_live(session, PairedUnit, *where, exclude_id=unit_id) is not None:
            raise ConflictError(f"联点单位“{name}”已存在")

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_batch(
        self, county_id: uuid.UUID, rows: Sequence[Mapping[str, Any]], *, update_existing: bool
    ) -> list[BatchRow]:
        """Check many units of a county at once and write nothing (two queries).

        Rows hold keyword arguments of :meth:`create`; missing or blank keys are 'not given'. A row named
        like a live unit of the county matches it: updated with the values given (``update_existing``) or
        skipped. A later row with the name of an earlier one is refused.
        """
        for row in rows:
            unknown = sorted(set(row) - set(UNIT_FIELDS))
            if unknown:
                raise ValidationError(unknown[0], f"字段“{unknown[0]}”不能导入")
        with self.store.session() as session:
            county = load_live(session, County, county_id, "county_id", "县/区")
            existing = {
                u.name: u
                for u in session.scalars(
                    select(PairedUnit).where(
                        PairedUnit.county_id == county.id, PairedUnit.deleted_at.is_(None)
                    )
                )
            }
        results: list[BatchRow] = []
        seen: dict[str, int] = {}
        for index, row in enumerate(rows):
            given = {k: row[k] for k in given_keys(row)}
            try:
                cleaned = _clean_unit({**_UNIT_DEFAULTS, **given})
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            name = cleaned["name"]
            if name in seen:
                results.append(batch_duplicate(seen[name], "单位名称", "name"))
                continue
            seen[name] = index
            unit = existing.get(name)
            if unit is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            try:
                update = _clean_unit(edit_values(unit, given, UNIT_FIELDS))
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            results.append(batch_update(unit, update, update_existing, unit.name))
        return results

    def save_batch(
        self, county_id: uuid.UUID, rows: Sequence[BatchRow], progress: BatchProgress | None = None
    ) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.
        A name taken since the check refuses the whole batch (ConflictError)."""
        with self.store.transaction() as session:
            county = load_live(session, County, county_id, "county_id", "县/区")
            names = {r.values["name"] for r in rows if r.action == "add"}
            taken = names.intersection(
                session.scalars(
                    select(PairedUnit.name).where(
                        PairedUnit.county_id == county.id, PairedUnit.deleted_at.is_(None)
                    )
                )
            )
            if taken:
                raise ConflictError(
                    f"预览之后台账已有变化：联点单位“{sorted(taken)[0]}”已存在，请重新预览后再导入"
                )
            return write_batch(
                session, PairedUnit, self.store.device_id, rows, {"county_id": county.id}, progress
            )


_UNIT_DEFAULTS: dict[str, Any] = {
    "name": None,
    "short_name": "",
    "kind": UnitKind.PARTY_GOVERNMENT,
    "address": "",
    "contact_name": "",
    "contact_phone": "",
    "latitude": None,
    "longitude": None,
}


def _clean_unit(values: Mapping[str, Any]) -> dict[str, Any]:
    """:meth:`UnitService._clean` without the database (name uniqueness is the batch's business)."""
    latitude, longitude = coordinates(values["latitude"], values["longitude"])
    return {
        "name": Service._require_text(values["name"], "name", "单位名称", 100),
        "short_name": optional_text(values["short_name"], "short_name", "简称", 30),
        "kind": coerce_enum(UnitKind, values["kind"], "kind", "单位类型"),
        "address": optional_text(values["address"], "address", "地址", 200),
        "contact_name": optional_name(values["contact_name"], "contact_name"),
        "contact_phone": optional_phone(values["contact_phone"], "contact_phone"),
        "latitude": latitude,
        "longitude": longitude,
    }


# ---------------------------------------------------------------------------------------------------------
# Pairings
# ---------------------------------------------------------------------------------------------------------


class PairingService(Service):
    """结对: a unit paired with a community for a period."""

    model = Pairing

    def pair(
        self,
        unit_id: uuid.UUID,
        community_id: uuid.UUID,
        start: date | str,
        end: date | str | None = None,
        is_lead: bool = False,
        note: str = "",
    ) -> Pairing:
        start_date = parse_date(start, "start_date")
        end_date = optional_date(end, "end_date")
        _check_period(start_date, end_date)
        with self.store.transaction() as session:
            unit = load_live(session, PairedUnit, unit_id, "unit_id", "联点单位")
            community = load_live(session, Community, community_id, "community_id", "村/社区")
            township = self._get(session, Township, community.township_id)
            if unit.county_id != township.county_id:
                raise ValidationError("unit_id", f"“{unit.name}”不是“{community.name}”所在县/区的联点单位")
            self._ensure_no_overlap(session, unit, community, start_date, end_date, None)
            pairing = Pairing(
                township_id=community.township_id,
                unit_id=unit.id,
                community_id=community.id,
                start_date=start_date,
                end_date=end_date,
                is_lead=bool(is_lead),
                note=optional_text(note, "note", "备注", 1000),
            )
            session.add(pairing)
            return pairing

    def end_pairing(self, pairing_id: uuid.UUID, end_date: date | str) -> Pairing:
        end = parse_date(end_date, "end_date")
        with self.store.transaction() as session:
            pairing = self._get(session, Pairing, pairing_id)
            _check_period(pairing.start_date, end)
            unit = self._get(session, PairedUnit, pairing.unit_id)
            community = self._get(session, Community, pairing.community_id)
            self._ensure_no_overlap(session, unit, community, pairing.start_date, end, pairing.id)
            pairing.end_date = end
            return pairing

    def restore(self, record_id: uuid.UUID) -> None:
        with self.store.transaction() as session:
            pairing = self._get(session, Pairing, record_id, include_deleted=True)
            unit = self._get(session, PairedUnit, pairing.unit_id)
            community = self._get(session, Community, pairing.community_id)
            self._ensure_no_overlap(
                session, unit, community, pairing.start_date, pairing.end_date, pairing.id
            )
            pairing.deleted_at = None

    @staticmethod
    def _ensure_no_overlap(
        session: Session,
        unit: PairedUnit,
        community: Community,
        start: date,
        end: date | None,
        pairing_id: uuid.UUID | None,
    ) -> None:
        other = find_live(
            session,
            Pairing,
            Pairing.unit_id == unit.id,
            Pairing.community_id == community.id,
            pairing_during(start, end),
            exclude_id=pairing_id,
        )
        if other is not None:
            until = other.end_date.isoformat() if other.end_date else "至今"
            raise ConflictError(
                f"“{unit.name}”与“{community.name}”在 {other.start_date.isoformat()}～{until} 已有结对，"
                "时间段不能重叠"
            )

    def units_of(self, community_id: uuid.UUID, on: date | None = None) -> list[PairedUnit]:
        """The live units paired with the community on ``on`` (default today), by name."""
        day = on or date.today()
        with self.store.session() as session:
            stmt = (
                select(PairedUnit)
                .join(Pairing, Pairing.unit_id == PairedUnit.id)
                .where(
                    Pairing.community_id == community_id,
                    pairing_during(day, day),
                    PairedUnit.deleted_at.is_(None),
                )
                .distinct()
                .order_by(PairedUnit.name)
            )
            return list(session.scalars(stmt))

    def communities_of(self, unit_id: uuid.UUID, on: date | None = None) -> list[Community]:
        """The live communities the unit is paired with on ``on`` (default today), by code."""
        day = on or date.today()
        with self.store.session() as session:
            stmt = (
                select(Community)
                .join(Pairing, Pairing.community_id == Community.id)
                .where(Pairing.unit_id == unit_id, pairing_during(day, day), Community.deleted_at.is_(None))
                .distinct()
                .order_by(Community.code)
            )
            return list(session.scalars(stmt))

    def key_community_gaps(self, township_id: uuid.UUID, on: date | None = None) -> list[Community]:
        """Key communities (重点社区) of the township with fewer than two units paired on ``on``."""
        day = on or date.today()
        with self.store.session() as session:
            unit_count = (
                select(func.count(func.distinct(Pairing.unit_id)))
                .join(PairedUnit, PairedUnit.id == Pairing.unit_id)
                .where(
                    Pairing.community_id == Community.id,
                    pairing_during(day, day),
                    PairedUnit.deleted_at.is_(None),
                )
                .scalar_subquery()
            )
            stmt = (
                select(Community)
                .where(
                    Community.township_id == township_id,
                    Community.deleted_at.is_(None),
                    Community.is_key.is_(True),
                    unit_count < MIN_UNITS_PER_KEY_COMMUNITY,
                )
                .order_by(Community.code)
            )
            return list(session.scalars(stmt))


def _check_period(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ValidationError("end_date", f"结束日期{end.isoformat()}早于开始日期{start.isoformat()}")


# ---------------------------------------------------------------------------------------------------------
# Cadres
# ---------------------------------------------------------------------------------------------------------

CADRE_FIELDS = (
    "kind",
    "unit_id",
    "township_id",
    "community_id",
    "name",
    "gender",
    "phone",
    "id_number",
    "position",
    "start_date",
    "end_date",
)


@dataclass(frozen=True)
class CoverageGap:
    """A unit short of full-time cadres, or a community short of advisors."""

    subject: Literal["unit", "community"]
    record_id: uuid.UUID
    name: str
    count: int
    required: int
    description: str  # Chinese, for the screen and the report


class CadreService(Service):
    """联点干部 (full-time, of a unit) and 兼职顾问 (part-time advisor to a community)."""

    model = CadreModel

    def create(
        self,
        kind: CadreKind | str,
        name: str,
        *,
        unit_id: uuid.UUID | None = None,
        township_id: uuid.UUID | None = None,
        community_id: uuid.UUID | None = None,
        gender: Gender | str | None = None,
        phone: str = "",
        id_number: str | None = None,
        position: str = "",
        start_date: date | str | None = None,
        end_date: date | str | None = None,
    ) -> CadreModel:
        """A full-time cadre needs ``unit_id``, an advisor ``community_id``. The township follows the
        community; ``township_id`` places a full-time cadre who has no community yet."""
        values: dict[str, Any] = {
            "kind": kind,
            "unit_id": unit_id,
            "township_id": township_id,
            "community_id": community_id,
            "name": name,
            "gender": gender,
            "phone": phone,
            "id_number": id_number,
            "position": position,
            "start_date": start_date,
            "end_date": end_date,
        }
        explicit = ["gender"] if gender is not None else []
        with self.store.transaction() as session:
            cadre = CadreModel(**self._clean(session, values, explicit, None))
            session.add(cadre)
            return cadre

    def edit(self, cadre_id: uuid.UUID, **changes: Any) -> CadreModel:
        with self.store.transaction() as session:
            cadre = self._get(session, CadreModel, cadre_id)
            merged = edit_values(cadre, changes, CADRE_FIELDS)
            if "community_id" in changes and "township_id" not in changes:
                merged["township_id"] = None  # follows the new community
            apply_changed(cadre, self._clean(session, merged, changes.keys(), cadre.id))
            return cadre

    def restore(self, record_id: uuid.UUID) -> None:
        with self.store.transaction() as session:
            cadre = self._get(session, CadreModel, record_id, include_deleted=True)
            self._ensure_id_free(session, cadre.id_number, cadre.id)
            cadre.deleted_at = None

    def _clean(
        self, session: Session, values: dict[str, Any], explicit: Iterable[str], cadre_id: uuid.UUID | None
    ) -> dict[str, Any]:
        kind = coerce_enum(CadreKind, values["kind"], "kind", "干部类型")
        unit_id, community_id = values["unit_id"], values["community_id"]
        if kind is CadreKind.FULL_TIME and unit_id is None:
            raise ValidationError("unit_id", "专职联点干部必须选择所属联点单位")
        if kind is CadreKind.ADVISOR and community_id is None:
            raise ValidationError("community_id", "兼职顾问必须选择所联系的村/社区")
        unit = load_live(session, PairedUnit, unit_id, "unit_id", "联点单位") if unit_id is not None else None
        township_id = values["township_id"]
        community = (
            load_live(session, Community, community_id, "community_id", "村/社区")
            if community_id is not None
            else None
        )
        if community is not None:
            if township_id is not None and township_id != community.township_id:
                raise ValidationError("community_id", f"“{community.name}”不属于所选乡镇/街道")
            township_id = community.township_id
        elif township_id is not None:
            township_id = load_live(session, Township, township_id, "township_id", "乡镇/街道").id
        identity = resolve_identity(values["id_number"], values["gender"], None, explicit)
        self._ensure_id_free(session, identity.id_number, cadre_id)
        start = optional_date(values["start_date"], "start_date")
        end = optional_date(values["end_date"], "end_date")
        if start is not None:
            _check_period(start, end)
        return {
            "kind": kind,
            "unit_id": unit.id if unit else None,
            "community_id": community.id if community else None,
            "township_id": township_id,
            "name": validate_name(values["name"], "name"),
            "gender": identity.gender,
            "phone": optional_phone(values["phone"], "phone"),
            "id_number": identity.id_number,
            "position": optional_text(values["position"], "position", "职务", 50),
            "start_date": start,
            "end_date": end,
        }

    @staticmethod
    def _ensure_id_free(session: Session, id_number: str | None, cadre_id: uuid.UUID | None) -> None:
        if id_number is None:
            return
        other = find_live(session, CadreModel, CadreModel.id_number == id_number, exclude_id=cadre_id)
        if other is not None:
            raise ConflictError(f"身份证号码与已登记的干部“{other.name}”重复")

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_batch(self, rows: Sequence[Mapping[str, Any]], *, update_existing: bool) -> list[BatchRow]:
        """Check many cadres and advisors at once and write nothing (three queries).

        Rows hold keyword arguments of :meth:`create`; missing or blank keys are 'not given', and the rules
        of :meth:`create` apply. A cadre is the same person as a live one with the same ID number or, when
        there is no ID number, the same kind, name, unit and community: updated with the values given
        (``update_existing``) or skipped. A later row for the same person as an earlier one is refused.
        """
        for row in rows:
            unknown = sorted(set(row) - set(CADRE_FIELDS))
            if unknown:
                raise ValidationError(unknown[0], f"字段“{unknown[0]}”不能导入")
        with self.store.session() as session:
            context = _CadreBatch(
                units={
                    u.id: u
                    for u in session.scalars(select(PairedUnit).where(PairedUnit.deleted_at.is_(None)))
                },
                communities={
                    c.id: c for c in session.scalars(select(Community).where(Community.deleted_at.is_(None)))
                },
                townships=set(session.scalars(select(Township.id).where(Township.deleted_at.is_(None)))),
            )
            cadres = list(session.scalars(select(CadreModel).where(CadreModel.deleted_at.is_(None))))
        existing = {_cadre_key(c.id_number, c.kind, c.name, c.unit_id, c.community_id): c for c in cadres}
        results: list[BatchRow] = []
        seen: dict[tuple[object, ...], int] = {}
        for index, row in enumerate(rows):
            given = {k: row[k] for k in given_keys(row)}
            try:
                cleaned = context.clean({**_CADRE_DEFAULTS, **given}, given.keys())
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            key = _cadre_key(
                cleaned["id_number"],
                cleaned["kind"],
                cleaned["name"],
                cleaned["unit_id"],
                cleaned["community_id"],
            )
            if key in seen:
                results.append(
                    batch_duplicate(
                        seen[key],
                        "身份证号码" if cleaned["id_number"] else "类型、姓名、单位和村（社区）",
                        "id_number" if cleaned["id_number"] else "name",
                    )
                )
                continue
            seen[key] = index
            cadre = existing.get(key)
            if cadre is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            try:
                merged = edit_values(cadre, given, CADRE_FIELDS)
                if "community_id" in given and "township_id" not in given:
                    merged["township_id"] = None  # follows the new community, as in edit()
                update = context.clean(merged, given.keys())
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            unit = context.units.get(cadre.unit_id) if cadre.unit_id else None
            matched = f"{cadre.name}（{unit.name}）" if unit is not None else cadre.name
            results.append(batch_update(cadre, update, update_existing, matched))
        return results

    def save_batch(self, rows: Sequence[BatchRow], progress: BatchProgress | None = None) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.
        An ID number registered since the check refuses the whole batch (ConflictError)."""
        with self.store.transaction() as session:
            numbers = {r.values["id_number"] for r in rows if r.action == "add" and r.values.get("id_number")}
            if numbers:
                taken = numbers.intersection(
                    session.scalars(
                        select(CadreModel.id_number).where(
                            CadreModel.deleted_at.is_(None), CadreModel.id_number.is_not(None)
                        )
                    )
                )
                if taken:
                    raise ConflictError(
                        f"预览之后台账已有变化：有 {len(taken)} 个身份证号码已登记为干部，请重新预览后再导入"
                    )
            return write_batch(session, CadreModel, self.store.device_id, rows, {}, progress)

    def coverage_gaps(self, township_id: uuid.UUID, on: date | None = None) -> list[CoverageGap]:
        """Units paired in the township with < 2 full-time cadres, and its communities with < 2 advisors,
        counting cadres in post on ``on`` (default today)."""
        day = on or date.today()
        in_post = and_(
            CadreModel.deleted_at.is_(None), active_on(CadreModel.start_date, CadreModel.end_date, day)
        )
        gaps: list[CoverageGap] = []
        with self.store.session() as session:
            units = session.scalars(
                select(PairedUnit)
                .join(Pairing, Pairing.unit_id == PairedUnit.id)
                .where(
                    Pairing.township_id == township_id,
                    pairing_during(day, day),
                    PairedUnit.deleted_at.is_(None),
                )
                .distinct()
                .order_by(PairedUnit.name)
            ).all()
            for unit in units:
                count = (
                    session.scalar(
                        select(func.count()).where(
                            in_post, CadreModel.kind == CadreKind.FULL_TIME, CadreModel.unit_id == unit.id
                        )
                    )
                    or 0
                )
                if count < MIN_FULL_TIME_CADRES_PER_UNIT:
                    required = MIN_FULL_TIME_CADRES_PER_UNIT
                    gaps.append(_gap("unit", unit.id, unit.name, count, required, "专职联点干部"))
            communities = session.scalars(
                select(Community)
                .where(Community.township_id == township_id, Community.deleted_at.is_(None))
                .order_by(Community.code)
            ).all()
            for community in communities:
                count = (
                    session.scalar(
                        select(func.count()).where(
                            in_post,
                            CadreModel.kind == CadreKind.ADVISOR,
                            CadreModel.community_id == community.id,
                        )
                    )
                    or 0
                )
                if count < MIN_ADVISORS_PER_COMMUNITY:
                    required = MIN_ADVISORS_PER_COMMUNITY
                    gaps.append(_gap("community", community.id, community.name, count, required, "兼职顾问"))
        return gaps


def _gap(
    subject: Literal["unit", "community"],
    record_id: uuid.UUID,
    name: str,
    count: int,
    required: int,
    role: str,
) -> CoverageGap:
    description = f"{name}：{role} {count} 名，少于要求的 {required} 名（缺 {required - count} 名）"
    return CoverageGap(subject, record_id, name, count, required, description)


_CADRE_DEFAULTS: dict[str, Any] = {
    "kind": None,
    "unit_id": None,
    "township_id": None,
    "community_id": None,
    "name": None,
    "gender": None,
    "phone": "",
    "id_number": None,
    "position": "",
    "start_date": None,
    "end_date": None,
}


def _cadre_key(
    id_number: str | None,
    kind: CadreKind,
    name: str,
    unit_id: uuid.UUID | None,
    community_id: uuid.UUID | None,
) -> tuple[object, ...]:
    """The same person: by ID number, or without one by kind, name, unit and community."""
    if id_number:
        return ("id", id_number)
    return ("name", kind.value, name, unit_id, community_id)


@dataclass(frozen=True)
class _CadreBatch:
    """What :meth:`CadreService._clean` reads from the database, loaded once for a batch."""

    units: Mapping[uuid.UUID, PairedUnit]
    communities: Mapping[uuid.UUID, Community]
    townships: set[uuid.UUID]

    def clean(self, values: Mapping[str, Any], explicit: Iterable[str]) -> dict[str, Any]:
        unit_id, community_id = values["unit_id"], values["community_id"]
        kind_value = values["kind"]
        if kind_value is None:  # not given: a unit's cadre, or a community's advisor
            kind_value = CadreKind.FULL_TIME if unit_id is not None else CadreKind.ADVISOR
        kind = coerce_enum(CadreKind, kind_value, "kind", "干部类型")
        if kind is CadreKind.FULL_TIME and unit_id is None:
            raise ValidationError("unit_id", "专职联点干部必须选择所属联点单位")
        if kind is CadreKind.ADVISOR and community_id is None:
            raise ValidationError("community_id", "兼职顾问必须选择所联系的村/社区")
        if unit_id is not None and unit_id not in self.units:
            raise ValidationError("unit_id", "所选联点单位不存在或已删除")
        township_id = values["township_id"]
        community = None
        if community_id is not None:
            community = self.communities.get(community_id)
            if community is None:
                raise ValidationError("community_id", "所选村/社区不存在或已删除")
            if township_id is not None and township_id != community.township_id:
                raise ValidationError("community_id", f"“{community.name}”不属于所选乡镇/街道")
            township_id = community.township_id
        elif township_id is not None and township_id not in self.townships:
            raise ValidationError("township_id", "所选乡镇/街道不存在或已删除")
        identity = resolve_identity(values["id_number"], values["gender"], None, explicit)
        start = optional_date(values["start_date"], "start_date")
        end = optional_date(values["end_date"], "end_date")
        if start is not None:
            _check_period(start, end)
        return {
            "kind": kind,
            "unit_id": unit_id,
            "community_id": community.id if community else None,
            "township_id": township_id,
            "name": validate_name(values["name"], "name"),
            "gender": identity.gender,
            "phone": optional_phone(values["phone"], "phone"),
            "id_number": identity.id_number,
            "position": optional_text(values["position"], "position", "职务", 50),
            "start_date": start,
            "end_date": end,
        }
