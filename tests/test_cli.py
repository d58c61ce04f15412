"""The facilitators' workflow: each command run as a user runs it, then check and a strict build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import build_site

SCRIPT = shutil.which("copsite", path=os.path.dirname(sys.executable)) or shutil.which("copsite")


def run(*args, cwd, expect=0):
    cmd = [SCRIPT, *args] if SCRIPT else [sys.executable, "-m", "copsite", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}  # 2025-12-01
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == expect, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def started(tmp_path):
    run("init", "hb", "--name", "Our CoPs", "--timezone", "Europe/Paris", cwd=tmp_path)
    return tmp_path / "hb"


@pytest.mark.build
def test_init_makes_a_handbook_that_checks_and_builds_strict(started):
    assert (started / "mkdocs.yml").is_file()
    check = run("check", cwd=started)
    assert "0 errors, 0 warnings" in check.stdout and "placeholders to fill in" in check.stdout
    # The preview (mkdocs serve) shows the sample community, marked, and no placeholder.
    preview = build_site(started, strict=True, command="serve")
    main = preview.main("communities/our-first-community/")
    assert main.h1.get_text() == "Our first community"
    assert "A sample community" in main.select_one(".copsite-sample").get_text()
    assert main.select_one(".copsite-purpose").get_text() == "The purpose of this community is not written yet."
    norms = preview.main("communities/our-first-community/norms/")
    assert "How will we handle conflict?" in norms.get_text()  # no norms yet: the seven questions
    card = preview.main("").select_one(".copsite-card")
    assert card.select_one(".copsite-sample").get_text() == "Sample"


@pytest.mark.build
def test_placeholders_never_reach_the_site_and_check_never_says_ready(started):
    """Issue 9.1: what `init` and `new community` write as prompts is never shown; check counts them."""
    run("new", "community", "readers", "--title", "Readers", cwd=started)  # no --facilitator: "Your Name"
    run("new", "highlight", "readers", "--title", "Launch", "--date", "2025-12-01", cwd=started)  # an outline of TO DO prompts
    check = run("check", cwd=started)
    last = check.stdout.strip().splitlines()[-1]
    assert "ready to publish" in last and "not ready to publish" in last
    count = sum(line.startswith("placeholder: ") for line in check.stdout.splitlines())
    assert count > 20 and f"{count} placeholders to fill in: not ready to publish until they are filled in" in last
    assert "readers: (its purpose sentence is still to write)" in check.stdout
    assert "sample: this is the sample community that `copsite init` wrote" in check.stdout
    assert "facilitators[0]: still a placeholder: Your Name" in check.stdout
    config = started / "mkdocs.yml"
    config.write_text(config.read_text().replace("# site_url: https://handbook.example.org/", "site_url: https://handbook.example.org/"))
    built = build_site(started, strict=True)
    assert "Launch" in built.text("feed.xml")  # the feeds are written, without a placeholder
    everything = built.all_output()
    # the post pages (communities/<slug>/post/) hand authors the outline, prompts included: no page readers read has one
    shown = [p for p in built.site.rglob("*.*") if p.suffix in (".html", ".xml", ".json", ".ics", ".txt") and "post" not in p.relative_to(built.site).parts]
    texts = {p.relative_to(built.site).as_posix(): p.read_text(encoding="utf-8") for p in shown}
    assert [name for name, text in texts.items() if "TO DO" in text or "Your Name" in text] == []
    assert "Our first community" not in everything  # the sample is left out of a built site
    assert not (built.site / "communities/our-first-community").exists()
    home = built.main("communities/readers/")
    assert home.select_one(".copsite-purpose").get_text() == "The purpose of this community is not written yet."
    headings = [h.get_text().strip() for h in home.select("h2")]
    assert "How we invite new members" not in headings  # a section with nothing real in it is left out
    assert "Domain and practice" not in headings and "Leadership" not in headings
    card = built.main("communities/").select_one(".copsite-card")
    assert card.select_one(".copsite-purpose").get_text() == "The purpose of this community is not written yet."
    assert "sessions" in built.main("communities/readers/plan/").get_text().lower()
    highlight = built.main("communities/readers/highlights/2025-12-01-launch/")
    assert highlight.h1.get_text() == "Launch" and not highlight.select("h2")
    # Once written, the purpose sentence shows.
    index = started / "content/communities/readers/index.md"
    text = index.read_text()
    for prompt, mine in (("who is this community for", "grade 3 teachers"), ("share an interest in", "reading"), ("learn together how best", "teach reading")):
        text = "\n".join(f"  {line.split(':')[0].strip()}: {mine}" if prompt in line and "TO DO" in line else line for line in text.split("\n"))
    index.write_text(text)
    built = build_site(started, strict=True)
    purpose = built.main("communities/readers/").select_one(".copsite-purpose").get_text()
    assert purpose == "This community of practice is intended for grade 3 teachers who share an interest in reading and commit to learning together how best to teach reading."


@pytest.mark.unit
def test_check_says_ready_only_without_placeholders(tmp_path):
    from .conftest import charter, mkdocs_yml, write

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter()})
    assert run("check", cwd=tmp_path).stdout.strip().endswith("0 errors, 0 warnings: ready to publish")
    write(tmp_path, {"content/communities/a/index.md": charter(extra="summary: 'TO DO: one line'\n")})
    last = run("check", cwd=tmp_path).stdout.strip().splitlines()[-1]
    assert last.endswith("0 errors, 0 warnings, 1 placeholder to fill in: not ready to publish until it is filled in (it builds, and the site leaves it out)")


@pytest.mark.unit
def test_init_never_overwrites_a_handbook(started):
    before = (started / "mkdocs.yml").read_text()
    result = run("init", str(started), cwd=started.parent, expect=2)
    assert "already holds a handbook" in result.stderr
    assert (started / "mkdocs.yml").read_text() == before


@pytest.mark.build
def test_new_community_with_guiding_questions_checks_and_builds(started):
    result = run("new", "community", "early-literacy", "--title", "Early Literacy: K-2", "--facilitator", "Ana Silva", cwd=started)
    folder = started / "content/communities/early-literacy"
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "norms.md", "plan.md"]
    assert "content/communities/early-literacy/index.md" in result.stdout
    charter = (folder / "index.md").read_text()
    for prompt in ("who is this community for?", "core, active, occasional, peripheral, transactional", "leadership", "frequency"):
        assert prompt in charter
    norms = (folder / "norms.md").read_text()
    for area in ("voice", "focus", "conflict", "decisions", "resources", "membership", "completion"):
        assert area in norms
    check = run("check", cwd=started)
    assert "content/communities/early-literacy/index.md" in check.stdout and "placeholder:" in check.stdout
    built = build_site(started, strict=True)
    home = built.main("communities/early-literacy/")
    assert home.h1.get_text() == "Early Literacy: K-2"
    assert "Ana Silva" in home.get_text()


@pytest.mark.build
def test_new_highlight_fills_date_session_and_authors_and_never_overwrites(started):
    run("new", "community", "readers", "--facilitator", "Ana Silva", cwd=started)
    plan = started / "content/communities/readers/plan.md"
    plan.write_text("---\nsessions:\n  - {date: 2025-11-19, title: Reading circles, topics: circles}\n  - {date: 2025-12-10, topics: later}\n---\n")
    result = run("new", "highlight", "readers", "--date", "2025-11-19", cwd=started)
    path = started / "content/communities/readers/highlights/2025-11-19-reading-circles.md"
    assert result.stdout.strip() == "content/communities/readers/highlights/2025-11-19-reading-circles.md"
    text = path.read_text()
    assert 'title: "Reading circles"' in text and "session: 2025-11-19" in text and '- "Ana Silva"' in text
    for part in ("What happened", "What we decided", "What comes next", "Resources shared"):
        assert part in text
    # Default date is today on the clock in the site's zone (not SOURCE_DATE_EPOCH, 2025-12-01 here),
    # with the session on or before it.
    import datetime as dt
    from zoneinfo import ZoneInfo

    run("new", "highlight", "readers", "--title", "Catch-up", cwd=started)
    clock = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    today_file = started / f"content/communities/readers/highlights/{clock.isoformat()}-catch-up.md"
    assert f"session: {'2025-12-10' if clock >= dt.date(2025, 12, 10) else '2025-11-19'}" in today_file.read_text()
    again = run("new", "highlight", "readers", "--date", "2025-11-19", cwd=started, expect=2)
    assert "never overwrites" in again.stderr and path.read_text() == text
    run("check", cwd=started)
    built = build_site(started, strict=True)
    page = built.main("communities/readers/highlights/2025-11-19-reading-circles/")
    assert page.h1.get_text() == "Reading circles"
    assert "by Ana Silva" in page.get_text()
    plan_row = built.main("communities/readers/plan/").select_one("#session-2025-11-19-1")
    assert plan_row.select_one("a[href*=highlights]").get_text() == "Highlights: Reading circles"


@pytest.mark.unit
@pytest.mark.parametrize(
    "args, words",
    [
        (("new", "community", "Écoles Nord"), "'ecoles-nord'"),
        (("new", "community", "our-first-community"), "already exists"),
        (("new", "highlight", "nope"), "no community 'nope'"),
        (("new", "highlight", "our-first-community", "--date", "2025-02-30"), "is not a date"),
        (("new", "highlight", "our-first-community", "--date", "2025-2-3"), "is not a date"),
        (("new", "highlight", "Bad Slug"), "not a valid community slug"),
        (("check", "-f", "missing.yml"), "not found"),
        (("init", "--timezone", "Mars/Base", "elsewhere"), "time zone"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message_and_write_nothing(started, args, words):
    before = sorted(p.relative_to(started) for p in started.rglob("*"))
    result = run(*args, cwd=started, expect=2)
    assert words in result.stderr
    assert sorted(p.relative_to(started) for p in started.rglob("*")) == before


@pytest.mark.unit
def test_a_folder_that_is_not_a_handbook_is_refused(tmp_path):
    for args in (("check",), ("status",), ("new", "community", "x"), ("new", "highlight", "x")):
        result = run(*args, cwd=tmp_path, expect=2)
        assert "mkdocs.yml not found" in result.stderr


@pytest.mark.unit
def test_status_one_line_per_community(started):
    run("new", "community", "readers", cwd=started)
    (started / "content/communities/readers/plan.md").write_text("---\nsessions:\n  - {date: 2025-12-10, topics: later}\n---\n")
    (started / "content/communities/readers/highlights").mkdir()
    (started / "content/communities/readers/highlights/2025-11-21-met.md").write_text("---\ntitle: Met\n---\nHi\n")
    lines = run("status", cwd=started).stdout.strip().splitlines()
    assert len(lines) == 4 and "communities/readers/post/" in lines[2]  # where to post a highlight from a phone
    readers = [line for line in lines if line.startswith("readers")][0]
    assert "forming" in readers and "missing: resources, legacy, reflection; norms not filled in yet" in readers  # norms: [] is not written
    assert "1 core" in readers and "next: 2025-12-10" in readers and "last highlight 10 days ago" in readers


@pytest.mark.unit
@pytest.mark.parametrize("command", [(), ("check",), ("init",), ("new",), ("new", "community"), ("new", "highlight"), ("new", "resources"), ("new", "legacy"), ("new", "reflection"), ("status",), ("serve",), ("build",), ("upgrade",)])
def test_every_command_has_help_with_an_example(tmp_path, command):
    result = run(*command, "--help", cwd=tmp_path)
    assert "example" in result.stdout and "usage: copsite" in result.stdout


@pytest.mark.unit
def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "copsite", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("copsite ")


@pytest.mark.unit
def test_check_strict_fails_on_warnings_only(started):
    norms = started / "content/communities/our-first-community/norms.md"
    norms.write_text("---\nnorms: []\nagred: 2025-01-01\n---\n")
    assert "did you mean 'agreed'" in run("check", cwd=started).stdout
    strict = run("check", "--strict", cwd=started, expect=1)
    assert "not ready to publish" in strict.stdout


@pytest.mark.build
@pytest.mark.parametrize(
    "kind, headings",
    [
        ("check-in", ("The questions we asked", "What members said", "What we will change")),
        ("success-story", ("The situation", "What we tried", "What changed for students")),
    ],
)
def test_new_highlight_kind_writes_the_matching_outline(started, kind, headings):
    run("new", "community", "readers", "--facilitator", "Ana Silva", cwd=started)
    result = run("new", "highlight", "readers", "--kind", kind, "--date", "2025-11-20", cwd=started)
    path = started / result.stdout.strip()
    text = path.read_text()
    assert f"kind: {kind}\n" in text
    assert "#" not in text.split("\n---\n")[0]  # the answers only, as the post page writes them (compose.write)
    for heading in headings:
        assert f"## {heading}" in text
    assert "What we decided" not in text  # the meeting outline is not there
    check = run("check", cwd=started)
    assert "placeholder" in check.stdout
    built = build_site(started, strict=True)
    page = built.main(f"communities/readers/highlights/{path.stem}/")
    assert page.select_one(".copsite-hkind").get_text() == {"check-in": "Check-in", "success-story": "Success story"}[kind]


@pytest.mark.unit
def test_new_highlight_refuses_an_unknown_kind(started):
    result = run("new", "highlight", "our-first-community", "--kind", "interview", cwd=started, expect=2)
    assert "check-in" in result.stderr and "success-story" in result.stderr
@pytest.mark.unit
def test_check_says_feeds_need_site_url(tmp_path):
    from .conftest import charter, mkdocs_yml, write

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(site_url=None), "content/communities/a/index.md": charter()})
    out = run("check", cwd=tmp_path).stdout
    assert "note: feeds need the site's address: set site_url in mkdocs.yml" in out and "0 warnings" in out
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("feeds: true", site_url=None)})
    out = run("check", "--strict", cwd=tmp_path, expect=1).stdout
    assert "warning: mkdocs.yml: site_url: plugins.copsite.feeds is true, but feeds need the site's address" in out
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("feeds: false", site_url=None)})
    assert "feeds" not in run("check", cwd=tmp_path).stdout
    write(tmp_path, {"mkdocs.yml": mkdocs_yml()})
    assert "feeds" not in run("check", cwd=tmp_path).stdout


@pytest.mark.build
def test_status_names_the_command_for_each_missing_section_and_new_writes_it(started):
    """Issue 9.12: norms: [] is not written; `copsite new resources|legacy|reflection SLUG` exist."""
    run("new", "community", "readers", "--facilitator", "Ana Silva", cwd=started)
    out = run("status", cwd=started).stdout
    readers = [line for line in out.splitlines() if line.startswith("readers")][0]
    assert "missing: highlights, resources, legacy, reflection; norms not filled in yet" in readers
    hints = out.strip().splitlines()[-1]
    assert hints.startswith("to add a missing section: ")
    for command in ("copsite new resources our-first-community", "copsite new legacy our-first-community",
                    "copsite new reflection our-first-community", "copsite new highlight our-first-community",
                    "norms: fill in communities/our-first-community/norms.md"):
        assert command in hints
    for what, question in (("resources", "what will we gather and share"), ("legacy", "how will we know we have achieved our purpose?"),
                           ("reflection", "what do members do differently")):
        written = run("new", what, "readers", cwd=started)
        path = started / f"content/communities/readers/{what}.md"
        assert f"content/communities/readers/{what}.md" in written.stdout
        assert question in path.read_text()
        run("new", what, "readers", cwd=started, expect=2)  # never overwrites
    readers = [line for line in run("status", cwd=started).stdout.splitlines() if line.startswith("readers")][0]
    assert "missing: highlights; norms not filled in yet  " in readers
    assert run("new", "legacy", "nobody", cwd=started, expect=2).stderr.startswith("copsite: there is no community 'nobody'")
    check = run("check", cwd=started)
    assert "0 errors, 0 warnings" in check.stdout
    built = build_site(started, strict=True)
    assert built.main("communities/readers/legacy/") is not None
    reflection = built.main("communities/readers/reflection/")
    assert "TO DO" not in reflection.get_text() and "Shifts in practice" not in reflection.get_text()


MISALIGNED_MEMBERS = """\
---
title: Readers
purpose: {audience: teachers, interest: reading, learning_goal: teach reading}
members:
  - name: Ann Lee
    role: core
   - name: Bo Chen
    role: active
