"""What every kind of import shares: turning a row's field values into a service batch row, finding the
communities, units, activities and residents a cell names, and describing values for the preview."""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar, Final

from liandian_desktop.excel.columns import ImportKind, KindSpec, spec_of
from liandian_desktop.excel.plan import ImportOptions
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    Community,
    DemandCategory,
    DemandItem,
    PairedUnit,
    SpecialGroup,
)
from liandian_desktop.ledger.models.enums import Labelled
from liandian_desktop.ledger.services.activities import ActivityService
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.fields import BatchProgress, BatchRow, BatchSaved
from liandian_desktop.ledger.services.lists import DemandService
from liandian_desktop.ledger.services.org import DivisionService, UnitService
from liandian_desktop.ledger.services.people import ResidentKey, ResidentService
from liandian_desktop.ledger.validation import (
    mask_id_number,
    normalize_text,
    validate_id_number,
)
from liandian_desktop.store.engine import Store

Values = dict[str, Any]

# What people append to a village's or community's name, longest first.
_PLACE_SUFFIXES: Final = (
    "社区居民委员会",
    "村民委员会",
    "居民委员会",
    "社区居委会",
    "村委会",
    "居委会",
    "社区",
    "村",
)
_SPACES: Final = re.compile(r"\s+")


def place_core(name: str) -> str:
    """'识字岭社区居委会' → '识字岭': what a village or community is called without its suffix."""
    text = _SPACES.sub("", normalize_text(name))
    for suffix in _PLACE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


class References:
    """The township's communities, the county's units, the township's activities and residents, loaded
    once per import through the services, and found by what people write in a cell."""

    def __init__(self, store: Store, township_id: uuid.UUID) -> None:
        self.store = store
        self.township_id = township_id

    @cached_property
    def township_county(self) -> uuid.UUID:
        township = DivisionService(self.store).townships.get(self.township_id)
        county_id: uuid.UUID = township.county_id
        return county_id

    @cached_property
    def communities(self) -> list[Community]:
        return DivisionService(self.store).communities_of(self.township_id)

    @cached_property
    def _community_index(self) -> dict[str, list[Community]]:
        index: dict[str, list[Community]] = {}
        for c in self.communities:
            for key in {c.code, _SPACES.sub("", c.name), place_core(c.name)}:
                index.setdefault(key, []).append(c)
        return index

    def community(self, text: str, field: str = "community") -> uuid.UUID:
        """A community of the township by code, name, or name without 社区/村/居委会."""
        key = _SPACES.sub("", normalize_text(text))
        found = self._community_index.get(key) or self._community_index.get(place_core(key)) or []
        unique = {c.id: c for c in found}
        if len(unique) == 1:
            return next(iter(unique))
        if len(unique) > 1:
            names = "、".join(c.name for c in unique.values())
            raise ValidationError(field, f"“{text}”可能是{names}，请填写完整名称或区划代码")
        raise ValidationError(field, f"“{text}”不是本乡镇（街道）的村或社区，请核对名称")

    def community_name(self, community_id: object) -> str:
        return next((c.name for c in self.communities if c.id == community_id), "")

    @cached_property
    def units(self) -> list[PairedUnit]:
        query = ListQuery(filters={"county_id": self.township_county}, limit=None, sort="name")
        return list(UnitService(self.store).list(query).rows)

    def unit(self, text: str, field: str = "unit") -> uuid.UUID:
        """A live paired unit of the county by full name or short name."""
        key = _SPACES.sub("", normalize_text(text))
        found = {u.id for u in self.units if key in (_SPACES.sub("", u.name), _SPACES.sub("", u.short_name))}
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise ValidationError(field, f"简称“{text}”对应多个联点单位，请填写单位全称")
        raise ValidationError(field, f"联点单位“{text}”不在台账中；请先导入联点单位，或核对名称")

    def unit_name(self, unit_id: object) -> str:
        return next((u.name for u in self.units if u.id == unit_id), "")

    @cached_property
    def activities(self) -> list[Activity]:
        query = ListQuery(filters={"township_id": self.township_id}, limit=None)
        return list(ActivityService(self.store).list(query).rows)

    def activity(self, text: str, field: str = "activity") -> uuid.UUID:
        code = _SPACES.sub("", normalize_text(text)).upper()
        for a in self.activities:
            if a.code == code:
                return a.id
        raise ValidationError(field, f"活动编号“{code}”不在台账中，请核对签到表上的编号")

    def activity_of(self, activity_id: uuid.UUID) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    @cached_property
    def _catalogue(self) -> tuple[list[DemandCategory], list[DemandItem]]:
        return DemandService(self.store).catalogue()

    @property
    def categories(self) -> list[DemandCategory]:
        return self._catalogue[0]

    def catalogue_name(self, record_id: object) -> str:
        """The name of a demand category or item."""
        names = {c.id: c.name for c in self._catalogue[0]} | {i.id: i.name for i in self._catalogue[1]}
        return names.get(record_id, "") if isinstance(record_id, uuid.UUID) else ""

    @cached_property
    def residents(self) -> list[ResidentKey]:
        return ResidentService(self.store).directory(self.township_id)

    @cached_property
    def _residents_by_id_number(self) -> dict[str, ResidentKey]:
        return {r.id_number: r for r in self.residents if r.id_number}

    @cached_property
    def _residents_by_name(self) -> dict[str, list[ResidentKey]]:
        index: dict[str, list[ResidentKey]] = {}
        for r in self.residents:
            index.setdefault(r.name, []).append(r)
        return index

    def resident_by_id_number(self, number: str) -> ResidentKey | None:
        return self._residents_by_id_number.get(number)

    def resident(self, values: Mapping[str, Any], *, required: bool) -> ResidentKey | None:
        """The township's resident a row names: by ID number, else by name narrowed by phone and
        community. None when not found and not ``required``."""
        if values.get("id_number") is not None:
            number = validate_id_number(values["id_number"], "id_number")
            found = self._residents_by_id_number.get(number)
            if found is None:
                raise ValidationError("id_number", "台账中没有此身份证号码的居民；请先导入居民名册")
            return found
        name = values.get("name")
        if not name:
            raise ValidationError("name", "请填写姓名或身份证号码")
        candidates = self._residents_by_name.get(name.replace(" ", ""), [])
        if values.get("phone") and len(candidates) > 1:
            candidates = [r for r in candidates if r.phone == values["phone"]] or candidates
        if values.get("community") and len(candidates) > 1:
            community_id = self.community(values["community"])
            candidates = [r for r in candidates if r.community_id == community_id] or candidates
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise ValidationError("name", f"台账中有 {len(candidates)} 位居民名为“{name}”，请填写身份证号码")
        if required:
            raise ValidationError("name", f"台账中没有名为“{name}”的居民；请先导入居民名册，或填写身份证号码")
        return None


