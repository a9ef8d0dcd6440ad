#!/usr/bin/env python3
"""Rebuild the bundled Chinese fonts in ``resources/fonts/`` from Debian's font packages.

Not run by the tests or by CI.  A maintainer runs it by hand after changing the
character set or upgrading the source packages, then commits the output.

Needs (Debian 12 "bookworm"; root for apt-get):

    apt-get install fonts-noto-cjk fonts-hanazono unicode-data
    pip install fonttools          # >= 4.47; 4.68.0 produced the committed files

    python tools/build_fonts.py            # writes resources/fonts/*
    python tools/build_fonts.py --check    # only report what it would build

Debian package versions the committed files were built from:

    fonts-noto-cjk  1:20220127+repack1-1   (Noto Sans CJK 2.004, SIL OFL 1.1)
    fonts-hanazono  20170904-2.1           (HanaMinB 2017-09-04, Hanazono Font License OR SIL OFL 1.1)
    unicode-data    15.0.0-1               (Unihan database; only used to *choose* Ext-B characters)

What it produces
----------------
* ``LianDianSansSC-Regular.ttf`` / ``LianDianSansSC-Bold.ttf`` -- the SC face of
  Noto Sans CJK (subfont index 2 of ``NotoSansCJK-{Regular,Bold}.ttc``), subset to
  Latin/pinyin, punctuation and symbols, kana/bopomofo, every CJK unified ideograph
  the font has in the BMP (URO + Ext-A) and every supplementary-plane ideograph it
  has (which includes the 8105 list's 196 non-BMP characters), then converted
  from CFF (cubic) to TrueType ``glyf`` (quadratic) outlines with cu2qu, max error
  1 font unit (of 1000).  ReportLab can only embed TrueType outlines.
* ``LianDianMingExt-Regular.ttf`` -- fallback: glyphs from HanaMinB (already
  TrueType) for CJK Extension B characters the main font lacks, limited to those
  that Unihan gives a China (G) source or a Mandarin reading -- the ones that can
  turn up in a Chinese name.  Hinting instructions are dropped.
* ``*-LICENSE.txt`` -- the licence text for each family, taken from the Debian
  copyright files.

The modified fonts are renamed (OFL section 3: HanaMinA/HanaMinB/Hanazono are
Reserved Font Names; "Noto" is a Google trademark).  The original copyright
notice and licence fields are kept; the description field says what was done.
Output is deterministic: head.modified is copied from the source font.
"""
from __future__ import annotations

import argparse
import bz2
import hashlib
import subprocess
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._g_a_s_p import table__g_a_s_p

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "fonts"
TSV_CANDIDATES = [
    REPO / "tests" / "data" / "tongyong-guifan-hanzi-8105.tsv",
    REPO.parent / "shared" / "data" / "tongyong-guifan-hanzi-8105.tsv",
]

NOTO_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
NOTO_PS_NAME = "NotoSansCJKsc-{weight}"  # the SC subfont (index 2 in 2.004)
NOTO_COPYRIGHT_FILE = "/usr/share/doc/fonts-noto-cjk/copyright"
HANA_B = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
HANA_COPYRIGHT_FILE = "/usr/share/doc/fonts-hanazono/copyright"
UNIHAN_DIR = Path("/usr/share/unicode")

EXPECTED_PACKAGES = {
    "fonts-noto-cjk": "1:20220127+repack1-1",
    "fonts-hanazono": "20170904-2.1",
    "unicode-data": "15.0.0-1",
}

MAIN_FAMILY = "LianDian Sans SC"
MAIN_PS = "LianDianSansSC"
EXT_FAMILY = "LianDian Ming Ext"
EXT_PS = "LianDianMingExt"

RARE_NAME_CHARS = "喆堃昇赟玥䶮𠅤"

# Code point ranges kept from the main font (only what the font actually maps).
MAIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A (pinyin ā ē ī ō ū)
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x01F8, 0x01F9),  # ǹ
    (0x0251, 0x0251),  # ɑ
    (0x0261, 0x0261),  # ɡ
    (0x02C6, 0x02DD),  # ˇ ˉ ˊ ˋ ˙
    (0x0391, 0x03C9),  # Greek (GB 2312 has it)
    (0x0401, 0x0451),  # Cyrillic (GB 2312 has it)
    (0x2000, 0x27BF),  # punctuation, super/subscripts, currency, letterlike, number
                       # forms, arrows, math, technical, enclosed alnum, box drawing,
                       # shapes, misc symbols, dingbats
    (0x2E80, 0x33FF),  # radicals, Kangxi, IDC, CJK symbols & punctuation, kana,
                       # bopomofo, strokes, enclosed CJK, CJK compatibility (㎡ ㎏)
    (0x3400, 0x4DBF),  # CJK Ext-A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small form variants
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0xFFFD, 0xFFFD),  # replacement character
    (0x20000, 0x3FFFF),  # every supplementary ideograph the font has (Ext-B..G, compat sup.)
]

