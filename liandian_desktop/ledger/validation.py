"""Validation and normalisation of what users type, paste or import into the ledger.

Pure functions, standard library only. Every function that rejects input raises
:class:`~liandian_desktop.ledger.errors.ValidationError` with the English attribute name (``field``, which
callers can override) and a Chinese message that says what is wrong and what is expected.

Text is never passed through NFKC: that would rewrite CJK compatibility ideographs in people's names.
Only full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) are folded.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from liandian_desktop.ledger.errors import ValidationError

__all__ = [
    "DivisionLevel",
    "birth_date_from_id",
    "format_quarter",
    "gender_from_id",
    "id_check_char",
    "is_within",
    "make_id_number",
    "mask_id_number",
    "mask_phone",
    "normalize_text",
    "parent_code",
    "parse_amount",
    "parse_date",
    "parse_hours",
    "parse_quarter",
    "quarter_bounds",
    "quarter_of",
    "township_kind",
    "validate_division_code",
    "validate_id_number",
    "validate_name",
    "validate_phone",
]

DivisionLevel = Literal["county", "township", "village"]

# ---------------------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------------------

_FULLWIDTH_TABLE: Final[dict[int, int]] = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
}


def normalize_text(s: str) -> str:
    """Fold full-width ASCII and U+3000 to half-width, strip, and collapse runs of whitespace to one space.

    No Unicode normalisation (NFKC/NFC) is applied: CJK compatibility ideographs and non-BMP characters
    (𠅤, 䶮) pass through unchanged.
    """
    return " ".join(s.translate(_FULLWIDTH_TABLE).split())


def _type_name(value: object) -> str:
    return "空值" if value is None else type(value).__name__


def _require_text(value: object, field: str, what: str) -> str:
    """Normalised, non-empty text, or a ValidationError naming ``what`` (a Chinese noun)."""
    if not isinstance(value, str):
        raise ValidationError(field, f"{what}应为文本，收到的是{_type_name(value)}")
    text = normalize_text(value)
    if not text:
        raise ValidationError(field, f"{what}不能为空")
    return text


def _strip_spaces(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------------

# CJK ideographs: URO, extensions A–J (incl. the non-BMP ones), compatibility ideographs and their supplement.
# Unassigned code points inside these blocks are accepted on purpose: new extensions keep arriving.
_CJK_RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x3007, 0x3007),  # 〇
    (0x3400, 0x4DBF),  # Extension A (䶮 U+4DAE)
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B (𠅤 U+20124)
    (0x2A700, 0x2EE5F),  # Extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x3347F),  # Extensions G, H, J
)

# Variation selectors (standard and ideographic, IVS) may follow an ideograph to pick a glyph variant.
_VARIATION_SELECTOR_RANGES: Final[tuple[tuple[int, int], ...]] = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

# Separators between the parts of minority and transliterated names; all become U+00B7.
_NAME_DOTS: Final[frozenset[str]] = frozenset("\u00b7\u2022\u30fb\uff65\u2027")
_MIDDLE_DOT: Final = "\u00b7"
# Allowed inside Latin names only (Jean-Luc, O'Brien).
_LATIN_JOINERS: Final[frozenset[str]] = frozenset("-'\u2019")


def _in_ranges(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def _is_cjk(ch: str) -> bool:
    return _in_ranges(ch, _CJK_RANGES)


def _is_latin_letter(ch: str) -> bool:
    if "A" <= ch <= "Z" or "a" <= ch <= "z":
        return True
    cp = ord(ch)
    in_latin_blocks = 0x00C0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF
    return in_latin_blocks and ch not in "\u00d7\u00f7" and ch.isalpha()


def _is_name_letter(ch: str) -> bool:
    return _is_cjk(ch) or _is_latin_letter(ch)


def validate_name(s: object, field: str = "name", max_len: int = 50) -> str:
    """A person's name, normalised.

    Accepts CJK ideographs of every block (incl. non-BMP rare characters such as 𠅤), Latin letters,
    middle dots between name parts (· • ・ ･ ‧ all become U+00B7; an ASCII '.' between two ideographs does
    too), and single spaces between Latin words. Spaces next to ideographs are dropped ("张 三" → "张三").
    """
    text = _require_text(s, field, "姓名")
    chars = [_MIDDLE_DOT if ch in _NAME_DOTS else ch for ch in text]

    # Keep a space only between two Latin letters; anywhere else (next to an ideograph or a dot) drop it.
    kept: list[str] = []
    for i, ch in enumerate(chars):
        if ch == " ":
            prev, nxt = chars[i - 1], chars[i + 1]  # normalize_text stripped the ends, so both exist
            if not (_is_latin_letter(prev) and _is_latin_letter(nxt)):
                continue
        kept.append(ch)
    chars = kept
    for i, ch in enumerate(chars):
        if ch == "." and 0 < i < len(chars) - 1 and _is_cjk(chars[i - 1]) and _is_cjk(chars[i + 1]):
            chars[i] = _MIDDLE_DOT

    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i > 0 else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        category = unicodedata.category(ch)
        if _is_name_letter(ch) or ch == " ":
            continue
        if _in_ranges(ch, _VARIATION_SELECTOR_RANGES):
            if prev and _is_cjk(prev):
                continue
            raise ValidationError(field, "姓名中的异体字选择符必须紧跟在汉字之后")
        if ch == _MIDDLE_DOT:
            if not (prev and nxt and _is_name_letter(prev) and _is_name_letter(nxt)):
                raise ValidationError(
                    field, "间隔号“·”只能用在名字的两部分之间（如“阿依古丽·买买提”），不能在开头、结尾或连用"
                )
            continue
        if ch in _LATIN_JOINERS:
            if prev and nxt and _is_latin_letter(prev) and _is_latin_letter(nxt):
                continue
            raise ValidationError(field, f"姓名中的“{ch}”只能用在两个拉丁字母之间（如 Jean-Luc）")
        if category.startswith("N"):
            raise ValidationError(field, f"姓名不能包含数字（发现“{ch}”），请只填写姓名本身")
        if category in ("Cc", "Cf"):
            raise ValidationError(field, f"姓名包含不可见的控制字符（U+{ord(ch):04X}），请删除后重新输入")
        if category == "Cs":
            raise ValidationError(field, "姓名包含编码错误的字符（孤立代理项），请重新输入")
        if category == "Co":
            raise ValidationError(
                field,
                f"姓名包含私用区字符（U+{ord(ch):04X}），无法可靠保存和打印；请改用该字的标准Unicode编码",
            )
        raise ValidationError(field, f"姓名包含不允许的字符“{ch}”；姓名只能由汉字、拉丁字母和间隔号“·”组成")

    result = "".join(chars)
    if len(result) > max_len:
        raise ValidationError(field, f"姓名过长：最多{max_len}个字符，当前为{len(result)}个字符")
    return result


# ---------------------------------------------------------------------------------------------------------
# Citizen ID numbers (GB 11643-1999)
# ---------------------------------------------------------------------------------------------------------

_PROVINCE_CODES: Final[frozenset[str]] = frozenset(
    str(n)
    for n in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
        91,
    )
)
_ID_WEIGHTS: Final[tuple[int, ...]] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS: Final = "10X98765432"
_MIN_BIRTH: Final = date(1900, 1, 1)

_ID_SHAPE_RE: Final = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS17_RE: Final = re.compile(r"[0-9]{17}")
_SCIENTIFIC_RE: Final = re.compile(r"[+-]?[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+")
_DECIMAL_POINT_RE: Final = re.compile(r"[0-9]+\.[0-9]*")

_ID_PRECISION_MESSAGE: Final = (
    "身份证号码被保存成了数字（如Excel中的数字格式），数字格式导致精度丢失，后几位已不可信；"
    "请把该单元格设置为“文本”格式后按原件重新录入"
)


def _normalize_id(value: object, field: str) -> str:
    """Type, precision, length and character checks shared by validation and masking (no checksum)."""
    if isinstance(value, bool):
        raise ValidationError(field, f"身份证号码应为文本，收到的是{_type_name(value)}")
    if isinstance(value, (int, float, Decimal)):
        raise ValidationError(field, _ID_PRECISION_MESSAGE)
    text = _strip_spaces(_require_text(value, field, "身份证号码")).replace("x", "X")
    if _SCIENTIFIC_RE.fullmatch(text) or _DECIMAL_POINT_RE.fullmatch(text):
        raise ValidationError(field, _ID_PRECISION_MESSAGE)
    if len(text) != 18:
        raise ValidationError(field, f"身份证号码应为18位（17位数字加1位校验码），当前为{len(text)}位")
    if not _ID_SHAPE_RE.fullmatch(text):
        raise ValidationError(field, "身份证号码前17位必须是数字，最后一位是数字或X")
    return text


def id_check_char(first17: str, field: str = "id_number") -> str:
    """The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for the first 17 digits of an ID number."""
    if not isinstance(first17, str) or not _DIGITS17_RE.fullmatch(first17):
        raise ValidationError(field, "计算校验位需要正好17位数字")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _birth_date_or_error(text: str, field: str) -> date:
    y, m, d = int(text[6:10]), int(text[10:12]), int(text[12:14])
    try:
        born = date(y, m, d)
    except ValueError:
        raise ValidationError(
            field, f"身份证号码中的出生日期“{text[6:14]}”不是真实存在的日期（第7–14位应为YYYYMMDD）"
        ) from None
    if born < _MIN_BIRTH:
        raise ValidationError(field, f"身份证号码中的出生日期{born.isoformat()}早于1900-01-01，请核对")
    if born > date.today():
        raise ValidationError(field, f"身份证号码中的出生日期{born.isoformat()}晚于今天，请核对")
    return born


def validate_id_number(value: object, field: str = "id_number") -> str:
    """An 18-character resident ID number (GB 11643-1999), normalised: half-width digits, upper-case X.

    Numbers (int/float/Decimal) and numeric-looking strings ('1.10105E+17', '…000' failing the checksum)
    are rejected as Excel precision loss: the digits cannot be trusted.
    """
    text = _normalize_id(value, field)
    if text[:2] not in _PROVINCE_CODES:
        raise ValidationError(field, f"身份证号码前两位“{text[:2]}”不是有效的省级行政区代码")
    _birth_date_or_error(text, field)
    if id_check_char(text[:17], field) != text[17]:
        if text.endswith("000"):
            raise ValidationError(
                field,
                "身份证号码校验位不正确；号码以000结尾，可能在Excel中被存成数字，数字格式导致精度丢失。"
                "请把单元格设置为“文本”格式后按原件重新录入",
            )
        raise ValidationError(field, "身份证号码校验位不正确，请逐位核对号码")
    return text


def birth_date_from_id(id_number: object, field: str = "id_number") -> date:
    """The birth date embedded in a valid ID number (digits 7–14)."""
    text = validate_id_number(id_number, field)
    return date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def gender_from_id(id_number: object, field: str = "id_number") -> str:
    """'男' if the 17th digit of a valid ID number is odd, else '女'."""
    text = validate_id_number(id_number, field)
    return "男" if int(text[16]) % 2 == 1 else "女"


def make_id_number(region6: str, birth: date, seq3: int) -> str:
    """Build a valid ID number from a 6-digit region code, a birth date and a 3-digit sequence (0–999).

    Used by the demo-data generator and by tests; odd ``seq3`` means male, even female.
    """
    region = _strip_spaces(normalize_text(region6)) if isinstance(region6, str) else ""
    if not re.fullmatch(r"[0-9]{6}", region):
        raise ValidationError("region", "地区代码应为6位数字")
    if region[:2] not in _PROVINCE_CODES:
        raise ValidationError("region", f"地区代码前两位“{region[:2]}”不是有效的省级行政区代码")
    if isinstance(birth, datetime):
        birth = birth.date()
    if not isinstance(birth, date):
        raise ValidationError("birth_date", f"出生日期应为日期，收到的是{_type_name(birth)}")
    if not _MIN_BIRTH <= birth <= date.today():
        raise ValidationError("birth_date", "出生日期应在1900-01-01到今天之间")
    if isinstance(seq3, bool) or not isinstance(seq3, int) or not 0 <= seq3 <= 999:
        raise ValidationError("seq", "顺序码应为0–999之间的整数")
    first17 = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq3:03d}"
    return first17 + id_check_char(first17)


# ---------------------------------------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------------------------------------

_EXTENSION_RE: Final = re.compile(r"(.*?)(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})", re.IGNORECASE)
_MOBILE_RE: Final = re.compile(r"1[3-9][0-9]{9}")
_PHONE_CHARS_RE: Final = re.compile(r"[0-9+\-() ]+")
# Dash look-alikes become '-', brackets around an area code become spaces.
_PHONE_TRANSLATION: Final = str.maketrans(
    {**{dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2212"}, **{b: " " for b in "()（）"}}
)


def validate_phone(value: object, field: str = "phone") -> str:
    """A mainland phone number, normalised.

    Mobile numbers become 11 digits ('13812345678'); landlines become 'AREA-NUMBER' or 'AREA-NUMBER-EXT'
    ('010-12345678', '0755-1234567-801'). Spaces, hyphens, brackets and a leading +86/0086 are accepted.
    """
    if isinstance(value, bool):
        raise ValidationError(field, f"电话号码应为文本，收到的是{_type_name(value)}")
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    text = _require_text(value, field, "电话号码").translate(_PHONE_TRANSLATION)

    extension = ""
    match = _EXTENSION_RE.fullmatch(text)
    if match:
        text, extension = match.group(1), match.group(2)
    if not _PHONE_CHARS_RE.fullmatch(text):
        raise ValidationError(field, f"电话号码“{text}”包含无效字符；只能包含数字、空格、连字符和+86")

    compact = _strip_spaces(text)
    had_country_code = False
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            compact, had_country_code = compact[len(prefix) :], True
            break
    if "+" in compact:
        raise ValidationError(field, "只支持中国大陆电话号码（国际区号+86）")
    groups = [g for g in compact.split("-") if g]
    # 010-12345678-801: a third hyphen group after a full landline number is an extension.
    if (
        not extension
        and len(groups) == 3
        and groups[0].startswith("0")
        and 7 <= len(groups[1]) <= 8
        and 1 <= len(groups[2]) <= 6
    ):
        extension = groups.pop()
    digits = "".join(groups)
    if not had_country_code and len(digits) == 13 and digits.startswith("861"):
        digits, had_country_code = digits[2:], True
    if not digits:
        raise ValidationError(field, "电话号码不能为空")

    if _MOBILE_RE.fullmatch(digits):
        if extension:
            raise ValidationError(field, "手机号码不能带分机号")
        return digits
    if had_country_code and (digits.startswith("10") or digits[:1] in tuple("23456789")):
        digits = "0" + digits  # +86 10 12345678: the trunk 0 is dropped in international format
    if digits.startswith("1"):
        raise ValidationError(field, f"手机号码应为11位数字，以13–19开头；“{digits}”不符合")
    if not digits.startswith("0"):
        if 7 <= len(digits) <= 8:
            raise ValidationError(field, "固定电话需要带区号，例如 010-12345678 或 0755-1234567")
        raise ValidationError(field, f"“{digits}”不是有效的手机号码（11位）或固定电话（区号+7–8位号码）")
    area_len = 3 if digits[1] in "12" else 4  # 010 and 02x are three digits, every other area code four
    area, number = digits[:area_len], digits[area_len:]
    # 00 is the international prefix; 010 is the only area code starting 01.
    if digits[1] == "0" or (digits[1] == "1" and area != "010") or not 7 <= len(number) <= 8:
        raise ValidationError(
            field, f"固定电话应为区号（0开头，3–4位）加7–8位号码，例如 010-12345678；“{digits}”不符合"
        )
    return f"{area}-{number}-{extension}" if extension else f"{area}-{number}"


# ---------------------------------------------------------------------------------------------------------
# Statistical division codes (统计用区划代码)
# ---------------------------------------------------------------------------------------------------------

_TOWNSHIP_RANGE_TEXT: Final = "001–399（001–099街道，100–199镇，200–399乡）"


def _division_digits(code: object, field: str) -> str:
    if isinstance(code, bool):
        raise ValidationError(field, f"区划代码应为文本，收到的是{_type_name(code)}")
    if isinstance(code, int):
        code = str(code)
    elif isinstance(code, float) and code.is_integer():
        code = str(int(code))
    text = _strip_spaces(_require_text(code, field, "区划代码"))
    if not re.fullmatch(r"[0-9]+", text):
        raise ValidationError(field, f"区划代码只能包含数字，“{text}”中有其他字符")
    if len(text) != 12:
        raise ValidationError(
            field, f"区划代码应为12位数字（6位县级+3位乡镇+3位村/社区），当前为{len(text)}位"
        )
    if text[:2] not in _PROVINCE_CODES:
        raise ValidationError(field, f"区划代码前两位“{text[:2]}”不是有效的省级代码")
    if text[2:4] == "00" or text[4:6] == "00":
        raise ValidationError(field, f"区划代码前6位“{text[:6]}”不是县级代码（第3–4位和第5–6位都不能是00）")
    return text


def _check_township_part(text: str, field: str) -> None:
    part = text[6:9]
    if part == "000":
        raise ValidationError(field, f"乡镇部分（第7–9位）不能是000，应为{_TOWNSHIP_RANGE_TEXT}")
    if int(part) > 399:
        raise ValidationError(field, f"乡镇部分（第7–9位）“{part}”超出范围，应为{_TOWNSHIP_RANGE_TEXT}")


def _infer_level(text: str) -> DivisionLevel:
    if text[6:] == "000000":
        return "county"
    if text[9:] == "000":
        return "township"
    return "village"


def validate_division_code(code: object, level: DivisionLevel, field: str = "division_code") -> str:
    """A 12-digit statistical division code of the given level, normalised to half-width digits."""
    text = _division_digits(code, field)
    if level == "county":
        if text[6:] != "000000":
            raise ValidationError(field, f"县级区划代码后6位应为000000，当前为“{text[6:]}”")
    elif level == "township":
        _check_township_part(text, field)
        if text[9:] != "000":
            raise ValidationError(field, f"乡镇级区划代码后3位应为000，当前为“{text[9:]}”（这是村/社区代码）")
    elif level == "village":
        _check_township_part(text, field)
        if text[9:] == "000":
            raise ValidationError(field, "村/社区区划代码后3位应为001–999，不能是000（这是乡镇代码）")
    else:
        raise ValidationError(field, f"未知的区划级别“{level}”，应为 county、township 或 village")
    return text


def _any_division(code: object, field: str) -> tuple[str, DivisionLevel]:
    text = _division_digits(code, field)
    level = _infer_level(text)
    return validate_division_code(text, level, field), level


def township_kind(code: object, field: str = "division_code") -> str:
    """'街道' (001–099), '镇' (100–199) or '乡' (200–399) for a township or village code."""
    text, level = _any_division(code, field)
    if level == "county":
        raise ValidationError(field, "县级区划代码没有乡镇类型，请提供乡镇或村/社区的区划代码")
    part = int(text[6:9])
    if part <= 99:
        return "街道"
    if part <= 199:
        return "镇"
    return "乡"


def parent_code(code: object, field: str = "division_code") -> str:
    """The code one level up: village → township → county."""
    text, level = _any_division(code, field)
    if level == "county":
        raise ValidationError(field, "县级区划代码没有上级（本系统的最高层级是县/区）")
    if level == "township":
        return text[:6] + "000000"
    return text[:9] + "000"


def is_within(child_code: object, parent_code: object) -> bool:
    """True if ``child_code`` is ``parent_code`` itself or lies inside it (inclusive)."""
    child, _ = _any_division(child_code, "child_code")
    parent, parent_level = _any_division(parent_code, "parent_code")
    prefix_len = {"county": 6, "township": 9, "village": 12}[parent_level]
    return child[:prefix_len] == parent[:prefix_len]


# ---------------------------------------------------------------------------------------------------------
# Quarters
# ---------------------------------------------------------------------------------------------------------

_QUARTER_RES: Final = (
    re.compile(r"([0-9]{4})\s*(?:年|[-/_.])?\s*[Qq]\s*([0-9]+)"),
    re.compile(r"([0-9]{4})\s*年\s*第?\s*([0-9]+|[一二三四])\s*季度?"),
)
_CHINESE_QUARTERS: Final = {"一": 1, "二": 2, "三": 3, "四": 4}
_MIN_YEAR: Final = 2000
_MAX_YEAR: Final = 2100


def _check_quarter(year: object, q: object, field: str) -> tuple[int, int]:
    if isinstance(year, bool) or not isinstance(year, int) or isinstance(q, bool) or not isinstance(q, int):
        raise ValidationError(field, "年份和季度应为整数")
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValidationError(field, f"年份应在{_MIN_YEAR}–{_MAX_YEAR}之间，当前为{year}")
    if not 1 <= q <= 4:
        raise ValidationError(field, f"季度应为1–4，当前为{q}")
    return year, q


def parse_quarter(s: object, field: str = "quarter") -> tuple[int, int]:
    """(year, quarter) from '2026-Q3', '2026Q3', '2026 q3', '2026年第3季度' or '2026年三季度'."""
    text = _require_text(s, field, "季度")
    for regex in _QUARTER_RES:
        match = regex.fullmatch(text)
        if match:
            q_text = match.group(2)
            q = _CHINESE_QUARTERS[q_text] if q_text in _CHINESE_QUARTERS else int(q_text)
            return _check_quarter(int(match.group(1)), q, field)
    raise ValidationError(field, f"无法识别季度“{text}”，请写成 2026-Q3 或 2026年第3季度")


def format_quarter(year: int, q: int, field: str = "quarter") -> str:
    """'2026-Q3'."""
    year, q = _check_quarter(year, q, field)
    return f"{year}-Q{q}"


def quarter_of(d: date, field: str = "date") -> str:
    """The quarter a date falls in, as '2026-Q3'."""
    if not isinstance(d, date):
        raise ValidationError(field, f"应为日期，收到的是{_type_name(d)}")
    return format_quarter(d.year, (d.month - 1) // 3 + 1, field)


def quarter_bounds(s: object, field: str = "quarter") -> tuple[date, date]:
    """First and last day (inclusive) of a quarter given as text."""
    year, q = parse_quarter(s, field)
    last_month = 3 * q
    return date(year, last_month - 2, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


# ---------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------

_DATE_RES: Final = (
    re.compile(
        r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})"
        r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
    ),
    re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)
_EXCEL_MAX_SERIAL: Final = 2958465  # 9999-12-31
_EXCEL_FAKE_LEAP_DAY: Final = 60  # 1900-02-29, which did not exist (Lotus 1-2-3 compatibility)


def _excel_serial_to_date(value: int | float | Decimal, field: str) -> date:
    if (isinstance(value, float) and not math.isfinite(value)) or (
        isinstance(value, Decimal) and not value.is_finite()
    ):
        raise ValidationError(field, "日期不是有效的数值")
    serial = math.floor(value)
    if serial == _EXCEL_FAKE_LEAP_DAY:
        raise ValidationError(
            field, "Excel日期序列号60对应不存在的1900-02-29（Excel的历史错误），请核对原始日期"
        )
    if not 1 <= serial <= _EXCEL_MAX_SERIAL:
        raise ValidationError(field, f"Excel日期序列号应在1–{_EXCEL_MAX_SERIAL}之间，当前为{value}")
    if serial < _EXCEL_FAKE_LEAP_DAY:
        return date(1899, 12, 31) + timedelta(days=serial)
    return date(1899, 12, 30) + timedelta(days=serial)


def _make_date(year: int, month: int, day: int, text: str, field: str) -> date:
    if year < 1:
        raise ValidationError(field, f"日期“{text}”无效：年份不能是0")
    if not 1 <= month <= 12:
        raise ValidationError(field, f"日期“{text}”无效：月份应为1–12，当前为{month}")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValidationError(field, f"日期“{text}”不存在：{year}年{month}月只有{days_in_month}天")
    return date(year, month, day)


def parse_date(value: object, field: str = "date") -> date:
    """A date from a date/datetime, an Excel serial number (1900 date system) or text.

    Text may be '2026-03-05', '2026/3/5', '2026.3.5', '2026年3月5日', '20260305' (full-width digits too);
    an ISO time part after the date is ignored.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValidationError(field, f"日期应为日期或文本，收到的是{_type_name(value)}")
    if isinstance(value, (int, float, Decimal)):
        return _excel_serial_to_date(value, field)
    text = _require_text(value, field, "日期")
    for regex in _DATE_RES:
        match = regex.fullmatch(text)
        if match:
            groups = [g for g in match.groups() if g and g.isdigit()]
            return _make_date(int(groups[0]), int(groups[1]), int(groups[2]), text, field)
    raise ValidationError(
        field, f"无法识别日期“{text}”，请写成 2026-03-05、2026/3/5、2026.3.5、2026年3月5日 或 20260305"
    )