---
"""


@pytest.mark.unit
def test_a_yaml_indentation_mistake_reads_as_a_plain_sentence_with_the_line_and_a_caret(tmp_path):
    """Issue 9.8 and 9.9: no parser jargon; the community still counts; the rest of the file was not checked."""
    from .conftest import charter, mkdocs_yml, write

    write(tmp_path, {
        "mkdocs.yml": mkdocs_yml(),
        "content/communities/a/index.md": charter("A"),
        "content/communities/b/index.md": MISALIGNED_MEMBERS,
    })
    out = run("check", cwd=tmp_path, expect=1).stdout
    assert "while parsing" not in out and "indicator" not in out
    assert (
        "error: content/communities/b/index.md:7: this line does not line up with the list above it (it is indented by 3 spaces): "
        "every item of a list starts with '- ' at the same indentation as the other items" in out
    )
    assert "\n       - name: Bo Chen\n       ^\n" in out
    assert "(the rest of this file was not checked: fix this first, then check again)" in out
    assert out.strip().splitlines()[-1].startswith("2 communities (1 with errors in its charter), 1 error")


@pytest.mark.unit
@pytest.mark.parametrize(
    "front, words, caret_line",
    [
        ("title: Readers\n  summary: Teachers\n", "this line is indented by 2 spaces, the line above by 0: the keys of one group line up exactly", "  summary: Teachers"),
        ("purpose:\n  audience: x\n interest: y\n", "this line is indented by 1 space, the line above by 2", " interest: y"),
        ("tags: [reading, writing\ntitle: x\n", "a [ ] list or group is not closed, or lacks a ',' between two items", "tags: [reading, writing"),
    ],
)
def test_every_yaml_mistake_gets_a_plain_sentence(tmp_path, front, words, caret_line):
    from .conftest import mkdocs_yml, write

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": f"---\n{front}---\n"})
    out = run("check", cwd=tmp_path, expect=1).stdout
    assert words in out and "not valid YAML:" not in out and "while parsing" not in out
    assert f"\n    {caret_line}\n" in out and "^" in out


@pytest.mark.build
def test_copsite_build_has_no_end_of_life_banner(started):
    """Issue 9.14: the commands the Quick start gives print nothing a keeper cannot act on."""
    cmd = [SCRIPT, "build", "--strict"] if SCRIPT else [sys.executable, "-m", "copsite", "build", "--strict"]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    result = subprocess.run(cmd, cwd=started, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "end of life" not in result.stdout + result.stderr and "Zensical" not in result.stderr
    assert (started / "site/index.html").is_file()
    assert "copsite serve" in (started / "mkdocs.yml").read_text()
    broken = started / "content/communities/our-first-community/plan.md"
    broken.write_text("---\nsessions: [\n---\n")
    failed = subprocess.run(cmd, cwd=started, capture_output=True, text=True, env=env, timeout=120)
    assert failed.returncode == 1 and "the site was not built" in failed.stderr


@pytest.mark.build
def test_init_in_french_writes_a_french_handbook_and_new_follows_its_language(tmp_path):
    run("init", "manuel", "--language", "fr", "--timezone", "America/Edmonton", cwd=tmp_path)
    root = tmp_path / "manuel"
    assert "language: fr" in (root / "mkdocs.yml").read_text()
    front = (root / "content/index.md").read_text()
    assert "# Nos communautés de pratique" in front and "Une **communauté de pratique**" in front
    charter = (root / "content/communities/notre-premiere-communaute/index.md").read_text()
    assert "TO DO: à qui s'adresse cette communauté?" in charter and "purpose:\n  audience:" in charter  # keys stay the format's
    assert "comment gérerons-nous les conflits?" in (root / "content/communities/notre-premiere-communaute/norms.md").read_text()
    run("new", "community", "lecture", "--title", "Lecture", cwd=root)
    assert "TO DO: qu'apprendront les membres" in (root / "content/communities/lecture/index.md").read_text()
    result = run("new", "highlight", "lecture", "--date", "2025-12-20", cwd=root)
    highlight = root / "content/communities/lecture/highlights/2025-12-20-rencontre.md"
    assert highlight.is_file() and "## Ce que nous avons décidé" in highlight.read_text()
    assert 'title: "Rencontre du 2025-12-20"' in highlight.read_text()
    run("new", "highlight", "lecture", "--date", "2025-12-21", "--kind", "success-story", cwd=root)
    story = (root / "content/communities/lecture/highlights/2025-12-21-success-story.md").read_text()
    assert "kind: success-story" in story and 'title: "Réussite du 2025-12-21"' in story
    assert "## Ce qui a changé pour les élèves" in story and "What changed" not in story
    assert "sample: true" in charter and "La communauté exemple" in charter
    check = run("check", cwd=root)
    assert "lecture: (sa phrase de raison d'être reste à écrire)" in check.stdout
    built = build_site(root, strict=True)
    main = built.main("communities/lecture/")
    assert main.h1.get_text() == "Lecture"
    assert "La raison d'être de cette communauté n'est pas encore écrite." in main.get_text()
    assert "Comment gérerons-nous les conflits?" in built.main("communities/lecture/norms/").get_text()
    assert built.html("").html["lang"] == "fr"


@pytest.mark.unit
def test_init_refuses_a_language_without_a_catalog(tmp_path):
    result = run("init", "hb", "--language", "xx", cwd=tmp_path, expect=2)
    assert "'xx' is not a language copsite speaks yet (languages: en, fr)" in result.stderr


@pytest.mark.unit
def test_check_on_a_french_handbook_speaks_french_around_the_same_file_line_and_key(tmp_path):
    from .conftest import charter, mkdocs_yml, write

    write(tmp_path, {
        "mkdocs.yml": mkdocs_yml(extra="") .replace("  name: material\n", "  name: material\n  language: fr\n"),
        "content/communities/a/index.md": charter("Lecteurs", body="TO DO: notre raison d'être."),
        "content/communities/a/plan.md": "---\nsessions:\n  - {date: 2025-13-01, topics: x}\n---\n",
    })
    out = run("check", cwd=tmp_path, expect=1).stdout
    assert "erreur: content/communities/a/plan.md:3: sessions[0].date:" in out  # the key stays the format's
    assert "à remplir: content/communities/a/index.md:8: reste à écrire\u00a0: TO DO: notre raison d'être." in out
    assert out.strip().splitlines()[-1] == "1 communauté, 1 erreur, 0 avertissement, 1 texte à remplir\u00a0: pas prêt à publier"


@pytest.mark.unit
def test_status_of_a_french_handbook_reads_in_french(tmp_path):
    run("init", "manuel", "--language", "fr", cwd=tmp_path)
    out = run("status", cwd=tmp_path / "manuel").stdout
    line = out.splitlines()[0]
    assert line.startswith("notre-premiere-communaute  forming") and "highlights, resources, legacy, reflection; norms pas encore rempli" in line
    assert "aucun fait saillant pour l'instant" in line and "(à confirmer)" in line
    assert out.splitlines()[-1].startswith("pour ajouter une section manquante : ")
