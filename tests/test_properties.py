"""Unit tier, property tests (Hypothesis): whatever a file holds, the reader answers with a model
or with Problems naming the file and the reason; never an exception, never a hang."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copsite.model import schema
from copsite.model.options import make_options
from copsite.content.reader import read_handbook

from .conftest import charter

pytestmark = pytest.mark.unit

OPTS = make_options(today="2025-11-01")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["10:30", "9:00-10:00", "2025-10-5", "No", "on", "in person", "javascript:x", "https://x.org", "files/a.pdf", "../x", "core", "video"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def keys_of(model) -> list[str]:
    return list(schema.known_keys(model))


def mapping_for(model):
    """A front matter with the model's own keys (and some others), each with any value."""
    known = keys_of(model)
    return st.dictionaries(st.one_of(st.sampled_from(known), st.text(max_size=10)), values, max_size=len(known) + 2)


FILES = {
    "charter": ("communities/a/index.md", schema.Charter),
    "norms": ("communities/a/norms.md", schema.Norms),
    "plan": ("communities/a/plan.md", schema.Plan),
    "resources": ("communities/a/resources.md", schema.Resources),
    "legacy": ("communities/a/legacy.md", schema.Legacy),
    "highlight": ("communities/a/highlights/2025-10-05-met.md", schema.Highlight),
    "page": ("communities/a/launch.md", schema.Page),
    "front": ("index.md", schema.Page),
}


def read_files(files: dict[str, bytes | str]):
    root = Path(tempfile.mkdtemp(prefix="copsite-prop-"))
    try:
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        return read_handbook(root, OPTS)
    finally:
        shutil.rmtree(root)


def assert_answered(problems, files):
    """Every problem names a file of the handbook (or its folder) and says why."""
    folders = {f.rsplit("/", 1)[0] for f in files if "/" in f}
    for p in problems:
        assert p.message, p
        assert p.file in files or p.file in folders, p


def model_or_errors(handbook, problems, rel):
    """A file of the handbook gives errors naming it (or its folder), or a model: then its Doc, with one."""
    folder = rel.rsplit("/", 1)[0]
    if any(p.file in (rel, folder) for p in problems.errors):
        return None
    doc = handbook.docs.get(rel)
    assert doc is not None and doc.meta is not None, (rel, [str(p) for p in problems])
    return doc


@SETTINGS
@given(st.sampled_from(sorted(FILES)), st.data())
def test_any_yaml_value_in_any_key_gives_a_model_or_problems(kind, data):
    rel, model = FILES[kind]
    front = data.draw(mapping_for(model))
    if kind in ("plan", "resources", "legacy", "highlight") and data.draw(st.booleans()):
        inner_key, inner_model = {
            "plan": ("sessions", schema.Session),
            "resources": ("resources", schema.Resource),
            "legacy": ("legacy", schema.LegacyItem),
            "highlight": ("resources", schema.Resource),
        }[kind]
        front[inner_key] = data.draw(st.lists(mapping_for(inner_model), max_size=3))
    if kind == "charter" and data.draw(st.booleans()):
        front["purpose"] = data.draw(mapping_for(schema.Purpose))
        front["members"] = data.draw(st.lists(mapping_for(schema.Member), max_size=3))
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nBody.\n"
    files = {rel: text}
    if kind != "charter":
        files["communities/a/index.md"] = charter()
    handbook, problems = read_files(files)
    assert_answered(problems, files)
    if not problems.errors and kind == "charter":
        assert handbook.communities and handbook.communities[0].title


@SETTINGS
@given(st.sampled_from(sorted(FILES)), st.one_of(st.binary(max_size=400), st.text(max_size=200).map(str.encode)))
def test_any_bytes_as_a_file_give_a_model_or_problems(kind, raw):
    rel, _ = FILES[kind]
    files = {rel: raw}
    if kind != "charter":
        files["communities/a/index.md"] = charter()
    handbook, problems = read_files(files)
    assert_answered(problems, files)
    doc = model_or_errors(handbook, problems, rel)
    if doc is not None and not raw.startswith((b"---", b"\xef\xbb\xbf")):
        # No front matter and no error: its body is the text as written (line ends made "\n").
        assert doc.body == raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if kind != "charter":
        assert [c.title for c in handbook.communities] == ["Readers"]  # the valid charter beside it still reads


