"""Residents: ID-derived identity, uniqueness, age groups, soft delete, and search with rare characters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from conftest import Township1
from sqlalchemy import text

from liandian_desktop.ledger.errors import ConflictError, ValidationError
from liandian_desktop.ledger.models import Gender, SpecialGroup
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.org import DivisionService
from liandian_desktop.ledger.services.people import ResidentService, age_on, with_age_groups
from liandian_desktop.ledger.validation import make_id_number
from liandian_desktop.store.engine import Store

TODAY = date.today()


def years_ago(years: int, days_later: int = 0) -> date:
    """The date ``years`` years before today (Feb 29 → Feb 28), shifted by ``days_later`` days."""
    day = TODAY.replace(year=TODAY.year - years, day=28 if (TODAY.month, TODAY.day) == (2, 29) else TODAY.day)
    return date.fromordinal(day.toordinal() + days_later)


WOMAN_1949 = make_id_number("110105", date(1949, 12, 31), 2)  # even sequence: female
MAN_1990 = make_id_number("430102", date(1990, 3, 5), 17)  # odd sequence: male


def invalid(field: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    assert info.value.field == field, info.value
    return info.value.message


def names(page_rows: list[Any]) -> list[str]:
    return sorted(r.name for r in page_rows)


def test_create_derives_gender_and_birth_date_from_the_id(store: Store, town: Township1) -> None:
    residents = ResidentService(store)
    resident = residents.create(
        town.township_id,
        town.community_ids[0],
        " 王 喆 ",
        id_number=" " + MAN_1990.lower() + " ",
        phone="+86 139-0000-1234",
        address="识字岭路　12号",
        health_note="高血压",
    )
    stored = residents.get(resident.id)
    assert stored.name == "王喆"
    assert stored.id_number == MAN_1990
    assert (stored.gender, stored.birth_date) == (Gender.MALE, date(1990, 3, 5))
    assert stored.phone == "13900001234"
    assert stored.address == "识字岭路 12号"
    assert stored.health_note == "高血压"
    assert stored.groups == set()
    # An explicitly given gender or birth date that agrees with the number is fine.
    same = residents.create(
        town.township_id,
        town.community_ids[1],
        "李玥",
        id_number=WOMAN_1949,
        gender="女",
        birth_date="1949-12-31",
    )
    assert (same.gender, same.birth_date) == (Gender.FEMALE, date(1949, 12, 31))


def test_identity_that_contradicts_the_id_is_refused(store: Store, town: Township1) -> None:
    create = ResidentService(store).create
    args = (town.township_id, town.community_ids[0], "赵赟")
    assert "男" in invalid("gender", create, *args, id_number=MAN_1990, gender=Gender.FEMALE)
    assert "1990-03-05" in invalid("birth_date", create, *args, id_number=MAN_1990, birth_date="1990-03-06")
    invalid("id_number", create, *args, id_number=MAN_1990[:-1] + ("0" if MAN_1990[-1] != "0" else "1"))
    invalid("id_number", create, *args, id_number=4.30102199003051e17)
    invalid("id_number", create, *args, id_number="4301021990")
    invalid("gender", create, *args, gender="未知")
    invalid("birth_date", create, *args, birth_date=date(TODAY.year + 1, 1, 1))
    invalid("birth_date", create, *args, birth_date="去年")
    invalid("name", create, town.township_id, town.community_ids[0], "  ")
    invalid("name", create, town.township_id, town.community_ids[0], "王5")
    invalid("phone", create, *args, phone="1234567")
    invalid("address", create, *args, address="路" * 201)
    invalid("groups", create, *args, groups=["富豪"])


def test_community_must_belong_to_the_township(store: Store, town: Township1) -> None:
    divisions, residents = DivisionService(store), ResidentService(store)
    other = divisions.create_township(town.county_id, "430102002000", "东塘街道")
    other_community = divisions.create_community(other.id, "430102002001", "东塘社区")
    assert "东塘社区" in invalid(
        "community_id", residents.create, town.township_id, other_community.id, "张三"
    )
    invalid("community_id", residents.create, town.township_id, uuid.uuid4(), "张三")
    invalid("township_id", residents.create, uuid.uuid4(), town.community_ids[0], "张三")
    resident = residents.create(town.township_id, town.community_ids[0], "张三")
    invalid("community_id", residents.edit, resident.id, community_id=other_community.id)
    invalid("township_id", residents.edit, resident.id, township_id=other.id)


def test_id_numbers_are_unique_per_township_among_live_residents(store: Store, town: Township1) -> None:
    divisions, residents = DivisionService(store), ResidentService(store)
    first = residents.create(town.township_id, town.community_ids[0], "李玥", id_number=WOMAN_1949)
    with pytest.raises(ConflictError) as info:
        residents.create(town.township_id, town.community_ids[1], "李月", id_number=WOMAN_1949.lower())
    assert "李玥" in info.value.message and "识字岭社区" in info.value.message
    # Another township keeps its own register.
    other = divisions.create_township(town.county_id, "430102002000", "东塘街道")
    other_community = divisions.create_community(other.id, "430102002001", "东塘社区")
    assert (
        residents.create(other.id, other_community.id, "李玥", id_number=WOMAN_1949).township_id == other.id
    )
    # Editing another resident onto the number is a conflict too.
    second = residents.create(town.township_id, town.community_ids[1], "刘䶮")
    with pytest.raises(ConflictError):
        residents.edit(second.id, id_number=WOMAN_1949)
    # After a soft delete the number is free; the deleted one cannot come back while it is taken.
    residents.delete(first.id)
    assert residents.find_by_id_number(town.township_id, WOMAN_1949) is None
    taken = residents.edit(second.id, id_number=WOMAN_1949)
    assert (taken.gender, taken.birth_date) == (Gender.FEMALE, date(1949, 12, 31))
    with pytest.raises(ConflictError):
        residents.restore(first.id)
    residents.edit(second.id, id_number=None)
    residents.restore(first.id)
    found = residents.find_by_id_number(town.township_id, WOMAN_1949.lower())
    assert found is not None and found.id == first.id
    invalid("id_number", residents.find_by_id_number, town.township_id, "123")


def test_edit_rederives_identity_and_checks_explicit_values(store: Store, town: Township1) -> None:
    residents = ResidentService(store)
    resident = residents.create(town.township_id, town.community_ids[0], "陈昇", id_number=MAN_1990)
    edited = residents.edit(resident.id, id_number=WOMAN_1949)
    assert (edited.gender, edited.birth_date) == (Gender.FEMALE, date(1949, 12, 31))
    assert SpecialGroup.ELDERLY in edited.groups
    invalid("gender", residents.edit, resident.id, gender="male")
    invalid("birth_date", residents.edit, resident.id, birth_date=date(1950, 1, 1))
    invalid("nickname", residents.edit, resident.id, nickname="老陈")
    # Without an ID number the gender and birth date are the user's to set.
    cleared = residents.edit(resident.id, id_number="", gender="男", birth_date="1990年3月5日")
    assert (cleared.id_number, cleared.gender, cleared.birth_date) == (None, Gender.MALE, date(1990, 3, 5))
    assert cleared.groups == set()
    assert residents.get(resident.id).special_groups == ""


def test_age_groups_follow_the_birth_date(store: Store, town: Township1) -> None:
    residents = ResidentService(store)
    create = residents.create
    c1 = town.community_ids[0]
    sixty_today = create(town.township_id, c1, "甲", birth_date=years_ago(60))
    sixty_tomorrow = create(town.township_id, c1, "乙", birth_date=years_ago(60, days_later=1))
    eighty = create(town.township_id, c1, "丙", birth_date=years_ago(80), groups=["低保", "disabled"])
    young_flagged = create(
        town.township_id, c1, "丁", birth_date=years_ago(30), groups=[SpecialGroup.ELDERLY]
    )
    unknown_age = create(town.township_id, c1, "戊", groups="elderly,独居老人")
    assert sixty_today.groups == {SpecialGroup.ELDERLY}
    assert sixty_tomorrow.groups == set()
    assert eighty.special_groups == "dibao,disabled,elderly,elderly_80"
    assert young_flagged.groups == set()
    assert unknown_age.groups == {SpecialGroup.ELDERLY, SpecialGroup.LIVING_ALONE}
    # A corrected birth date drops the stale flag; the other groups stay.
    assert residents.edit(eighty.id, birth_date=years_ago(70)).special_groups == "dibao,disabled,elderly"
    # People age between edits: a refresh a day later picks up 乙's birthday.
    assert residents.refresh_age_groups(town.township_id, on=date.fromordinal(TODAY.toordinal() + 1)) == 1
    assert residents.get(sixty_tomorrow.id).groups == {SpecialGroup.ELDERLY}


def test_age_helpers() -> None:
    assert age_on(date(1966, 11, 25), date(2026, 11, 24)) == 59
    assert age_on(date(1966, 11, 25), date(2026, 11, 25)) == 60
    assert age_on(date(1946, 2, 28), date(2026, 2, 28)) == 80
    assert with_age_groups(["dibao"], date(1946, 2, 28), date(2026, 2, 28)) == {
        SpecialGroup.DIBAO,
        SpecialGroup.ELDERLY,
        SpecialGroup.ELDERLY_80,
    }
    assert with_age_groups(["elderly_80"], None) == {SpecialGroup.ELDERLY_80}


def test_soft_delete_and_restore(store: Store, town: Township1) -> None:
    residents = ResidentService(store)
    keep = residents.create(town.township_id, town.community_ids[0], "周喆")
    gone = residents.create(town.township_id, town.community_ids[0], "吴喆")
    in_town = ListQuery(filters={"township_id": town.township_id})
    assert residents.list(in_town).total == 2
    residents.delete(gone.id)
    assert [r.id for r in residents.list(in_town).rows] == [keep.id]
    assert residents.list(ListQuery(search="喆")).total == 1
    residents.restore(gone.id)
    assert names(residents.list(ListQuery(search="喆")).rows) == ["吴喆", "周喆"]


RARE_NAMES = ["张喆", "李堃", "王昇", "赵赟", "孙玥", "刘䶮", "陈𠅤", "欧阳玥儿"]


def test_rare_and_non_bmp_names_round_trip_and_search(store: Store, town: Township1) -> None:
    residents = ResidentService(store)
    ids = {
        name: residents.create(town.township_id, town.community_ids[0], name, phone=f"1380000{i:04d}").id
        for i, name in enumerate(RARE_NAMES)
    }
    # Stored as the same code points (𠅤 is U+20164, outside the BMP), read back through a fresh session.
    for name, resident_id in ids.items():
        assert residents.get(resident_id).name == name
    with store.session() as session:
        raw = session.execute(text("SELECT name, length(name) FROM residents WHERE name LIKE '陈%'")).one()
    assert tuple(raw) == ("陈𠅤", 2)
    assert ord(raw[0][1]) == 0x20164

    def found(query: str) -> list[str]:
        return names(residents.list(ListQuery(search=query)).rows)

    # One character, each rare one, and only the right people.
    for name in RARE_NAMES[:7]:
        assert found(name[-1]) == sorted(n for n in RARE_NAMES if name[-1] in n)
    assert found("𠅤") == ["陈𠅤"]
    assert found("䶮") == ["刘䶮"]
    assert found("玥") == ["孙玥", "欧阳玥儿"]
    # Two and three characters, full-width spaces, several terms (all must match), phone fragments.
    assert found("陈𠅤") == ["陈𠅤"]
    assert found("欧阳") == ["欧阳玥儿"]
    assert found("欧阳玥") == ["欧阳玥儿"]
    assert found("　玥儿　") == ["欧阳玥儿"]
    assert found("玥 0004") == ["孙玥"]
    assert found("00006") == ["陈𠅤"]
    assert found("𠅤 0007") == []
    assert found("赟赵") == []
