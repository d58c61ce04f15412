"""The browser editor is on only when editors can sign in, writes only files the check accepts,
and never publishes a configuration Decap refuses (issue: the browser editor, for real)."""

from __future__ import annotations

import dataclasses
import json
import re

import jsonschema
import pytest
import yaml

from copsite.publishing import editor

from copsite.model import schema
from copsite.model.options import OptionError, make_options
from copsite.content.reader import read_handbook
from copsite.model.repo import parse_repo_url

from .conftest import ROOT, charter, mkdocs_yml, write
from .test_cli import run
from .test_editor import DECAP_SCHEMA, _ajv_select_to_if_then

GITHUB = "repo_url: https://github.com/acme/handbook\nedit_uri: edit/main/content/"

PLAN = """---
title: Plan
sessions:
  - date: 2025-11-18
    title: Teaching at the bedside
    topics: [bedside teaching]
  - date: 2025-12-02
    id: dec-a
    title: Reading corners
    topics: [reading]
  - date: 2025-12-02
    id: dec-b
    title: Sharing tools
    topics: [tools]
---
"""


# ------------------------------------------------------------------ 1. off until it can sign in


@pytest.mark.build
def test_a_github_handbook_without_sign_in_has_no_editor_and_post_opens_no_dead_end(handbook):
    built = handbook({"communities/readers/index.md": charter()}, extra=GITHUB)
    assert not (built.site / "admin").exists()
    assert built.html("communities/readers/").select_one(".copsite-edit-handbook") is None
    post = built.html("communities/readers/").select_one("[data-copsite-post-link]")
    assert post is None or "/admin/" not in post["href"]


@pytest.mark.build
@pytest.mark.parametrize(
    "options, backend",
    [
        ("editor_auth_url: https://auth.acme.workers.dev", {"base_url": "https://auth.acme.workers.dev"}),
        ("editor_app: sveltia", {}),
        ("editor_backend: {base_url: https://auth.acme.workers.dev}", {"base_url": "https://auth.acme.workers.dev"}),
    ],
)
def test_github_sign_in_turns_the_editor_on(handbook, options, backend):
    built = handbook({"communities/readers/index.md": charter()}, options=options, extra=GITHUB)
    config = yaml.safe_load((built.site / "admin" / "config.yml").read_text())
    assert config["backend"] == {"name": "github", "repo": "acme/handbook", "branch": "main", **backend}


@pytest.mark.unit
def test_gitlab_gitea_and_forgejo_sign_in_with_pkce():
    gitlab = parse_repo_url("https://gitlab.com/acme/handbook", "-/edit/main/content/")
    assert not make_options(repo=gitlab).editor
    on = make_options(repo=gitlab, editor_app_id="abc123")
    assert on.editor and editor.backend(gitlab, auth_url=None, app_id=on.editor_app_id) == {
        "name": "gitlab", "repo": "acme/handbook", "branch": "main", "app_id": "abc123", "auth_type": "pkce",
    }
    gitea = parse_repo_url("https://codeberg.org/acme/handbook", "_edit/main/content/")
    assert not make_options(repo=gitea).editor
    assert editor.backend(gitea, app_id="xyz") == {
        "name": "gitea", "repo": "acme/handbook", "branch": "main",
        "api_root": "https://codeberg.org/api/v1", "base_url": "https://codeberg.org", "app_id": "xyz",
    }


@pytest.mark.build
def test_check_warns_once_naming_the_option_and_the_readme_section(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("editor: true", extra=GITHUB), "content/communities/a/index.md": charter()})
    out = run("check", "--strict", cwd=tmp_path, expect=1).stdout
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, out
    assert "plugins.copsite.editor_auth_url" in warnings[0] and '"Signing in on GitHub"' in warnings[0]
    assert "### Signing in on GitHub" in (ROOT / "README.md").read_text(encoding="utf-8")
    # left on by default (no `editor: true`): a note, and the strict check passes
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(extra=GITHUB)})
    out = run("check", "--strict", cwd=tmp_path).stdout
    assert "note: mkdocs.yml: plugins.copsite.editor_auth_url: the browser editor (/admin/) is off" in out
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("editor_auth_url: https://auth.acme.workers.dev", extra=GITHUB)})
    assert "/admin/" not in run("check", "--strict", cwd=tmp_path).stdout


# ------------------------------------------------------------------ 3. never broken


def _decap():
    return jsonschema.Draft7Validator(_ajv_select_to_if_then(json.loads(DECAP_SCHEMA.read_text())))


