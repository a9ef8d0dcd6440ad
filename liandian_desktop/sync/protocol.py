"""The sync protocol: messages, their wire form, versions, compression and limits. One definition for both
ends: the client builds requests and reads responses with it, the county server does the reverse.

Every body is JSON compressed with zlib (``Content-Encoding: deflate``). Versions:

* **1** — changes and records as JSON objects; no request nonce; no scope exits.
* **2** (current) — changes and records as arrays (smaller), a nonce per request (a replayed request is
  refused), scope exits (records that left a device's scope are removed from it).

The server accepts the current version and the one before (``OLDEST_SUPPORTED``) and answers each client
in its own version.
"""

from __future__ import annotations

import json
import re
import secrets
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from liandian_desktop.sync.schema import Checksum, Wire

PROTOCOL_VERSION = 2
OLDEST_SUPPORTED = 1
MEDIA_TYPE = "application/vnd.liandian.sync+json"
CONTENT_ENCODING = "deflate"

MAX_BODY = 8 * 1024 * 1024  # compressed bytes a request may carry
MAX_INFLATED = 48 * 1024 * 1024  # bytes it may inflate to
MAX_CHANGES = 5000  # changes in one upload
UPLOAD_BATCH = 2000  # changes a client sends per request
DOWNLOAD_BATCH = 2000  # records the server sends per response, at most
DOWNLOAD_BYTES = 3 * 1024 * 1024  # uncompressed JSON the server aims to stay under per response
MAX_IDS = 2000  # ids in one rows request

PATH_ENROL = "/sync/enrol"
PATH_EXCHANGE = "/sync/exchange"
PATH_DIGESTS = "/sync/digests"
PATH_ROWS = "/sync/rows"
PATH_REPORT = "/sync/report"
PATH_HEALTH = "/health"
PATH_VERSION = "/version"

_HEX = re.compile(r"^[0-9a-f]+$")


