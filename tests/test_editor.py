"""The browser editor's configuration (/admin/config.yml), generated from the content format."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from copsite.publishing import editor

from copsite.model import schema
from copsite.cli.common import read_loaded, load_site

from .conftest import ROOT, charter

DECAP_SCHEMA = Path(__file__).parent / "data" / "decap-config-schema.json"


@pytest.fixture(scope="module")
def example():
    loaded = load_site(ROOT / "mkdocs.yml")
    handbook, problems = read_loaded(loaded)
    assert not problems.errors
    return handbook, dataclasses.replace(loaded.options, editor=True)


@pytest.fixture(scope="module")
def config(example):
    handbook, options = example
    return yaml.safe_load(editor.config_yaml(editor.editor_config(handbook, options)))


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _file(config, community, name):
    return next(f for f in _collection(config, community)["files"] if f["name"] == name)


def _keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every key path of a model, walked from the schema (pydantic's field annotations)."""
    out = set()
    for name, info in model.model_fields.items():
        if name in editor.SKIPPED_KEYS:
            continue
        out.add(prefix + name)
        inner = schema._inner_model(info.annotation) or next(
            (m for m in map(schema._inner_model, info.metadata) if m), None
        )
        if inner is not None:
            out |= _keys(inner, f"{prefix}{name}.")
    return out


def _field_paths(fields: list[dict], prefix: str = "") -> set[str]:
    out = set()
    for f in fields:
        out.add(prefix + f["name"])
        if "fields" in f:
            out |= _field_paths(f["fields"], f"{prefix}{f['name']}.")
    return out


@pytest.mark.unit
@pytest.mark.parametrize("name", ["index", "norms", "plan", "resources", "legacy"])
def test_every_key_of_every_file_type_has_a_field(config, name):
    expected = _keys(editor.FILE_TYPES[name])
    have = _field_paths(_file(config, "hospital-schools", name)["fields"])
    assert expected - have == set(), f"keys of {name}.md without a field in the editor"
    assert "body" in have


@pytest.mark.unit
def test_every_key_of_a_highlight_has_a_field(config):
    have = _field_paths(_collection(config, "hospital-schools--highlights")["fields"])
    assert _keys(schema.Highlight) - have == set()


@pytest.mark.unit
def test_a_key_added_to_the_format_appears_in_the_editor(monkeypatch):
    class Session2(schema.Session):
        room_size: schema.Count | None = None

    fields = editor.fields_of(Session2)
    added = next(f for f in fields if f["name"] == "room_size")
    assert added["widget"] == "number" and added["required"] is False


@pytest.mark.unit
def test_only_display_switches_and_extra_are_left_out():
    assert editor.SKIPPED_KEYS == {"hide", "icon", "template", "search", "status", "subtitle", "extra"}


@pytest.mark.unit
def test_the_configuration_passes_decaps_own_schema(config):
    # decap-cms-core 3.x constants/configSchema.js (written by tests/browser-npm/decap-config-schema.mjs).
    # Its ajv `select` on `widget` is rewritten as if/then, so each widget's own schema applies too;
    # ajv-errors' messages and ajv-keywords' uniqueItemProperties are not checked here.
    decap = _ajv_select_to_if_then(json.loads(DECAP_SCHEMA.read_text()))
    jsonschema.Draft7Validator(decap).validate(config)  # ajv 8 (Decap) reads draft-07


@pytest.mark.unit
def test_decaps_schema_refuses_a_broken_configuration(config):
    decap = _ajv_select_to_if_then(json.loads(DECAP_SCHEMA.read_text()))
    broken = json.loads(json.dumps(config))
    field = next(f for f in _file(broken, "hospital-schools", "index")["fields"] if f["name"] == "stage")
    assert field["widget"] == "select"
    del field["options"]  # a select without options
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(decap).validate(broken)