class Importer(ABC):
    """One kind of import: from a row's field values to the service's batch, and back to words."""

    kind: ClassVar[ImportKind]
    # A service's error field → the field key of the column to blame.
    error_fields: ClassVar[dict[str, str]] = {}
    # A service's attribute → its label in the preview of an update.
    change_labels: ClassVar[dict[str, str]] = {}

    def __init__(self, store: Store, options: ImportOptions) -> None:
        self.store = store
        self.options = options
        self.refs = References(store, options.township_id)

    @property
    def spec(self) -> KindSpec:
        return spec_of(self.kind)

    @property
    def update_existing(self) -> bool:
        return self.options.on_duplicate == "update"

    def defaults(self) -> set[str]:
        """Field keys the options stand in for when the sheet has no such column."""
        found = set()
        if self.options.community_id is not None:
            found.add("community")
        if self.options.activity_id is not None:
            found.add("activity")
        if self.options.quarter:
            found.add("quarter")
        return found

    @abstractmethod
    def service_row(self, values: Values) -> Values:
        """The service's keyword arguments for one row; ValidationError (field = a field key) refuses it."""

    @abstractmethod
    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        """The service's batch check of every row that got this far."""

    @abstractmethod
    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        """The service's batch write, one transaction."""

    def label(self, values: Values) -> str:
        """Who or what the row is, for the preview: the name and the ID number masked (first 6, last 4).
        Cheap on purpose (20,000 rows): nothing is validated here."""
        name = "".join(str(values.get("name") or values.get("title") or "").split())
        number = values.get("id_number")
        if isinstance(number, str):
            text = "".join(number.split())
            masked = text[:6] + "*" * 8 + text[-4:] if len(text) == 18 else ""
            return f"{name} {masked}".strip()
        return name

    def field_of_error(self, service_field: str) -> str:
        return self.error_fields.get(service_field, service_field)

    def change_label(self, key: str) -> str:
        if key in self.change_labels:
            return self.change_labels[key]
        try:
            return self.spec.field(key).header
        except KeyError:
            return key

    def describe(self, key: str, value: object) -> str:
        """A value as the preview shows it."""
        if value is None:
            return ""
        if key == "community_id":
            return self.refs.community_name(value)
        if key == "unit_id":
            return self.refs.unit_name(value)
        if key == "special_groups" and isinstance(value, str):
            return "、".join(g.label for g in SpecialGroup if g.value in value.split(","))
        if key == "id_number" and isinstance(value, str):
            try:
                return mask_id_number(value, public=False)
            except ValidationError:
                return value
        if isinstance(value, Labelled):
            return value.label
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        if isinstance(value, bool):
            return "是" if value else "否"
        return str(value)


def pick(values: Values, *keys: str) -> Values:
    """The given keys of a row's values (absent keys stay absent: 'not given')."""
    return {k: values[k] for k in keys if k in values}
