"""Errors the sync client raises. ``message`` is Chinese, for the user; ``exit_code`` is what
``liandian sync`` / ``liandian enrol`` exit with (see ``sync.cli``)."""

from __future__ import annotations

from typing import Any, ClassVar

from liandian_desktop.ledger.errors import LedgerError


class SyncError(LedgerError):
    exit_code: ClassVar[int] = 4


class NotEnrolledError(SyncError):
    """This ledger has no enrolment (or its credential is gone)."""

    exit_code = 2

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "此台账尚未注册到县级服务器：请先用注册码注册（liandian enrol --server 地址 --code 注册码）。"
        )


class OfflineError(SyncError):
    """The server could not be reached, or the connection broke. Nothing local is lost."""

    exit_code = 3

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"无法连接县级服务器（{url}）：{reason}。请检查网络后重试；本机未同步的修改已保存，不会丢失。"
        )
        self.url = url
        self.reason = reason


class ServerRefusedError(SyncError):
    """The server refused the request (``code`` from the protocol)."""

    exit_code = 4

    def __init__(self, code: str, message: str, detail: Any = None) -> None:
        super().__init__(f"县级服务器拒绝了请求：{message}")
        self.code = code
        self.server_message = message
        self.detail = detail


class DeviceRevokedError(ServerRefusedError):
    exit_code = 5

    def __init__(self, message: str) -> None:
        super().__init__("revoked", message)
        self.message = f"此设备已被县级管理员停用：{message}"


class UpgradeRequiredError(ServerRefusedError):
    """Client and server protocol versions do not meet."""


class EnrolmentError(ServerRefusedError):
    """The enrolment code was refused."""


class ChainBrokenError(SyncError):
    """This device's change log no longer verifies: it was altered outside the app."""

    exit_code = 6


class ServerFailedError(SyncError):
    """The server answered with an internal error."""

    exit_code = 3


class SyncCancelled(SyncError):
    exit_code = 130

    def __init__(self) -> None:
        super().__init__("同步已取消；已完成的部分已保存，下次同步会从这里继续。")
