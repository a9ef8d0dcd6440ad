"""Residents (with their special-group flags) and volunteers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.excel.importers.base import Importer, Values, pick
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import SpecialGroup
from liandian_desktop.ledger.services.fields import BatchProgress, BatchRow, BatchSaved, coerce_enum
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.ledger.services.volunteers import VolunteerService
from liandian_desktop.ledger.validation import validate_id_number

_FLAG = "flag:"


class ResidentImporter(Importer):
    kind = ImportKind.RESIDENTS
    error_fields: ClassVar[dict[str, str]] = {"community_id": "community", "special_groups": "groups"}
    change_labels: ClassVar[dict[str, str]] = {"community_id": "所属村（社区）", "special_groups": "特殊群体"}

    def service_row(self, values: Values) -> Values:
        row = pick(
            values,
            "name",
            "id_number",
            "gender",
            "birth_date",
            "phone",
            "address",
            "household_no",
            "health_note",
            "disability_note",
            "note",
        )
        if "community" in values:
            row["community_id"] = self.refs.community(values["community"])
        elif self.options.community_id is not None:
            row["community_id"] = self.options.community_id
        groups = self._groups(values)
        if groups is not None:
            row["groups"] = groups
        return row

    def _groups(self, values: Values) -> set[SpecialGroup] | None:
        """The row's special groups, or None when it says nothing about them.

        A 特殊群体 list replaces the groups; a 是/否 column sets or clears its one group on top of the list,
        or, without a list, on top of the groups the resident already has in the ledger.
        """
        flags = {k.removeprefix(_FLAG): v for k, v in values.items() if k.startswith(_FLAG)}
        listed = values.get("groups")
        if listed is None and not flags:
            return None
        if listed is not None:
            base = {coerce_enum(SpecialGroup, g, "groups", "特殊群体") for g in listed}
        else:
            base = set()
            try:
                number = validate_id_number(values.get("id_number"), "id_number")
            except ValidationError:
                number = ""
            known = self.refs.resident_by_id_number(number) if number else None
            if known is not None:
                base = {SpecialGroup(code) for code in known.special_groups.split(",") if code}
        for code, on in flags.items():
            group = SpecialGroup(code)
            if on:
                base.add(group)
            else:
                base.discard(group)
        return base

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        service = ResidentService(self.store)
        return service.check_batch(self.options.township_id, rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return ResidentService(self.store).save_batch(self.options.township_id, rows, progress)


class VolunteerImporter(Importer):
    kind = ImportKind.VOLUNTEERS
    error_fields: ClassVar[dict[str, str]] = {"community_id": "community", "resident_id": "id_number"}
    change_labels: ClassVar[dict[str, str]] = {"community_id": "所属村（社区）", "resident_id": "关联居民"}

    def service_row(self, values: Values) -> Values:
        row = pick(
            values,
            "name",
            "id_type",
            "id_number",
            "gender",
            "birth_date",
            "phone",
            "region",
            "skills",
            "registered_on",
            "status",
            "note",
        )
        if "service_categories" in values:
            row["service_categories"] = list(values["service_categories"])
        if "community" in values:
            row["community_id"] = self.refs.community(values["community"])
        elif self.options.community_id is not None:
            row["community_id"] = self.options.community_id
        return row

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        service = VolunteerService(self.store)
        return service.check_batch(self.options.township_id, rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return VolunteerService(self.store).save_batch(self.options.township_id, rows, progress)

    def describe(self, key: str, value: object) -> str:
        if key == "resident_id":
            return "已关联" if value else ""
        if key == "service_categories" and isinstance(value, str):
            names = {c.code: c.name for c in self.refs.categories}
            return "、".join(names.get(code, code) for code in value.split(",") if code)
        return super().describe(key, value)
