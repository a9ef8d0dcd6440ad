"""A demo township (built once per run, copied per test) plus the people paper has to cope with: the rare
name characters, a character only the fallback font has, a long minority name, a very long address,
health and disability notes and 低保/特困 status; a meeting and a volunteer activity with their sheets."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from liandian_desktop.demo import build_demo
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Community,
    Gender,
    OrderStatus,
    Resident,
    SpecialGroup,
    Volunteer,
    WorkOrder,
)
from liandian_desktop.ledger.validation import make_id_number
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

TODAY = datetime.now(UTC).date()
NOW = datetime.now(UTC)
RARE = "喆堃昇赟玥䶮𠅤"
EXT_ONLY = "𠀅"  # U+20005: in LianDian Ming Ext only, so it must come from the fallback font
NO_FONT = "\u9ff0"  # U+9FF0: assigned in Unicode 14, in no bundled font
LONG_NAME = "阿卜杜热合曼·买买提明·艾力江·吐尔逊托合提"
LONG_ADDRESS = (
    "湘源县云岭镇迎宾路" + "幸福家园小区东区" * 8 + "12栋3单元1102室（靠近菜市场，老年活动中心对面的那一栋）"
)


@dataclass(frozen=True)
class PaperLedger:
    store: Store
    township_id: uuid.UUID
    meeting: str  # a meeting's code: invitees with rare names, sensitive notes, a long address
    volunteer: str  # a volunteer activity's code
    resolved_order: str  # a work order waiting for its evaluation
    quarter: str
    residents: tuple[uuid.UUID, ...]  # the meeting's invitees, in row order


def _add_people(store: Store, township_id: uuid.UUID) -> tuple[str, str, tuple[uuid.UUID, ...]]:
    with store.transaction() as s:
        community = s.scalars(
            select(Community).where(Community.township_id == township_id).order_by(Community.code)
        ).first()
        assert community is not None
        everyone = list(
            s.scalars(
                select(Resident)
                .where(Resident.township_id == township_id, Resident.deleted_at.is_(None))
                .order_by(Resident.name)
            )
        )
        rare_people = [r for r in everyone if any(ch in r.name for ch in RARE)]
        assert {ch for r in rare_people for ch in r.name} >= set(RARE), "the demo lost its rare names"
        others = [r for r in everyone if r not in rare_people and r.id_number][:40]
        extra = []
        for i, (name, address, health, disability, groups) in enumerate(
            [
                (f"林{EXT_ONLY}", "云岭镇迎宾路 8 号", "", "", {SpecialGroup.ELDERLY}),
                (LONG_NAME, LONG_ADDRESS, "", "", set()),
                (
                    "赵秀英",
                    "云岭镇新华街 3 号",
                    "高血压，需定期随访",
                    "",
                    {SpecialGroup.DIBAO, SpecialGroup.ELDERLY_80},
                ),
                (
                    "钱建国",
                    "云岭镇新华街 5 号",
                    "",
                    "肢体残疾二级",
                    {SpecialGroup.DISABLED, SpecialGroup.TEKUN},
                ),
            ]
        ):
            r = Resident(
                township_id=township_id,
                community_id=community.id,
                name=name,
                gender=Gender.MALE if i % 2 else Gender.FEMALE,
                birth_date=date(1950 + i, 3, 4),
                id_number=make_id_number("430127", date(1950 + i, 3, 4), 101 + i),
                phone=f"1390731{i:04d}",
                address=address,
                health_note=health,
                disability_note=disability,
            )
            r.groups = groups
            s.add(r)
            extra.append(r)
        s.flush()
        invitees = rare_people + extra + others
        start = NOW - timedelta(days=3)
        meeting = Activity(
            township_id=township_id,
            community_id=community.id,
            code="HDPAPER01",
            kind=ActivityKind.MEETING,
            title="重阳节敬老座谈会暨居民议事会（测试用，标题写得长一些看看会不会换行）",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place=f"{community.name}党群服务中心二楼会议室",
            organiser=f"{community.name}居民委员会",
            responsible="黎琳",
        )
        s.add(meeting)
        s.flush()
        for n, r in enumerate(invitees, 1):
            s.add(
                Attendance(
                    township_id=township_id,
                    activity_id=meeting.id,
                    resident_id=r.id,
                    name=r.name,
                    phone=r.phone,
                    row_code=f"{n:03d}",
                    status=AttendanceStatus.INVITED,
                )
            )
        volunteers = list(
            s.scalars(
                select(Volunteer)
                .where(Volunteer.township_id == township_id, Volunteer.deleted_at.is_(None))
                .limit(6)
            )
        )
        service = Activity(
            township_id=township_id,
            community_id=community.id,
            code="HDPAPER02",
            kind=ActivityKind.VOLUNTEER,
            title="社区环境清洁志愿服务",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place=f"{community.name}广场",
            organiser=f"{community.name}居民委员会",
            responsible="王燕",
        )
        s.add(service)
        s.flush()
        for n, v in enumerate(volunteers, 1):
            s.add(
                Attendance(
                    township_id=township_id,
                    activity_id=service.id,
                    volunteer_id=v.id,
                    resident_id=v.resident_id,
                    name=v.name,
                    phone=v.phone,
                    row_code=f"{n:03d}",
                )
            )
        return meeting.code, service.code, tuple(r.id for r in invitees)


@pytest.fixture(scope="session", name="paper_template")
def paper_template_file(tmp_path_factory: pytest.TempPathFactory, template_ledger: Path) -> Path:
    """Built once per run. Test modules import this fixture, which makes it one fixture per module:
    the file in the run's base folder is what they share (tests/conftest.py is not ours to extend)."""
    folder = tmp_path_factory.getbasetemp() / "paper-demo"
    path = folder / "ledger.sqlite3"
    if (folder / "done").exists():
        return path
    folder.mkdir(exist_ok=True)
    shutil.copyfile(template_ledger, path)
    store = open_store(path, folder / "backups")
    summary = build_demo(store, scale=0.3, today=TODAY)
    _add_people(store, summary.township_id)
    store.engine.dispose()
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    (folder / "done").touch()
    return path


@pytest.fixture(name="paper")
def paper_ledger(tmp_path: Path, paper_template: Path) -> Iterator[PaperLedger]:
    path = tmp_path / "ledger.sqlite3"
    shutil.copyfile(paper_template, path)
    store = open_store(path, tmp_path / "backups")
    with store.session() as s:
        meeting = s.scalars(select(Activity).where(Activity.code == "HDPAPER01")).one()
        rows = s.scalars(
            select(Attendance).where(Attendance.activity_id == meeting.id).order_by(Attendance.row_code)
        ).all()
        order = s.scalars(
            select(WorkOrder).where(WorkOrder.status == OrderStatus.RESOLVED).order_by(WorkOrder.code)
        ).first()
        assert order is not None, "the demo has no resolved order waiting for its evaluation"
        quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
        ledger = PaperLedger(
            store=store,
            township_id=meeting.township_id,
            meeting="HDPAPER01",
            volunteer="HDPAPER02",
            resolved_order=order.code,
            quarter=quarter,
            residents=tuple(r.resident_id for r in rows if r.resident_id is not None),
        )
    yield ledger
    store.close()
