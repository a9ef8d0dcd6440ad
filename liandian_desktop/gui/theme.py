"""Look of the app: the bundled fonts, the palette, one style sheet, and the few colours that carry meaning.

The fonts ship with the app (resources/fonts): a coordinator's laptop may have no CJK font at all, and
system fonts lack rare name characters (䶮 𠅤). Qt falls back per character along the family list.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from liandian_desktop.gui.qt import QApplication, QColor, QFont, QFontDatabase

log = logging.getLogger(__name__)

SANS = "LianDian Sans SC"
EXT = "LianDian Ming Ext"
FONT_FILES = ("LianDianSansSC-Regular.ttf", "LianDianSansSC-Bold.ttf", "LianDianMingExt-Regular.ttf")
BASE_POINT_SIZE = 10

# Colours with a meaning; used by table colour roles and labels alike.
RED = QColor("#c62828")  # overdue, refused, errors
AMBER = QColor("#a15c00")  # due soon, warnings
GREEN = QColor("#2e7d32")  # done in time
GREY = QColor("#6b7280")  # closed, not applicable
ACCENT = "#1f5fae"


def resource_dir() -> Path:
    """``resources/`` of the source tree, or of a frozen (PyInstaller) build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def load_fonts() -> list[str]:
    """Register the bundled fonts; returns the families found (missing files are logged, not fatal)."""
    families: list[str] = []
    for name in FONT_FILES:
        path = resource_dir() / "fonts" / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("bundled font %s could not be loaded", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def app_font(point_size: float = BASE_POINT_SIZE, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([SANS, EXT])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f9; }}
QListWidget#Navigation {{
    background: #20324d; color: #e8edf5; border: none; outline: none; padding-top: 6px;
}}
QListWidget#Navigation::item {{ padding: 9px 14px; border-left: 3px solid transparent; }}
QListWidget#Navigation::item:selected {{ background: #2f4a70; color: white; border-left: 3px solid #7fb2ff; }}
QListWidget#Navigation::item:hover:!selected {{ background: #273d5e; }}
QListWidget#Navigation::item:disabled {{ color: #8d9bb0; }}
QLabel#NavTitle {{ background: #20324d; color: white; padding: 12px 14px 8px 14px; }}
QLabel#NavSubtitle {{ background: #20324d; color: #aab8cc; padding: 0px 14px 10px 14px; }}
QPushButton#SettingsButton {{ color: #c8d3e3; text-align: left; padding: 10px 17px; border: none; }}
QPushButton#SettingsButton:hover {{ color: white; background: #273d5e; }}
QLabel#PageTitle {{ color: #1f2a3a; }}
QLabel#PageHint {{ color: #6b7280; }}
QLabel#FieldError {{ color: #c62828; }}
QLabel#Muted {{ color: #6b7280; }}
QFrame#Banner {{ border-radius: 4px; }}
QFrame#Banner[level="error"] {{ background: #fdecea; border: 1px solid #f5c2c0; }}
QFrame#Banner[level="warning"] {{ background: #fff4e5; border: 1px solid #f3d19e; }}
QFrame#Banner[level="info"] {{ background: #e8f1fb; border: 1px solid #b9d3f0; }}
QFrame#Card {{ background: white; border: 1px solid #dfe3e8; border-radius: 6px; }}
QLabel#CardTitle {{ color: #1f2a3a; }}
QLabel#CardFigure {{ color: {ACCENT}; }}
QTableView {{
    background: white; alternate-background-color: #f7f9fc; gridline-color: #e6e9ee;
    selection-background-color: #d6e6fb; selection-color: #111827; border: 1px solid #dfe3e8;
}}
QHeaderView::section {{
    background: #eef1f5; color: #374151; padding: 4px 6px; border: none;
    border-right: 1px solid #dfe3e8; border-bottom: 1px solid #dfe3e8;
}}
QPushButton {{ padding: 4px 12px; }}
QPushButton#Primary {{ background: {ACCENT}; color: white; border: 1px solid #174a88; border-radius: 3px; }}
QPushButton#Primary:disabled {{ background: #9db5d6; border-color: #9db5d6; }}
QStatusBar {{ background: #eef1f5; }}
QTabWidget::pane {{ border: none; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setFont(app_font())
    app.setStyleSheet(STYLE_SHEET)