class ProtocolError(Exception):
    """A refusal, as the server sends it and the client raises it. ``message`` is Chinese."""

    def __init__(self, code: str, message: str, status: int = 400, detail: Any = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.detail = detail

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.detail is not None:
            body["detail"] = self.detail
        return body


# Refusal codes and their HTTP status.
MALFORMED = "malformed"  # 400
TOO_LARGE = "too_large"  # 413
UNAUTHORIZED = "unauthorized"  # 401: no or unknown credential
REVOKED = "revoked"  # 403: the county revoked this device
FORBIDDEN = "forbidden"  # 403: outside the device's scope
REPLAY = "replay"  # 409: a request already seen
CHAIN = "chain"  # 409: the change log's hash chain does not continue what the server holds
ENROLMENT = "enrolment"  # 403: code unknown, used or expired
TOO_OLD = "version_too_old"  # 426: the client must be upgraded
TOO_NEW = "version_too_new"  # 400: the server must be upgraded first

STATUS = {
    MALFORMED: 400,
    TOO_LARGE: 413,
    UNAUTHORIZED: 401,
    REVOKED: 403,
    FORBIDDEN: 403,
    REPLAY: 409,
    CHAIN: 409,
    ENROLMENT: 403,
    TOO_OLD: 426,
    TOO_NEW: 400,
}


def refuse(code: str, message: str, detail: Any = None) -> ProtocolError:
    return ProtocolError(code, message, STATUS.get(code, 400), detail)


def malformed(message: str) -> ProtocolError:
    return refuse(MALFORMED, f"请求格式错误：{message}")


# -- bodies ------------------------------------------------------------------------------------------


def encode_body(message: Mapping[str, Any]) -> bytes:
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8"), 6)


def decode_body(raw: bytes, *, limit: int = MAX_INFLATED) -> dict[str, Any]:
    """Inflate and parse a body; refuses bodies that are not zlib JSON objects or inflate past ``limit``."""
    if len(raw) > MAX_BODY:
        raise refuse(TOO_LARGE, f"请求过大（{len(raw)} 字节，上限 {MAX_BODY}）")
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(raw, limit)
    except zlib.error as exc:
        raise malformed("内容不是有效的压缩数据") from exc
    if inflater.unconsumed_tail:
        raise refuse(TOO_LARGE, f"请求解压后超过上限（{limit} 字节）")
    if not inflater.eof:
        raise malformed("压缩数据不完整")
    try:
        message = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise malformed("内容不是有效的 JSON") from exc
    if not isinstance(message, dict):
        raise malformed("内容应为 JSON 对象")
    return message


def new_nonce() -> str:
    return secrets.token_hex(16)


# -- field readers (strict) ----------------------------------------------------------------------------


def _int(value: object, what: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value >= 2**62:
        raise malformed(f"{what}应为不小于 {minimum} 的整数")
    return value


def _str(value: object, what: str, *, max_len: int = 200) -> str:
    if not isinstance(value, str) or len(value) > max_len:
        raise malformed(f"{what}应为文本（不超过 {max_len} 个字符）")
    return value


def _hex(value: object, what: str, lengths: tuple[int, ...]) -> str:
    if not isinstance(value, str) or len(value) not in lengths or not _HEX.match(value):
        raise malformed(f"{what}应为十六进制串")
    return value


def _list(value: object, what: str, max_len: int) -> list[Any]:
    if not isinstance(value, list):
        raise malformed(f"{what}应为列表")
    if len(value) > max_len:
        raise refuse(TOO_LARGE, f"{what}条目过多（{len(value)}，上限 {max_len}）")
    return value


def _dict(value: object, what: str, max_len: int = 10_000) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise malformed(f"{what}应为对象")
    if len(value) > max_len:
        raise refuse(TOO_LARGE, f"{what}条目过多")
    return value


def check_version(message: Mapping[str, Any]) -> int:
    """The message's protocol version, refused when this end cannot speak it."""
    version = message.get("v")
    if isinstance(version, bool) or not isinstance(version, int):
        raise malformed("缺少协议版本")
    if version < OLDEST_SUPPORTED:
        raise refuse(
            TOO_OLD,
            f"客户端同步协议版本 {version} 过旧，服务器最低支持 {OLDEST_SUPPORTED}：请升级联点共建桌面端。",
            {"oldest": OLDEST_SUPPORTED, "current": PROTOCOL_VERSION},
        )
    if version > PROTOCOL_VERSION:
        raise refuse(
            TOO_NEW,
            f"客户端同步协议版本 {version} 比服务器（{PROTOCOL_VERSION}）新：请县级管理员先升级服务器。",
            {"oldest": OLDEST_SUPPORTED, "current": PROTOCOL_VERSION},
        )
    return version


def _nonce(message: Mapping[str, Any], version: int) -> str | None:
    if version < 2:
        return None
    return _hex(message.get("nonce"), "nonce", (32,))


def _cursors(value: object) -> dict[str, int]:
    raw = _dict(value if value is not None else {}, "cursors", 1000)
    return {_str(k, "范围", max_len=40): _int(v, "游标") for k, v in raw.items()}


# -- messages ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One logged change of the uploading device (its chain position is ``seq``)."""

    seq: int
    table: str
    row_id: str
    op: str
    base: int
    fields: dict[str, Wire]


@dataclass(frozen=True)
class Upload:
    first: int  # seq of changes[0]
    head: str  # the chain hash after the last change
    changes: list[Change]


@dataclass(frozen=True)
class Record:
    """Fields of one record sent down (all of them for a record the device has not seen)."""

    table: str
    row_id: str
    fields: dict[str, Wire]
    device: str = ""  # last device to change it


def _change(raw: object, seq: int, version: int) -> Change:
    if version >= 2:
        item = _list(raw, "变更", 5)
        if len(item) != 5:
            raise malformed("每条变更应为 [表, 编号, 操作, 基准, 字段]")
        table, row_id, op, base, fields = item
    else:
        obj = _dict(raw, "变更", 10)
        table, row_id, op, base, fields = (obj.get(k) for k in ("t", "id", "op", "base", "f"))
    if op not in ("i", "u", "d"):
        raise malformed("变更操作应为 i、u 或 d")
    return Change(
        seq=seq,
        table=_str(table, "表名", max_len=64),
        row_id=_hex(row_id, "记录编号", (32,)),
        op=op,
        base=_int(base, "基准游标"),
        fields=_dict(fields, "字段", 200),
    )


def change_to_wire(change: Change, version: int) -> Any:
    if version >= 2:
        return [change.table, change.row_id, change.op, change.base, change.fields]
    return {"t": change.table, "id": change.row_id, "op": change.op, "base": change.base, "f": change.fields}


@dataclass(frozen=True)
class ExchangeRequest:
    """Upload (optional) + download request in one round trip."""

    version: int
    nonce: str | None
    cursors: dict[str, int]
    upload: Upload | None = None
    limit: int = DOWNLOAD_BATCH

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"v": self.version, "cursors": self.cursors, "limit": self.limit}
        if self.version >= 2:
            body["nonce"] = self.nonce
        if self.upload is not None:
            body["up"] = {
                "from": self.upload.first,
                "head": self.upload.head,
                "changes": [change_to_wire(c, self.version) for c in self.upload.changes],
            }
        return body

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> ExchangeRequest:
        version = check_version(message)
        upload = None
        if message.get("up") is not None:
            up = _dict(message["up"], "上传", 10)
            first = _int(up.get("from"), "起始序号", minimum=1)
            raw_changes = _list(up.get("changes"), "变更", MAX_CHANGES)
            if not raw_changes:
                raise malformed("上传不能为空")
            changes = [_change(raw, first + i, version) for i, raw in enumerate(raw_changes)]
            upload = Upload(first, _hex(up.get("head"), "链头", (64,)), changes)
        limit = _int(message.get("limit", DOWNLOAD_BATCH), "批量", minimum=0)
        return cls(version, _nonce(message, version), _cursors(message.get("cursors")), upload, limit)


@dataclass(frozen=True)
class Rejection:
    seq: int
    code: str
    message: str


@dataclass
class ExchangeResponse:
    version: int
    ack_seq: int
    ack_hash: str
    rejected: list[Rejection] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    exits: list[tuple[str, str]] = field(default_factory=list)  # (table, row id) that left the scope
    cursors: dict[str, int] = field(default_factory=dict)
    resets: list[str] = field(default_factory=list)  # scopes whose cursor the server no longer knows
    more: bool = False
    remaining: int = 0
    checks: dict[str, Checksum] | None = None  # per scope, when ``more`` is false
    conflicts: int = 0  # conflicts recorded by this upload

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "v": self.version,
            "ack": [self.ack_seq, self.ack_hash],
            "cursors": self.cursors,
            "more": self.more,
        }
        if self.rejected:
            body["rejected"] = [[r.seq, r.code, r.message] for r in self.rejected]
        if self.records:
            body.update(records_to_wire(self.records, self.version))
        if self.exits and self.version >= 2:
            body["exits"] = [list(e) for e in self.exits]
        if self.resets:
            body["resets"] = self.resets
        if self.remaining:
            body["remaining"] = self.remaining
        if self.checks is not None:
            body["checks"] = {scope: c.as_wire() for scope, c in self.checks.items()}
        if self.conflicts:
            body["conflicts"] = self.conflicts
        return body

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> ExchangeResponse:
        version = check_version(message)
        ack = _list(message.get("ack"), "确认", 2)
        if len(ack) != 2:
            raise malformed("确认应为 [序号, 链头]")
        rejected = []
        for item in _list(message.get("rejected", []), "拒绝", MAX_CHANGES):
            entry = _list(item, "拒绝", 3)
            rejected.append(
                Rejection(_int(entry[0], "序号"), _str(entry[1], "原因"), _str(entry[2], "说明", max_len=500))
            )
        checks = None
        if "checks" in message:
            checks = {
                _str(k, "范围"): Checksum.from_wire(v) for k, v in _dict(message["checks"], "校验").items()
            }
        exits = [
            (_str(e[0], "表名"), _hex(e[1], "编号", (32,)))
            for e in (_list(x, "移出", 2) for x in _list(message.get("exits", []), "移出", 1_000_000))
        ]
        return cls(
            version=version,
            ack_seq=_int(ack[0], "确认序号"),
            ack_hash=_str(ack[1], "确认链头", max_len=64),
            rejected=rejected,
            records=records_from_wire(message, version),
            exits=exits,
            cursors=_cursors(message.get("cursors")),
            resets=[_str(s, "范围") for s in _list(message.get("resets", []), "重置", 1000)],
            more=bool(message.get("more")),
            remaining=_int(message.get("remaining", 0), "剩余"),
            checks=checks,
            conflicts=_int(message.get("conflicts", 0), "冲突数"),
        )


