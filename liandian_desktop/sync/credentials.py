"""Where a device keeps its credential (the token the county server issued at enrolment).

* **The OS keyring** (Windows Credential Manager, macOS Keychain, Secret Service) through ``keyring``,
  wherever one is available.
* **Fallback: an encrypted file** ``credentials.bin`` in the data folder, where there is no keyring (a
  headless Linux box, CI). The token is encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a key
  derived with scrypt from a random salt kept in the file and a machine-bound secret (the OS machine id and
  the user name), plus ``LIANDIAN_CREDENTIAL_KEY`` when set. Never plaintext on disk: a copy of the data
  folder (a backup, a USB stick) taken to another machine does not reveal the token. It does not protect
  against someone already logged in as the same user on the same machine — only an OS keyring can; set
  ``LIANDIAN_CREDENTIAL_KEY`` (kept outside the data folder) for that.

``LIANDIAN_CREDENTIALS=file`` forces the file, ``=keyring`` the keyring.
"""

from __future__ import annotations

import base64
import contextlib
import getpass
import hashlib
import importlib
import json
import os
import platform
import secrets
import socket
from pathlib import Path
from typing import Any, Protocol

from cryptography.fernet import Fernet, InvalidToken

from liandian_desktop.sync.errors import SyncError

SERVICE = "LianDian"
ENV_BACKEND = "LIANDIAN_CREDENTIALS"
ENV_KEY = "LIANDIAN_CREDENTIAL_KEY"
FILE_NAME = "credentials.bin"


class CredentialStore(Protocol):
    """Secrets by name."""

    description: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, secret: str) -> None: ...

    def delete(self, name: str) -> None: ...


class KeyringStore:
    description = "系统凭据管理器"

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring

    def get(self, name: str) -> str | None:
        value: str | None = self._keyring.get_password(SERVICE, name)
        return value

    def set(self, name: str, secret: str) -> None:
        self._keyring.set_password(SERVICE, name, secret)

    def delete(self, name: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(SERVICE, name)


def machine_secret() -> bytes:
    """Something that identifies this machine and user, not stored in the data folder."""
    parts = [getpass.getuser(), socket.gethostname(), platform.system()]
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            parts.append(Path(candidate).read_text(encoding="ascii").strip())
            break
        except OSError:
            continue
    if platform.system() == "Windows":  # pragma: no cover - Windows only
        try:
            winreg: Any = importlib.import_module("winreg")
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography") as key:
                parts.append(str(winreg.QueryValueEx(key, "MachineGuid")[0]))
        except OSError:
            pass
    extra = os.environ.get(ENV_KEY, "")
    if extra:
        parts.append(extra)
    return "\x1f".join(parts).encode("utf-8")


class EncryptedFileStore:
    """The documented fallback: secrets encrypted in a file only this machine and user can open."""

    description = "本机加密文件"

    def __init__(self, path: Path, secret: bytes | None = None) -> None:
        self.path = path
        self._secret = secret if secret is not None else machine_secret()
        self._keys: dict[str, Fernet] = {}  # salt -> key: scrypt is slow on purpose, once is enough

    def _load(self) -> dict[str, object]:
        if not self.path.exists():
            return {"v": 1, "salt": base64.b64encode(secrets.token_bytes(16)).decode("ascii"), "entries": {}}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SyncError(f"凭据文件 {self.path} 已损坏：{exc}。请删除后重新注册此设备。") from exc
        if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
            raise SyncError(f"凭据文件 {self.path} 格式不对：请删除后重新注册此设备。")
        return data

    def _fernet(self, data: dict[str, object]) -> Fernet:
        salt = str(data["salt"])
        if salt not in self._keys:
            key = hashlib.scrypt(self._secret, salt=base64.b64decode(salt), n=2**14, r=8, p=1, dklen=32)
            self._keys[salt] = Fernet(base64.urlsafe_b64encode(key))
        return self._keys[salt]

    def get(self, name: str) -> str | None:
        data = self._load()
        entries = data["entries"]
        assert isinstance(entries, dict)
        token = entries.get(name)
        if token is None:
            return None
        try:
            return self._fernet(data).decrypt(str(token).encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise SyncError(
                "无法解开本机保存的设备凭据（数据文件夹可能来自另一台电脑或另一个用户）：请重新注册此设备。"
            ) from exc

    def set(self, name: str, secret: str) -> None:
        data = self._load()
        entries = data["entries"]
        assert isinstance(entries, dict)
        entries[name] = self._fernet(data).encrypt(secret.encode("utf-8")).decode("ascii")
        self._save(data)

    def delete(self, name: str) -> None:
        data = self._load()
        entries = data["entries"]
        assert isinstance(entries, dict)
        if entries.pop(name, None) is not None:
            self._save(data)

    def _save(self, data: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        tmp.replace(self.path)


def keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:
        return False
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)


def default_store(data_dir: Path) -> CredentialStore:
    """The keyring where one works, else the encrypted file in ``data_dir``."""
    choice = os.environ.get(ENV_BACKEND, "").lower()
    if choice == "keyring" or (choice != "file" and keyring_usable()):
        return KeyringStore()
    return EncryptedFileStore(data_dir / FILE_NAME)


def credential_name(server_url: str, device_id: str) -> str:
    return f"{server_url.rstrip('/')}|{device_id}"
