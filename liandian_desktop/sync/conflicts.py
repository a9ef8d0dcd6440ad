"""Sync conflicts for the coordinator: list them, resolve one by choosing a value.

The county server records a conflict when two devices changed the same field without seeing each other's
change; the record reaches this ledger like any other. Resolving it here writes the chosen value into the
record and closes the conflict — both ordinary edits, uploaded at the next sync, so the county sees the
outcome too. Conflicts on county reference data are the county's to resolve.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import SyncConflict, utcnow
from liandian_desktop.store.engine import Store
from liandian_desktop.sync import state
from liandian_desktop.sync.schema import Wire, WireError, table_spec


@dataclass(frozen=True)
class ConflictItem:
    id: uuid.UUID
    table: str
    row_id: uuid.UUID
    field: str
    kept_value: Wire  # in the record now (the later edit, in the server's order)
    other_value: Wire  # the edit it replaced
    kept_device: str
    other_device: str
    detected_at: datetime
    status: str
    resolved_value: Wire
    resolved_by: str
    township_id: uuid.UUID | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def _item(row: SyncConflict) -> ConflictItem:
    return ConflictItem(
        id=row.id,
        table=row.record_table,
        row_id=row.row_id,
        field=row.field,
        kept_value=json.loads(row.kept_value),
        other_value=json.loads(row.other_value),
        kept_device=row.kept_device,
        other_device=row.other_device,
        detected_at=row.detected_at,
        status=row.status,
        resolved_value=None if row.resolved_value is None else json.loads(row.resolved_value),
        resolved_by=row.resolved_by,
        township_id=row.township_id,
    )


class ConflictService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self, *, open_only: bool = True) -> list[ConflictItem]:
        with self.store.session() as session:
            stmt = select(SyncConflict).where(SyncConflict.deleted_at.is_(None))
            if open_only:
                stmt = stmt.where(SyncConflict.status == "open")
            return [_item(r) for r in session.scalars(stmt.order_by(SyncConflict.detected_at.desc()))]

    def resolve(self, conflict_id: uuid.UUID, value: Wire, resolved_by: str = "") -> ConflictItem:
        """Set the record's field to ``value`` (a wire value, e.g. ``item.other_value``) and close the
        conflict."""
        with self.store.engine.connect() as conn:
            enrolment = state.enrolment(conn)
        with self.store.transaction() as session:
            conflict = session.get(SyncConflict, conflict_id)
            if conflict is None or conflict.deleted_at is not None:
                raise NotFoundError(f"冲突记录不存在（{conflict_id}）")
            mine = enrolment.township_id if enrolment else None
            if mine is not None and (conflict.township_id is None or conflict.township_id.hex != mine):
                raise ValidationError("township_id", "这是县级数据的冲突，只能由县级处理。")
            try:
                spec = table_spec(conflict.record_table)
                python_value: Any = spec.fields[conflict.field].from_wire(value)
            except (WireError, KeyError) as exc:
                raise ValidationError(conflict.field, f"选定的值无效：{value!r}") from exc
            record = session.get(spec.model, conflict.row_id)
            if record is None:
                raise NotFoundError(
                    f"冲突涉及的记录在本机不存在（{conflict.record_table} {conflict.row_id}）"
                )
            setattr(record, conflict.field, python_value)
            conflict.status = "resolved"
            conflict.resolved_value = json.dumps(value, ensure_ascii=False)
            conflict.resolved_by = resolved_by[:50]
            conflict.resolved_at = utcnow()
            session.flush()
            return _item(conflict)
