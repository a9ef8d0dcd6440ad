"""Translations: every enum label the ledger can show is listed for translation, the English source is
complete, and the start-up refusal speaks plainly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from liandian_desktop.gui import vocab
from liandian_desktop.gui.app import show_startup_error
from liandian_desktop.ledger.models import enums
from liandian_desktop.ledger.models.enums import Labelled

REPO = Path(__file__).resolve().parents[2]


def labelled_enums() -> list[type[Labelled]]:
    return [
        obj
        for obj in vars(enums).values()
        if isinstance(obj, type) and issubclass(obj, Labelled) and obj is not Labelled
    ]


def test_every_enum_label_is_listed_for_translation() -> None:
    listed = set(vocab.LABELS)
    missing = [
        f"{cls.__name__}.{m.name} {m.label}" for cls in labelled_enums() for m in cls if m.label not in listed
    ]
    assert missing == [], "add these to gui/vocab.py: " + ", ".join(missing)


def test_the_english_source_has_no_unfinished_strings(translation_tool: Any) -> None:
    tool = translation_tool
    assert tool.TS.exists()
    assert tool.unfinished(tool.TS) == []


def test_no_gui_string_escapes_translation() -> None:
    """Every Chinese literal in a screen module sits inside tr()/translate() (or is a comment/docstring)."""
    import ast

    offenders = []
    for path in sorted((REPO / "liandian_desktop" / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        translated: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = (
                    node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                )
                if name in ("tr", "translate", "QT_TRANSLATE_NOOP"):
                    translated.update(id(arg) for arg in node.args)
                if name == "print":  # console output speaks the command line's language, like cli.py
                    translated.update(id(sub) for arg in node.args for sub in ast.walk(arg))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and any("\u4e00" <= ch <= "\u9fff" for ch in node.value)
                and id(node) not in translated
                and id(node) not in docstrings
            ):
                offenders.append(f"{path.name}:{node.lineno} {node.value!r}")
    allowed = {"中文"}  # the language's own name in the language chooser
    offenders = [o for o in offenders if o.split(" ", 1)[1].strip("'") not in allowed]
    assert offenders == []


def test_a_refused_ledger_is_explained(capsys: pytest.CaptureFixture[str], qapp: Any) -> None:
    code = show_startup_error("此数据库由更新版本的程序创建", smoke=True)
    assert code == 2
    assert "错误：此数据库由更新版本的程序创建" in capsys.readouterr().err