# OpenType features kept.  'locl' is deliberately NOT kept: in the SC subfont it
# maps to the JP/KR/TC/HK glyph variants and would pull in ~30k extra glyphs.
MAIN_FEATURES = ["ccmp", "liga", "calt", "vert", "vrt2", "kern", "palt", "halt",
                 "vpal", "vhal", "vkrn", "mark"]

EXT_B = (0x20000, 0x2A6DF)

REQUIRED_PUNCT = "，。、；：？！“”‘’（）《》【】—…·"


# --------------------------------------------------------------------------- helpers
def log(msg: str) -> None:
    print(f"[build_fonts {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def read_8105() -> list[int]:
    for p in TSV_CANDIDATES:
        if p.is_file():
            cps = []
            for line in p.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                code, char = line.split("\t")
                cp = int(code.removeprefix("U+"), 16)
                if chr(cp) != char.strip():
                    raise SystemExit(f"{p}: {line!r}: code and character disagree")
                cps.append(cp)
            if len(cps) != 8105 or len(set(cps)) != 8105:
                raise SystemExit(f"{p}: expected 8105 distinct characters, got {len(set(cps))}")
            return cps
    raise SystemExit("tongyong-guifan-hanzi-8105.tsv not found in " + ", ".join(map(str, TSV_CANDIDATES)))


def check_packages() -> dict[str, str]:
    found = {}
    for pkg, want in EXPECTED_PACKAGES.items():
        try:
            ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], check=True,
                                 capture_output=True, text=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError) as err:
            raise SystemExit(f"package {pkg} is not installed: apt-get install {pkg}") from err
        found[pkg] = ver
        if ver != want:
            log(f"WARNING: {pkg} is {ver}, the committed fonts were built from {want}; "
                "update resources/fonts/README.md")
    return found


def debian_license_paragraphs(copyright_file: str) -> dict[str, str]:
    """Return {licence short name: text} from a machine-readable debian/copyright."""
    out: dict[str, str] = {}
    text = Path(copyright_file).read_text(encoding="utf-8")
    for para in text.split("\n\n"):
        lines = para.splitlines()
        if not lines or not lines[0].startswith("License:"):
            continue
        name = lines[0].split(":", 1)[1].strip()
        body = []
        for ln in lines[1:]:
            if not ln.startswith(" "):
                break
            ln = ln[1:]
            body.append("" if ln.strip() == "." else ln.rstrip())
        if body:
            # strip the common indentation (the hanazono file uses two spaces)
            ind = min(len(b) - len(b.lstrip()) for b in body if b.strip())
            out[name] = "\n".join(b[ind:] for b in body).strip("\n") + "\n"
    return out


def otf_to_ttf(font: TTFont, max_err: float = 1.0) -> None:
    """Convert a CFF-flavoured font to TrueType glyf outlines in place.

    Same approach as fontTools' Snippets/otf2ttf.py: cubic->quadratic with cu2qu,
    contours reversed (TrueType is clockwise), maxp 1.0, no VORG, post format 3.
    """
    assert font.sfntVersion == "OTTO", "not a CFF font"
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphset[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    del font["CFF "]
    if "VORG" in font:  # only meaningful with CFF; vmtx/tsb carry it for glyf
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"


def set_unhinted_gasp(font: TTFont) -> None:
    gasp = table__g_a_s_p()
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}  # smooth at all sizes: right for unhinted glyf fonts
    font["gasp"] = gasp


