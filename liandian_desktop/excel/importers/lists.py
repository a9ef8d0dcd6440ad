"""Demands and supplies of the three lists (三张清单)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.excel.importers.base import Importer, Values, pick
from liandian_desktop.ledger.services.fields import BatchProgress, BatchRow, BatchSaved
from liandian_desktop.ledger.services.lists import DemandService, SupplyService
from liandian_desktop.ledger.validation import quarter_of


class DemandImporter(Importer):
    kind = ImportKind.DEMANDS
    error_fields: ClassVar[dict[str, str]] = {
        "community_id": "community",
        "category_id": "category",
        "item_id": "item",
    }
    change_labels: ClassVar[dict[str, str]] = {
        "community_id": "所属村（社区）",
        "category_id": "需求类别",
        "item_id": "需求事项",
    }

    def service_row(self, values: Values) -> Values:
        row = pick(
            values,
            "code",
            "category",
            "item",
            "title",
            "description",
            "urgency",
            "special_group",
            "beneficiaries",
            "raised_on",
            "requester_name",
        )
        if "community" in values:
            row["community_id"] = self.refs.community(values["community"])
        elif self.options.community_id is not None:
            row["community_id"] = self.options.community_id
        if "quarter" in values:
            row["quarter"] = values["quarter"]
        elif self.options.quarter:
            row["quarter"] = self.options.quarter
        elif "code" not in values:  # the quarter the demand was raised in
            raised = values.get("raised_on")
            row["quarter"] = quarter_of(raised if isinstance(raised, date) else date.today())
        return row

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        service = DemandService(self.store)
        return service.check_batch(self.options.township_id, rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return DemandService(self.store).save_batch(self.options.township_id, rows, progress)

    def describe(self, key: str, value: object) -> str:
        if key in ("category_id", "item_id"):
            return self.refs.catalogue_name(value)
        return super().describe(key, value)


class SupplyImporter(Importer):
    kind = ImportKind.SUPPLIES
    error_fields: ClassVar[dict[str, str]] = {"unit_id": "unit", "community_id": "community"}
    change_labels: ClassVar[dict[str, str]] = {
        "community_id": "指定村（社区）",
        "category_codes": "可服务类别",
    }

    def service_row(self, values: Values) -> Values:
        row = pick(values, "code", "kind", "title", "description", "capacity")
        if "unit" in values:
            row["unit_id"] = self.refs.unit(values["unit"])
        if "quarter" in values:
            row["quarter"] = values["quarter"]
        elif self.options.quarter:
            row["quarter"] = self.options.quarter
        if "category_codes" in values:
            row["category_codes"] = list(values["category_codes"])
        if "community" in values:  # an earmark: never taken from the import's default community
            row["community_id"] = self.refs.community(values["community"])
        return row

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        service = SupplyService(self.store)
        return service.check_batch(self.options.township_id, rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return SupplyService(self.store).save_batch(self.options.township_id, rows, progress)

    def describe(self, key: str, value: object) -> str:
        if key == "category_codes" and isinstance(value, str):
            names = {c.code: c.name for c in self.refs.categories}
            return "、".join(names.get(code, code) for code in value.split(",") if code)
        return super().describe(key, value)
