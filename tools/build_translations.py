"""Update the English translation source from the GUI code, then compile it.

    python tools/build_translations.py            # lupdate, then lrelease → resources/translations/*.qm
    python tools/build_translations.py --check    # also fail if any string has no English yet

Chinese is the source language (the text inside ``self.tr("…")`` / ``translate("Context", "…")``), so only
English needs a file. ``pyside6-lupdate`` keeps the translations already in ``liandian_en.ts`` and adds the
new strings as unfinished; fill them in with Qt Linguist (or any editor), then run this again. The ``.qm``
is a build product.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "liandian_desktop" / "gui"
OUT = REPO / "resources" / "translations"
TS = OUT / "liandian_en.ts"
QM = OUT / "liandian_en.qm"


def tool(name: str) -> str:
    """A Qt tool from the venv running this script, else from PATH."""
    for folder in (Path(sys.executable).parent, None):
        found = shutil.which(name, path=str(folder) if folder else None)
        if found:
            return found
    raise SystemExit(f"{name} not found: pip install PySide6-Essentials")


def sources() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if p.name != "qt.py")


def lupdate() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(REPO)) for p in sources()]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *files,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(TS.relative_to(REPO)),
        ],
        cwd=REPO,
        check=True,
    )


def lrelease(target: Path = QM) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(target)], cwd=REPO, check=True)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without an English translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if kind == "unfinished" or translation is None or not (translation.text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail when a string has no English translation")
    parser.add_argument("--no-update", action="store_true", help="only compile the existing .ts")
    args = parser.parse_args(argv)
    if not args.no_update:
        lupdate()
    lrelease()
    missing = unfinished()
    for context, source in missing:
        print(f"untranslated: [{context}] {source}", file=sys.stderr)
    print(f"{QM.relative_to(REPO)}: {len(missing)} string(s) without English")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