# Front matter that often reads (a title of any text, and a few lines more, some of them mistakes) beside any text.
CHARTER_FRONTS = st.builds(
    lambda title, more: yaml.safe_dump({"title": title, "purpose": {"audience": "teachers", "interest": "reading", "learning_goal": "read"}}, allow_unicode=True) + more,
    st.text(max_size=40),
    st.sampled_from(["", "summary: Short\n", "stage: active\n", "tags: [a, b]\n", "stage: sleeping\n", "title: again\n", "purpose: {}\n"]),
)


@SETTINGS
@given(st.one_of(st.text(max_size=300), CHARTER_FRONTS))
def test_any_text_between_the_fences_gives_a_model_or_problems(text):
    charter_file, highlight_file = "communities/a/index.md", "communities/a/highlights/2025-01-01-x.md"
    files = {charter_file: f"---\n{text}\n---\nBody\n", highlight_file: f"---\n{text}\n---\n"}
    handbook, problems = read_files(files)
    assert_answered(problems, files)
    charter_doc, highlight_doc = model_or_errors(handbook, problems, charter_file), model_or_errors(handbook, problems, highlight_file)
    if charter_doc is not None:
        # Read the same text another way (YAML's base loader: every value as written): the community carries
        # that title, and the body.
        title = yaml.load(text, Loader=yaml.BaseLoader)["title"]
        (community,) = handbook.communities
        assert community.title == charter_doc.meta.title == title.strip() and charter_doc.body.strip() == "Body"
        if highlight_doc is not None:
            (entry,) = community.highlights
            assert entry.meta.title == title.strip() and entry.date == dt.date(2025, 1, 1)


ODD_FILES = {
    "empty": b"",
    "no front matter": b"# Just a heading\n\nText.\n",
    "front matter is a list": b"---\n- a\n- b\n---\n",
    "front matter is a text": b"---\njust words\n---\n",
    "bom": "\ufeff---\ntitle: Hi\n---\n".encode(),
    "crlf": b"---\r\ntitle: Hi\r\npurpose:\r\n  audience: a\r\n  interest: b\r\n  learning_goal: c\r\n---\r\nBody\r\n",
    "latin-1": "---\ntitle: Écoles\n---\n".encode("latin-1"),
    "utf-16": "---\ntitle: Hi\n---\n".encode("utf-16"),
    "repeated key": b"---\ntitle: a\ntitle: b\n---\n",
    "python tag": b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n",
    "custom tag": b"---\ntitle: !secret x\n---\n",
    "billion laughs": b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
    "deep nesting": b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
    "unclosed": b"---\ntitle: x\n",
    "only fences": b"---\n---\n",
    "nul bytes": b"---\ntitle: a\x00b\n---\n",
    "tab indent": b"---\npurpose:\n\taudience: x\n---\n",
    "non-string key": b"---\n[1, 2]: x\n---\n",
}


def test_the_odd_files_people_make_give_problems_with_file_and_reason():
    for name, raw in ODD_FILES.items():
        for rel in ("communities/a/index.md", "communities/a/plan.md", "communities/a/highlights/2025-10-05-met.md", "about.md"):
            files = {rel: raw}
            if rel != "communities/a/index.md":
                files["communities/a/index.md"] = charter()
            start = time.monotonic()
            handbook, problems = read_files(files)
            assert time.monotonic() - start < 10, name
            assert_answered(problems, files)
            if rel == "communities/a/index.md" and name not in ("crlf",):
                assert problems.errors, (name, rel)


def test_a_20_megabyte_file_is_read_in_reasonable_time():
    body = ("A long meeting record with **words** and [links](x.md).\n\n" * 360_000).encode()
    assert len(body) > 20_000_000
    files = {"communities/a/index.md": charter(), "communities/a/highlights/2025-10-05-met.md": b"---\ntitle: Big\n---\n" + body}
    start = time.monotonic()
    handbook, problems = read_files(files)
    assert time.monotonic() - start < 20
    assert not problems.errors and handbook.communities[0].highlights[0].meta.title == "Big"
