"""Form definitions: the bundled ones load; a broken one is reported with its file, line and key, in
Chinese, never as a crash; the committed layout files are what the definitions give today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from liandian_desktop.paper.definitions import (
    DefinitionError,
    bundled_forms_dir,
    load_definition,
    load_file,
    load_folder,
    search_dirs,
)
from liandian_desktop.paper.layout import (
    MARKER_INSET,
    MARKER_SIZE,
    evaluation_layout,
    layout_json,
    layout_path,
    table_layout,
)

FORMS = bundled_forms_dir()


def test_the_four_bundled_definitions_load_with_their_versions() -> None:
    found = {d.id: d for d in load_folder(FORMS)}
    assert set(found) == {"signin", "volunteer-signin", "evaluation", "matching"}
    assert {d.kind for d in found.values()} == {"signin", "volunteer_signin", "evaluation", "matching"}
    evaluation = found["evaluation"]
    assert evaluation.questions[0].choices == ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
    assert evaluation.questions[1].choices == ("已解决", "部分解决", "未解决")
    assert evaluation.comment is not None and evaluation.page.markers
    assert all(d.version and d.label.endswith(f"v{d.version}") for d in found.values())


@pytest.mark.parametrize("name", ["signin", "volunteer-signin", "evaluation", "matching"])
def test_the_committed_layout_file_is_current(name: str) -> None:
    definition = load_definition(name)
    path = layout_path(definition)
    assert path.is_file(), f"{path.name} missing: run `liandian print layouts`"
    assert path.read_text(encoding="utf-8") == layout_json(definition), (
        f"{path.name} is stale: run `liandian print layouts` and commit it"
    )


def test_markers_are_big_enough_and_far_enough_from_the_edge() -> None:
    assert MARKER_SIZE >= 12 and MARKER_INSET >= 15
    frame = evaluation_layout(load_definition("evaluation")).frame
    for m in frame.markers:
        assert m.box.w >= 12 and m.box.x >= 15 and m.box.y >= 15
        assert frame.width - m.box.right >= 15 and frame.height - m.box.bottom >= 15
    layout = evaluation_layout(load_definition("evaluation"))
    boxes = [c.box for q in layout.questions for c in q.choices]
    for b in boxes:  # no answer box under a marker or outside the body
        assert layout.frame.body_top <= b.y and b.bottom <= layout.frame.body_bottom


def test_a_county_folder_overrides_the_bundled_definition(tmp_path: Path) -> None:
    text = (
        (FORMS / "signin.toml")
        .read_text(encoding="utf-8")
        .replace('version = "2026.1"', 'version = "2027.1"')
    )
    (tmp_path / "signin.toml").write_text(text, encoding="utf-8")
    assert load_definition("signin", search_dirs(tmp_path)).version == "2027.1"
    assert load_definition("evaluation", search_dirs(tmp_path)).version == "2026.1"  # falls back


def broken(tmp_path: Path, name: str, old: str, new: str) -> DefinitionError:
    source = (FORMS / f"{name}.toml").read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / f"{name}.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    return info.value


def line_of(tmp_path: Path, name: str, needle: str) -> int:
    lines = (tmp_path / f"{name}.toml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "key", "words"),
    [
        ("signin", 'field = "gender"', 'field = "shoe_size"', "shoe_size", "columns[3].field", "未知的栏目"),
        ("signin", 'label = "性别"', 'lable = "性别"', "lable", "columns[3].lable", "未知的键"),
        ("signin", "width = 9", 'width = "宽"', 'width = "宽"', "columns[3].width", "应为数字"),
        ("signin", 'version = "2026.1"', 'version = "第二版"', "第二版", "form.version", "version"),
        ("signin", "row_height = 10.0", "row_height = 80", "row_height", "page.row_height", "7–30"),
        (
            "evaluation",
            '"非常满意", "满意", "基本满意", "不满意", "非常不满意"]\nrecords',
            '"很满意", "满意", "基本满意", "不满意", "非常不满意"]\nrecords',
            "很满意",
            "questions[1].choices",
            "选项必须依次是",
        ),
        (
            "evaluation",
            'records = "satisfaction"\nrequired',
            'records = "mood"\nrequired',
            "mood",
            "questions[1].records",
            "records",
        ),
        ("evaluation", "lines = 5", "lines = 0", "lines = 0", "comment.lines", "1–12"),
        ("matching", 'id = "matching"', 'id = "pairing"', "pairing", "form.id", "文件名"),
    ],
)
def test_a_broken_definition_names_file_line_and_key(
    tmp_path: Path, name: str, old: str, new: str, needle: str, key: str, words: str
) -> None:
    error = broken(tmp_path, name, old, new)
    assert error.path.name == f"{name}.toml"
    assert error.key == key
    assert error.line == line_of(tmp_path, name, needle)
    assert words in error.message and f"{name}.toml 第 {error.line} 行" in error.message


def test_toml_syntax_errors_and_encoding_are_reported_with_a_line(tmp_path: Path) -> None:
    error = broken(tmp_path, "signin", 'title = "签到表"', 'title = "签到表')
    assert error.line == line_of(tmp_path, "signin", 'title = "签到表') and "TOML 格式错误" in error.message
    path = tmp_path / "signin.toml"
    path.write_bytes((FORMS / "signin.toml").read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert "UTF-8" in info.value.message and info.value.line is not None


def test_a_form_without_a_satisfaction_question_or_with_too_many_questions_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, "evaluation", 'records = "satisfaction"\n', "")
    assert "满意度题" in error.message
    source = (FORMS / "evaluation.toml").read_text(encoding="utf-8")
    extra = "".join(
        f'\n[[questions]]\nkey = "extra{i}"\ntext = "{i}. 附加题目{i}"\nchoices = ["是", "否"]\n'
        for i in range(12)
    )
    path = tmp_path / "evaluation.toml"
    path.write_text(source.replace("[comment]", extra + "\n[comment]"), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        evaluation_layout(load_file(path))
    assert "一页放不下" in info.value.message


def test_a_sign_in_sheet_must_keep_its_row_codes(tmp_path: Path) -> None:
    source = (FORMS / "signin.toml").read_text(encoding="utf-8")
    start = source.index('[[columns]]\nfield = "row_code"')
    end = source.index("[[columns]]", start + 5)
    (tmp_path / "signin.toml").write_text(source[:start] + source[end:], encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(tmp_path / "signin.toml")
    assert "row_code" in info.value.message


def test_public_columns_never_include_sensitive_fields_whatever_the_definition_says(tmp_path: Path) -> None:
    shutil.copy(FORMS / "signin.toml", tmp_path / "signin.toml")
    source = (tmp_path / "signin.toml").read_text(encoding="utf-8")
    extra = '\n[[columns]]\nfield = "health_note"\nlabel = "健康"\nwidth = 20\n' + (
        '\n[[columns]]\nfield = "disability_note"\nlabel = "残疾"\nwidth = 20\n'
    )
    (tmp_path / "signin.toml").write_text(source + extra, encoding="utf-8")
    layout = table_layout(load_file(tmp_path / "signin.toml"))
    internal = {c.field for c in layout.internal}
    public = {c.field for c in layout.public}
    assert {"health_note", "disability_note", "groups", "address"} <= internal
    assert not {"health_note", "disability_note", "groups", "address"} & public
    assert abs(sum(c.w for c in layout.public) - sum(c.w for c in layout.internal)) < 0.1
