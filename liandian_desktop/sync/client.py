"""The sync client: what the GUI's sync action and ``liandian sync`` call.

    client = SyncClient(store, paths.data_dir)
    client.enrol("https://county.example/", "ABCD-EFGH-JKMN")      # once
    report = client.sync(progress=callback, cancel=threading.Event())

``sync`` runs on the caller's thread (the GUI runs it in a worker): it reports progress through the
callback, stops between batches when ``cancel`` is set (raising ``SyncCancelled``), and raises the errors of
``sync.errors`` with Chinese messages. Whatever happens, every local change stays in the log until the
server has acknowledged it, and every downloaded batch is committed with its cursor: running ``sync`` again
continues where it stopped.

One sync: rounds of *upload what is queued + download what is new* (one request each, a few hundred edits
fit in one), then a per-scope count/checksum comparison with the server's figures; on a difference the
tables and rows that differ are found and repaired from the server, local rows the server does not know
are queued for upload (never discarded), a backup is made first, and the county is told.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, func, insert, select, update

from liandian_desktop.ledger.models import SyncConflict, utcnow
from liandian_desktop.ledger.models.sync import ChangeLogEntry, SyncIssue
from liandian_desktop.store.backup import backup_database
from liandian_desktop.store.engine import Store
from liandian_desktop.sync import capture, chain, merge, state, verify
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.credentials import CredentialStore, credential_name, default_store
from liandian_desktop.sync.errors import (
    ChainBrokenError,
    NotEnrolledError,
    OfflineError,
    ServerFailedError,
    ServerRefusedError,
    SyncCancelled,
    SyncError,
)
from liandian_desktop.sync.schema import Checksum, table_of, table_spec
from liandian_desktop.sync.transport import TrafficStats, Transport

UNKNOWN_RECORD = "unknown_record"  # the server's code for an edit of a record it does not have
_LOG = table_of(ChangeLogEntry)
_ISSUES = table_of(SyncIssue)
MAX_ROUNDS = 10_000  # a first download of a county: thousands of batches at most


@dataclass(frozen=True)
class SyncProgress:
    stage: str  # upload | download | verify | repair | done
    message: str  # Chinese, for a status line
    done: int = 0
    total: int | None = None

    @property
    def fraction(self) -> float | None:
        return None if not self.total else min(1.0, self.done / self.total)


ProgressCallback = Callable[[SyncProgress], None]


@dataclass
class SyncReport:
    uploaded: int = 0
    rejected: list[str] = field(default_factory=list)  # Chinese, one line per refused change
    downloaded: int = 0
    removed: int = 0
    kept_local: int = 0
    conflicts: int = 0  # conflicts recorded by the server for this sync's uploads
    verified: bool = False
    repaired: int = 0
    adopted: int = 0
    rounds: int = 0
    traffic: TrafficStats = field(default_factory=TrafficStats)
    seconds: float = 0.0

    @property
    def needs_attention(self) -> bool:
        return bool(self.rejected or self.conflicts or self.repaired or self.adopted)

    def summary(self) -> str:
        parts = [f"上传 {self.uploaded} 条修改", f"下载 {self.downloaded} 条记录"]
        if self.removed:
            parts.append(f"移除 {self.removed} 条")
        if self.rejected:
            parts.append(f"{len(self.rejected)} 条修改被服务器拒绝")
        if self.conflicts:
            parts.append(f"新增 {self.conflicts} 个冲突待处理")
        if self.repaired:
            parts.append(f"修复 {self.repaired} 条与服务器不一致的记录")
        if self.adopted:
            parts.append(f"补传 {self.adopted} 条未记录的本机记录")
        parts.append("数据核对一致" if self.verified else "数据未核对")
        return "，".join(parts) + "。"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    township_name: str
    device_id: str
    pending: int  # local changes not yet acknowledged by the server
    last_sync_at: datetime | None
    last_result: str
    open_conflicts: int
    unseen_issues: int


@dataclass(frozen=True)
class Issue:
    id: int
    kind: str
    table: str
    row_id: uuid.UUID | None
    message: str
    at: datetime
    seen: bool


class SyncClient:
    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        credentials: CredentialStore | None = None,
        http: httpx.Client | None = None,
        timeout: float = 30.0,
        retries: int = 2,
        retry_delay: float = 0.5,
        upload_batch: int = p.UPLOAD_BATCH,
        download_batch: int = p.DOWNLOAD_BATCH,
        protocol_version: int = p.PROTOCOL_VERSION,
    ) -> None:
        self.store = store
        self.data_dir = data_dir
        self.credentials = credentials or default_store(data_dir)
        self._http = http
        self.timeout = timeout
        self.retries = retries
        self.retry_delay = retry_delay
        if not (1 <= upload_batch <= p.MAX_CHANGES and 1 <= download_batch <= p.DOWNLOAD_BATCH):
            raise ValueError("batch sizes out of range")
        self.upload_batch = upload_batch
        self.download_batch = download_batch
        self.version = protocol_version
        self._busy = threading.Lock()

    # -- enrolment -------------------------------------------------------------------------------------
    def enrolment(self) -> state.Enrolment | None:
        with self.store.engine.connect() as conn:
            return state.enrolment(conn)

    def _transport(self, url: str) -> Transport:
        return Transport(url, timeout=self.timeout, client=self._http)

    def enrol(self, server_url: str, code: str, device_name: str = "") -> state.Enrolment:
        """Enrol this ledger with a one-time code; the credential goes to the credential store."""
        url = server_url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise SyncError("服务器地址应以 http:// 或 https:// 开头")
        request = p.EnrolRequest(
            self.version, code.strip(), self.store.device_id, device_name or socket.gethostname()
        )
        with self._transport(url) as transport:
            reply = p.EnrolResponse.from_wire(transport.post(p.PATH_ENROL, request.to_wire()))
        with self.store.engine.begin() as conn:
            local = chain.hash_at(conn, reply.chain_seq, self.store.device_id)
            if local != reply.chain_hash:
                raise ChainBrokenError(
                    "县级服务器记录的本设备变更与本机的变更日志对不上（是否换用了另一份台账文件？）。请联系县级管理员。"
                )
            previous = state.enrolment(conn)
            if previous is None or previous.server_url != url or previous.township_id != reply.township:
                state.clear_cursors(conn)
            enrolment = state.Enrolment(
                url, reply.device, reply.township, reply.county, reply.township_name, tuple(reply.scopes)
            )
            state.save_enrolment(conn, enrolment)
            state.set_acked(conn, reply.chain_seq, reply.chain_hash)
        self.credentials.set(credential_name(url, self.store.device_id), reply.token)
        return enrolment

    def forget(self) -> None:
        """Remove the enrolment and credential (the change log and cursors stay)."""
        enrolment = self.enrolment()
        if enrolment is not None:
            self.credentials.delete(credential_name(enrolment.server_url, enrolment.device_id))
        with self.store.engine.begin() as conn:
            state.put(conn, "enrolment", "")

    # -- status for the GUI ----------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self.store.engine.connect() as conn:
            enrolment = state.enrolment(conn)
            acked_seq, _ = state.acked(conn)
            pending = conn.scalar(select(func.count()).select_from(_LOG).where(_LOG.c.seq > acked_seq)) or 0
            last = state.get_json(conn, "last_sync", {}) or {}
            conflicts = conn.scalar(
                select(func.count())
                .select_from(table_of(SyncConflict))
                .where(SyncConflict.status == "open", SyncConflict.deleted_at.is_(None))
            )
            unseen = conn.scalar(select(func.count()).select_from(_ISSUES).where(_ISSUES.c.seen.is_(False)))
        at = last.get("at")
        return SyncStatus(
            enrolled=enrolment is not None,
            server_url=enrolment.server_url if enrolment else "",
            township_name=enrolment.township_name if enrolment else "",
            device_id=self.store.device_id,
            pending=int(pending),
            last_sync_at=datetime.fromisoformat(at) if at else None,
            last_result=str(last.get("summary", "")),
            open_conflicts=int(conflicts or 0),
            unseen_issues=int(unseen or 0),
        )

    def issues(self, *, unseen_only: bool = False) -> list[Issue]:
        with self.store.engine.connect() as conn:
            stmt = select(_ISSUES).order_by(_ISSUES.c.id.desc())
            if unseen_only:
                stmt = stmt.where(_ISSUES.c.seen.is_(False))
            return [Issue(r.id, r.kind, r.tbl, r.row_id, r.message, r.at, r.seen) for r in conn.execute(stmt)]

    def mark_issues_seen(self) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(update(_ISSUES).where(_ISSUES.c.seen.is_(False)).values(seen=True))

    def verify_log(self) -> int | None:
        """Check this device's whole change log against its chain; the seq of the first broken entry."""
        with self.store.engine.connect() as conn:
            changes = chain.read_changes(conn, 0)
        index = chain.first_break(chain.genesis(self.store.device_id), changes) if changes else None
        return None if index is None else changes[index].seq

    # -- sync --------------------------------------------------------------------------------------------
    def sync(
        self, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        if not self._busy.acquire(blocking=False):
            raise SyncError("同步正在进行中，请稍候。")
        started = time.perf_counter()
        report = SyncReport()
        try:
            enrolment = self.enrolment()
            if enrolment is None:
                raise NotEnrolledError()
            token = self.credentials.get(credential_name(enrolment.server_url, enrolment.device_id))
            if not token:
                raise NotEnrolledError("找不到此设备的凭据（可能已被删除）：请用新的注册码重新注册此设备。")
            with self._transport(enrolment.server_url) as transport:
                try:
                    self._run(_Session(self, transport, token, report, progress or (lambda _p: None), cancel))
                finally:
                    report.traffic.add(transport.stats)
            report.seconds = time.perf_counter() - started
            self._remember(report)
            return report
        finally:
            self._busy.release()

    def _remember(self, report: SyncReport) -> None:
        with self.store.engine.begin() as conn:
            state.put_json(conn, "last_sync", {"at": utcnow().isoformat(), "summary": report.summary()})

    def _run(self, s: _Session) -> None:
        checks = s.exchange_until_done()
        if checks is None:
            return
        mismatched = s.compare(checks)
        if not mismatched:
            s.report.verified = True
            return
        adopted = s.repair(mismatched)
        checks = s.exchange_until_done() if adopted else checks
        if checks is not None:
            s.report.verified = not s.compare(checks)


@contextmanager
def applying(store: Store) -> Iterator[Connection]:
    """A transaction for writing downloaded data: foreign keys are not enforced while a batch is applied
    (a record may arrive before one it refers to; the next batches bring the rest)."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                yield conn
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def _issue(
    conn: Connection, kind: str, table: str, row_id: str | None, message: str, seq: int | None = None
) -> None:
    conn.execute(
        insert(_ISSUES).values(
            kind=kind,
            tbl=table[:64],
            row_id=uuid.UUID(hex=row_id) if row_id else None,
            change_seq=seq,
            message=message,
            detail="",
            at=utcnow(),
            seen=False,
        )
    )


class _Session:
    """One run of ``SyncClient.sync``."""

    def __init__(
        self,
        client: SyncClient,
        transport: Transport,
        token: str,
        report: SyncReport,
        progress: ProgressCallback,
        cancel: threading.Event | None,
    ) -> None:
        self.client = client
        self.store = client.store
        self.transport = transport
        self.token = token
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.version = client.version
        self.device = client.store.device_id
        self.local: verify.Digests = {}

    def _nonce(self) -> str | None:
        return p.new_nonce() if self.version >= 2 else None

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SyncCancelled()

    def post(self, path: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """POST with retries on a dropped connection; ``build`` makes a fresh request (nonce) each time."""
        attempt = 0
        while True:
            try:
                return self.transport.post(path, build(), self.token)
            except (OfflineError, ServerFailedError):
                attempt += 1
                if attempt > self.client.retries:
                    raise
                self.progress(SyncProgress("retry", f"连接中断，第 {attempt} 次重试…"))
                time.sleep(self.client.retry_delay * attempt)
                self._check_cancel()

    # -- rounds ------------------------------------------------------------------------------------------
    def _pending(self) -> tuple[int, str, list[chain.LoggedChange], dict[str, int], int]:
        with self.store.engine.connect() as conn:
            acked_seq, acked_hash = state.acked(conn)
            changes = chain.read_changes(conn, acked_seq, self.client.upload_batch)
            if any(c.hash is None for c in changes):  # committed outside a session's commit hook
                conn.commit()
                with conn.begin():
                    chain.seal(conn, self.device)
                changes = chain.read_changes(conn, acked_seq, self.client.upload_batch)
            total = conn.scalar(select(func.count()).select_from(_LOG).where(_LOG.c.seq > acked_seq)) or 0
            cursors = state.cursors(conn)
        return acked_seq, acked_hash or chain.genesis(self.device), changes, cursors, int(total)

    def exchange_until_done(self) -> dict[str, Checksum] | None:
        """Upload and download until both sides are caught up; the server's checks of the last round."""
        extra_rounds = 0
        uploaded_total: int | None = None
        downloaded = 0
        for _ in range(MAX_ROUNDS):
            self._check_cancel()
            acked_seq, acked_hash, changes, cursors, pending_total = self._pending()
            if uploaded_total is None:
                uploaded_total = pending_total
            broken = chain.first_break(acked_hash, changes) if changes else None
            if broken is not None:
                self._chain_broken(changes[broken].seq)
            if changes:
                self.progress(
                    SyncProgress(
                        "upload", f"正在上传 {len(changes)} 条修改…", self.report.uploaded, uploaded_total
                    )
                )
            upload = (
                p.Upload(
                    changes[0].seq,
                    str(changes[-1].hash),
                    [p.Change(c.seq, c.table, c.row_id, c.op, c.base, c.fields) for c in changes],
                )
                if changes
                else None
            )

            def build(cur: dict[str, int] = cursors, up: p.Upload | None = upload) -> dict[str, Any]:
                request = p.ExchangeRequest(self.version, self._nonce(), cur, up, self.client.download_batch)
                return request.to_wire()

            try:
                reply = self.post(p.PATH_EXCHANGE, build)
            except ServerRefusedError as exc:
                if exc.code == p.CHAIN and self._server_behind(exc.detail, acked_seq):
                    continue
                if exc.code == p.CHAIN:
                    raise ChainBrokenError(exc.server_message) from exc
                raise
            response = p.ExchangeResponse.from_wire(reply)
            self.report.rounds += 1
            self._apply(response, acked_seq, changes)
            downloaded += len(response.records)
            if response.records or response.more:
                self.progress(
                    SyncProgress(
                        "download",
                        f"正在下载：已收 {downloaded} 条"
                        + (f"，约剩 {response.remaining} 条" if response.more else ""),
                        downloaded,
                        downloaded + response.remaining,
                    )
                )
            if response.more or pending_total > len(changes):
                continue
            _, _, left, _, _ = self._pending()
            if left and extra_rounds < 3:  # edited while we synced: send those too
                extra_rounds += 1
                continue
            return None if left else response.checks
        raise SyncError("同步轮次过多，已停止；请稍后再试。")

    def _server_behind(self, detail: Any, acked_seq: int) -> bool:
        """The server holds fewer of our changes than we thought (restored from a backup): resend from there
        if the chain agrees up to that point."""
        if not isinstance(detail, dict) or not isinstance(detail.get("seq"), int):
            return False
        seq, hash_ = int(detail["seq"]), str(detail.get("hash", ""))
        if seq >= acked_seq:
            return False
        with self.store.engine.begin() as conn:
            if chain.hash_at(conn, seq, self.device) != hash_:
                return False
            state.set_acked(conn, seq, hash_)
        return True

    def _chain_broken(self, seq: int) -> None:
        message = (
            f"本机变更日志第 {seq} 条起校验失败：日志可能在程序之外被改动。为避免上传错误数据，同步已停止，"
            "并已报告县级管理员。请联系县级管理员处理；本机数据未作改动。"
        )
        with self.store.engine.begin() as conn:
            _issue(conn, "chain", "sync_changes", None, message, seq)
        try:
            incident = p.Incident("chain", "sync_changes", "", f"设备变更日志自第 {seq} 条起校验失败")
            self.post(
                p.PATH_REPORT, lambda: p.ReportRequest(self.version, self._nonce(), [incident]).to_wire()
            )
        except SyncError:
            pass
        raise ChainBrokenError(message)

    def _apply(self, response: p.ExchangeResponse, acked_seq: int, sent: list[chain.LoggedChange]) -> None:
        last_sent = sent[-1].seq if sent else acked_seq
        if not acked_seq <= response.ack_seq <= last_sent:
            raise ChainBrokenError(
                f"服务器确认的变更序号（{response.ack_seq}）与本机不符"
                f"（已确认 {acked_seq}，已发送到 {last_sent}）。"
            )
        by_seq = {c.seq: c for c in sent}
        if response.ack_seq > acked_seq and by_seq[response.ack_seq].hash != response.ack_hash:
            raise ChainBrokenError("服务器确认的变更链与本机日志不一致：请联系县级管理员。")
        with applying(self.store) as conn:
            state.set_acked(conn, response.ack_seq, response.ack_hash)
            for rejection in response.rejected:
                if rejection.code == UNKNOWN_RECORD:
                    continue  # an edit of a row the server never had: the check at the end uploads it whole
                change = by_seq.get(rejection.seq)
                table = change.table if change else ""
                row = change.row_id if change else None
                line = f"{_label(table)}（{(row or '')[:8]}）的修改被县级服务器拒绝：{rejection.message}"
                known = conn.scalar(
                    select(func.count())
                    .select_from(_ISSUES)
                    .where(_ISSUES.c.kind == "rejected", _ISSUES.c.message == line)
                )
                if not known:
                    _issue(conn, "rejected", table, row, line, rejection.seq)
                self.report.rejected.append(line)
            pending = merge.pending_fields(conn, response.ack_seq)
            stats = merge.apply_records(conn, response.records, pending, utcnow())
            removed = merge.remove_rows(conn, response.exits, pending)
            for scope, seq in response.cursors.items():
                state.set_cursor(conn, scope, seq)
        self.report.uploaded += response.ack_seq - acked_seq
        self.report.downloaded += stats.inserted + stats.updated
        self.report.kept_local += stats.kept_local
        self.report.removed += removed
        self.report.conflicts += response.conflicts

    # -- verification and repair -------------------------------------------------------------------------
    def compare(self, checks: dict[str, Checksum]) -> list[str]:
        self._check_cancel()
        self.progress(SyncProgress("verify", "正在核对数据…"))
        with self.store.engine.connect() as conn:
            self.local = verify.local_digests(conn, list(checks))
        return [scope for scope, check in checks.items() if verify.scope_checksum(self.local[scope]) != check]

    def repair(self, scopes: list[str]) -> int:
        """Make the differing rows of ``scopes`` the server's; queue local-only rows for upload."""
        backup_database(self.store.path, self.client.data_dir / "backups", reason="before-sync-repair")
        incidents: list[p.Incident] = []
        adopted = 0
        for scope in scopes:
            self._check_cancel()
            reply = self._digests(scope)
            server_tables = {k: Checksum.from_wire(v) for k, v in dict(reply.get("tables", {})).items()}
            local_tables = verify.table_checksums(self.local.get(scope, {}))
            for table in sorted(set(server_tables) | set(local_tables)):
                if server_tables.get(table, Checksum()) == local_tables.get(table, Checksum()):
                    continue
                self.progress(SyncProgress("repair", f"正在修复：{_label(table)}"))
                adopted += self._repair_table(scope, table, incidents)
        if incidents:
            with suppress(SyncError):
                self.post(
                    p.PATH_REPORT, lambda: p.ReportRequest(self.version, self._nonce(), incidents).to_wire()
                )
        return adopted

    def _digests(self, scope: str, table: str | None = None) -> dict[str, Any]:
        return self.post(
            p.PATH_DIGESTS, lambda: p.DigestsRequest(self.version, self._nonce(), scope, table).to_wire()
        )

    def _rows(self, scope: str, table: str, ids: list[str]) -> dict[str, Any]:
        return self.post(
            p.PATH_ROWS, lambda: p.RowsRequest(self.version, self._nonce(), scope, table, ids).to_wire()
        )

    def _repair_table(self, scope: str, table: str, incidents: list[p.Incident]) -> int:
        reply = self._digests(scope, table)
        server_rows = {str(r[0]): bytes.fromhex(str(r[1])) for r in reply.get("rows", [])}
        diff = verify.diff_rows(self.local.get(scope, {}).get(table, {}), server_rows)
        wanted = diff.missing + diff.differing
        records: list[p.Record] = []
        for start in range(0, len(wanted), p.MAX_IDS):
            ids = wanted[start : start + p.MAX_IDS]
            got = self._rows(scope, table, ids)
            records.extend(p.records_from_wire(got, self.version))
        adopted = 0
        with applying(self.store) as conn:
            acked_seq, _ = state.acked(conn)
            pending = merge.pending_fields(conn, acked_seq)
            before = verify.row_data(conn, table, diff.differing)
            merge.apply_records(conn, records, pending, utcnow(), overwrite_all=True)
            server_data = {r.row_id: r.fields for r in records}
            for row_id in diff.differing:
                if (table, row_id) in pending:
                    continue
                mine, theirs = before.get(row_id, {}), server_data.get(row_id, {})
                changed = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
                text = (
                    f"{_label(table)}（{row_id[:8]}）与县级服务器不一致（可能在程序之外被修改），"
                    f"已恢复为服务器上的内容；不同的字段：{'、'.join(changed) or '无'}"
                )
                _issue(conn, "repaired", table, row_id, text)
                incidents.append(
                    p.Incident("repaired", table, row_id, f"字段 {','.join(changed)} 与服务器不一致，已恢复")
                )
                self.report.repaired += 1
            for row_id in diff.missing:
                text = f"{_label(table)}（{row_id[:8]}）在本机缺失（可能在程序之外被删除），已从服务器恢复"
                _issue(conn, "repaired", table, row_id, text)
                incidents.append(p.Incident("repaired", table, row_id, "本机缺失，已从服务器恢复"))
                self.report.repaired += 1
            extra = [r for r in diff.extra if (table, r) not in pending]
            if extra:
                spec = table_spec(table)
                data = verify.row_data(conn, table, extra)
                changes = [
                    capture.Change(table, uuid.UUID(hex=r), "i", data[r], scope) for r in extra if r in data
                ]
                capture.record(conn, {}, changes)
                chain.seal(conn, self.device)
                for r in extra:
                    text = (
                        f"{_label(spec.name)}（{r[:8]}）不在服务器上，也不在本机变更日志中"
                        "（可能在程序之外添加），已加入上传队列"
                    )
                    _issue(conn, "adopted", table, r, text)
                    incidents.append(p.Incident("adopted", table, r, "本机多出且未经程序记录的记录，已补传"))
                adopted = len(extra)
                self.report.adopted += adopted
        return adopted


def _label(table: str) -> str:
    from liandian_desktop.ledger.services.overview import TABLE_LABELS

    return TABLE_LABELS.get(table, table)


def pending_summary(conn: Connection, acked_seq: int) -> dict[str, int]:
    """Queued changes per table (for a status screen)."""
    rows = conn.execute(select(_LOG.c.tbl, func.count()).where(_LOG.c.seq > acked_seq).group_by(_LOG.c.tbl))
    return {tbl: int(n) for tbl, n in rows}


__all__ = [
    "Issue",
    "ProgressCallback",
    "SyncClient",
    "SyncProgress",
    "SyncReport",
    "SyncStatus",
]
