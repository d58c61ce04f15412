"""Unit tier: the composer of a new highlight (copsite/compose.py) and its mirror in the post page's script."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copsite.content import compose
from copsite.content.compose import Refused, highlight_spec

POST_JS = Path(compose.__file__).parent.parent / "assets" / "post.js"

TRICKY = [
    dict(title="Célébration à l'école", date="2026-11-04", session="2026-11-04", kind="meeting", attendance="14", body="We met.\n"),
    dict(title='He said: "yes" # not a comment', date="2026-11-18", summary="a: b\n---\nc", authors=["Ana Silva", "  ", "Ben"], draft=True),
    dict(title="---", date="2026-01-02", kind="survey", responses="007", body="---\ntitle: no\n---\n\r\nend\r\n  "),
    dict(title="שלום עולם 🎉", date="2026-02-03", session="circles", summary="\u202bRTL\u202c \u2028 line\u0085", legacy=True),
    dict(title="true", date="2026-02-03", session="null", attendance="twelve", body="x" * 5000),
    dict(title="Reading", date="2026-03-04", resources=[{"title": "The article", "url": "https://example.org/a?b=c#d", "kind": "publication"},
                                                        {"title": "Agenda", "file": "files/agenda.pdf", "kind": "template"}, {}, {"title": " "}]),
    dict(title="\ufeffTab\there\\", date="2026-03-04", kind="not-a-kind", summary="\x07bell"),
]


def _node_write(cases: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    spec = [f.as_json() for f in highlight_spec()]
    script = (
        f"const api = require({json.dumps(str(POST_JS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(input.cases.map(a => ({text: api.write(a, input.spec), name: api.fileName(api.trim(a.date), api.trim(a.title))}))));"
    )
    done = subprocess.run([node, "-e", script], input=json.dumps({"spec": spec, "cases": cases}), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.unit
def test_the_page_script_writes_the_same_file_as_python_for_the_same_answers():
    for case, js in zip(TRICKY, _node_write(TRICKY)):
        assert js["text"] == compose.write(case), case["title"]
        assert js["name"] == compose.file_name(compose.trim(case["date"]), compose.trim(case["title"]))


@pytest.mark.unit
def test_the_file_name_folds_accents_and_drops_apostrophes():
    assert compose.file_name("2026-11-04", "Célébration à l'école") == "2026-11-04-celebration-a-lecole.md"
    assert compose.slug("🎉 שלום") == "highlight" and len(compose.slug("word " * 40)) <= 60


@pytest.mark.unit
def test_tricky_answers_give_a_file_the_reader_accepts_or_the_checks_own_message():
    made = compose.compose(TRICKY[0])
    assert made.file_name == "2026-11-04-celebration-a-lecole.md" and made.meta.attendance == 14
    assert compose.compose(TRICKY[1]).meta.title == 'He said: "yes" # not a comment'
    assert compose.compose(TRICKY[3]).meta.summary == "\u202bRTL\u202c \u2028 line"
    assert compose.compose(TRICKY[5]).meta.resources[1].file == "files/agenda.pdf"
    with pytest.raises(Refused) as refused:
        compose.compose(TRICKY[4])
    assert "attendance: expected a whole number" in str(refused.value)
    with pytest.raises(Refused) as refused:
        compose.compose(TRICKY[6], language="fr")
    assert "kind: 'not-a-kind' n'est pas" in str(refused.value) or "kind:" in str(refused.value)
    assert "caractère de contrôle" in str(refused.value)


text = st.text(max_size=80)
answers = st.fixed_dictionaries(
    {
        "title": text,
        "date": st.one_of(st.dates().map(lambda d: d.isoformat()), text),
        "session": text,
        "kind": st.one_of(st.sampled_from(["meeting", "survey", "check-in"]), text),
        "attendance": st.one_of(st.integers(0, 10**6).map(str), text),
        "responses": text,
        "summary": text,
        "body": st.text(max_size=300),
        "authors": st.lists(text, max_size=3),
        "resources": st.lists(st.fixed_dictionaries({"title": text, "url": text, "file": text, "kind": text, "description": text}), max_size=2),
        "legacy": st.booleans(),
        "draft": st.booleans(),
    }
)


@pytest.mark.unit
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers)
def test_any_answers_are_refused_with_a_message_or_give_a_file_read_back_with_the_same_values(a):
    try:
        made = compose.compose(a)
    except Refused as refused:
        assert refused.problems and all(isinstance(p, str) and p for p in refused.problems)
        return
    meta = made.meta
    assert meta.title == compose.trim(a["title"]) and meta.date.isoformat() == compose.trim(a["date"])
    assert meta.summary == (compose.trim(a["summary"]) or None)
    assert meta.authors == [compose.trim(x) for x in a["authors"] if compose.trim(x)]
    assert (meta.legacy, meta.draft) == (a["legacy"], a["draft"])
    assert made.body.lstrip("\n") == compose.body_text(a["body"]) and made.file_name.startswith(meta.date.isoformat() + "-")
    shown = [r for r in a["resources"] if any(compose.trim(v) for v in r.values())]
    assert [r.title for r in meta.resources] == [compose.trim(r["title"]) for r in shown]
