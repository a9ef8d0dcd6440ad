"""Language and formatting: Chinese is the source language (no translator); English comes from
``resources/translations/liandian_en.qm`` (built by ``tools/build_translations.py``).

Times are stored as UTC instants and shown on the laptop's local clock.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from liandian_desktop.gui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator, translate
from liandian_desktop.gui.theme import resource_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the app's translation (and Qt's own, for standard buttons) for ``language``.

    Returns the translators: they must stay referenced while installed. Chinese needs none of ours.
    """
    installed: list[QTranslator] = []
    locale = QLocale(
        QLocale.Language.English if language == "en" else QLocale.Language.Chinese,
        QLocale.Country.UnitedStates if language == "en" else QLocale.Country.China,
    )
    QLocale.setDefault(locale)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language == "en":
        ours = QTranslator(app)
        path = resource_dir() / "translations" / "liandian_en.qm"
        if ours.load(str(path)):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning("English translation %s not found; run tools/build_translations.py", path)
    elif language != "zh_CN":
        log.warning("unknown language %r; using Chinese", language)
    return installed


# -- formatting ----------------------------------------------------------------------------------------


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return value.isoformat()


def fmt_decimal(value: Decimal | int | float | None) -> str:
    """2.50 → '2.5', 3.00 → '3'."""
    if value is None:
        return ""
    number = Decimal(value)
    text = format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_duration(span: timedelta) -> str:
    """A span for people: '2 天 3 小时', '5 小时 12 分', '8 分钟'."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return translate("Format", "{d} 天 {h} 小时").format(d=days, h=hours)
    if hours:
        return translate("Format", "{h} 小时 {m} 分").format(h=hours, m=mins)
    return translate("Format", "{m} 分钟").format(m=mins)


def fmt_countdown(deadline: datetime, now: datetime) -> tuple[str, bool]:
    """'剩余 3 小时 12 分' before the deadline, '超时 1 天 2 小时' after; the flag says overdue."""
    if now <= deadline:
        return translate("Format", "剩余 {span}").format(span=fmt_duration(deadline - now)), False
    return translate("Format", "超时 {span}").format(span=fmt_duration(now - deadline)), True


def yes_no(value: bool) -> str:
    return translate("Format", "是") if value else translate("Format", "否")