# ---------------------------------------------------------------------------------------------------------
# Amounts and hours
# ---------------------------------------------------------------------------------------------------------

_CENT: Final = Decimal("0.01")
_MAX_AMOUNT: Final = Decimal("999999999999.99")
_MAX_HOURS: Final = Decimal(24)
_NUMBER_RE: Final = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")


class _TextParser:
    """Turns a space-free string into a Decimal: suffixes and prefixes are what distinguish the kinds."""

    def __init__(
        self, what: str, example: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...], wan: bool
    ) -> None:
        self.what = what
        self.example = example
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.wan = wan

    def __call__(self, text: str, field: str) -> Decimal:
        original = text
        sign = ""
        if text[:1] in "+-":
            sign, text = text[0], text[1:]
        for prefix in self.prefixes:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        for suffix in self.suffixes:
            if text.endswith(suffix):
                text = text[: -len(suffix)]
                break
        multiplier = Decimal(1)
        if self.wan and text.endswith("万"):
            text, multiplier = text[:-1], Decimal(10000)
        text = sign + text
        if not _NUMBER_RE.fullmatch(text):
            raise ValidationError(field, f"{self.what}“{original}”不是有效的数字，例如 {self.example}")
        try:
            return Decimal(text.replace(",", "")) * multiplier
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            raise ValidationError(field, f"{self.what}“{original}”不是有效的数字") from None