@pytest.mark.unit
@pytest.mark.parametrize("count", [0, 1, 40])
def test_the_config_passes_decaps_schema_with_zero_one_and_forty_communities(tmp_path, count):
    slugs = ["hospital-schools", "hospital-schools-highlights", *[f"community-{i}" for i in range(38)]][:count]
    files = {"content/index.md": "---\ntitle: Home\n---\nHello.\n"}
    for slug in slugs:
        files[f"content/communities/{slug}/index.md"] = charter(slug.replace("-", " ").title())
        files[f"content/communities/{slug}/plan.md"] = PLAN
    write(tmp_path, files)
    options = make_options(repo=parse_repo_url("https://github.com/acme/handbook"), editor_app="sveltia", today="2025-11-01")
    handbook, problems = read_handbook(tmp_path / "content", options)
    assert not problems.errors, [str(p) for p in problems]
    config = yaml.safe_load(editor.config_yaml(editor.editor_config(handbook, options)))
    _decap().validate(config)
    names = [c["name"] for c in config["collections"]]
    assert len(names) == len(set(names)) == 1 + 2 * count
    assert config["collections"][0]["files"][0]["file"] == "content/index.md"  # opens with the front page


@pytest.mark.unit
def test_editor_script_is_https_or_a_path_on_the_site():
    for bad in ("javascript:alert(1)", "http://cdn.example.org/cms.js", "//cdn.example.org/cms.js", "data:text/javascript,1", "../x.js"):
        with pytest.raises(OptionError, match="editor_script"):
            make_options(editor_script=bad)
    for good in ("https://cdn.example.org/cms.js", "/admin-cms.js", "admin-cms.js"):
        make_options(editor_script=good)


@pytest.mark.build
def test_addresses_under_a_site_path(handbook):
    built = handbook(
        {"communities/readers/index.md": charter(), "communities/readers/plan.md": PLAN},
        site_url="https://acme.github.io/cop-handbook/",
        options="editor_app: sveltia\neditor_script: /admin-cms.js",
        extra=GITHUB + "\ntheme:\n  name: material\n  features: [content.action.edit]",
    )
    page = (built.site / "admin" / "index.html").read_text()
    assert 'src="../admin-cms.js"' in page  # /cop-handbook/admin-cms.js, not /admin-cms.js
    config = yaml.safe_load((built.site / "admin" / "config.yml").read_text())
    assert config["public_folder"] == "/cop-handbook/files"
    # "Edit this page" opens the page's entry in the editor, relative to the page
    edit = built.html("communities/readers/plan/").select_one("a.md-content__button[href*='admin']")
    assert edit is not None and edit["href"] == "../../../admin/#/collections/readers/entries/plan"


@pytest.mark.unit
def test_edit_prints_the_address_under_the_site_path():
    from copsite.cli.edit import addresses

    out = addresses("127.0.0.1:8611", "/cop-handbook/")
    assert "http://127.0.0.1:8611/cop-handbook/admin/" in out and "http://127.0.0.1:8611/cop-handbook/\n" in out


@pytest.mark.build
def test_an_authors_own_admin_folder_is_kept_and_copsites_editor_is_off(handbook):
    built = handbook(
        {"communities/readers/index.md": charter(), "admin/config.yml": "backend: {name: git-gateway}\n"},
        options="editor_app: sveltia",
        extra=GITHUB,
    )
    assert (built.site / "admin" / "config.yml").read_text() == "backend: {name: git-gateway}\n"
    assert not (built.site / "admin" / "index.html").exists()
    assert "has its own admin/ folder" in built.log


# ------------------------------------------------------------------ 2. and 4. only valid files, prefilled


@pytest.fixture
def config(tmp_path):
    write(tmp_path, {
        "content/communities/hs/index.md": charter("Hospital Schools", extra="facilitators: [Ana Ruiz, Ben Cho]\n"),
        "content/communities/hs/plan.md": PLAN,
    })
    options = make_options(repo=parse_repo_url("https://github.com/acme/handbook"), editor_app="sveltia", today="2025-11-01", language="fr")
    handbook, problems = read_handbook(tmp_path / "content", options)
    assert not problems.errors, [str(p) for p in problems]
    return yaml.safe_load(editor.config_yaml(editor.editor_config(handbook, options, "fr")))


def _hl(config):
    return next(c for c in config["collections"] if c["name"] == "hs--highlights")


@pytest.mark.unit
def test_file_names_are_ascii_with_accents_folded(config):
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True}


