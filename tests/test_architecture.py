"""The layering holds: only the GUI imports Qt, and only through ``gui/qt.py``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "liandian_desktop"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
GUI_ENTRY = PACKAGE / "gui" / "qt.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def python_files() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    return files


def test_only_gui_qt_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {mod}"
        for path in python_files()
        if path != GUI_ENTRY
        for mod in imported_modules(path)
        if mod.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_core_never_imports_the_gui() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {mod}"
        for path in python_files()
        if "gui" not in path.relative_to(PACKAGE).parts and path.name != "cli.py"
        for mod in imported_modules(path)
        if mod.startswith("liandian_desktop.gui")
    ]
    assert offenders == []


def test_the_check_detects_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QLabel\nimport os\n", encoding="utf-8")
    assert "PySide6.QtWidgets" in imported_modules(sample)
