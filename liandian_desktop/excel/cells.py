"""One cell of a data row → the value its field expects, or a reason (Chinese) why it cannot be used.

What Excel and WPS do to cells is handled here: full-width digits and spaces, invisible characters pasted
from the web, numbers where text belongs, dates as text, serial numbers or 2026年3月5日, formula errors.
What a value means for the ledger (a valid ID number, a known community) is the services' business.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Final

from liandian_desktop.excel.columns import Field, FieldType
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.validation import normalize_text, parse_date


class CellError(Exception):
    """A cell that cannot be read as its field's value; ``message`` is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Zero-width characters that come along when text is pasted from web pages and chat apps.
_INVISIBLE: Final = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))
_EXCEL_ERRORS: Final = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"}
)
_YES: Final = frozenset(
    {
        "是",
        "√",
        "✓",
        "✔",
        "☑",
        "●",
        "y",
        "yes",
        "true",
        "1",
        "有",
        "对",
        "到",
        "已到",
        "出席",
        "签到",
        "已签到",
        "到场",
    }
)
_NO: Final = frozenset(
    {
        "否",
        "×",
        "✗",
        "✘",
        "☐",
        "n",
        "no",
        "false",
        "0",
        "无",
        "不是",
        "未到",
        "缺席",
        "未签到",
        "请假",
        "-",
        "/",
    }
)
_LIST_SPLIT: Final = re.compile(r"[、，,;；/|]+|\s+")
_DATETIME_RE: Final = re.compile(r"(.+?)[ T]+([0-9]{1,2})[:：时]([0-9]{1,2})(?:[:：分]([0-9]{1,2})秒?)?分?")
_INT_RE: Final = re.compile(r"[0-9]+(?:\.0+)?")
_EXCEL_EPOCH: Final = datetime(1899, 12, 30)

# Spellings seen in the wild for the choices the ledger knows.
ALIASES: Final[dict[str, str]] = {
    "男性": "男",
    "女性": "女",
    "m": "男",
    "f": "女",
    "低保户": "低保",
    "低保对象": "低保",
    "特困人员": "特困",
    "特困供养": "特困",
    "残疾": "残疾人",
    "独居": "独居老人",
    "空巢": "独居老人",
    "留守": "留守儿童",
    "困境": "困境儿童",
    "优抚": "优抚对象",
    "高龄": "高龄老人",
    "老人": "老年人",
    "普通": "一般",
    "急": "较急",
    "特急": "紧急",
    "专职": "专职联点干部",
    "联点干部": "专职联点干部",
    "兼职": "兼职顾问",
    "顾问": "兼职顾问",
    "物资": "物资/设备",
    "设备": "物资/设备",
    "身份证": "居民身份证",
    "正常": "在册",
    "注销": "已注销",
}


def clean_text(value: object) -> str:
    """Half-width, trimmed, single-spaced text; '' for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return normalize_text(str(value).translate(_INVISIBLE))


def alias(text: str) -> str:
    return ALIASES.get(text.lower(), text)


def read_cell(field: Field, value: object) -> object:
    """The value of ``field`` in this cell, or None when the cell is empty. Raises CellError."""
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_text(value)
        if not text:
            return None
        if text in _EXCEL_ERRORS:
            raise CellError(f"单元格是 Excel 错误值“{text}”（多为公式出错），请填写实际内容")
        value = text
    reader = _READERS[field.type]
    return reader(field, value)


def _text(field: Field, value: object) -> object:
    if isinstance(value, time):
        raise CellError("应为文字，单元格却是一个时间")
    return clean_text(value) or None


def _choice(field: Field, value: object) -> object:
    text = clean_text(value)
    return alias(text) if text else None


def _id_number(field: Field, value: object) -> object:
    if isinstance(value, str) and "*" in value:
        raise CellError("身份证号码已被掩码（含 *），无法导入；请使用完整号码，例如“不掩码”导出的文件")
    return value  # numbers are refused by the service: Excel has already lost their last digits


def _phone(field: Field, value: object) -> object:
    if isinstance(value, bool):
        raise CellError("电话号码应为数字或文字")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"电话号码“{value}”不是整数，请把单元格设为“文本”格式后重新录入")
        return str(int(value))
    text = clean_text(value)
    if "*" in text:
        raise CellError("电话号码已被掩码（含 *），无法导入；请使用完整号码")
    return text


def _date(field: Field, value: object) -> object:
    if isinstance(value, time):
        raise CellError("应为日期，单元格却只有时间")
    if isinstance(value, int) and not isinstance(value, bool) and 19000101 <= value <= 21001231:
        value = str(value)  # 20260305 typed as a number
    try:
        return parse_date(value, field.key)
    except ValidationError as exc:
        raise CellError(exc.message) from None


def _datetime(field: Field, value: object) -> object:
    """An instant: naive Excel times are the laptop's local time."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.astimezone()
    if isinstance(value, date):
        return datetime.combine(value, time()).astimezone()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if not 1 <= float(value) < 2958466:
            raise CellError(f"无法识别时间“{value}”")
        return (_EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0).astimezone()
    text = clean_text(value)
    match = _DATETIME_RE.fullmatch(text)
    try:
        if match is None:
            return datetime.combine(parse_date(text, field.key), time()).astimezone()
        day = parse_date(match.group(1).strip(), field.key)
        hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
        return datetime.combine(day, time(hour, minute, second)).astimezone()
    except ValidationError as exc:
        raise CellError(exc.message) from None
    except ValueError:
        raise CellError(f"无法识别时间“{text}”，请写成 2026-03-05 09:30") from None


def _int(field: Field, value: object) -> object:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_text(value).removesuffix("人").removesuffix("个").strip()
    if _INT_RE.fullmatch(text):
        return int(float(text))
    raise CellError(f"应为整数，当前为“{clean_text(value)}”")


def _number(field: Field, value: object) -> object:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return clean_text(value)


def _flag(field: Field, value: object) -> object:
    if isinstance(value, bool):
        return value
    text = clean_text(value).lower()
    if text in _YES or (
        len(field.header) >= 2 and field.header in text and not text.startswith(("非", "不", "否"))
    ):
        return True
    if text in _NO:
        return False
    raise CellError(f"应填“是”或“否”，当前为“{clean_text(value)}”")


def _list(field: Field, value: object) -> object:
    parts = tuple(alias(p) for p in _LIST_SPLIT.split(clean_text(value)) if p)
    return parts or None


_READERS: Final = {
    FieldType.TEXT: _text,
    FieldType.NAME: _text,
    FieldType.REF: _text,
    FieldType.CHOICE: _choice,
    FieldType.ID_NUMBER: _id_number,
    FieldType.PHONE: _phone,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.INT: _int,
    FieldType.NUMBER: _number,
    FieldType.FLAG: _flag,
    FieldType.LIST: _list,
}