@pytest.mark.unit
def test_the_session_is_a_choice_among_the_plans_sessions(config):
    session = next(f for f in _hl(config)["fields"] if f["name"] == "session")
    assert session["widget"] == "select"
    assert session["options"] == [
        {"label": "2025-11-18 · Teaching at the bedside", "value": "2025-11-18"},
        {"label": "2025-12-02 · Reading corners", "value": "dec-a"},
        {"label": "2025-12-02 · Sharing tools", "value": "dec-b"},
    ]


@pytest.mark.unit
def test_uploads_go_to_the_communitys_files_folder(config):
    hl = _hl(config)
    assert hl["media_folder"] == "../files" and hl["public_folder"] == "../files"
    files = next(c for c in config["collections"] if c["name"] == "hs")
    assert files["media_folder"] == "files" and files["public_folder"] == "files"


@pytest.mark.unit
def test_a_new_highlight_is_prefilled_and_listed_by_date_and_title(config):
    hl = _hl(config)
    fields = {f["name"]: f for f in hl["fields"]}
    assert fields["date"]["default"] == "{{now}}"
    assert fields["authors"]["default"] == ["Ana Ruiz", "Ben Cho"]
    assert "##" in fields["body"]["default"]  # the meeting's outline, in French here
    assert hl["label_singular"] == "Fait saillant"  # "New highlight", in French
    assert hl["summary"] == "{{filename | truncate(10, ' ·')}} {{fields.title}}"


@pytest.mark.unit
def test_resource_topics_read_topics():
    resource = {f["name"]: f for f in editor.fields_of(schema.Resource)}
    session = {f["name"]: f for f in editor.fields_of(schema.Session)}
    assert resource["topics"]["label"] == "Topics"
    assert session["topics"]["label"] == "Topics, activities, processes, content to be covered"


@pytest.mark.unit
def test_the_preview_uses_the_sites_style_sheets():
    page = editor.admin_page(editor.DEFAULT_SCRIPT, None, "en", editor.preview_styles())
    assert re.search(r'CMS\.registerPreviewStyle\("\.\./assets/stylesheets/main\.[0-9a-f]+\.min\.css"\)', page)
    assert 'CMS.registerPreviewStyle("../assets/copsite/copsite.css")' in page


@pytest.mark.unit
def test_sveltia_is_pinned_with_an_integrity_hash():
    options = dataclasses.replace(make_options(), editor=True, editor_app="sveltia")
    assert editor.script_address(options) == editor.SCRIPTS["sveltia"]
    assert editor.SCRIPTS["sveltia"][0].startswith("https://unpkg.com/@sveltia/cms@0.221.1/")
    assert editor.SCRIPTS["sveltia"][1].startswith("sha384-")


@pytest.mark.build
def test_init_with_an_app_id_starts_a_gitlab_handbook_whose_editor_signs_in(tmp_path):
    run("init", "hb", "--repo", "https://gitlab.com/acme/handbook", "--app-id", "abc123", cwd=tmp_path)
    yml = (tmp_path / "hb" / "mkdocs.yml").read_text()
    assert 'editor_app_id: "abc123"' in yml
    out = run("check", "--strict", cwd=tmp_path / "hb").stdout
    assert "/admin/" not in out  # no note: editors can sign in
    run("init", "gh", "--repo", "https://github.com/acme/handbook", cwd=tmp_path)
    yml = (tmp_path / "gh" / "mkdocs.yml").read_text()
    assert '# editor_auth_url: https://sveltia-cms-auth.you.workers.dev' in yml and "Signing in on GitHub" in yml
    assert "plugins.copsite.editor_auth_url" in run("check", cwd=tmp_path / "gh").stdout  # a note, not a warning
    err = run("init", "gh2", "--repo", "https://github.com/acme/handbook", "--app-id", "x", cwd=tmp_path, expect=2).stderr
    assert "--app-id goes with --repo URL on GitLab" in err


@pytest.mark.unit
def test_file_fields_upload_to_the_community_files_folder_and_write_files_slash_name(config):
    resources = next(f for f in _hl(config)["fields"] if f["name"] == "resources")
    file = next(f for f in resources["fields"] if f["name"] == "file")
    assert file["widget"] == "file" and file["media_folder"] == "../files" and file["public_folder"] == "files"
    plan = next(f for f in next(c for c in config["collections"] if c["name"] == "hs")["files"] if f["name"] == "plan")
    sessions = next(f for f in plan["fields"] if f["name"] == "sessions")
    agenda = next(f for f in sessions["fields"] if f["name"] == "agenda")
    agenda_file = next(f for f in agenda["fields"] if f["name"] == "file")
    assert agenda_file["media_folder"] == "files" and agenda_file["public_folder"] == "files"
    _decap().validate(config)
