"""The county server's web service (Starlette, served by uvicorn).

Why this stack: Starlette is a small, typed, maintained ASGI toolkit — routing, requests, responses and
nothing we do not use; the protocol validates its own messages against the shared table definitions, so
FastAPI's pydantic layer would only duplicate them. uvicorn is the standard production server for it, and
httpx (same maintainers) is the client. Database work is synchronous SQLAlchemy, run in Starlette's
thread pool.

Endpoints: ``GET /health``, ``GET /version``, and the sync protocol's ``POST /sync/*`` (see
``liandian_desktop.sync.protocol``). Every sync body is zlib-compressed JSON.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from liandian_desktop import __version__
from liandian_desktop.county import devices, records, uploads
from liandian_desktop.county.db import AlertRow, reading, writing
from liandian_desktop.ledger.models.base import utcnow
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.schema import COUNTY_SCOPE, table_of

log = logging.getLogger("liandian.county")


@dataclass
class Hooks:
    """Test seams: called at points where a real server can die (after an upload committed, before the
    download is read)."""

    after_upload: Callable[[str], None] | None = None
    before_download: Callable[[str], None] | None = None


def _short(device_id: str) -> str:
    return device_id[:8]


def encoded(message: dict[str, Any], status: int = 200) -> Response:
    return Response(
        p.encode_body(message),
        status_code=status,
        media_type=p.MEDIA_TYPE,
        headers={"Content-Encoding": p.CONTENT_ENCODING},
    )


async def read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > p.MAX_BODY:
        raise p.refuse(p.TOO_LARGE, f"请求过大（{length} 字节，上限 {p.MAX_BODY}）")
    chunks = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > p.MAX_BODY:
            raise p.refuse(p.TOO_LARGE, f"请求过大（超过 {p.MAX_BODY} 字节）")
        chunks.append(chunk)
    return b"".join(chunks)


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


class CountyServer:
    """The county server over one database engine. ``app`` is the ASGI application."""

    def __init__(self, engine: Engine, hooks: Hooks | None = None) -> None:
        self.engine = engine
        self.hooks = hooks or Hooks()
        self.app = Starlette(
            routes=[
                Route(p.PATH_HEALTH, self.health, methods=["GET"]),
                Route(p.PATH_VERSION, self.version, methods=["GET"]),
                Route(p.PATH_ENROL, self._endpoint(self.enrol), methods=["POST"]),
                Route(p.PATH_EXCHANGE, self._endpoint(self.exchange), methods=["POST"]),
                Route(p.PATH_DIGESTS, self._endpoint(self.digests), methods=["POST"]),
                Route(p.PATH_ROWS, self._endpoint(self.rows), methods=["POST"]),
                Route(p.PATH_REPORT, self._endpoint(self.report), methods=["POST"]),
            ]
        )

    # -- plumbing --------------------------------------------------------------------------------------
    def _endpoint(
        self, handler: Callable[[dict[str, Any], str | None], dict[str, Any]]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            started = time.perf_counter()
            try:
                raw = await read_body(request)
                message = p.decode_body(raw)
                reply = await run_in_threadpool(handler, message, bearer(request))
                return encoded(reply)
            except ClientDisconnect:
                log.warning("%s：客户端在发送请求时断开，未作任何修改", request.url.path)
                return Response(status_code=400)
            except p.ProtocolError as exc:
                log.warning("%s 拒绝（%s）：%s", request.url.path, exc.code, exc.message)
                return encoded(exc.to_wire(), exc.status)
            except Exception:
                log.exception(
                    "%s 处理失败（%.0f ms）", request.url.path, (time.perf_counter() - started) * 1000
                )
                return encoded(
                    {"error": "server", "message": "服务器内部错误，请稍后再试或联系县级管理员。"}, 500
                )

        return endpoint

    async def health(self, _request: Request) -> Response:
        def check() -> str:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return self.engine.dialect.name

        try:
            database = await run_in_threadpool(check)
        except Exception as exc:
            log.error("健康检查：数据库不可用：%s", exc)
            return JSONResponse({"status": "error", "database": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": database})

    async def version(self, _request: Request) -> Response:
        return JSONResponse(
            {
                "server": "liandian-county",
                "version": __version__,
                "protocol": {"current": p.PROTOCOL_VERSION, "oldest": p.OLDEST_SUPPORTED},
            }
        )

    def _authorised(self, token: str | None, nonce: str | None, version: int) -> devices.Device:
        with writing(self.engine) as conn:
            device = devices.authenticate(conn, token)
            devices.spend_nonce(conn, device.id, nonce)
            devices.touch(conn, device.id, version)
            return device

    def alert(self, kind: str, device_id: str, message: str, table: str = "", row_id: str = "") -> None:
        with writing(self.engine) as conn:
            conn.execute(
                insert(table_of(AlertRow)).values(
                    at=utcnow(),
                    kind=kind,
                    device_id=device_id,
                    tbl=table[:64],
                    row_id=row_id[:32],
                    message=message,
                )
            )

    # -- handlers (run in the thread pool) -------------------------------------------------------------
    def enrol(self, message: dict[str, Any], _token: str | None) -> dict[str, Any]:
        request = p.EnrolRequest.from_wire(message)
        with writing(self.engine) as conn:
            enrolled = devices.enrol(conn, request.code, request.device, request.name, request.version)
            device = enrolled.device
            scopes = [COUNTY_SCOPE] if device.township_id is None else [COUNTY_SCOPE, device.township_id]
            records.lock_scopes(conn, scopes)
            township = records.get(conn, "townships", device.township_id) if device.township_id else None
            name = str(township.data.get("name", "")) if township else "县级"
            county = township.data.get("county_id") if township else None
        log.info("设备 %s（%s，%s）已注册", _short(device.id), request.name or "未命名", name)
        return p.EnrolResponse(
            version=request.version,
            token=enrolled.token,
            device=device.id,
            township=device.township_id,
            township_name=name,
            county=county if isinstance(county, str) else None,
            scopes=scopes,
            chain_seq=device.chain_seq,
            chain_hash=device.chain_hash,
        ).to_wire()

    def exchange(self, message: dict[str, Any], token: str | None) -> dict[str, Any]:
        started = time.perf_counter()
        request = p.ExchangeRequest.from_wire(message)
        device_id = ""
        try:
            with writing(self.engine) as conn:
                device = devices.authenticate(conn, token, lock=True)
                device_id = device.id
                devices.spend_nonce(conn, device.id, request.nonce)
                devices.touch(conn, device.id, request.version)
                if request.upload is not None:
                    up = uploads.accept(conn, device, request.upload)
                else:
                    up = uploads.UploadResult(device.chain_seq, device.chain_hash)
        except p.ProtocolError as exc:
            if exc.code == p.CHAIN and device_id:
                self.alert("chain", device_id, exc.message)
            raise
        if self.hooks.after_upload is not None:
            self.hooks.after_upload(device.id)
        if self.hooks.before_download is not None:
            self.hooks.before_download(device.id)
        limit = min(request.limit, p.DOWNLOAD_BATCH)
        with reading(self.engine) as conn:
            down = records.download(conn, device.actor, request.cursors, limit, p.DOWNLOAD_BYTES)
        response = p.ExchangeResponse(
            version=request.version,
            ack_seq=up.ack_seq,
            ack_hash=up.ack_hash,
            rejected=up.rejected,
            records=up.reverts + down.records,
            exits=up.drops + down.exits,
            cursors=down.cursors,
            resets=down.resets,
            more=down.more,
            remaining=down.remaining,
            checks=down.checks,
            conflicts=up.conflicts,
        )
        sent = len(request.upload.changes) if request.upload else 0
        log.info(
            "同步 设备 %s：上传 %d 条（新 %d，重复 %d，拒绝 %d，冲突 %d），下载 %d 条%s，%.0f ms",
            _short(device.id),
            sent,
            up.applied,
            up.duplicates,
            len(up.rejected),
            up.conflicts,
            len(down.records),
            "（未完）" if down.more else "",
            (time.perf_counter() - started) * 1000,
        )
        return response.to_wire()

    def digests(self, message: dict[str, Any], token: str | None) -> dict[str, Any]:
        request = p.DigestsRequest.from_wire(message)
        device = self._authorised(token, request.nonce, request.version)
        if not device.actor.can_read(request.scope):
            raise p.refuse(p.FORBIDDEN, "无权读取其他乡镇的数据。")
        with reading(self.engine) as conn:
            if request.table is None:
                sums = records.table_checksums(conn, request.scope)
                log.warning(
                    "设备 %s 的范围 %s 与服务器不一致，正在核对", _short(device.id), request.scope[:8]
                )
                return {"v": request.version, "tables": {t: c.as_wire() for t, c in sums.items()}}
            return {"v": request.version, "rows": records.row_digests(conn, request.scope, request.table)}

    def rows(self, message: dict[str, Any], token: str | None) -> dict[str, Any]:
        request = p.RowsRequest.from_wire(message)
        device = self._authorised(token, request.nonce, request.version)
        if not device.actor.can_read(request.scope):
            raise p.refuse(p.FORBIDDEN, "无权读取其他乡镇的数据。")
        with reading(self.engine) as conn:
            found = records.full_records(conn, request.scope, request.table, request.ids)
        body: dict[str, Any] = {"v": request.version}
        body.update(p.records_to_wire(found, request.version))
        return body

    def report(self, message: dict[str, Any], token: str | None) -> dict[str, Any]:
        request = p.ReportRequest.from_wire(message)
        device = self._authorised(token, request.nonce, request.version)
        for incident in request.incidents:
            self.alert(incident.kind, device.id, incident.detail, incident.table, incident.row_id)
        if request.incidents:
            log.warning(
                "设备 %s 报告 %d 个问题（已记录，可用 liandian-county alerts 查看）",
                _short(device.id),
                len(request.incidents),
            )
        return {"v": request.version, "ok": True}