def _to_decimal(value: object, field: str, what: str, *, text_to_decimal: _TextParser) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(field, f"{what}应为数字，收到的是{_type_name(value)}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(field, f"{what}不是有效的数字")
        number = Decimal(repr(value))
    else:
        number = text_to_decimal(_strip_spaces(_require_text(value, field, what)), field)
    if not number.is_finite():
        raise ValidationError(field, f"{what}不是有效的数字")
    return number


_AMOUNT_TEXT: Final = _TextParser("金额", "1,234.56、￥500、1.2万元", ("￥", "¥"), ("元",), wan=True)
_HOURS_TEXT: Final = _TextParser("服务时长", "2.5 或 2.5小时", (), ("小时", "h", "H"), wan=False)


def _check_cents(number: Decimal, field: str, message: str) -> None:
    if number != number.quantize(_CENT):
        raise ValidationError(field, message)


def parse_amount(value: object, field: str = "amount", allow_zero: bool = True) -> Decimal:
    """An amount in yuan, as a Decimal with exactly 2 decimal places.

    Accepts Decimal/int/float or text with thousands separators, a leading ￥/¥, a trailing 元 and a 万
    suffix ('1.2万' → 12000.00). More than 2 decimal places is rejected, never rounded.
    """
    number = _to_decimal(value, field, "金额", text_to_decimal=_AMOUNT_TEXT)
    if number < 0:
        raise ValidationError(field, f"金额不能为负数，当前为{number}")
    if number == 0:
        if not allow_zero:
            raise ValidationError(field, "金额必须大于0")
        return Decimal("0.00")
    if number > _MAX_AMOUNT:
        raise ValidationError(field, f"金额过大：最多为999,999,999,999.99元，当前为{number}")
    _check_cents(
        number, field, f"金额最多2位小数（精确到分），当前为{number}；请按原始金额录入，不要四舍五入"
    )
    return number.quantize(_CENT)


def parse_hours(value: object, field: str = "hours") -> Decimal:
    """Volunteer service hours of one record (MCA Order 67): 0 < hours ≤ 24, at most 2 decimal places."""
    number = _to_decimal(value, field, "服务时长", text_to_decimal=_HOURS_TEXT)
    if number <= 0:
        raise ValidationError(field, f"服务时长必须大于0小时，当前为{number}")
    if number > _MAX_HOURS:
        raise ValidationError(field, f"单条记录的服务时长不能超过24小时，当前为{number}")
    _check_cents(number, field, f"服务时长最多2位小数，当前为{number}")
    return number.quantize(_CENT)


# ---------------------------------------------------------------------------------------------------------
# Masking for printed sheets (PIPL)
# ---------------------------------------------------------------------------------------------------------


def mask_id_number(id_number: object, public: bool, field: str = "id_number") -> str:
    """Internal copies keep the first 6 and last 4 characters, public (posted) sheets the first and last 2."""
    text = _normalize_id(id_number, field)
    if public:
        return text[:2] + "*" * 14 + text[-2:]
    return text[:6] + "*" * 8 + text[-4:]


def mask_phone(phone: object, field: str = "phone") -> str:
    """'138****1234' for mobiles; landlines keep the area code and last 2 digits ('010-******78')."""
    text = validate_phone(phone, field)
    if "-" not in text:
        return text[:3] + "****" + text[-4:]
    area, number = text.split("-")[:2]
    return f"{area}-{'*' * (len(number) - 2)}{number[-2:]}"