def records_to_wire(records: list[Record], version: int) -> dict[str, Any]:
    if version < 2:
        return {"records": [{"t": r.table, "id": r.row_id, "f": r.fields, "d": r.device} for r in records]}
    devices: dict[str, int] = {}
    rows = [[r.table, r.row_id, r.fields, devices.setdefault(r.device, len(devices))] for r in records]
    return {"devices": list(devices), "records": rows}


def records_from_wire(message: Mapping[str, Any], version: int) -> list[Record]:
    raw = _list(message.get("records", []), "记录", 1_000_000)
    if version < 2:
        out = []
        for item in raw:
            obj = _dict(item, "记录", 10)
            out.append(
                Record(
                    _str(obj.get("t"), "表名"),
                    _hex(obj.get("id"), "编号", (32,)),
                    _dict(obj.get("f"), "字段"),
                    _str(obj.get("d", ""), "设备"),
                )
            )
        return out
    devices = [_str(d, "设备") for d in _list(message.get("devices", []), "设备", 100_000)]
    records = []
    for item in raw:
        entry = _list(item, "记录", 4)
        if len(entry) != 4:
            raise malformed("每条记录应为 [表, 编号, 字段, 设备]")
        index = _int(entry[3], "设备序号")
        if index >= len(devices):
            raise malformed("设备序号越界")
        records.append(
            Record(
                _str(entry[0], "表名"), _hex(entry[1], "编号", (32,)), _dict(entry[2], "字段"), devices[index]
            )
        )
    return records


