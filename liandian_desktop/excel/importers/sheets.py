"""Sign-in sheets of activities: invitation lists, and attendance keyed in after the event."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import ClassVar

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.excel.importers.base import Importer, Values
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.services.activities import ActivityService, SheetEntry
from liandian_desktop.ledger.services.fields import BatchProgress, BatchRow, BatchSaved
from liandian_desktop.ledger.services.people import ResidentKey

_ERROR_FIELDS = {"activity_id": "activity", "resident_id": "name"}


class _SheetImporter(Importer):
    error_fields: ClassVar[dict[str, str]] = _ERROR_FIELDS
    change_labels: ClassVar[dict[str, str]] = {
        "status": "出席情况",
        "signed_at": "签到时间",
        "hours": "服务时长",
        "note": "备注",
    }

    def activity_id(self, values: Values) -> uuid.UUID:
        if "activity" in values:
            return self.refs.activity(values["activity"])
        if self.options.activity_id is not None:
            return self.options.activity_id
        raise ValidationError("activity", "未填写活动编号；请填写，或在导入时指定活动")

    def check(self, rows: Sequence[Values]) -> list[BatchRow]:
        entries = [row["entry"] for row in rows]
        return ActivityService(self.store).check_sheet_batch(entries, update_existing=self.update_existing)

    def save(self, rows: Sequence[BatchRow], progress: BatchProgress | None) -> BatchSaved:
        return ActivityService(self.store).save_sheet_batch(rows, progress)


class InvitationImporter(_SheetImporter):
    kind = ImportKind.INVITATIONS

    def service_row(self, values: Values) -> Values:
        activity_id = self.activity_id(values)
        resident = self.refs.resident(values, required=True)
        assert resident is not None
        return {"entry": SheetEntry(activity_id, resident_id=resident.id)}


class AttendanceImporter(_SheetImporter):
    kind = ImportKind.ATTENDANCE

    def service_row(self, values: Values) -> Values:
        activity_id = self.activity_id(values)
        resident: ResidentKey | None = None
        if "row_code" not in values:
            try:
                resident = self.refs.resident(values, required=False)
            except ValidationError as exc:
                if exc.field != "id_number" or "name" not in values:
                    raise
                resident = None  # an ID number not in the ledger: someone from outside, by name
        present = values.get("present", True)
        entry = SheetEntry(
            activity_id,
            resident_id=resident.id if resident is not None else None,
            name=str(values.get("name") or ""),
            phone=str(values.get("phone") or ""),
            row_code=str(values.get("row_code") or ""),
            present=bool(present),
            signed_at=values.get("signed_at"),
            hours=values.get("hours"),
            note=values.get("note"),
        )
        return {"entry": entry}