def rename(font: TTFont, family: str, ps_family: str, style: str, version: str,
           description: str) -> None:
    """Give a modified font its own names (OFL s.3) and keep copyright/licence fields."""
    name = font["name"]
    old_desc = name.getDebugName(10)
    if old_desc:  # Noto's description credits the designers: keep it after ours
        description = f"{description} Original description: {old_desc}"
    full = family if style == "Regular" else f"{family} {style}"
    ps = f"{ps_family}-{style}"
    new = {1: family, 2: style, 3: f"{version};LIANDIAN;{ps}", 4: full, 5: f"Version {version}",
           6: ps, 10: description}
    # drop every record we replace (all platforms and languages, incl. localized
    # names such as 花園明朝B that would otherwise keep the reserved name), and
    # typographic family names, which a RIBBI family does not need
    name.names = [r for r in name.names if r.nameID not in set(new) | {16, 17, 18, 21, 22}]
    for nid, text in new.items():
        name.setName(text, nid, 3, 1, 0x409)
    if "CFF " in font:  # not the case after conversion, but keep CFF names coherent
        font["CFF "].cff.fontNames = [ps]


def subset_font(font: TTFont, unicodes: set[int], features: list[str]) -> None:
    opts = subset.Options()
    opts.layout_features = features
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = True
    opts.drop_tables += ["FFTM", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def save(font: TTFont, path: Path, modified: int) -> None:
    # keep the source font's timestamp so the build is byte-for-byte reproducible
    font.recalcTimestamp = False
    font["head"].modified = modified
    font.save(path, reorderTables=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_unihan(fields: set[str]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for fn in ("Unihan_IRGSources.txt.bz2", "Unihan_Readings.txt.bz2"):
        path = UNIHAN_DIR / fn
        if not path.exists():
            raise SystemExit(f"{path} missing: apt-get install unicode-data")
        with bz2.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("U+"):
                    continue
                cp, key, _ = line.split("\t", 2)
                if key in fields:
                    out.setdefault(int(cp[2:], 16), set()).add(key)
    return out


# --------------------------------------------------------------------------- builders
def build_main(weight: str, list8105: list[int], check: bool) -> tuple[Path, set[int]]:
    ttc_path = NOTO_TTC.format(weight=weight)
    coll = TTCollection(ttc_path)
    want_ps = NOTO_PS_NAME.format(weight=weight)
    idx = next(i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(6) == want_ps)
    font = coll.fonts[idx]
    cmap = font.getBestCmap()
    unicodes = {cp for lo, hi in MAIN_RANGES for cp in range(lo, hi + 1) if cp in cmap}
    unicodes |= set(list8105) | {ord(c) for c in RARE_NAME_CHARS}
    missing = sorted(cp for cp in unicodes if cp not in cmap)
    if missing:
        raise SystemExit(f"{want_ps} lacks {len(missing)} required characters: "
                         + "".join(map(chr, missing[:50])))
    out = OUT / f"{MAIN_PS}-{weight}.ttf"
    log(f"{want_ps} (subfont {idx} of {ttc_path}): keeping {len(unicodes)} code points")
    if check:
        return out, unicodes
    modified = font["head"].modified
    version = f"{font['head'].fontRevision:.3f}"
    subset_font(font, unicodes, MAIN_FEATURES)
    log(f"  subset to {len(font.getGlyphOrder())} glyphs; converting CFF -> glyf")
    otf_to_ttf(font, max_err=1.0)
    set_unhinted_gasp(font)
    rename(font, MAIN_FAMILY, MAIN_PS, weight, version,
           f"{MAIN_FAMILY} {weight} is a modified version of Noto Sans CJK SC {weight} "
           f"{version} (Debian fonts-noto-cjk): subset for LianDian Desktop and converted "
           "from CFF to TrueType outlines. Original design by Adobe and Google; "
           "licensed under the SIL Open Font License 1.1.")
    save(font, out, modified)
    log(f"  wrote {out.name}: {out.stat().st_size:,} bytes")
    return out, unicodes


def build_ext(main_cmap: set[int], check: bool) -> tuple[Path, set[int]]:
    font = TTFont(HANA_B)
    cmap = font.getBestCmap()
    unihan = load_unihan({"kIRG_GSource", "kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013"})
    lo, hi = EXT_B
    cand = [cp for cp in cmap if lo <= cp <= hi and cp not in main_cmap]
    unicodes = {cp for cp in cand if unihan.get(cp)}
    log(f"HanaMinB: {len(cand)} Ext-B characters not in the main font, "
        f"{len(unicodes)} with a G source or a Mandarin reading")
    out = OUT / f"{EXT_PS}-Regular.ttf"
    if check:
        return out, unicodes
    modified = font["head"].modified
    subset_font(font, unicodes, [])
    set_unhinted_gasp(font)
    rename(font, EXT_FAMILY, EXT_PS, "Regular", "2017.0904",
           f"{EXT_FAMILY} is a modified version of HanaMinB 2017-09-04 (GlyphWiki Project, "
           "Debian fonts-hanazono): subset to CJK Extension B characters with a China source "
           "or a Mandarin reading, hinting removed, for LianDian Desktop. "
           "Hanazono Font License or SIL Open Font License 1.1.")
    # HanaMinB has no licence fields; add them (the texts are in the LICENSE file)
    font["name"].setName("Copyright 2008, 2009, 2010, 2011 GlyphWiki Project. Licensed under the "
                         "Hanazono Font License or the SIL Open Font License, Version 1.1 "
                         "(see LianDianMingExt-LICENSE.txt).", 13, 3, 1, 0x409)
    font["name"].setName("https://openfontlicense.org", 14, 3, 1, 0x409)
    save(font, out, modified)
    log(f"  wrote {out.name}: {out.stat().st_size:,} bytes")
    return out, unicodes


def write_licences(check: bool) -> list[Path]:
    noto = debian_license_paragraphs(NOTO_COPYRIGHT_FILE)["SIL-1.1"]
    hana = debian_license_paragraphs(HANA_COPYRIGHT_FILE)
    noto_font = TTCollection(NOTO_TTC.format(weight="Regular"), lazy=True).fonts[2]
    noto_copy = noto_font["name"].getDebugName(0)
    main_txt = (
        f"{MAIN_FAMILY} (LianDianSansSC-Regular.ttf, LianDianSansSC-Bold.ttf)\n"
        "is a modified version of Noto Sans CJK SC 2.004 (subset, converted to TrueType outlines).\n\n"
        f"{noto_copy}\n"
        "Noto is a trademark of Google Inc.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n" + noto
    )
    ext_txt = (
        f"{EXT_FAMILY} (LianDianMingExt-Regular.ttf) is a modified version of HanaMinB 2017-09-04\n"
        "(subset, hinting removed). Copyright 2008, 2009, 2010, 2011 GlyphWiki Project.\n\n"
        "HanaMinB is dual-licensed: Hanazono Font License OR SIL Open Font License 1.1.\n"
        "Both texts follow, as shipped in Debian's fonts-hanazono package.\n\n"
        "=====================================================================\n"
        + hana["Hanazono-Font-License"]
        + "\n=====================================================================\n"
        + hana["Open-Font-License"]
    )
    outs = []
    for fname, txt in ((f"{MAIN_PS}-LICENSE.txt", main_txt), (f"{EXT_PS}-LICENSE.txt", ext_txt)):
        assert "SIL OPEN FONT LICENSE Version 1.1" in txt
        path = OUT / fname
        if not check:
            path.write_text(txt, encoding="utf-8")
            log(f"wrote {fname}")
        outs.append(path)
    return outs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="report only, write nothing")
    args = ap.parse_args()
    versions = check_packages()
    log("source packages: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    OUT.mkdir(parents=True, exist_ok=True)
    list8105 = read_8105()

    main_cover: set[int] = set()
    outputs = []
    for weight in ("Regular", "Bold"):
        path, cover = build_main(weight, list8105, args.check)
        outputs.append(path)
        main_cover = cover if not main_cover else main_cover & cover
    ext_path, ext_cover = build_ext(main_cover, args.check)
    outputs.append(ext_path)
    outputs += write_licences(args.check)

    total = main_cover | ext_cover
    need = set(list8105) | {ord(c) for c in RARE_NAME_CHARS + REQUIRED_PUNCT}
    need |= set(range(0x20, 0x7F)) | set(range(0xFF01, 0xFF5F))
    lacking = need - total
    if lacking:
        raise SystemExit("NOT covered: " + "".join(map(chr, sorted(lacking))))
    blocks = {"URO": (0x4E00, 0x9FFF), "Ext-A": (0x3400, 0x4DBF), "Ext-B": EXT_B}
    for name, (lo, hi) in blocks.items():
        n = hi - lo + 1
        log(f"{name}: main {sum(lo <= c <= hi for c in main_cover)}, "
            f"fallback {sum(lo <= c <= hi for c in ext_cover)}, of {n}")
    if not args.check:
        for p in outputs:
            log(f"{p.name}: {p.stat().st_size:,} bytes sha256 {sha256(p)}")
        log(f"total {sum(p.stat().st_size for p in outputs) / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
