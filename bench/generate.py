"""A synthetic handbook: N communities, deterministic from a seed, valid under `copsite check`.

Each community has a charter, norms, a plan of 8-12 sessions, 10-40 highlights
with realistic Markdown bodies (headings, lists, a table, links), 5-20
resources (drawn from a shared pool, so that the bank really merges) and 5-20
legacy items.

    python bench/generate.py OUT_DIR --communities 100 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

TODAY = dt.date(2026, 1, 15)
ADJECTIVES = ["early", "rural", "urban", "northern", "coastal", "hospital", "secondary", "primary", "outdoor", "bilingual", "inclusive", "digital"]
NOUNS = ["literacy", "numeracy", "science", "assessment", "wellbeing", "transitions", "leadership", "arts", "languages", "inquiry", "mentoring", "makerspace"]
AUDIENCES = ["grade 3 teachers", "secondary science teachers", "principals and vice-principals", "early childhood educators", "special education teachers", "instructional coaches"]
INTERESTS = ["formative assessment", "reading in the early years", "student wellbeing", "inquiry-based science", "inclusive classrooms", "family engagement"]
GOALS = ["give feedback that moves learning forward", "plan lessons together", "lead change in our schools", "support students between schools", "use evidence to plan", "teach reading to every child"]
KINDS = ["sharing-knowledge", "shared-learning", "building-capacity", "resource-bank", "solving-problems", "gathering-feedback", "advancing-initiatives", "implementing-change"]
ROLES = ["core", "active", "occasional", "peripheral", "transactional"]
FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"]
LAST = ["Silva", "Okafor", "Tanaka", "Dubois", "Haddad", "Lindqvist", "Mensah", "Ortega", "Raman", "Fischer", "Delgado", "Whitehorse"]
TOPICS = ["assessment", "feedback", "reading", "writing", "numeracy", "families", "transitions", "wellbeing", "planning", "inclusion", "technology", "leadership"]
RES_KINDS = ["person", "organization", "publication", "draft", "video", "audio", "website", "program", "service", "tool", "template", "other"]
LEGACY_KINDS = ["product", "decision", "evidence", "celebration", "story", "reflection", "report"]
NORM_AREAS = ["voice", "focus", "conflict", "decisions", "resources", "membership", "completion"]
WORDS = (
    "we met and shared what worked in our classrooms this month teachers brought samples of student work "
    "and we compared how each school gives feedback the group agreed to try one new strategy before the "
    "next session and to bring evidence of how students responded several members described challenges "
    "with time and planning while others offered templates and routines that helped"
).split()


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def resource_pool(seed: int, size: int = 400) -> list[dict]:
    rng = random.Random(seed * 7919)
    pool = []
    for i in range(size):
        topic = rng.choice(TOPICS)
        pool.append({
            "title": f"{topic.capitalize()} resource {i:03d}",
            "url": f"https://resources.example.org/{topic}/{i:03d}",
            "kind": rng.choice(RES_KINDS),
            "topics": sorted({topic, rng.choice(TOPICS)}),
            "description": _sentence(rng, 12),
        })
    return pool


def _resource_yaml(r: dict, indent: str = "  ", added: dt.date | None = None, by: str | None = None) -> str:
    lines = [f"{indent}- title: {_q(r['title'])}", f"{indent}  url: {r['url']}", f"{indent}  kind: {r['kind']}",
             f"{indent}  topics: [{', '.join(r['topics'])}]", f"{indent}  description: {_q(r['description'])}"]
    if added:
        lines.append(f"{indent}  added: {added.isoformat()}")
    if by:
        lines.append(f"{indent}  added_by: {_q(by)}")
    return "\n".join(lines) + "\n"


def community_files(i: int, rng: random.Random, pool: list[dict]) -> dict[str, str]:
    slug = f"{ADJECTIVES[i % len(ADJECTIVES)]}-{NOUNS[(i // len(ADJECTIVES)) % len(NOUNS)]}-{i:03d}"
    title = f"{slug.rsplit('-', 1)[0].replace('-', ' ').title()} {i:03d}"
    members = [(_name(rng), rng.choice(ROLES)) for _ in range(rng.randint(5, 15))]
    facilitators = [members[0][0]] + ([members[1][0]] if rng.random() < 0.5 else [])
    members = [(members[0][0], "core"), *members[1:]]
    start = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randint(0, 20))
    files: dict[str, str] = {}

    charter = [
        "---",
        f"title: {_q(title)}",
        f"summary: {_q(_sentence(rng, 10))}",
        f"stage: {rng.choice(['forming', 'active', 'active', 'active', 'paused', 'concluded'])}",
        f"started: {start.isoformat()}",
        "purpose:",
        f"  audience: {rng.choice(AUDIENCES)}",
        f"  interest: {rng.choice(INTERESTS)}",
        f"  learning_goal: {rng.choice(GOALS)}",
        f"  kinds: [{', '.join(rng.sample(KINDS, rng.randint(1, 3)))}]",
        f"domain: {_q(_sentence(rng, 8))}",
        f"practice: {_q(_sentence(rng, 8))}",
        f"facilitators: [{', '.join(_q(f) for f in facilitators)}]",
        "members:",
        *[f"  - {{name: {_q(n)}, role: {r}, organization: {_q('School ' + str(rng.randint(1, 90)))}}}" for n, r in members],
        "leadership:",
        *[f"  - {{role: {_q(role)}, who: {_q(facilitators[0])}, responsibilities: [{_q(_sentence(rng, 6))}]}}" for role in ("Facilitator", "Note keeper")[: rng.randint(1, 2)]],
        "meetings:",
        "  frequency: Monthly",
        "  length: 90 minutes",
        f"  format: {rng.choice(['in-person', 'virtual', 'hybrid'])}",
        f"  where: {_q('Room ' + str(rng.randint(1, 40)))}",
        "channels:",
        f"  - {{title: Shared drive, url: 'https://drive.example.org/{slug}'}}",
        "partners:",
        f"  - {{name: District {rng.randint(1, 9)}, role: Sponsor}}",
        f"contact: mailto:{slug}@example.org",
        f"tags: [{', '.join(rng.sample(TOPICS, 2))}]",
        "---",
        "",
        _paragraph(rng, 3),
        "",
        "## How we invite new members",
        "",
        _paragraph(rng, 2),
        "",
    ]
    files["index.md"] = "\n".join(charter)

    norms = ["---", f"agreed: {start.isoformat()}", "norms:"]
    for _ in range(rng.randint(4, 7)):
        norms.append(f"  - {{text: {_q(_sentence(rng, 7))}, covers: [{', '.join(rng.sample(NORM_AREAS, rng.randint(1, 2)))}]}}")
    files["norms.md"] = "\n".join([*norms, "---", "", _paragraph(rng, 1), ""])

    n_sessions = rng.randint(8, 12)
    dates = sorted({start + dt.timedelta(days=7 + 28 * k + rng.randint(0, 6)) for k in range(n_sessions)})
    plan = ["---", "sessions:"]
    for k, d in enumerate(dates):
        plan += [
            f"  - date: {d.isoformat()}",
            f"    time: \"{rng.choice(['9:00', '13:30', '15:30'])}-{rng.choice(['16:30', '17:00'])}\"",
            f"    title: {_q('Session ' + str(k + 1) + ': ' + rng.choice(TOPICS))}",
            f"    topics: [{_q(_sentence(rng, 5))}, {_q(_sentence(rng, 4))}]",
            f"    resources_required: [{_q(_sentence(rng, 3))}]",
        ]
        if k == len(dates) - 1 and rng.random() < 0.3:
            plan.append("    tentative: true")
    files["plan.md"] = "\n".join([*plan, "---", "", _paragraph(rng, 1), ""])

    n_resources = rng.randint(5, 20)
    res = ["---", "resources:"]
    for r in rng.sample(pool, n_resources):
        res.append(_resource_yaml(r, added=start + dt.timedelta(days=rng.randint(0, 100)), by=rng.choice(members)[0]).rstrip("\n"))
    files["resources.md"] = "\n".join([*res, "---", ""])

    legacy = ["---", f"success: [{_q(_sentence(rng, 8))}]", f"outcomes: [{_q(_sentence(rng, 8))}, {_q(_sentence(rng, 6))}]", "legacy:"]
    for k in range(rng.randint(5, 20)):
        legacy.append(f"  - {{title: {_q('Legacy item ' + str(k + 1))}, kind: {rng.choice(LEGACY_KINDS)}, date: {(start + dt.timedelta(days=rng.randint(0, 250))).isoformat()}, description: {_q(_sentence(rng, 9))}}}")
    files["legacy.md"] = "\n".join([*legacy, "---", ""])

    session_dates = set(dates)
    n_highlights = rng.randint(10, 40)
    used: set[str] = set()
    day = start
    for k in range(n_highlights):
        day = day + dt.timedelta(days=rng.randint(1, 9))
        name = f"{day.isoformat()}-{rng.choice(TOPICS)}-{k}"
        if name in used:
            continue
        used.add(name)
        body = [
            "---",
            f"title: {_q('Meeting notes: ' + rng.choice(TOPICS) + ' ' + str(k + 1))}",
            f"authors: [{_q(facilitators[0])}]",
            f"attendance: {rng.randint(3, 25)}",
        ]
        if rng.random() < 0.1:
            body.append("legacy: true")
        if rng.random() < 0.4:
            body.append("resources:")
            body.append(_resource_yaml(rng.choice(pool)).rstrip("\n"))
        body += [
            "---",
            "",
            _paragraph(rng, 2),
            "",
            "## What happened",
            "",
            *[f"- {_sentence(rng, 8)}" for _ in range(rng.randint(2, 5))],
            "",
            "| Strategy | What we saw |",
            "|---|---|",
            *[f"| {rng.choice(TOPICS).capitalize()} | {_sentence(rng, 6)} |" for _ in range(3)],
            "",
            "## What we decided",
            "",
            _paragraph(rng, 2) + " See [our plan](../plan.md) and [the research](https://research.example.org/" + str(k) + ").",
            "",
            "## What comes next",
            "",
            *[f"1. {_sentence(rng, 6)}" for _ in range(3)],
            "",
        ]
        files[f"highlights/{name}.md"] = "\n".join(body)
        _ = session_dates
    return {f"communities/{slug}/{k}": v for k, v in files.items()}


MKDOCS_YML = """\
site_name: Synthetic handbook
site_url: https://bench.example.org/
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.indexes, navigation.prune]
plugins:
  - search
  - copsite:
      today: {today}
markdown_extensions: [tables, toc, admonition]
"""


def generate(out: Path, communities: int, seed: int = 1) -> int:
    """Write the handbook into `out` (mkdocs.yml and content/); return the number of Markdown files."""
    rng = random.Random(seed)
    pool = resource_pool(seed)
    content = out / "content"
    written = 0
    for i in range(communities):
        for rel, text in community_files(i, rng, pool).items():
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written += 1
    (content / "index.md").write_text("---\ntitle: Synthetic handbook\n---\n\n# Synthetic handbook\n\n" + _paragraph(rng, 2) + "\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(today=TODAY.isoformat()), encoding="utf-8")
    return written + 1


def ensure(out: Path, communities: int, seed: int = 1) -> None:
    """Generate the handbook into `out` unless one is there already (the other scripts' work folders)."""
    if not (out / "mkdocs.yml").exists():
        n = generate(out, communities, seed)
        print(f"wrote {n} Markdown files for {communities} communities into {out}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--communities", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n = generate(args.out, args.communities, args.seed)
    print(f"wrote {n} Markdown files for {args.communities} communities into {args.out}")


if __name__ == "__main__":
    main()
