"""Enrolment codes, device credentials (keyring, else an encrypted file) and the headless commands
``liandian enrol`` / ``liandian sync`` with their messages and exit codes."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest

from liandian_desktop.cli import main as liandian
from liandian_desktop.county import admin
from liandian_desktop.ledger.models import Community
from liandian_desktop.store.migrate import open_store
from liandian_desktop.sync.credentials import (
    EncryptedFileStore,
    KeyringStore,
    default_store,
    keyring_usable,
)
from liandian_desktop.sync.errors import EnrolmentError, NotEnrolledError, OfflineError, SyncError
from tests.sync.harness import County, LaptopFactory, assert_converged

pytest_plugins = ["tests.sync.harness"]


def test_a_code_enrols_once(county: County, laptops: LaptopFactory) -> None:
    code = county.code(county.township_a)
    first = laptops(county, "A", enrol=False)
    enrolment = first.client.enrol(county.url, code.lower().replace("-", " "))  # as typed by a person
    assert enrolment.township_id == county.township_a and enrolment.township_name == "云岭镇"
    second = laptops(county, "A", enrol=False)
    with pytest.raises(EnrolmentError, match="已被使用"):
        second.client.enrol(county.url, code)
    with pytest.raises(EnrolmentError, match="无效"):
        second.client.enrol(county.url, "AAAA-BBBB-CCCC")
    expired = admin.issue_code(county.engine, county.township_a, days=-1)
    with pytest.raises(EnrolmentError, match="过期"):
        second.client.enrol(county.url, expired)
    with pytest.raises(NotEnrolledError):
        second.sync()


def test_a_ledger_cannot_move_to_another_township(county: County, laptops: LaptopFactory) -> None:
    a = laptops(county, "A")
    with pytest.raises(EnrolmentError, match="另一个乡镇"):
        a.client.enrol(county.url, county.code(county.township_b))


def test_the_fallback_credential_file_is_encrypted_and_bound_to_the_machine(tmp_path: Path) -> None:
    path = tmp_path / "credentials.bin"
    store = EncryptedFileStore(path, b"this machine")
    store.set("server|device", "s3cret-token-value")
    assert b"s3cret" not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    assert EncryptedFileStore(path, b"this machine").get("server|device") == "s3cret-token-value"
    with pytest.raises(SyncError, match="另一台电脑"):
        EncryptedFileStore(path, b"another machine").get("server|device")
    store.delete("server|device")
    assert store.get("server|device") is None


def test_the_keyring_is_used_where_one_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIANDIAN_CREDENTIALS", raising=False)
    chosen = default_store(tmp_path)
    # This headless box has no keyring backend: the documented fallback is chosen.
    assert isinstance(chosen, KeyringStore if keyring_usable() else EncryptedFileStore)
    monkeypatch.setenv("LIANDIAN_CREDENTIALS", "file")
    assert isinstance(default_store(tmp_path), EncryptedFileStore)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_offline_is_a_clear_error_and_loses_nothing(county: County, laptops: LaptopFactory) -> None:
    a = laptops(county, "A")
    a.sync()
    with a.store.transaction() as s:
        s.add(Community(township_id=uuid.UUID(county.township_a), code="430127100001", name="甲村"))
    dead = f"http://127.0.0.1:{free_port()}"
    with a.store.engine.begin() as conn:  # the server moved away
        from liandian_desktop.sync import state

        e = state.enrolment(conn)
        assert e is not None
        state.save_enrolment(
            conn, state.Enrolment(dead, e.device_id, e.township_id, e.county_id, "", e.scopes)
        )
        token = a.client.credentials.get(f"{county.url}|{e.device_id}")
        assert token
        a.client.credentials.set(f"{dead}|{e.device_id}", token)
    with pytest.raises(OfflineError) as err:
        a.sync()
    assert "无法连接县级服务器" in err.value.message and "不会丢失" in err.value.message
    assert a.pending() == 1


def test_headless_commands_and_exit_codes(
    county: County, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIANDIAN_CREDENTIALS", "file")
    data = tmp_path / "coordinator"
    args = ["--data-dir", str(data)]
    assert liandian([*args, "sync"]) == 2
    assert "尚未注册" in capsys.readouterr().err
    assert liandian([*args, "enrol", "--server", county.url, "--code", "WRONG-CODE-0000"]) == 4
    assert "注册码无效" in capsys.readouterr().err
    assert liandian([*args, "enrol", "--server", county.url, "--code", county.code(county.township_a)]) == 0
    assert "已注册：云岭镇" in capsys.readouterr().out
    assert liandian([*args, "sync"]) == 0
    captured = capsys.readouterr()
    assert "同步完成" in captured.out and "数据核对一致" in captured.out and "下载" in captured.err
    store = open_store(data / "ledger.sqlite3", data / "backups")
    with store.transaction() as s:  # a change the county will refuse: exit 1, something to look at
        from liandian_desktop.ledger.models import Township

        s.get(Township, uuid.UUID(county.township_a)).population = 1  # type: ignore[union-attr]
    store.close()
    assert liandian([*args, "sync"]) == 1
    assert "拒绝" in capsys.readouterr().out
    assert liandian([*args, "sync-status"]) == 0
    assert "待上传的修改：0 条" in capsys.readouterr().out
    device = next(d.id for d in admin.device_list(county.engine) if d.token_hash)
    admin.revoke(county.engine, device)
    assert liandian([*args, "sync"]) == 5
    assert "停用" in capsys.readouterr().err


def test_sync_can_be_cancelled_between_batches(county: County, laptops: LaptopFactory) -> None:
    import threading

    a = laptops(county, "A", download_batch=20)
    cancel = threading.Event()
    seen: list[str] = []

    def progress(event: object) -> None:
        seen.append(getattr(event, "stage", ""))
        if getattr(event, "stage", "") == "download":
            cancel.set()

    from liandian_desktop.sync.errors import SyncCancelled

    with pytest.raises(SyncCancelled) as err:
        a.sync(progress=progress, cancel=cancel)
    assert "已取消" in err.value.message and err.value.exit_code == 130
    report = a.sync()  # continues where it stopped
    assert report.verified and report.downloaded > 0
    assert_converged(county, a)
