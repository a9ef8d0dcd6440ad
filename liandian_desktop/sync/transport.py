"""Talking to the county server: compressed POSTs over httpx, refusals turned into the client's errors,
and a count of requests and bytes (what the bench and the sync report show)."""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx

from liandian_desktop import __version__
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.errors import (
    DeviceRevokedError,
    EnrolmentError,
    OfflineError,
    ServerFailedError,
    ServerRefusedError,
    UpgradeRequiredError,
)


@dataclass
class TrafficStats:
    requests: int = 0
    bytes_up: int = 0  # request bodies as sent (compressed)
    bytes_down: int = 0  # response bodies as received (compressed)

    def add(self, other: TrafficStats) -> None:
        self.requests += other.requests
        self.bytes_up += other.bytes_up
        self.bytes_down += other.bytes_down


def refusal_error(status: int, body: dict[str, Any]) -> Exception:
    code = str(body.get("error", "server"))
    message = str(body.get("message", "")) or f"HTTP {status}"
    detail = body.get("detail")
    if code == p.REVOKED:
        return DeviceRevokedError(message)
    if code in (p.TOO_OLD, p.TOO_NEW):
        return UpgradeRequiredError(code, message, detail)
    if code == p.ENROLMENT:
        return EnrolmentError(code, message, detail)
    if status >= 500:
        return ServerFailedError(f"县级服务器出错：{message}")
    return ServerRefusedError(code, message, detail)


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """The system's trust store, loaded once per process (loading it takes tens of milliseconds)."""
    return ssl.create_default_context()


class Transport:
    """One server. ``client`` can be given (tests: an ASGI or mock transport)."""

    def __init__(self, base_url: str, *, timeout: float = 30.0, client: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.stats = TrafficStats()
        self._client = client or httpx.Client(
            verify=tls_context(),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": f"liandian-desktop/{__version__}"},
        )
        self._owned = client is None

    def close(self) -> None:
        if self._owned:
            self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def post(self, path: str, message: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        body = p.encode_body(message)
        headers = {
            "Content-Type": p.MEDIA_TYPE,
            "Content-Encoding": p.CONTENT_ENCODING,
            "Accept-Encoding": p.CONTENT_ENCODING,
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.stats.requests += 1
        self.stats.bytes_up += len(body)
        response: httpx.Response | None = None
        try:
            response = self._client.post(self.base_url + path, content=body, headers=headers)
            content = response.content
        except httpx.TimeoutException as exc:
            raise OfflineError(self.base_url, "连接超时") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise OfflineError(self.base_url, f"网络中断（{type(exc).__name__}）") from exc
        finally:
            self.stats.bytes_down += _downloaded(response)
        try:
            reply = json.loads(content.decode("utf-8")) if content else {}
        except (UnicodeDecodeError, ValueError) as exc:
            if response.status_code >= 500 or response.status_code == 200:
                raise ServerFailedError(f"县级服务器的回复无法解析（HTTP {response.status_code}）") from exc
            raise OfflineError(
                self.base_url, f"收到的不是同步服务器的回复（HTTP {response.status_code}）"
            ) from exc
        if not isinstance(reply, dict):
            raise ServerFailedError("县级服务器的回复格式不对")
        if response.status_code != 200:
            raise refusal_error(response.status_code, reply)
        return reply

    def get_json(self, path: str) -> dict[str, Any]:
        try:
            response = self._client.get(self.base_url + path)
        except httpx.HTTPError as exc:
            raise OfflineError(self.base_url, type(exc).__name__) from exc
        result: dict[str, Any] = response.json()
        return result


def _downloaded(response: httpx.Response | None) -> int:
    return 0 if response is None else int(response.num_bytes_downloaded)