@dataclass(frozen=True)
class EnrolRequest:
    version: int
    code: str
    device: str
    name: str

    def to_wire(self) -> dict[str, Any]:
        return {"v": self.version, "code": self.code, "device": self.device, "name": self.name}

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> EnrolRequest:
        version = check_version(message)
        device = _str(message.get("device"), "设备编号", max_len=64)
        if not device or not _HEX.match(device):
            raise malformed("设备编号应为十六进制串")
        return cls(
            version,
            _str(message.get("code"), "注册码", max_len=40),
            device,
            _str(message.get("name", ""), "设备名称", max_len=100),
        )


@dataclass(frozen=True)
class EnrolResponse:
    version: int
    token: str
    device: str
    township: str | None
    township_name: str
    county: str | None
    scopes: list[str]
    chain_seq: int
    chain_hash: str

    def to_wire(self) -> dict[str, Any]:
        return {
            "v": self.version,
            "token": self.token,
            "device": self.device,
            "township": self.township,
            "township_name": self.township_name,
            "county": self.county,
            "scopes": self.scopes,
            "chain": [self.chain_seq, self.chain_hash],
        }

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> EnrolResponse:
        version = check_version(message)
        chain = _list(message.get("chain"), "链头", 2)
        township = message.get("township")
        county = message.get("county")
        return cls(
            version=version,
            token=_str(message.get("token"), "凭据", max_len=200),
            device=_str(message.get("device"), "设备编号", max_len=64),
            township=None if township is None else _hex(township, "乡镇编号", (32,)),
            township_name=_str(message.get("township_name", ""), "乡镇名称"),
            county=None if county is None else _hex(county, "县编号", (32,)),
            scopes=[_str(s, "范围", max_len=40) for s in _list(message.get("scopes"), "范围", 1000)],
            chain_seq=_int(chain[0], "链序号"),
            chain_hash=_str(chain[1], "链头", max_len=64),
        )


@dataclass(frozen=True)
class DigestsRequest:
    """Per-table checksums of a scope (no ``table``), or every row's digest in one table of it."""

    version: int
    nonce: str | None
    scope: str
    table: str | None = None

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"v": self.version, "scope": self.scope}
        if self.version >= 2:
            body["nonce"] = self.nonce
        if self.table is not None:
            body["table"] = self.table
        return body

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> DigestsRequest:
        version = check_version(message)
        table = message.get("table")
        return cls(
            version,
            _nonce(message, version),
            _str(message.get("scope"), "范围", max_len=40),
            None if table is None else _str(table, "表名", max_len=64),
        )


@dataclass(frozen=True)
class RowsRequest:
    version: int
    nonce: str | None
    scope: str
    table: str
    ids: list[str]

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"v": self.version, "scope": self.scope, "table": self.table, "ids": self.ids}
        if self.version >= 2:
            body["nonce"] = self.nonce
        return body

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> RowsRequest:
        version = check_version(message)
        return cls(
            version,
            _nonce(message, version),
            _str(message.get("scope"), "范围", max_len=40),
            _str(message.get("table"), "表名", max_len=64),
            [_hex(i, "编号", (32,)) for i in _list(message.get("ids"), "编号", MAX_IDS)],
        )


@dataclass(frozen=True)
class Incident:
    kind: str  # repaired | adopted | chain
    table: str
    row_id: str
    detail: str

    def to_wire(self) -> list[str]:
        return [self.kind, self.table, self.row_id, self.detail]


@dataclass(frozen=True)
class ReportRequest:
    """What a device found and repaired, for the county's attention."""

    version: int
    nonce: str | None
    incidents: list[Incident]

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"v": self.version, "incidents": [i.to_wire() for i in self.incidents]}
        if self.version >= 2:
            body["nonce"] = self.nonce
        return body

    @classmethod
    def from_wire(cls, message: Mapping[str, Any]) -> ReportRequest:
        version = check_version(message)
        incidents = []
        for raw in _list(message.get("incidents"), "事件", 10_000):
            item = _list(raw, "事件", 4)
            if len(item) != 4:
                raise malformed("事件应为 [类别, 表, 编号, 说明]")
            incidents.append(
                Incident(
                    _str(item[0], "类别", max_len=20),
                    _str(item[1], "表名", max_len=64),
                    _str(item[2], "编号", max_len=32),
                    _str(item[3], "说明", max_len=2000),
                )
            )
        return cls(version, _nonce(message, version), incidents)
