"""Inspection PDFs from the demo township: cover, contents with true page numbers, every section, for the
township, a community and a paired unit; progress reported and cancellation honoured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from liandian_desktop.kpi.periods import quarter_period
from liandian_desktop.ledger.models import Community, PairedUnit, PersonalDataLog, WorkOrder
from liandian_desktop.paper.document import save_pdf
from liandian_desktop.paper.inspection import InspectionCancelled, render_inspection
from liandian_desktop.paper.privacy import Copy
from tests.paper.ledger import TODAY, PaperLedger, paper_ledger, paper_template_file  # noqa: F401 - fixtures
from tests.paper.pdf import fonts_of, text_pages

pytestmark = pytest.mark.slow  # renders PDFs and runs poppler / OpenCV / zxing on them

SECTIONS = [
    "一、台账概况",
    "二、考核指标",
    "三、工单办理情况",
    "四、活动与签到",
    "五、满意度测评",
    "六、志愿服务时长",
]


def flat(text: str) -> str:
    return "".join(text.split())


def test_a_township_quarter_has_cover_contents_and_every_section_where_the_contents_say(
    paper: PaperLedger, tmp_path: Path
) -> None:
    progress: list[tuple[float, str]] = []
    doc = render_inspection(paper.store, period=paper.quarter, progress=lambda f, s: progress.append((f, s)))
    pages = text_pages(doc.pdf, tmp_path)
    assert len(pages) == doc.pages > 10
    assert "督查材料" in flat(pages[0]) and "乡镇（街道）" in flat(pages[0])
    assert "目录" in flat(pages[1])
    contents = "\n".join(text_pages(doc.pdf, tmp_path, layout=True)[1:3])
    for title in SECTIONS:
        match = re.search(re.escape(title) + r"\s+(\d+)\s*$", contents, re.M)
        assert match, title
        page = int(match.group(1))
        assert flat(pages[page - 1]).find(title) >= 0, f"{title} is not on page {page}"
    for number, text in enumerate(pages[1:], 2):  # running header and page numbers after the cover
        assert f"第{number}页/共{doc.pages}页" in flat(text)
    everything = flat("".join(pages))
    for words in (
        "响应率",
        "≥95.0%",
        "满意率",
        "解决率",
        "达标",
        "时间线",
        "派单",
        "受邀",
        "志愿者个人服务时长",
    ):
        assert words in everything, words
    period = quarter_period(TODAY.year, (TODAY.month - 1) // 3 + 1)
    with paper.store.session() as s:
        codes = s.scalars(
            select(WorkOrder.code).where(
                WorkOrder.ordered_at >= period.start_instant, WorkOrder.ordered_at < period.end_instant
            )
        ).all()
    assert codes and all(code in everything for code in codes)
    assert "HDPAPER01" in everything  # this week's meeting, with its attendance
    assert all(f.embedded and f.subset for f in fonts_of(doc.pdf, tmp_path))
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert any(stage.startswith("排版：三、工单办理情况") for _, stage in progress)


def test_cancelling_stops_the_build(paper: PaperLedger) -> None:
    pages_seen: list[float] = []

    def cancelled() -> bool:
        return len(pages_seen) >= 5

    with pytest.raises(InspectionCancelled):
        render_inspection(
            paper.store, period=paper.quarter, progress=lambda f, s: pages_seen.append(f), cancelled=cancelled
        )


def test_community_and_unit_scopes(paper: PaperLedger, tmp_path: Path) -> None:
    with paper.store.session() as s:
        community = s.scalars(select(Community).order_by(Community.code)).first()
        unit = s.scalars(select(PairedUnit).order_by(PairedUnit.name)).first()
    assert community is not None and unit is not None
    doc = render_inspection(paper.store, scope=f"community:{community.name}", period=str(TODAY.year))
    text = flat("".join(text_pages(doc.pdf, tmp_path)))
    assert f"村（社区）：{community.name}" in text
    doc = render_inspection(paper.store, scope=f"unit:{unit.name}", period=str(TODAY.year))
    assert f"联点单位：{unit.name}" in flat("".join(text_pages(doc.pdf, tmp_path)))


def test_the_public_copy_names_no_volunteer_and_saving_the_internal_one_is_logged(
    paper: PaperLedger, tmp_path: Path
) -> None:
    internal = render_inspection(paper.store, period=paper.quarter)
    public = render_inspection(paper.store, period=paper.quarter, copy=Copy(public=True))
    assert internal.has_personal_data and not public.has_personal_data
    internal_text = flat("".join(text_pages(internal.pdf, tmp_path)))
    public_text = flat("".join(text_pages(public.pdf, tmp_path)))
    assert "志愿者个人服务时长" in internal_text and "志愿者个人服务时长" not in public_text
    assert "公示版" in public_text
    with paper.store.session() as s:
        askers = s.scalars(
            select(WorkOrder.requester_name).where(
                WorkOrder.resident_id.is_not(None),
                WorkOrder.ordered_at >= quarter_period(TODAY.year, (TODAY.month - 1) // 3 + 1).start_instant,
            )
        ).all()
    for name in {n for n in askers if len(n) >= 2 and n in internal_text}:
        assert name not in public_text, name
    save_pdf(paper.store, public, tmp_path / "public.pdf")
    save_pdf(paper.store, internal, tmp_path / "internal.pdf", operator="督查组")
    with paper.store.session() as s:
        logs = s.scalars(select(PersonalDataLog)).all()
    assert (
        len(logs) == 1 and logs[0].operator == "督查组" and logs[0].people_count == internal.people_count > 0
    )
