"""``liandian import`` and ``liandian export`` as a coordinator runs them: real subprocesses on the test's
own ledger, exit codes 0 / 3 / 4, dry runs that write nothing, reports and templates."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import Township1
from excel.books import ident, ledger_digest, read_sheet, save_rows

from liandian_desktop.ledger.models import PersonalDataLog
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.store.engine import Store

A = ident(date(1950, 3, 5), 2)
B = ident(date(1962, 7, 1), 11)


def liandian(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "liandian_desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def roster(path: Path, *, bad: bool) -> Path:
    rows: list[tuple[object, ...]] = [
        ("姓名", "身份证号", "联系电话"),
        ("王秀英", A, "13812345678"),
        ("孙大爷", B, ""),
    ]
    if bad:
        rows += [("赵国强", int(ident(date(1970, 5, 6), 17)), ""), ("郑小明", "", "1381234")]
    return save_rows(path, rows, title="识字岭社区居民花名册")


def residents(store: Store) -> list[str]:
    return sorted(r.name for r in ResidentService(store).list(ListQuery(limit=None)).rows)


def test_import_with_refusals_exits_3_and_lists_them(store: Store, town: Township1, tmp_path: Path) -> None:
    path = roster(tmp_path / "in.xlsx", bad=True)
    result = liandian(
        tmp_path,
        "import",
        "residents",
        str(path),
        "--community",
        "识字岭",
        "--report",
        str(tmp_path / "bad.xlsx"),
    )
    assert result.returncode == 3, result.stderr
    out = result.stdout
    assert "居民名册：共 4 行：新增 2，更新 0，跳过 0，拒绝 2。" in out
    assert "拒绝 第 5 行「身份证号」：身份证号码被保存成了数字" in out
    assert "拒绝 第 6 行「联系电话」：手机号码应为11位数字" in out
    assert "已导入：新增 2 条" in out and "问题报告已保存" in out
    assert residents(store) == ["孙大爷", "王秀英"]
    assert [r[-2] for r in read_sheet(tmp_path / "bad.xlsx")[3:]] == [5, 6]


def test_a_clean_import_exits_0_and_a_dry_run_writes_nothing(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    path = roster(tmp_path / "in.xlsx", bad=False)
    before = ledger_digest(store.path)
    dry = liandian(tmp_path, "import", "residents", str(path), "--community", "430102001001", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "试运行" in dry.stdout and ledger_digest(store.path) == before
    real = liandian(tmp_path, "import", "residents", str(path), "--community", "识字岭社区")
    assert real.returncode == 0, real.stderr
    assert residents(store) == ["孙大爷", "王秀英"]
    again = liandian(
        tmp_path, "import", "residents", str(path), "--community", "识字岭社区", "--on-duplicate", "update"
    )
    assert again.returncode == 0 and "跳过 2" in again.stdout


def test_unusable_files_exit_4_and_write_nothing(store: Store, town: Township1, tmp_path: Path) -> None:
    text = tmp_path / "names.xlsx"
    text.write_text("姓名,身份证号\n王秀英,1\n", encoding="utf-8")
    no_header = save_rows(tmp_path / "odd.xlsx", [("a", "b"), ("c", "d")])
    empty = save_rows(tmp_path / "empty.xlsx", [])
    before = ledger_digest(store.path)
    for path, message in (
        (text, "不是 Excel 工作簿"),
        (no_header, "没有找到可识别的表头"),
        (empty, "工作簿是空的"),
    ):
        result = liandian(tmp_path, "import", "residents", str(path))
        assert result.returncode == 4, (path, result.stdout, result.stderr)
        assert message in result.stderr and "未写入任何数据" in result.stderr
    missing = liandian(tmp_path, "import", "residents", str(roster(tmp_path / "r.xlsx", bad=False)))
    assert missing.returncode == 4 and "缺少必填列：所属村（社区）" in missing.stderr
    assert ledger_digest(store.path) == before


def test_an_explicit_mapping_on_the_command_line(store: Store, town: Township1, tmp_path: Path) -> None:
    path = save_rows(tmp_path / "f.xlsx", [("Name", "ID", "Village"), ("王秀英", A, "识字岭社区")])
    result = liandian(
        tmp_path,
        "import",
        "residents",
        str(path),
        "--map",
        "Name=姓名",
        "--map",
        "B=身份证号",
        "--map",
        "Village=村",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert residents(store) == ["王秀英"]


def test_exports_and_templates(store: Store, town: Township1, tmp_path: Path) -> None:
    ResidentService(store).create(
        town.township_id, town.community_ids[0], "王秀英", id_number=A, phone="13812345678"
    )
    masked = liandian(tmp_path, "export", "residents", str(tmp_path / "r.xlsx"))
    assert masked.returncode == 0, masked.stderr
    assert "已导出 1 行" in masked.stdout and "已记入个人信息使用日志" in masked.stdout
    assert read_sheet(tmp_path / "r.xlsx")[3][4] == "138****5678"
    full = liandian(tmp_path, "export", "residents", str(tmp_path / "full.xlsx"), "--unmasked")
    assert full.returncode == 0 and read_sheet(tmp_path / "full.xlsx")[3][1] == A
    with store.session() as session:
        assert [log.unmasked for log in session.query(PersonalDataLog).order_by(PersonalDataLog.at)] == [
            False,
            True,
        ]
    three = liandian(
        tmp_path, "export", "three-lists", str(tmp_path / "t.xlsx"), "--quarter", "2026年第3季度"
    )
    assert three.returncode == 0, three.stderr
    template = liandian(tmp_path, "export", "template", "residents", str(tmp_path / "tpl.xlsx"))
    assert template.returncode == 0 and (tmp_path / "tpl.xlsx").exists()
    wrong = liandian(tmp_path, "export", "template", "nonsense", str(tmp_path / "x.xlsx"))
    assert wrong.returncode == 2
