"""Names, keys and numbers a hostile or unlucky author writes (issue 22, items 4, 5, 8-14): copsite's
output stays one line a message, with no workflow command and no terminal escape in it; check and
build agree on every name and number, and none of them crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import charter, mkdocs_yml, write


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*args], cwd=root, capture_output=True, text=True, timeout=180, env=env, errors="surrogateescape")


def _check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "copsite", "check", *args)


def _build(root: Path) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "mkdocs", "build", "--strict")


def _lines(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


# ------------------------------------------------------------------ 4, 5. keys and values that forge output

FORGED = {
    "communities/a/index.md": charter(
        "Alpha",
        extra='"note\\n::add-mask::secret": 1\n"\\e[2J\\a": 2\n',
    ),
    "communities/b/index.md": charter("Beta\n::error::forged", body="Text."),
    "communities/c/index.md": (
        "---\ntitle: Gamma\npurpose:\n  audience: \"teachers\\n::stop-commands::x\"\n"
        "  interest: reading\n  learning_goal: teach\n---\nText.\n"
    ),
}


@pytest.mark.build
@pytest.mark.parametrize("command", ["check", "build"])
def test_no_line_copsite_prints_starts_a_workflow_command(tmp_path, command):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in FORGED.items()}})
    (tmp_path / "content/communities/d").mkdir()
    (tmp_path / "content/communities/d/index.md").write_text(charter("Beta\n::error::forged"), encoding="utf-8")
    result = _check(tmp_path) if command == "check" else _build(tmp_path)
    lines = _lines(result)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert not [line for line in lines if line.lstrip().startswith("::")]
    assert any("content/communities/a/index.md:7: note\\n::add-mask::secret:" in line for line in lines)
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


@pytest.mark.build
def test_a_key_holding_a_control_character_is_refused_with_file_line_and_key(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": FORGED["communities/a/index.md"]})
    result = _check(tmp_path)
    out = result.stdout
    assert result.returncode == 1
    assert (
        "error: content/communities/a/index.md:8: \\x1b[2J\\x07: the key holds an invisible control character "
        "(U+001B, escape), which no page or feed can show: remove it"
    ) in out
    assert "error: content/communities/a/index.md:7: note\\n::add-mask::secret: the key holds an invisible control character (U+000A, line break)" in out
    build = _build(tmp_path)
    assert build.returncode == 1 and "the key holds an invisible control character (U+001B, escape)" in build.stderr


# ------------------------------------------------------------------ 14. a key named once


def read_loaded(root: Path, files: dict[str, str]):
    from copsite.model.options import Options
    from copsite.content.reader import read_handbook

    write(root, files)
    return read_handbook(root, Options(today=None))


@pytest.mark.unit
def test_a_file_key_is_named_once_in_its_messages(tmp_path):
    (tmp_path / "communities/a/files/folder").mkdir(parents=True)
    _, problems = read_loaded(
        tmp_path,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/resources.md": (
                "---\nresources:\n  - {title: Gone, kind: publication, file: files/gone.pdf}\n"
                "  - {title: Box, kind: publication, file: files/folder}\n---\n"
            ),
            "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-10-01, topics: One, agenda: files/agenda.pdf}\n---\n",
        },
    )
    lines = [str(p) for p in problems]
    assert (
        "communities/a/resources.md:3: resources[0].file: 'files/gone.pdf' does not exist in the community folder "
        "(communities/a/files/gone.pdf)"
    ) in lines
    assert "communities/a/resources.md:4: resources[1].file: 'files/folder' is a folder, not a file" in lines
    assert (
        "communities/a/plan.md:3: sessions[0].agenda: 'files/agenda.pdf' does not exist in the community folder "
        "(communities/a/files/agenda.pdf)"
    ) in lines
    assert not [line for line in lines if "file: file:" in line]


@pytest.mark.unit
def test_unknown_twice_written_and_reused_keys_are_named_once(tmp_path):
    _, problems = read_loaded(
        tmp_path,
        {
            "communities/a/index.md": charter("Alpha", extra="stgae: forming\nsummary: One\nsummary: Two\n"),
            "communities/b/index.md": charter("Beta"),
            "communities/b/plan.md": (
                "---\nsessions:\n  - {date: 2025-10-01, topics: One, id: kick}\n  - {date: 2025-10-08, topics: Two, id: kick}\n---\n"
            ),
        },
    )
    lines = [str(p) for p in problems]
    assert (
        "communities/a/index.md:7: stgae: is not a key copsite knows here; did you mean 'stage'? "
        "(a key of your own goes under 'extra:')"
    ) in lines
    assert "communities/a/index.md:9: summary: is written twice (lines 8 and 9): keep one" in lines
    assert "communities/b/plan.md:4: sessions[1].id: 'kick' is already used by sessions[0]: each session id must be unique" in lines


# ------------------------------------------------------------------ 8. a file name that is not UTF-8

LATIN1 = (
    "content/r\\xe9sum\\xe9.md: its name is not UTF-8 text (the bytes shown as \\x.. are not), "
    "so the site cannot give it an address: rename it in UTF-8 (perhaps 'résumé.md')"
)


def _latin1_handbook(root: Path) -> None:
    write(root, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter("Alpha")})
    (root / os.fsdecode(b"content/r\xe9sum\xe9.md")).write_text("# R\u00e9sum\u00e9\n\nText.\n", encoding="utf-8")


@pytest.mark.build
def test_a_file_name_that_is_not_utf8_is_an_error_in_check_and_build(tmp_path):
    _latin1_handbook(tmp_path)
    check = _check(tmp_path)
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"error: {LATIN1}" in check.stdout.splitlines()
    build = _build(tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr and "UnicodeEncodeError" not in build.stderr
    assert f"ERROR   -  copsite: {LATIN1}" in build.stderr.splitlines()
    assert not (tmp_path / "site").exists()


@pytest.mark.unit
def test_ci_formats_report_a_file_name_that_is_not_utf8(tmp_path):
    import json

    _latin1_handbook(tmp_path)
    gitlab = _check(tmp_path, "--format", "gitlab", "--report", "gl.json")
    assert gitlab.returncode == 1 and "Traceback" not in gitlab.stderr
    (issue,) = json.loads((tmp_path / "gl.json").read_text(encoding="utf-8"))
    assert issue["location"]["path"] == "content/r\\xe9sum\\xe9.md" and "perhaps 'résumé.md'" in issue["description"]
    github = _check(tmp_path, "--format", "github")
    assert github.returncode == 1 and "Traceback" not in github.stderr
    assert github.stdout.startswith("::error file=content/r\\xe9sum\\xe9.md,title=copsite::its name is not UTF-8 text")


# ------------------------------------------------------------------ 9. a report into a folder not made yet


@pytest.mark.build
def test_the_gitlab_report_goes_into_a_folder_not_made_yet(tmp_path):
    import json

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter("Alpha", extra="stgae: x\n")})
    result = _check(tmp_path, "--format", "gitlab", "--report", "reports/ci/gl.json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    (issue,) = json.loads((tmp_path / "reports/ci/gl.json").read_text(encoding="utf-8"))
    assert issue["description"].startswith("stgae: is not a key")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    blocked = _check(tmp_path, "--format", "gitlab", "--report", "taken/gl.json")
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr
    assert "copsite: cannot write the report taken/gl.json: " in blocked.stderr


# ------------------------------------------------------------------ 10. edit links to any file name

ODD_PAGES = {"Q&A #2 (50%).md": "Q%26A%20%232%20%2850%25%29.md", "what is new?.md": "what%20is%20new%3F.md"}


@pytest.mark.build
@pytest.mark.parametrize(
    ("repo", "edit_uri", "editor"),
    [
        ("https://github.com/lakeside/handbook", "edit/main/content/", "https://github.com/lakeside/handbook/edit/main/content/"),
        ("https://gitlab.com/d/handbook", "-/edit/main/content/", "https://gitlab.com/d/handbook/-/edit/main/content/"),
        ("https://bitbucket.org/d/handbook", "src/main/content/", "https://bitbucket.org/d/handbook/src/main/content/"),
    ],
)
def test_edit_this_page_links_encode_the_file_name(tmp_path, repo, edit_uri, editor):
    from urllib.parse import unquote

    from copsite.model.urls import page_url

    from .conftest import build_site

    config = mkdocs_yml(extra=f"repo_url: {repo}\nedit_uri: {edit_uri}").replace(
        "features: [navigation.indexes]", "features: [navigation.indexes, content.action.edit]"
    )
    pages = {f"content/{name}": f"# {name[:-3]}\n\nText.\n" for name in ODD_PAGES}
    write(tmp_path, {"mkdocs.yml": config, "content/communities/a/index.md": charter("Alpha"), **pages})
    built = build_site(tmp_path, strict=True)
    for name, encoded in ODD_PAGES.items():
        links = [a["href"] for a in built.html(page_url(name)).select("a.md-content__button[href]") if "/edit/" in a["href"] or "/src/" in a["href"]]
        assert links == [editor + encoded], name
        assert unquote(links[0]).endswith("/" + name)


# ------------------------------------------------------------------ 11. numbers check and build agree on

HUGE = "123456789012345678901234567890"


@pytest.mark.build
def test_a_30_digit_attendance_is_refused_alike_by_check_and_build(tmp_path):
    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/a/highlights/2025-10-01-one.md": f"---\ntitle: One\nattendance: {HUGE}\nresponses: 1000001\n---\nText.\n",
    }
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    expected = [
        f"content/communities/a/highlights/2025-10-01-one.md:3: attendance: {HUGE} is too large: "
        "expected a whole number from 0 to 1000000",
        "content/communities/a/highlights/2025-10-01-one.md:4: responses: 1000001 is too large: "
        "expected a whole number from 0 to 1000000",
    ]
    check = _check(tmp_path)
    assert check.returncode == 1 and [f"error: {line}" for line in expected] == [
        line for line in check.stdout.splitlines() if line.startswith("error:")
    ]
    build = _build(tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr and "InvalidOperation" not in build.stderr
    assert [f"ERROR   -  copsite: {line}" for line in expected] == [
        line for line in build.stderr.splitlines() if line.startswith("ERROR") and "too large" in line
    ]


@pytest.mark.build
def test_the_largest_attendance_is_published(tmp_path):
    from .conftest import build_site

    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/a/highlights/2025-10-01-one.md": "---\ntitle: One\nattendance: 1000000\n---\nText.\n",
    }
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    built = build_site(tmp_path, strict=True)
    assert "1,000,000" in built.main("communities/a/highlights/2025-10-01-one/").get_text(" ")


@pytest.mark.unit
def test_a_source_date_epoch_past_year_9999_is_an_option_error():
    from copsite.model.options import OptionError, resolve_today

    with pytest.raises(OptionError) as err:
        resolve_today(None, "UTC", {"SOURCE_DATE_EPOCH": "99999999999999999999"})
    assert str(err.value) == (
        "SOURCE_DATE_EPOCH is too large: expected a whole number of seconds from 0 to 253402214400; found '99999999999999999999'"
    )


# ------------------------------------------------------------------ 12. names copsite makes stay short


@pytest.mark.build
def test_a_260_character_title_makes_a_short_file_name_of_whole_words(tmp_path, monkeypatch, capsys):
    from copsite.cli import main

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter("Alpha")})
    monkeypatch.chdir(tmp_path)
    title = " ".join(["Reading"] * 32) + " circle"  # 263 characters
    assert main(["new", "highlight", "a", "--date", "2025-10-01", "--title", title]) == 0
    (written,) = (tmp_path / "content/communities/a/highlights").iterdir()
    assert written.name == "2025-10-01-" + "-".join(["reading"] * 10) + ".md"  # 79 characters of whole words
    assert title in written.read_text(encoding="utf-8")  # the title itself is kept whole
    assert main(["check"]) in (0, 1) and "Traceback" not in capsys.readouterr().err


@pytest.mark.build
def test_a_community_slug_longer_than_80_characters_is_refused_with_a_shorter_one(tmp_path, monkeypatch, capsys):
    from copsite.cli import main

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter("Alpha")})
    monkeypatch.chdir(tmp_path)
    slug = "-".join(["reading"] * 40)
    assert main(["new", "community", slug]) == 2
    err = capsys.readouterr().err
    assert err.startswith("copsite: a community slug has at most 80 characters (it is a folder name and part of addresses), this one has 319")
    assert "like '" + "-".join(["reading"] * 10) + "'" in err
    assert [p.name for p in (tmp_path / "content/communities").iterdir()] == ["a"]


# ------------------------------------------------------------------ 13. a language copsite has no words for

GERMAN = (
    "mkdocs.yml: theme.language: copsite has no words for the language 'de': its pages, dates and numbers are in "
    "English (the languages it has: en, fr); set `language: en` under the copsite plugin to say so"
)


def _german_handbook(root: Path, options: str = "") -> None:
    config = mkdocs_yml(options).replace("  font: false", "  font: false\n  language: de")
    plan = "---\nsessions:\n  - {date: 2025-11-12, topics: One}\n---\n"
    write(root, {"mkdocs.yml": config, "content/communities/a/index.md": charter("Alpha"), "content/communities/a/plan.md": plan})


@pytest.mark.build
def test_a_language_without_a_catalog_is_a_warning_and_one_language_on_the_page(tmp_path):
    from .conftest import build_site

    _german_handbook(tmp_path)
    check = _check(tmp_path)
    assert check.returncode == 0 and f"warning: {GERMAN}" in check.stdout.splitlines()
    strict = _build(tmp_path)
    assert strict.returncode == 1 and f"WARNING -  copsite: {GERMAN}" in strict.stderr.splitlines()
    built = build_site(tmp_path, strict=False)
    plan = built.main("communities/a/plan/").get_text(" ", strip=True)
    assert "Wed, Nov 12, 2025" in plan and "Mi." not in plan  # copsite's words and dates: both English
    assert "Next session" in built.main("communities/a/").get_text(" ", strip=True)


@pytest.mark.unit
def test_saying_language_en_keeps_material_in_german_without_a_warning(tmp_path):
    _german_handbook(tmp_path, options="language: en")
    check = _check(tmp_path)
    assert check.returncode == 0 and "has no words" not in check.stdout
    assert _build(tmp_path).returncode == 0


@pytest.mark.unit
def test_the_language_of_a_catalog_is_used_for_words_and_dates():
    import datetime as dt

    from copsite.i18n import catalog_note, language

    assert language("de").date(dt.date(2025, 11, 12)) == "Wed, Nov 12, 2025"
    assert language("fr_CA").date(dt.date(2025, 11, 12)) == "mer. 12 nov. 2025"
    assert catalog_note("fr_CA") is None and catalog_note("en") is None and catalog_note("de") is not None
