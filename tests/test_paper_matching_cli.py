"""The matching list for the supply–demand meeting, and ``liandian print …`` end to end."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from liandian_desktop.cli import main
from liandian_desktop.ledger.models import Demand, DemandSource, DemandStatus
from liandian_desktop.paper.matching import render_matching
from liandian_desktop.paper.printcode import parse_code
from liandian_desktop.paper.privacy import Copy
from tests.paper.ledger import TODAY, PaperLedger, paper_ledger, paper_template_file  # noqa: F401 - fixtures
from tests.paper.pdf import qr_codes, rasterise, text_pages

pytestmark = pytest.mark.slow  # renders PDFs and runs poppler / OpenCV / zxing on them


def flat(text: str) -> str:
    return "".join(text.split())


def busiest_quarter(paper: PaperLedger) -> str:
    with paper.store.session() as s:
        quarters = s.scalars(select(Demand.quarter).where(Demand.status == DemandStatus.OPEN)).all()
    return max(set(quarters), key=quarters.count)


def test_matching_list_lists_the_quarters_demands_with_a_qr_code_on_every_page(
    paper: PaperLedger, tmp_path: Path
) -> None:
    quarter = busiest_quarter(paper)
    doc = render_matching(paper.store, quarter)
    text = flat("".join(text_pages(doc.pdf, tmp_path)))
    with paper.store.session() as s:
        codes = s.scalars(
            select(Demand.code).where(
                Demand.quarter == quarter, Demand.status.in_([DemandStatus.OPEN, DemandStatus.MATCHED])
            )
        ).all()
    assert codes and all(code in text for code in codes)
    assert "会议意见" in text and "同意" in text and "否决" in text and "matchingv2026.1" in text
    images = rasterise(doc.pdf, tmp_path, dpi=100)
    for number, image in enumerate(images, 1):
        printed = parse_code(qr_codes(image)[0])
        assert (printed.form, printed.target, printed.page, printed.pages) == (
            "matching",
            quarter,
            number,
            doc.pages,
        )
    public_doc = render_matching(paper.store, quarter, copy=Copy(public=True))
    public = flat("".join(text_pages(public_doc.pdf, tmp_path)))
    assert "特殊群体" in text and "特殊群体" not in public and "公示版" in public
    with paper.store.session() as s:
        askers = s.scalars(
            select(Demand.requester_name).where(
                Demand.quarter == quarter,
                Demand.source == DemandSource.RESIDENT,
                Demand.status.in_([DemandStatus.OPEN, DemandStatus.MATCHED]),
            )
        ).all()
    named = [n for n in askers if n and n in text]
    assert named, "the demo's resident demands carry the resident's name in the title"
    assert doc.has_personal_data and doc.people_count >= len(set(named))  # the internal copy is logged
    for name in named:  # a posted list says 邓某, never 邓建平
        assert name not in public and name[0] + "某" in public
    assert not public_doc.has_personal_data


@pytest.fixture
def data_dir(tmp_path: Path, paper_template: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(paper_template, folder / "ledger.sqlite3")
    return folder


def logs(folder: Path) -> list[tuple[str, int, int, int]]:
    with sqlite3.connect(folder / "ledger.sqlite3") as conn:
        return conn.execute(
            "SELECT action, people_count, unmasked, public_copy FROM personal_data_logs"
        ).fetchall()


def test_each_print_command_writes_a_pdf_and_logs_personal_data(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(data_dir)]
    out = tmp_path / "out"
    assert main([*d, "print", "signin", "HDPAPER01", "--out", str(out / "s.pdf"), "--operator", "李娜"]) == 0
    assert main([*d, "print", "signin", "hdpaper01", "--public", "--out", str(out / "p.pdf")]) == 0
    assert main([*d, "print", "signin", "HDPAPER01", "--unmasked", "--out", str(out / "u.pdf")]) == 0
    assert main([*d, "print", "volunteer-signin", "HDPAPER02", "--out", str(out / "v.pdf")]) == 0
    assert main([*d, "print", "evaluation", "HDPAPER01", "--copies", "3", "--out", str(out / "e.pdf")]) == 0
    quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
    assert main([*d, "print", "matching", "--quarter", quarter, "--out", str(out / "m.pdf")]) == 0
    assert main([*d, "print", "inspection", "--out", str(out / "i.pdf")]) == 0  # township, this quarter
    assert main([*d, "print", "inspection", "--period", str(TODAY.year), "--community", "云岭社区"]) == 0
    for name in ("s", "p", "u", "v", "e", "m", "i"):
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
    assert list((data_dir / "exports").glob("督查材料-云岭社区-*.pdf"))  # default: the exports folder
    printed = capsys.readouterr().out
    assert "已生成" in printed and "已记入个人信息使用记录" in printed
    entries = logs(data_dir)
    assert ("pdf", 51, 0, 0) in entries and ("pdf", 51, 0, 1) in entries and ("pdf", 51, 1, 0) in entries
    # sheets ×4, inspections ×2 and the matching list (residents' names in demand titles);
    # the anonymous evaluation forms are not personal data
    assert len(entries) == 7


def test_bad_input_is_refused_with_a_message_and_nothing_is_written(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "print", "signin", "HDNOSUCH", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "没有编号为“HDNOSUCH”的活动" in capsys.readouterr().err
    assert main([*d, "print", "volunteer-signin", "HDPAPER01", "--out", str(tmp_path / "x.pdf")]) == 2
    assert main([*d, "print", "inspection", "--period", "2026-Q5", "--out", str(tmp_path / "x.pdf")]) == 2
    with pytest.raises(SystemExit):
        main([*d, "print", "signin", "HDPAPER01", "--public", "--unmasked"])
    assert not (tmp_path / "x.pdf").exists() and logs(data_dir) == []


def test_layouts_command_rewrites_layout_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from liandian_desktop.paper.definitions import bundled_forms_dir

    for f in bundled_forms_dir().glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    assert main(["--data-dir", str(tmp_path / "data"), "print", "layouts", "--forms-dir", str(tmp_path)]) == 0
    for f in bundled_forms_dir().glob("*.layout.json"):
        assert (tmp_path / f.name).read_text(encoding="utf-8") == f.read_text(encoding="utf-8")
