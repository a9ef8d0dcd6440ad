"""Paired units (county reference data kept by the township) and their cadres and advisors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.excel.importers.base import Importer, Values, pick
from liandian_desktop.ledger.services.fields import BatchProgress, BatchRow, BatchSaved
from liandian_desktop.ledger.services.org import CadreService, UnitService


class UnitImporter(Importer):
    kind = ImportKind.UNITS

    def service_row(self, values: Values) -> Values:
        return pick(values, "name", "short_name", "kind", "address", "contact_name", "contact_phone")

    def label(self, values: Values) -> str:
        return str(values.get("name") or "")

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        service = UnitService(self.store)
        return service.check_batch(self.refs.township_county, rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return UnitService(self.store).save_batch(self.refs.township_county, rows, progress)


class CadreImporter(Importer):
    kind = ImportKind.CADRES
    error_fields: ClassVar[dict[str, str]] = {
        "unit_id": "unit",
        "community_id": "community",
        "township_id": "community",
    }
    change_labels: ClassVar[dict[str, str]] = {
        "unit_id": "所属单位",
        "community_id": "联系村（社区）",
        "township_id": "乡镇（街道）",
    }

    def service_row(self, values: Values) -> Values:
        row = pick(
            values, "kind", "name", "gender", "id_number", "phone", "position", "start_date", "end_date"
        )
        if "unit" in values:
            row["unit_id"] = self.refs.unit(values["unit"])
        if "community" in values:
            row["community_id"] = self.refs.community(values["community"])
        elif self.options.community_id is not None:
            row["community_id"] = self.options.community_id
        else:
            row["township_id"] = self.options.township_id  # a unit's cadre working in this township
        return row

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        return CadreService(self.store).check_batch(rows, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return CadreService(self.store).save_batch(rows, progress)

    def describe(self, key: str, value: object) -> str:
        if key == "township_id":
            return "本乡镇（街道）" if value else ""
        return super().describe(key, value)
