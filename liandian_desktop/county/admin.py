"""What the county office does on its server: set up the county and its townships, issue enrolment codes,
revoke devices, publish reference data and form templates, edit any record, resolve conflicts, read alerts,
and import a township's existing ledger file.

Every edit goes through the same writer as the devices' uploads (as the county, which may write
everything), so it gets a sequence number, reaches the devices in scope, and is counted in the checksums.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, update
from sqlalchemy.orm import Session

from liandian_desktop.county import devices, records
from liandian_desktop.county.db import AlertRow, DeviceRow, RecordRow, reading, writing
from liandian_desktop.county.scope import CONFLICTS_TABLE, Actor, county_actor
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models.base import utcnow
from liandian_desktop.sync import chain
from liandian_desktop.sync.schema import (
    COUNTY_SCOPE,
    PRIVATE_SCOPE,
    Wire,
    WireError,
    canonical_json,
    datetime_to_wire,
    table_of,
    table_spec,
    tables,
)

FORM_NAMESPACE = uuid.UUID("0b7c6d33-4f6e-4a57-8d0e-666f726d7331")
_R = table_of(RecordRow)


class AdminError(LedgerError):
    """An admin command that cannot be carried out (message in Chinese)."""


@dataclass(frozen=True)
class EditResult:
    applied: int
    unchanged: int
    rejected: list[str]


def init(engine: Engine) -> None:
    """Create (or upgrade) the schema and the two county scopes; forget request nonces past keeping."""
    from liandian_desktop.county.db import upgrade

    upgrade(engine)
    with writing(engine) as conn:
        records.lock_scopes(conn, [COUNTY_SCOPE, PRIVATE_SCOPE])
        devices.prune_nonces(conn)


def _new_row(table: str, fields: Mapping[str, Wire]) -> dict[str, Wire]:
    """Fill the bookkeeping and default fields of a new record (as the ORM would on a laptop)."""
    spec = table_spec(table)
    now = datetime_to_wire(utcnow())
    row: dict[str, Wire] = {"created_at": now, "deleted_at": None}
    for name, column in ((c.name, c) for c in spec.model.__table__.columns if c.name in spec.fields):
        default: Any = column.default
        if name in row or default is None or default.is_callable or default.is_clause_element:
            continue
        row[name] = spec.fields[name].to_wire(default.arg)
    for name, spec_field in spec.fields.items():
        if name not in row and spec_field.nullable:
            row[name] = None
    row.update(fields)
    return row


def edit(
    engine: Engine, changes: Iterable[tuple[str, str, Mapping[str, Any]]], actor: Actor | None = None
) -> EditResult:
    """Apply county edits: (table, row id hex, fields as wire values). A record that does not exist yet is
    created (missing bookkeeping and defaults are filled in)."""
    actor = actor or county_actor()
    wanted = list(changes)
    incoming = []
    with writing(engine) as conn:
        existing = records.load(conn, [(t, i) for t, i, _ in wanted])
        for table, row_id, fields in wanted:
            data = dict(fields)
            if (table, row_id) not in existing:
                data = _new_row(table, data)
            incoming.append(
                records.Incoming(table, row_id, "u" if (table, row_id) in existing else "i", None, data)
            )
        result = records.Writer(conn, actor).apply(incoming)
    rejected = [
        f"{c.table} {c.row_id}：{o.message}"
        for c, o in zip(incoming, result.outcomes, strict=True)
        if o.status == "rejected"
    ]
    return EditResult(
        sum(o.status == "applied" for o in result.outcomes),
        sum(o.status == "same" for o in result.outcomes),
        rejected,
    )


def edit_one(engine: Engine, table: str, row_id: str, fields: Mapping[str, Any]) -> None:
    result = edit(engine, [(table, row_id, fields)])
    if result.rejected:
        raise AdminError("；".join(result.rejected))


def create_county(engine: Engine, code: str, name: str, *, catalogue: bool = True) -> str:
    county_id = uuid.uuid4().hex
    edit_one(engine, "counties", county_id, {"code": code, "name": name})
    if catalogue:
        publish_default_catalogue(engine)
    return county_id


def add_township(engine: Engine, county_id: str, code: str, name: str, population: int = 0) -> str:
    if get(engine, "counties", county_id) is None:
        raise AdminError(f"县（区）不存在：{county_id}")
    township_id = uuid.uuid4().hex
    edit_one(
        engine,
        "townships",
        township_id,
        {"county_id": county_id, "code": code, "name": name, "population": population},
    )
    with writing(engine) as conn:
        records.lock_scopes(conn, [township_id])
    return township_id


def find(engine: Engine, table: str, key: str) -> str:
    """A record id from its hex/UUID id or its code (for counties and townships)."""
    text = key.strip()
    try:
        hex_id = uuid.UUID(text).hex
    except ValueError:
        hex_id = None
    with reading(engine) as conn:
        if hex_id is not None and records.get(conn, table, hex_id) is not None:
            return hex_id
        for row in conn.execute(select(_R.c.id, _R.c.data).where(_R.c.tbl == table)):
            data = json.loads(row.data)
            if text in (data.get("code"), data.get("name")):
                return str(row.id)
    raise AdminError(f"找不到记录：{table} {key}")


def get(engine: Engine, table: str, row_id: str) -> records.Stored | None:
    with reading(engine) as conn:
        return records.get(conn, table, row_id)


def listing(engine: Engine, table: str) -> list[records.Stored]:
    with reading(engine) as conn:
        rows = conn.execute(select(_R).where(_R.c.tbl == table).order_by(_R.c.seq))
        return [records.stored_of(r) for r in rows]


def publish_default_catalogue(engine: Engine) -> EditResult:
    """The default categories, items, standard services and points rules (same ids as every laptop's)."""
    from liandian_desktop.ledger.catalogue import seed_catalogue
    from liandian_desktop.ledger.models import Base, DemandCategory, DemandItem, PointsRule, StandardService

    models: list[type[Any]] = [DemandCategory, DemandItem, StandardService, PointsRule]
    scratch = create_engine("sqlite://")
    Base.metadata.create_all(scratch, tables=[table_of(m) for m in models])
    changes: list[tuple[str, str, Mapping[str, Any]]] = []
    with Session(scratch) as session:
        seed_catalogue(session)
        session.flush()
        for model in models:
            spec = table_spec(model.__tablename__)
            for obj in session.scalars(select(model)):
                values = {c.name: getattr(obj, c.key) for c in table_of(model).columns}
                changes.append((spec.name, values["id"].hex, spec.row_to_wire(values)))
    scratch.dispose()
    return edit(engine, changes)


def publish_file(engine: Engine, path: Path) -> EditResult:
    """Publish reference data from a JSON file ``{"table": [{"id": ..., field: wire value, ...}, ...]}``.

    Rows without an id get one derived from their ``key`` (not stored), else their code, else their name,
    so publishing the same file twice changes nothing.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AdminError(f"无法读取 {path}：{exc}") from exc
    if not isinstance(document, dict):
        raise AdminError("发布文件应为 JSON 对象：{表名: [记录, ...]}")
    changes: list[tuple[str, str, Mapping[str, Any]]] = []
    for table, rows in document.items():
        try:
            spec = table_spec(table)
        except WireError as exc:
            raise AdminError(exc.message) from exc
        if not spec.is_reference and table != "config_entries":
            raise AdminError(f"“{table}”不是县级基础数据，不能用发布命令")
        for row in rows:
            fields = dict(row)
            key = fields.pop("key", None) or fields.get("code") or fields.get("name")
            row_id = fields.pop("id", None) or uuid.uuid5(FORM_NAMESPACE, f"{table}:{key}").hex
            changes.append((table, uuid.UUID(str(row_id)).hex, fields))
    return edit(engine, changes)


def publish_form(engine: Engine, code: str, name: str, content: bytes, media_type: str) -> int:
    """Publish a form template; publishing a code again replaces it with the next version."""
    import base64

    row_id = uuid.uuid5(FORM_NAMESPACE, f"form:{code}").hex
    current = get(engine, "form_templates", row_id)
    version = 1 if current is None else int(current.data.get("version") or 0) + 1
    edit_one(
        engine,
        "form_templates",
        row_id,
        {
            "code": code,
            "name": name,
            "version": version,
            "media_type": media_type,
            "sha256": hashlib.sha256(content).hexdigest(),
            "content": base64.b64encode(content).decode("ascii"),
        },
    )
    return version


# -- devices -------------------------------------------------------------------------------------------


def issue_code(engine: Engine, township_id: str | None, days: int = 7, note: str = "") -> str:
    with writing(engine) as conn:
        return devices.issue_code(conn, township_id, days=days, note=note)


def revoke(engine: Engine, device_id: str) -> bool:
    with writing(engine) as conn:
        return devices.revoke(conn, device_id)


def device_list(engine: Engine) -> list[Any]:
    with reading(engine) as conn:
        return list(conn.execute(select(table_of(DeviceRow)).order_by(table_of(DeviceRow).c.enrolled_at)))


# -- conflicts and alerts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    row_id: str
    field: str
    kept: Any
    other: Any
    kept_device: str
    other_device: str
    status: str
    detected_at: str


def conflicts(engine: Engine, *, open_only: bool = True) -> list[ConflictView]:
    out = []
    for stored in listing(engine, CONFLICTS_TABLE):
        data = stored.data
        if data.get("deleted_at") is not None or (open_only and data.get("status") != "open"):
            continue
        out.append(
            ConflictView(
                stored.row_id,
                str(data["record_table"]),
                str(data["row_id"]),
                str(data["field"]),
                json.loads(str(data["kept_value"])),
                json.loads(str(data["other_value"])),
                str(data.get("kept_device", "")),
                str(data.get("other_device", "")),
                str(data.get("status", "")),
                str(data.get("detected_at", "")),
            )
        )
    return out


def resolve_conflict(engine: Engine, conflict_id: str, value: Wire, operator: str = "县级") -> None:
    """Settle a conflict: the record's field gets ``value`` (a wire value) and the conflict is closed."""
    stored = get(engine, CONFLICTS_TABLE, conflict_id)
    if stored is None:
        raise AdminError(f"找不到冲突记录：{conflict_id}")
    data = stored.data
    now = datetime_to_wire(utcnow())
    edit_one(engine, str(data["record_table"]), str(data["row_id"]), {str(data["field"]): value})
    edit_one(
        engine,
        CONFLICTS_TABLE,
        conflict_id,
        {
            "status": "resolved",
            "resolved_value": canonical_json(value).decode("utf-8"),
            "resolved_by": operator[:50],
            "resolved_at": now,
        },
    )


def alerts(engine: Engine, *, include_acknowledged: bool = False) -> list[Any]:
    t = table_of(AlertRow)
    with reading(engine) as conn:
        stmt = select(t).order_by(t.c.at)
        if not include_acknowledged:
            stmt = stmt.where(t.c.acknowledged.is_(False))
        return list(conn.execute(stmt))


def acknowledge_alerts(engine: Engine) -> int:
    t = table_of(AlertRow)
    with writing(engine) as conn:
        return conn.execute(update(t).where(t.c.acknowledged.is_(False)).values(acknowledged=True)).rowcount


# -- importing a township's ledger file ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    device_id: str
    township_id: str | None
    rows: int
    chain_seq: int


def import_ledger(engine: Engine, path: Path, township_id: str | None = None) -> ImportResult:
    """Take in a township's existing ledger (records kept offline before the server existed), keeping its
    ids, as written by that ledger's device: when the laptop enrols, its changes so far count as delivered
    and nothing it holds comes back down."""
    if not path.exists():
        raise AdminError(f"台账文件不存在：{path}")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        device_row = source.execute("SELECT value FROM ledger_meta WHERE key='device_id'").fetchone()
        if device_row is None:
            raise AdminError("该文件不是联点共建台账（缺少设备编号）")
        device_id = str(device_row[0])
        try:
            head = source.execute("SELECT seq, hash FROM sync_changes ORDER BY seq DESC LIMIT 1").fetchone()
        except sqlite3.OperationalError as exc:
            raise AdminError("台账版本过旧：请先用新版桌面端打开（升级数据库）后再导入") from exc
    finally:
        source.close()
    ledger = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    changes: list[records.Incoming] = []
    townships: set[str] = set()
    try:
        with ledger.connect() as conn:
            for spec in tables().values():
                table = spec.model.__table__
                for row in conn.execute(select(table)).mappings():
                    data = spec.row_to_wire(row)
                    changes.append(records.Incoming(spec.name, row["id"].hex, "i", None, data))
                    if spec.name == "townships":
                        townships.add(row["id"].hex)
    finally:
        ledger.dispose()
    if township_id is None and len(townships) == 1:
        township_id = next(iter(townships))
    actor = Actor(device_id, None, "import")
    with writing(engine) as conn:
        result = records.Writer(conn, actor).apply(changes)
        bad = [o.message for o in result.outcomes if o.status == "rejected"]
        if bad:
            raise AdminError(f"导入失败：{len(bad)} 条记录无效，例如：{bad[0]}")
        if head is not None and head[1] is None:
            raise AdminError("台账的变更日志尚未封存：请先用桌面端正常打开并关闭一次后再导入")
        seq, hash_ = (int(head[0]), str(head[1])) if head else (0, chain.genesis(device_id))
        t = table_of(DeviceRow)
        exists = conn.scalar(select(t.c.id).where(t.c.id == device_id))
        values = {"township_id": township_id, "is_county": False, "chain_seq": seq, "chain_hash": hash_}
        if exists:
            conn.execute(update(t).where(t.c.id == device_id).values(**values))
        else:
            conn.execute(t.insert().values(id=device_id, name="导入的台账", **values))
    return ImportResult(device_id, township_id, len(changes), seq)
