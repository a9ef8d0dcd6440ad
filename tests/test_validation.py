"""Tests for liandian_desktop.ledger.validation: every accepted form and every distinct rejection."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.validation import (
    birth_date_from_id,
    format_quarter,
    gender_from_id,
    id_check_char,
    is_within,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalize_text,
    parent_code,
    parse_amount,
    parse_date,
    parse_hours,
    parse_quarter,
    quarter_bounds,
    quarter_of,
    township_kind,
    validate_division_code,
    validate_id_number,
    validate_name,
    validate_phone,
)

# Published examples (GB 11643-1999): both have a correct check character.
VALID_ID = "11010519491231002X"
VALID_ID_1880 = "440524188001010014"  # correct checksum, but born before 1900
RARE_CHARS = ["喆", "堃", "昇", "赟", "玥", "䶮", "𠅤"]


def rejects(fn: Callable[..., Any], *args: Any, field: str, says: tuple[str, ...], **kwargs: Any) -> str:
    """Assert that ``fn`` raises ValidationError for ``field`` with a message containing each of ``says``."""
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    err = info.value
    assert err.field == field
    assert err.message.strip(), "message must not be empty"
    for fragment in says:
        assert fragment in err.message, f"{fragment!r} not in {err.message!r}"
    assert str(err) == f"{field}: {err.message}"
    return err.message


# ---------------------------------------------------------------------------------------------------------
# normalize_text
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  abc  ", "abc"),
        ("ＡＢＣ１２３！～", "ABC123!~"),
        ("张\u3000三", "张 三"),
        ("a \t\n  b", "a b"),
        ("\u3000\u3000", ""),
        ("１，２３４．５", "1,234.5"),
        ("𠅤䶮喆", "𠅤䶮喆"),
        ("\uf900", "\uf900"),  # CJK compatibility ideograph 豈: NFKC would turn it into U+8C48
        ("①", "①"),  # not in U+FF01–U+FF5E, so untouched (NFKC would give '1')
        ("ﾊ", "ﾊ"),  # half-width katakana untouched
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_text_is_idempotent_and_has_no_outer_or_double_spaces(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert not any(0xFF01 <= ord(ch) <= 0xFF5E or ch == "\u3000" for ch in once)


cjk_char = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.characters(min_codepoint=0x2A700, max_codepoint=0x2EBE0),
    st.characters(min_codepoint=0x30000, max_codepoint=0x3134A),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAD9),
    st.sampled_from(RARE_CHARS),
)


@given(st.text(cjk_char, min_size=1, max_size=50))
def test_cjk_names_of_every_block_pass_through_untouched(name: str) -> None:
    assert normalize_text(name) == name
    assert validate_name(name) == name


# ---------------------------------------------------------------------------------------------------------
# validate_name
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ch", RARE_CHARS)
def test_rare_characters_are_accepted_in_names(ch: str) -> None:
    name = f"王{ch}"
    assert validate_name(name) == name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"),
        ("  李四  ", "李四"),
        ("张 三", "张三"),
        ("张\u3000三", "张三"),
        ("𠅤", "𠅤"),
        ("王䶮", "王䶮"),
        ("陈喆堃", "陈喆堃"),
        ("刘昇赟玥", "刘昇赟玥"),
        ("𠅤𠅤𠅤", "𠅤𠅤𠅤"),
        ("\uf900", "\uf900"),  # compatibility ideograph survives (no NFKC)
        ("李〇", "李〇"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽･买买提", "阿依古丽·买买提"),
        ("阿依古丽‧买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        ("阿依古丽．买买提", "阿依古丽·买买提"),
        ("爱新觉罗·溥仪", "爱新觉罗·溥仪"),
        ("John Smith", "John Smith"),
        ("John   Smith", "John Smith"),
        ("Ｊｏｈｎ　Ｓｍｉｔｈ", "John Smith"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("O'Brien", "O'Brien"),
        ("José Müller", "José Müller"),
        ("Nguyễn", "Nguyễn"),
        ("Mary·Jane", "Mary·Jane"),
        ("葛\U000e0100", "葛\U000e0100"),  # ideographic variation selector after an ideograph
    ],
)
def test_validate_name_accepts_and_normalises(raw: str, expected: str) -> None:
    assert validate_name(raw) == expected


def test_validate_name_counts_non_bmp_characters_as_one() -> None:
    assert validate_name("𠅤" * 5, max_len=5) == "𠅤" * 5
    rejects(validate_name, "𠅤" * 6, max_len=5, field="name", says=("过长", "5", "6"))


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("", ("不能为空",)),
        ("   ", ("不能为空",)),
        ("\u3000", ("不能为空",)),
        ("张3", ("数字",)),
        ("张３", ("数字",)),
        ("李①", ("数字",)),
        ("张\x00三", ("控制字符",)),
        ("张\u200b三", ("控制字符",)),
        ("张\ud800三", ("编码错误",)),
        ("张\ue000", ("私用区",)),
        ("张@三", ("不允许的字符", "@")),
        ("张三😀", ("不允许的字符",)),
        ("张三,李四", ("不允许的字符", ",")),
        ("·买买提", ("间隔号",)),
        ("阿依古丽·", ("间隔号",)),
        ("阿依古丽··买买提", ("间隔号",)),
        ("·", ("间隔号",)),
        ("\U000e0100张", ("异体字选择符",)),
        ("-Luc", ("拉丁字母",)),
        ("张-三", ("拉丁字母",)),
        ("O'", ("拉丁字母",)),
        ("张.", ("不允许的字符",)),
    ],
)
def test_validate_name_rejects(raw: str, says: tuple[str, ...]) -> None:
    rejects(validate_name, raw, field="name", says=says)


def test_validate_name_too_long_and_custom_field() -> None:
    assert validate_name("张" * 50) == "张" * 50
    rejects(validate_name, "张" * 51, field="name", says=("过长", "50", "51"))
    rejects(validate_name, "张三三", "contact_name", 2, field="contact_name", says=("过长",))


@pytest.mark.parametrize("value", [None, 123, ["张三"], b"\xe5\xbc\xa0"])
def test_validate_name_rejects_non_text(value: object) -> None:
    rejects(validate_name, value, "volunteer_name", field="volunteer_name", says=("文本",))


# ---------------------------------------------------------------------------------------------------------
# ID numbers
# ---------------------------------------------------------------------------------------------------------


def test_known_valid_id_numbers() -> None:
    assert validate_id_number(VALID_ID) == VALID_ID
    assert id_check_char(VALID_ID[:17]) == "X"
    assert id_check_char(VALID_ID_1880[:17]) == "4"
    assert birth_date_from_id(VALID_ID) == date(1949, 12, 31)
    assert gender_from_id(VALID_ID) == "女"  # 17th digit 2 is even


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105\u300019491231002X",
    ],
)
def test_id_number_normalisation(raw: str) -> None:
    assert validate_id_number(raw) == VALID_ID


def test_id_check_char_covers_every_remainder() -> None:
    # Independent reference: the check value makes sum(a_i * 2^(17-i)) ≡ 1 (mod 11) over all 18 positions.
    seen: set[str] = set()
    for seq in range(200):
        first17 = f"11010519800101{seq:03d}"
        check = id_check_char(first17)
        value = 10 if check == "X" else int(check)
        total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17)) + value
        assert total % 11 == 1, first17
        seen.add(check)
    assert seen == set("0123456789X")


@given(st.text("0123456789", min_size=17, max_size=17))
def test_id_check_char_matches_the_iso_7064_definition(first17: str) -> None:
    check = id_check_char(first17)
    value = 10 if check == "X" else int(check)
    assert (sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17)) + value) % 11 == 1


def test_checksum_error_is_detected_without_revealing_the_right_digit() -> None:
    message = rejects(validate_id_number, "110105194912310021", field="id_number", says=("校验位不正确",))
    assert "X" not in message
    rejects(validate_id_number, "11010519491231002X"[:17] + "3", field="id_number", says=("校验位不正确",))


@pytest.mark.parametrize("value", [110105194912310021, 1.10105194912310e17, Decimal("110105194912310021")])
def test_id_number_stored_as_number_is_rejected_for_precision_loss(value: object) -> None:
    rejects(validate_id_number, value, field="id_number", says=("数字格式导致精度丢失", "文本"))


@pytest.mark.parametrize(
    "text", ["1.10105E+17", "1.10105e+17", "1.10105194912310E+17", "１.１０１０５Ｅ＋１７"]
)
def test_id_number_in_scientific_notation_is_rejected_for_precision_loss(text: str) -> None:
    rejects(validate_id_number, text, field="id_number", says=("数字格式导致精度丢失", "文本"))


def test_id_number_with_decimal_point_is_rejected_for_precision_loss() -> None:
    rejects(validate_id_number, "110105194912310000.0", field="id_number", says=("精度丢失",))


def test_id_number_ending_000_after_float_round_trip_hints_at_precision_loss() -> None:
    # Excel keeps 15 significant digits: 110105194912310021 becomes 110105194912310000.
    rejects(validate_id_number, "110105194912310000", field="id_number", says=("校验位不正确", "精度丢失"))


def test_id_number_ending_000_with_a_correct_checksum_is_accepted() -> None:
    # A genuine ID can end in 000 (sequence x00, check 0): only a failing checksum triggers the hint.
    candidates = [f"110105198001{day:02d}{seq:03d}" for day in range(1, 29) for seq in range(0, 1000, 100)]
    genuine = [c + "0" for c in candidates if id_check_char(c) == "0"]
    assert genuine
    for id_number in genuine:
        assert validate_id_number(id_number) == id_number


@pytest.mark.parametrize("value", [True, None, ["11010519491231002X"], b"11010519491231002X"])
def test_id_number_rejects_non_text(value: object) -> None:
    rejects(validate_id_number, value, field="id_number", says=("文本",))


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("", ("不能为空",)),
        ("1101051949123100", ("18位", "16位")),
        ("1101051949123100211", ("18位", "19位")),
        ("110105491231002", ("18位", "15位")),
        ("11010519491231002Y", ("前17位必须是数字",)),
        ("1101051949123100X2", ("前17位必须是数字",)),
        ("11010519491231-02X", ("前17位必须是数字",)),
    ],
)
def test_id_number_shape_errors(raw: str, says: tuple[str, ...]) -> None:
    rejects(validate_id_number, raw, field="id_number", says=says)


@pytest.mark.parametrize(
    "prefix", ["00", "10", "16", "20", "24", "38", "47", "55", "60", "66", "72", "84", "99"]
)
def test_id_number_with_unknown_province_is_rejected(prefix: str) -> None:
    first17 = prefix + VALID_ID[2:17]
    rejects(validate_id_number, first17 + id_check_char(first17), field="id_number", says=("省级", prefix))


@pytest.mark.parametrize(
    "prefix",
    ["11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82", "83", "91"],
)
def test_id_number_accepts_every_province_prefix(prefix: str) -> None:
    first17 = prefix + VALID_ID[2:17]
    assert validate_id_number(first17 + id_check_char(first17)) == first17 + id_check_char(first17)


@pytest.mark.parametrize("birth", ["19490230", "19491301", "19490000", "19000229", "20230229"])
def test_id_number_with_impossible_birth_date_is_rejected(birth: str) -> None:
    first17 = "110105" + birth + "002"
    rejects(validate_id_number, first17 + id_check_char(first17), field="id_number", says=("出生日期", birth))


def test_id_number_born_before_1900_is_rejected() -> None:
    rejects(validate_id_number, VALID_ID_1880, field="id_number", says=("出生日期", "1900-01-01"))
    first17 = "11010518991231002"
    rejects(validate_id_number, first17 + id_check_char(first17), field="id_number", says=("早于",))


def test_id_number_born_in_the_future_is_rejected() -> None:
    tomorrow = date.today() + timedelta(days=1)
    first17 = f"110105{tomorrow:%Y%m%d}002"
    rejects(validate_id_number, first17 + id_check_char(first17), field="id_number", says=("晚于今天",))


def test_id_number_boundary_birth_dates_are_accepted() -> None:
    assert validate_id_number(make_id_number("110105", date(1900, 1, 1), 1))[6:14] == "19000101"
    assert birth_date_from_id(make_id_number("110105", date.today(), 1)) == date.today()


def test_id_number_custom_field_name() -> None:
    rejects(validate_id_number, "123", "guardian_id", field="guardian_id", says=("18位",))
    rejects(validate_id_number, 123, "guardian_id", field="guardian_id", says=("精度丢失",))


def test_make_id_number_builds_known_values() -> None:
    assert make_id_number("110105", date(1949, 12, 31), 2) == VALID_ID
    assert make_id_number("440524", date(1980, 1, 1), 1) == "44052419800101001" + id_check_char(
        "44052419800101001"
    )
    assert make_id_number("１１０１０５", datetime(1949, 12, 31, 8, 30), 2) == VALID_ID


@pytest.mark.parametrize(
    ("args", "field", "says"),
    [
        (("11010", date(1990, 1, 1), 1), "region", ("6位",)),
        (("11010a", date(1990, 1, 1), 1), "region", ("6位",)),
        (("990105", date(1990, 1, 1), 1), "region", ("省级", "99")),
        (("110105", date(1899, 12, 31), 1), "birth_date", ("1900-01-01",)),
        (("110105", date.today() + timedelta(days=1), 1), "birth_date", ("今天",)),
        (("110105", "1990-01-01", 1), "birth_date", ("日期",)),
        (("110105", date(1990, 1, 1), 1000), "seq", ("0–999",)),
        (("110105", date(1990, 1, 1), -1), "seq", ("0–999",)),
        (("110105", date(1990, 1, 1), True), "seq", ("0–999",)),
    ],
)
def test_make_id_number_rejects(args: tuple[object, ...], field: str, says: tuple[str, ...]) -> None:
    rejects(make_id_number, *args, field=field, says=says)


@pytest.mark.parametrize("bad", ["1101051949123100", "1101051949123100a", 11010519491231002, "１１０"])
def test_id_check_char_rejects_anything_but_17_digits(bad: object) -> None:
    rejects(id_check_char, bad, field="id_number", says=("17位",))


def test_birth_and_gender_helpers_validate_their_input() -> None:
    rejects(birth_date_from_id, "110105194912310021", field="id_number", says=("校验位",))
    rejects(gender_from_id, "110105194912310021", field="id_number", says=("校验位",))
    rejects(gender_from_id, "123", "member_id", field="member_id", says=("18位",))


regions = st.builds(
    lambda prov, rest: f"{prov}{rest:04d}",
    st.sampled_from(
        [
            "11",
            "12",
            "13",
            "14",
            "15",
            "21",
            "22",
            "23",
            "31",
            "32",
            "33",
            "34",
            "35",
            "36",
            "37",
            "41",
            "42",
            "43",
            "44",
            "45",
            "46",
            "50",
            "51",
            "52",
            "53",
            "54",
            "61",
            "62",
            "63",
            "64",
            "65",
        ]
    ),
    st.integers(0, 9999),
)
births = st.dates(min_value=date(1900, 1, 1), max_value=date.today())


@settings(deadline=None)
@given(regions, births, st.integers(0, 999))
def test_make_id_number_round_trips(region: str, birth: date, seq: int) -> None:
    id_number = make_id_number(region, birth, seq)
    assert len(id_number) == 18
    assert validate_id_number(id_number) == id_number
    assert validate_id_number(id_number.lower()) == id_number
    assert birth_date_from_id(id_number) == birth
    assert gender_from_id(id_number) == ("男" if seq % 2 else "女")
    assert id_number[:6] == region
    assert mask_id_number(id_number, public=False) == id_number[:6] + "********" + id_number[-4:]
    assert mask_id_number(id_number, public=True) == id_number[:2] + "*" * 14 + id_number[-2:]


@settings(deadline=None)
@given(regions, births, st.integers(0, 999), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_rejected(
    region: str, birth: date, seq: int, position: int, replacement: str
) -> None:
    id_number = make_id_number(region, birth, seq)
    assume(id_number[position] != replacement)
    altered = id_number[:position] + replacement + id_number[position + 1 :]
    with pytest.raises(ValidationError) as info:
        validate_id_number(altered)
    assert info.value.field == "id_number"
    assert info.value.message


@settings(deadline=None)
@given(regions, births, st.integers(0, 999), st.integers(0, 15))
def test_any_adjacent_transposition_is_rejected(region: str, birth: date, seq: int, position: int) -> None:
    id_number = make_id_number(region, birth, seq)
    a, b = id_number[position], id_number[position + 1]
    assume(a != b)
    swapped = id_number[:position] + b + a + id_number[position + 2 :]
    with pytest.raises(ValidationError):
        validate_id_number(swapped)


# ---------------------------------------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("＋８６１３８１２３４５６７８", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("19912345678", "19912345678"),
        (13812345678, "13812345678"),
        (13812345678.0, "13812345678"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010)12345678", "010-12345678"),
        ("（010）1234 5678", "010-12345678"),
        ("021 1234 5678", "021-12345678"),
        ("0755-1234567", "0755-1234567"),
        ("0731—84561234", "0731-84561234"),
        ("+86 10 12345678", "010-12345678"),
        ("+86 731 84561234", "0731-84561234"),
        ("010-12345678-801", "010-12345678-801"),
        ("010-12345678转801", "010-12345678-801"),
        ("010-12345678 分机 8", "010-12345678-8"),
        ("0755 1234567 ext. 12", "0755-1234567-12"),
        ("0755-1234567x12", "0755-1234567-12"),
        ("0755-1234567#12", "0755-1234567-12"),
    ],
)
def test_validate_phone_accepts(raw: object, expected: str) -> None:
    assert validate_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("", ("不能为空",)),
        ("+86", ("不能为空",)),
        ("138abc12345", ("无效字符",)),
        ("电话13812345678", ("无效字符",)),
        ("+1 212 555 0100", ("+86",)),
        ("1381234567", ("手机号码", "11位")),
        ("138123456789", ("手机号码", "11位")),
        ("12812345678", ("手机号码", "13–19")),
        ("12345", ("手机号码",)),
        ("13812345678转12", ("分机",)),
        ("84561234", ("区号",)),
        ("8456123", ("区号",)),
        ("95588", ("不是有效",)),
        ("010-123456", ("固定电话", "7–8位")),
        ("010-123456789", ("固定电话", "7–8位")),
        ("0012345678", ("固定电话",)),
        ("01112345678", ("固定电话",)),
        ("+86 1381234567", ("手机号码", "11位")),
    ],
)
def test_validate_phone_rejects(raw: str, says: tuple[str, ...]) -> None:
    rejects(validate_phone, raw, field="phone", says=says)


@pytest.mark.parametrize("value", [None, True, 1.5, ["13812345678"]])
def test_validate_phone_rejects_non_text(value: object) -> None:
    rejects(validate_phone, value, "contact_phone", field="contact_phone", says=("文本",))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812341234", "138****1234"),
        ("+86 139 0000 5678", "139****5678"),
        ("010-12345678", "010-******78"),
        ("0755-1234567", "0755-*****67"),
        ("010-12345678-801", "010-******78"),
    ],
)
def test_mask_phone(raw: str, expected: str) -> None:
    assert mask_phone(raw) == expected


def test_mask_phone_rejects_invalid() -> None:
    rejects(mask_phone, "12345", field="phone", says=("手机号码",))
    rejects(mask_phone, "", "tel", field="tel", says=("不能为空",))


# ---------------------------------------------------------------------------------------------------------
# Masking ID numbers
# ---------------------------------------------------------------------------------------------------------


def test_mask_id_number() -> None:
    assert mask_id_number(VALID_ID, public=False) == "110105********002X"
    assert mask_id_number(VALID_ID, public=True) == "11**************2X"
    assert mask_id_number("11010519491231002x", False) == "110105********002X"
    masked = mask_id_number(VALID_ID, public=True)
    assert len(masked) == 18 and masked.count("*") == 14


def test_mask_id_number_rejects_bad_input() -> None:
    rejects(mask_id_number, "123", True, field="id_number", says=("18位",))
    rejects(mask_id_number, 110105194912310021, False, field="id_number", says=("精度丢失",))
    rejects(mask_id_number, "11010519491231002Y", True, "id", field="id", says=("前17位",))


# ---------------------------------------------------------------------------------------------------------
# Division codes
# ---------------------------------------------------------------------------------------------------------

COUNTY = "430102000000"
TOWNSHIP = "430102001000"
VILLAGE = "430102001001"


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        (COUNTY, "county", COUNTY),
        (TOWNSHIP, "township", TOWNSHIP),
        (VILLAGE, "village", VILLAGE),
        ("110105000000", "county", "110105000000"),
        ("650102399999", "village", "650102399999"),
        ("４３０１０２００１００１", "village", VILLAGE),
        (" 430102 001 001 ", "village", VILLAGE),
        (430102001001, "village", VILLAGE),
        (430102001000.0, "township", TOWNSHIP),
    ],
)
def test_validate_division_code_accepts(code: object, level: Any, expected: str) -> None:
    assert validate_division_code(code, level) == expected


@pytest.mark.parametrize(
    ("code", "level", "says"),
    [
        ("", "county", ("不能为空",)),
        ("43010200000A", "county", ("只能包含数字",)),
        ("430102", "county", ("12位", "6位")),
        ("4301020010011", "village", ("12位", "13位")),
        ("990102000000", "county", ("省级", "99")),
        ("100102000000", "county", ("省级", "10")),
        ("430000000000", "county", ("不是县级代码",)),
        ("430100000000", "county", ("不是县级代码",)),
        ("430002001001", "village", ("不是县级代码",)),
        (TOWNSHIP, "county", ("后6位", "000000")),
        (VILLAGE, "county", ("后6位",)),
        (COUNTY, "township", ("乡镇部分", "000")),
        ("430102400000", "township", ("乡镇部分", "400", "001–399")),
        ("430102999001", "village", ("乡镇部分", "999")),
        (VILLAGE, "township", ("后3位", "000")),
        (TOWNSHIP, "village", ("后3位", "001–999")),
        (COUNTY, "village", ("乡镇部分",)),
        (COUNTY, "province", ("未知的区划级别",)),
    ],
)
def test_validate_division_code_rejects(code: str, level: Any, says: tuple[str, ...]) -> None:
    rejects(validate_division_code, code, level, field="division_code", says=says)


@pytest.mark.parametrize("value", [None, True, 4.3e11 + 0.5, ["430102000000"]])
def test_validate_division_code_rejects_non_text(value: object) -> None:
    rejects(validate_division_code, value, "county", "county_code", field="county_code", says=("文本",))


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("430102001000", "街道"),
        ("430102099000", "街道"),
        ("430102100000", "镇"),
        ("430102199123", "镇"),
        ("430102200000", "乡"),
        ("430102399001", "乡"),
    ],
)
def test_township_kind(code: str, kind: str) -> None:
    assert township_kind(code) == kind


def test_township_kind_rejects_county_and_invalid_codes() -> None:
    rejects(township_kind, COUNTY, field="division_code", says=("县级", "乡镇"))
    rejects(township_kind, "430102400000", field="division_code", says=("001–399",))
    rejects(township_kind, "123", "township_code", field="township_code", says=("12位",))


def test_parent_code() -> None:
    assert parent_code(VILLAGE) == TOWNSHIP
    assert parent_code(TOWNSHIP) == COUNTY
    assert parent_code(parent_code("430102205017")) == COUNTY
    rejects(parent_code, COUNTY, field="division_code", says=("没有上级",))
    rejects(parent_code, "430102400001", field="division_code", says=("乡镇部分",))


def test_is_within() -> None:
    assert is_within(VILLAGE, TOWNSHIP)
    assert is_within(VILLAGE, COUNTY)
    assert is_within(TOWNSHIP, COUNTY)
    assert is_within(VILLAGE, VILLAGE)  # inclusive
    assert is_within(COUNTY, COUNTY)
    assert not is_within("430102002001", TOWNSHIP)
    assert not is_within("430103001001", COUNTY)
    assert not is_within(TOWNSHIP, VILLAGE)
    assert not is_within(COUNTY, TOWNSHIP)
    rejects(is_within, "43010200100", TOWNSHIP, field="child_code", says=("12位",))
    rejects(is_within, VILLAGE, "430102500000", field="parent_code", says=("乡镇部分",))


# ---------------------------------------------------------------------------------------------------------
# Quarters
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q3", (2026, 3)),
        ("2026Q3", (2026, 3)),
        ("2026 q3", (2026, 3)),
        ("2026q1", (2026, 1)),
        ("2026/Q4", (2026, 4)),
        ("２０２６－Ｑ２", (2026, 2)),
        ("2026年第3季度", (2026, 3)),
        ("2026年3季度", (2026, 3)),
        ("2026年第三季度", (2026, 3)),
        ("2026 年 第 4 季", (2026, 4)),
        ("2026年Q2", (2026, 2)),
        ("2000-Q1", (2000, 1)),
        ("2100-Q4", (2100, 4)),
    ],
)
def test_parse_quarter(text: str, expected: tuple[int, int]) -> None:
    assert parse_quarter(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", ("不能为空",)),
        ("Q3", ("无法识别",)),
        ("2026-3", ("无法识别",)),
        ("20263", ("无法识别",)),
        ("2026年3月", ("无法识别",)),
        ("2026-Q5", ("季度应为1–4", "5")),
        ("2026-Q0", ("季度应为1–4",)),
        ("2026年第5季度", ("季度应为1–4",)),
        ("1999-Q4", ("年份", "2000–2100", "1999")),
        ("2101-Q1", ("年份", "2101")),
    ],
)
def test_parse_quarter_rejects(text: str, says: tuple[str, ...]) -> None:
    rejects(parse_quarter, text, field="quarter", says=says)


def test_parse_quarter_rejects_non_text_and_uses_field() -> None:
    rejects(parse_quarter, 20263, "period", field="period", says=("文本",))


def test_format_quarter() -> None:
    assert format_quarter(2026, 3) == "2026-Q3"
    rejects(format_quarter, 2026, 5, field="quarter", says=("1–4",))
    rejects(format_quarter, 1999, 1, field="quarter", says=("2000–2100",))
    rejects(format_quarter, 2026, True, "period", field="period", says=("整数",))
    rejects(format_quarter, "2026", 1, field="quarter", says=("整数",))


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 1, 1), "2026-Q1"),
        (date(2026, 3, 31), "2026-Q1"),
        (date(2026, 4, 1), "2026-Q2"),
        (date(2026, 9, 30), "2026-Q3"),
        (date(2026, 10, 1), "2026-Q4"),
        (date(2026, 12, 31), "2026-Q4"),
        (datetime(2026, 8, 1, 23, 59), "2026-Q3"),
    ],
)
def test_quarter_of(d: date, expected: str) -> None:
    assert quarter_of(d) == expected


def test_quarter_of_rejects() -> None:
    rejects(quarter_of, date(1999, 12, 31), field="date", says=("2000–2100",))
    rejects(quarter_of, "2026-01-01", field="date", says=("日期",))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026-Q2", (date(2026, 4, 1), date(2026, 6, 30))),
        ("2026-Q3", (date(2026, 7, 1), date(2026, 9, 30))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
        ("2024年第1季度", (date(2024, 1, 1), date(2024, 3, 31))),
    ],
)
def test_quarter_bounds(text: str, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(text) == bounds


def test_quarter_bounds_rejects() -> None:
    rejects(quarter_bounds, "2026-Q9", field="quarter", says=("1–4",))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_quarter_of_and_bounds_agree(d: date) -> None:
    label = quarter_of(d)
    first, last = quarter_bounds(label)
    assert first <= d <= last
    assert quarter_of(first) == quarter_of(last) == label
    assert parse_quarter(label) == (d.year, (d.month - 1) // 3 + 1)
    if last < date(2100, 12, 31):
        assert quarter_of(last + timedelta(days=1)) != label


# ---------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 3, 5), date(2026, 3, 5)),
        (datetime(2026, 3, 5, 14, 30), date(2026, 3, 5)),
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/3/5", date(2026, 3, 5)),
        ("2026/03/05", date(2026, 3, 5)),
        ("2026.3.5", date(2026, 3, 5)),
        ("2026年3月5日", date(2026, 3, 5)),
        ("2026年03月05日", date(2026, 3, 5)),
        ("2026 年 3 月 5 日", date(2026, 3, 5)),
        ("2026年3月5号", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("２０２６－０３－０５", date(2026, 3, 5)),
        ("２０２６年３月５日", date(2026, 3, 5)),
        ("  2026-03-05  ", date(2026, 3, 5)),
        ("2026-03-05T14:30:00", date(2026, 3, 5)),
        ("2026-03-05 14:30", date(2026, 3, 5)),
        ("2024-02-29", date(2024, 2, 29)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (43831, date(2020, 1, 1)),
        (46086, date(2026, 3, 5)),
        (46086.75, date(2026, 3, 5)),
        (Decimal("46086"), date(2026, 3, 5)),
        (2958465, date(9999, 12, 31)),
    ],
)
def test_parse_date_accepts(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", ("不能为空",)),
        ("2026-02-30", ("不存在", "2月只有28天")),
        ("2025-02-29", ("不存在", "28天")),
        ("2024-02-30", ("29天",)),
        ("2026-04-31", ("30天",)),
        ("2026年2月30日", ("不存在",)),
        ("20260230", ("不存在",)),
        ("2026-13-01", ("月份应为1–12",)),
        ("2026-00-10", ("月份应为1–12",)),
        ("2026-01-00", ("不存在",)),
        ("0000-01-01", ("年份",)),
        ("2026-03/05", ("无法识别",)),
        ("05/03/2026", ("无法识别",)),
        ("26-3-5", ("无法识别",)),
        ("明天", ("无法识别",)),
        (60, ("60", "1900-02-29")),
        (60.5, ("1900-02-29",)),
        (0, ("1–2958465",)),
        (-5, ("1–2958465",)),
        (2958466, ("2958465",)),
        (math.nan, ("有效的数值",)),
        (math.inf, ("有效的数值",)),
        (Decimal("NaN"), ("有效的数值",)),
    ],
)
def test_parse_date_rejects(value: object, says: tuple[str, ...]) -> None:
    rejects(parse_date, value, field="date", says=says)


@pytest.mark.parametrize("value", [None, True, ["2026-03-05"]])
def test_parse_date_rejects_other_types_with_custom_field(value: object) -> None:
    rejects(parse_date, value, "service_date", field="service_date", says=("日期",))


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_date_text_forms_round_trip(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}") == d
    assert parse_date(f"{d.year}.{d.month}.{d.day}") == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(f"{d:%Y%m%d}") == d


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_excel_serials_after_the_fake_leap_day(d: date) -> None:
    serial = (d - date(1900, 3, 1)).days + 61
    assert parse_date(serial) == d
    assert parse_date(float(serial) + 0.999) == d


# ---------------------------------------------------------------------------------------------------------
# Amounts
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1,234,567", "1234567.00"),
        ("１，２３４．５", "1234.50"),
        ("￥500", "500.00"),
        ("¥500", "500.00"),
        ("￥ 1,234.5 元", "1234.50"),
        ("500元", "500.00"),
        ("1.2万", "12000.00"),
        ("1.2万元", "12000.00"),
        ("￥1.2345万元", "12345.00"),
        ("1.234567万", "12345.67"),
        ("3万", "30000.00"),
        ("0.5", "0.50"),
        (".5", "0.50"),
        ("+12", "12.00"),
        ("0", "0.00"),
        ("-0", "0.00"),
        ("1.230", "1.23"),
        (0, "0.00"),
        (100, "100.00"),
        (12.5, "12.50"),
        (0.1, "0.10"),
        (Decimal("99.9"), "99.90"),
        (Decimal("1E+3"), "1000.00"),
        ("999,999,999,999.99", "999999999999.99"),
        ("99999999.9999万", "999999999999.00"),
    ],
)
def test_parse_amount_accepts(value: object, expected: str) -> None:
    result = parse_amount(value)
    assert result == Decimal(expected)
    assert str(result) == expected  # always exactly two places


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", ("不能为空",)),
        ("abc", ("不是有效的数字",)),
        ("1,2", ("不是有效的数字",)),
        ("12,34.5", ("不是有效的数字",)),
        ("1.2.3", ("不是有效的数字",)),
        ("1e3", ("不是有效的数字",)),
        ("$5", ("不是有效的数字",)),
        ("万", ("不是有效的数字",)),
        ("5亿", ("不是有效的数字",)),
        ("-1", ("负数",)),
        ("-￥5", ("负数",)),
        ("-1.2万", ("负数",)),
        (-0.01, ("负数",)),
        ("1.234", ("2位小数",)),
        ("1.2345678万", ("2位小数",)),
        (Decimal("0.001"), ("2位小数",)),
        (0.1 + 0.2, ("2位小数",)),
        ("1,000,000,000,000", ("过大",)),
        ("1000000000000.00", ("过大",)),
        ("100000000万", ("过大",)),
        (math.nan, ("不是有效的数字",)),
        (math.inf, ("不是有效的数字",)),
        (Decimal("NaN"), ("不是有效的数字",)),
        (Decimal("Infinity"), ("不是有效的数字",)),
    ],
)
def test_parse_amount_rejects(value: object, says: tuple[str, ...]) -> None:
    rejects(parse_amount, value, field="amount", says=says)


def test_parse_amount_zero_can_be_forbidden() -> None:
    assert parse_amount("0.01", allow_zero=False) == Decimal("0.01")
    rejects(parse_amount, "0", "fund_amount", allow_zero=False, field="fund_amount", says=("大于0",))
    rejects(parse_amount, 0, allow_zero=False, field="amount", says=("大于0",))


@pytest.mark.parametrize("value", [None, True, ["1"]])
def test_parse_amount_rejects_other_types(value: object) -> None:
    rejects(parse_amount, value, field="amount", says=("金额",))


cents = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False)


@given(cents)
def test_parse_amount_round_trips(d: Decimal) -> None:
    assert parse_amount(d) == d
    assert parse_amount(str(d)) == d
    assert parse_amount(f"{d:,.2f}") == d
    assert parse_amount(f"￥{d:,}元") == d
    assert parse_amount(f"{d / 10000:f}万") == d


@given(st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False))
def test_parse_amount_never_rounds(d: Decimal) -> None:
    if d == d.quantize(Decimal("0.01")):
        assert parse_amount(d) == d
    else:
        with pytest.raises(ValidationError):
            parse_amount(d)


# ---------------------------------------------------------------------------------------------------------
# Hours
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", "2.00"),
        ("2.5", "2.50"),
        ("2.5小时", "2.50"),
        ("1.75h", "1.75"),
        ("２．５", "2.50"),
        ("0.01", "0.01"),
        ("24", "24.00"),
        (3, "3.00"),
        (1.5, "1.50"),
        (Decimal("8"), "8.00"),
    ],
)
def test_parse_hours_accepts(value: object, expected: str) -> None:
    result = parse_hours(value)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", ("不能为空",)),
        ("两小时", ("不是有效的数字",)),
        ("￥2", ("不是有效的数字",)),
        ("0", ("大于0",)),
        (0, ("大于0",)),
        ("-1", ("大于0",)),
        ("24.01", ("24小时",)),
        (25, ("24小时",)),
        ("1.255", ("2位小数",)),
        (math.nan, ("不是有效的数字",)),
        (None, ("服务时长",)),
        (True, ("服务时长",)),
    ],
)
def test_parse_hours_rejects(value: object, says: tuple[str, ...]) -> None:
    rejects(parse_hours, value, field="hours", says=says)


def test_parse_hours_custom_field() -> None:
    rejects(parse_hours, "30", "service_hours", field="service_hours", says=("24小时",))