def _ajv_select_to_if_then(node):
    if isinstance(node, list):
        return [_ajv_select_to_if_then(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node == {"instanceof": "RegExp"}:
        return {"not": {}}  # ajv-keywords' instanceof: no value read from YAML is a RegExp
    out = {k: _ajv_select_to_if_then(v) for k, v in node.items() if k not in ("select", "selectCases")}
    if "selectCases" in node:
        out["allOf"] = [
            {"if": {"properties": {"widget": {"const": w}}, "required": ["widget"]}, "then": _ajv_select_to_if_then(s)}
            for w, s in node["selectCases"].items()
        ]
    return out


@pytest.mark.unit
def test_backend_from_repo_url_and_local_backend(config):
    assert config["backend"] == {"name": "github", "repo": "copsite/example-handbook", "branch": "main"}
    assert config["local_backend"] is True


@pytest.mark.unit
def test_gitlab_backend_with_a_self_hosted_host():
    from copsite.model.repo import parse_repo_url

    repo = parse_repo_url("https://git.example.org/team/cop/handbook", "-/edit/trunk/docs/", kind="gitlab")
    assert editor.backend(repo, {"auth_type": "pkce", "app_id": "abc"}) == {
        "name": "gitlab",
        "repo": "team/cop/handbook",
        "branch": "trunk",
        "api_root": "https://git.example.org/api/v4",
        "base_url": "https://git.example.org",
        "auth_type": "pkce",
        "app_id": "abc",
    }


@pytest.mark.unit
def test_highlights_are_a_folder_collection_named_by_date_and_title(config):
    c = _collection(config, "hospital-schools--highlights")
    assert c["folder"] == "content/communities/hospital-schools/highlights"
    assert c["create"] is True and c["extension"] == "md" and c["format"] == "frontmatter"
    assert c["slug"] == "{{fields.date}}-{{slug}}"
    date = next(f for f in c["fields"] if f["name"] == "date")
    assert "required" not in date  # needed for the file's name


@pytest.mark.unit
def test_fields_follow_the_format(config):
    charter_fields = {f["name"]: f for f in _file(config, "hospital-schools", "index")["fields"]}
    assert [o["value"] for o in charter_fields["stage"]["options"]] == list(schema.STAGES)
    assert charter_fields["stage"]["options"][0] == {"label": "Forming", "value": "forming"}
    assert charter_fields["stage"]["required"] is False
    assert "required" not in charter_fields["title"]
    kinds = next(f for f in charter_fields["purpose"]["fields"] if f["name"] == "kinds")
    assert kinds["widget"] == "select" and kinds["multiple"] is True and [o["value"] for o in kinds["options"]] == list(schema.PURPOSE_KINDS)
    assert charter_fields["started"] == {
        "label": "Started", "name": "started", "widget": "datetime", "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD", "time_format": False, "required": False,
    }
    members = charter_fields["members"]
    assert members["widget"] == "list" and [f["name"] for f in members["fields"]] == ["name", "role", "organization"]
    leadership = charter_fields["leadership"]["fields"]
    assert next(f for f in leadership if f["name"] == "responsibilities")["widget"] == "list"
    sessions = _named(_file(config, "hospital-schools", "plan")["fields"], "sessions")
    assert sessions["name"] == "sessions" and sessions["widget"] == "list"
    s = {f["name"]: f for f in sessions["fields"]}
    assert s["time"]["pattern"][0] == schema.TIME_PATTERN and "10:30" in s["time"]["pattern"][1]
    assert s["id"]["pattern"][0] == schema.SLUG_RE.pattern
    assert s["link"]["pattern"][0].startswith("^(https)")
    assert s["mandatory"]["widget"] == "boolean" and s["mandatory"]["required"] is False
    assert s["tentative"]["required"] is False  # Decap makes booleans required unless told
    assert "required" not in s["topics"]
    assert "Topics" in s["topics"]["hint"]
    assert _file(config, "hospital-schools", "plan")["fields"][-1] == {
        "label": "Text", "name": "body", "widget": "markdown", "required": False,
    }


@pytest.mark.unit
def test_patterns_accept_and_refuse_as_copsite_does(config):
    import re

    s = {f["name"]: f for f in _named(_file(config, "hospital-schools", "plan")["fields"], "sessions")["fields"]}
    time = re.compile(s["time"]["pattern"][0])
    for good in ("10:30", "9:00-10:15", "10:30–12:00", "4 pm", "4:30 pm", "4:30 PM", "16 h 30", "16h30", "3:30-4:30 pm"):
        assert time.match(good), good
        schema._time(good)  # and copsite reads it
    for bad in ("25:00", "10:3", "noon", "4", "23:60", "13 pm"):
        assert not time.match(bad), bad
    slug = re.compile(s["id"]["pattern"][0])
    assert slug.match("first-meeting") and not slug.match("First meeting")


@pytest.mark.unit
def test_labels_in_the_handbooks_language(example):
    handbook, options = example
    fr = editor.editor_config(handbook, options, "fr")
    assert fr["locale"] == "fr"
    plan = _file(fr, "hospital-schools", "plan")
    assert plan["label"] == "Plan" and _named(plan["fields"], "sessions")["label"] == "Séances"
    charter_fields = {f["name"]: f for f in _file(fr, "hospital-schools", "index")["fields"]}
    meetings = {f["name"]: f for f in charter_fields["meetings"]["fields"]}
    assert {"label": "En personne", "value": "in-person"} in meetings["format"]["options"]
    roles = {f["name"]: f for f in charter_fields["members"]["fields"]}["role"]["options"]
    assert all(o["label"] != o["value"] for o in roles)


@pytest.mark.build
def test_admin_is_published_when_repo_url_is_github_and_editors_can_sign_in(handbook):
    built = handbook(
        {"communities/readers/index.md": charter()},
        options="editor_auth_url: https://sveltia-cms-auth.acme.workers.dev/",
        extra="repo_url: https://github.com/acme/handbook\nedit_uri: edit/trunk/content/",
    )
    page = (built.site / "admin" / "index.html").read_text()
    assert 'src="https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"' in page
    assert f'integrity="{editor.DEFAULT_SCRIPT_INTEGRITY}"' in page
    config = yaml.safe_load((built.site / "admin" / "config.yml").read_text())
    assert config["backend"] == {
        "name": "github", "repo": "acme/handbook", "branch": "trunk", "base_url": "https://sveltia-cms-auth.acme.workers.dev",
    }
    assert _collection(config, "readers")["files"][0]["file"] == "content/communities/readers/index.md"


@pytest.mark.build
def test_admin_is_off_without_a_repository_and_on_by_option(handbook, tmp_path):
    built = handbook({"communities/readers/index.md": charter()})
    assert not (built.site / "admin").exists()
    built = handbook({"communities/readers/index.md": charter()}, options="editor: true\neditor_script: /admin/cms.js")
    page = (built.site / "admin" / "index.html").read_text()
    assert 'src="../admin/cms.js"' in page and "integrity" not in page  # a path on the site, from /admin/


@pytest.mark.build
def test_editor_off_with_a_github_repository(handbook):
    built = handbook(
        {"communities/readers/index.md": charter()},
        options="editor: false",
        extra="repo_url: https://github.com/acme/handbook",
    )
    assert not (built.site / "admin").exists()
    # The site is built, and no page of it links to /admin/: "Post a highlight" goes to the post page,
    # whose hand-off opens GitHub's new-file page.
    home = built.html("communities/readers/")
    assert home.select_one("h1").get_text(strip=True) == "Readers"
    assert home.select_one("[data-copsite-post-link]")["href"] == "post/"
    assert "https://github.com/acme/handbook/new/" in (built.site / "communities/readers/post/index.html").read_text()
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 5 and not [p for p in pages if "admin/" in p.read_text(encoding="utf-8")]


@pytest.mark.build
def test_footer_link_and_post_a_highlight_open_the_editor(handbook):
    built = handbook(
        {
            "communities/readers/index.md": charter(),
            "communities/readers/highlights/2025-10-01-first.md": "---\ntitle: First\n---\nWe met.\n",
        },
        site_url="https://acme.github.io/handbook/",
        options="editor_app: sveltia",
        extra="repo_url: https://github.com/acme/handbook",
    )
    for address, href in (("", "admin/"), ("communities/readers/", "../../admin/"), ("communities/readers/highlights/2025-10-01-first/", "../../../../admin/")):
        link = built.html(address).select_one(".md-copyright .copsite-edit-handbook a")
        assert link is not None and link.get_text() == "Edit the handbook" and link["href"] == href, address
    for address, href in (("communities/readers/", "../../admin/"), ("communities/readers/highlights/", "../../../admin/")):
        post = built.html(address).select_one("[data-copsite-post-link]")
        assert post.get_text() == "Post a highlight"
        assert post["href"] == href + "#/collections/readers--highlights/new"


@pytest.mark.build
def test_post_a_highlight_opens_the_editor_under_a_site_path_without_site_url(handbook):
    """A project site (/handbook/) whose mkdocs.yml names no site_url: the button's link is relative,
    so it reaches /handbook/admin/, not the host's /admin/ (a 404)."""
    built = handbook(
        {"communities/readers/index.md": charter()},
        options="editor_app: sveltia",
        extra="repo_url: https://github.com/acme/handbook",
    )
    post = built.html("communities/readers/").select_one("[data-copsite-post-link]")
    assert post["href"] == "../../admin/#/collections/readers--highlights/new"
    assert not post["href"].startswith("/")


@pytest.mark.build
def test_without_the_editor_post_a_highlight_opens_the_post_page(handbook):
    built = handbook(
        {"communities/readers/index.md": charter()},
        options="editor: false",
        extra="repo_url: https://github.com/acme/handbook",
    )
    assert built.html("communities/readers/").select_one(".copsite-edit-handbook") is None
    post = built.html("communities/readers/").select_one("[data-copsite-post-link]")
    assert post["href"] == "post/"  # copsite.pages.post: the form, then the host's new-file page


def _named(fields, name):
    return next(f for f in fields if f["name"] == name)
