"""Each community's post page, `/communities/<slug>/post/`: post a highlight from a phone.

Engine-free. The form is made from `compose.highlight_spec()` (the fields of
`schema.Highlight`, the model `copsite check` validates with): each key's
input, whether it is required, its pattern, bounds and choices. The page's
script (`assets/post.js`) writes the file as `compose.write` does and hands it
over: the host's new-file page with the name and text (GitHub, Gitea,
Forgejo), the host's new-file page with the name and the text on the clipboard
(GitLab, or a link too long for the host), an email to the charter's contact,
or a download. Without JavaScript the page shows the outline and the same
hand-offs with today's date (`post_button.fallback`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from copsite.content.compose import CONTROL, FieldSpec, highlight_spec
from copsite.i18n import M_, Language
from copsite.model import schema
from copsite.model.handbook import Community
from copsite.pages.site import Digest, Pages
from copsite.publishing.kind_outlines import KIND_OUTLINES, OUTLINES_BY_LANGUAGE
from copsite.publishing.outline import session_on
from copsite.publishing.post_button import post_src

"""The post page's source path in a community's folder (reserved: see tree._COMMUNITY_PAGES)."""

URL_LIMIT = 8000
"""Longer links fail on GitHub (414): the text then goes by the clipboard."""

HOST_NAMES = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea"}
FILE_PATTERN = r"(?![A-Za-z]:|/)(?!.*(^|/)\.\.(/|$))[^\\]+"
"""A path inside the community folder (schema._relative_file), as an input's pattern."""

CHOICE_LABELS = {schema.HIGHLIGHT_KINDS: "kind", schema.RESOURCE_KINDS: "resource"}
"""Which words of i18n.LABELS name a choice's values."""


@dataclass
class Input:
    """One field of the form, as the template draws it."""

    id: str
    name: str
    label: str
    widget: str
    """input, select, textarea or checkbox."""
    attrs: dict = field(default_factory=dict)
    options: list = field(default_factory=list)
    """(value, text) of a select."""
    hint: str | None = None
    value: str = ""
    fields: list = field(default_factory=list)
    """A row's inputs (widget 'rows')."""


def _words(words: Language):
    from copsite.publishing.editor import HINTS, LABELS

    def label(key: str) -> str:
        return words.pgettext("editor", LABELS[key]) if key in LABELS else key.replace("_", " ").capitalize()

    def hint(key: str, owner: str) -> str | None:
        message = HINTS.get(f"{owner}.{key}", HINTS.get(key))
        return words.pgettext("editor", message) if message else None

    return label, hint


def _text_attrs(f: FieldSpec, words: Language) -> dict:
    if f.type == "url":
        schemes = ", ".join(f"{s}:" for s in f.schemes)
        return {
            "type": "url",
            "inputmode": "url",
            "pattern": f"(?:{'|'.join(f.schemes)}):[^\\s{CONTROL}]+",
            "data-invalid": words.gettext(
                "only %(allowed)s addresses are allowed here; found '%(value)s'", allowed=schemes, value="{value}"
            ),
        }
    if f.type == "file":
        return {
            "type": "text",
            "pattern": FILE_PATTERN,
            "data-invalid": words.gettext(
                "must be a path inside the community folder, like files/agenda.pdf, not %(value)s", value="{value}"
            ),
        }
    pattern = f"[^{CONTROL}]*\\S[^{CONTROL}]*" if f.required else f"[^{CONTROL}]*"
    return {"type": "text", "pattern": pattern, "data-invalid": words.gettext("is empty: write some text, or leave the key out")}


def _input(f: FieldSpec, words: Language, c: Community, sessions: list, prefix: str = "post-", owner: str = "Highlight") -> Input:
    label, hint = _words(words)
    attrs: dict = {"required": True} if f.required else {}
    box = Input(id=f"{prefix}{f.name}", name=f.name, label=label(f.name), widget="input", hint=hint(f.name, owner))
    if f.type in ("text", "url", "file"):
        attrs.update(_text_attrs(f, words))
    elif f.type == "date":
        attrs.update(
            type="date",
            max=f.maximum,
            **{
                "data-invalid": words.gettext(
                    "expected a date written as YYYY-MM-DD, like 2025-10-05; found %(found)s", found="{value}"
                )
            },
        )
    elif f.type == "count":
        attrs.update(
            type="number",
            min=f.minimum,
            step=1,
            inputmode="numeric",
            **{"data-invalid": words.gettext("expected a whole number, like 12; found %(found)s", found="{value}")},
        )
    elif f.type == "bool":
        box.widget = "checkbox"
    elif f.type == "choice":
        box.widget = "select"
        group = CHOICE_LABELS.get(f.choices)
        box.options = ([] if f.required or f.default else [("", "")]) + [(v, words.label(v, group)) for v in f.choices]
        box.value = f.default or ""
    elif f.type == "session":
        box.widget = "select"
        box.hint = words.gettext("Chosen by the date; pick another if the highlight reports another session.")
        box.options = [("", words.gettext("None of the plan's sessions"))] + [(ref, text) for ref, _, text in sessions]
    elif f.type == "texts":
        box.widget = "textarea"
        box.hint = words.gettext("One a line.") + (f" {box.hint}" if box.hint else "")
        if f.name == "authors":
            box.value = "\n".join(c.charter.facilitators)
    if box.hint:
        attrs["aria-describedby"] = f"{box.id}-hint"
    box.attrs = attrs
    return box


def _sessions(c: Community, words: Language) -> list[tuple[str, str, str]]:
    """(how a highlight names it, its date, "Wed, Nov 18, 2025 · Teaching at the bedside") of each session a highlight can name."""
    out = []
    for s in c.sessions:
        ref = s.id or (s.date.isoformat() if session_on(c.sessions, s.date) else None)
        if ref is None or s.cancelled:
            continue
        what = s.title or (s.topics[0] if s.topics else "")
        out.append((ref, s.date.isoformat(), f"{words.date(s.date)} · {what}" if what else words.date(s.date)))
    return out


def form_inputs(c: Community, words: Language, publish_members: bool) -> list[Input]:
    sessions = _sessions(c, words)
    out = []
    for f in highlight_spec():
        if f.type == "rows":
            rows = Input(id=f"post-{f.name}", name=f.name, label=_words(words)[0](f.name), widget="rows")
            rows.fields = [_input(sub, words, c, sessions, prefix=f"post-{f.name}-@N@-", owner="Resource") for sub in f.fields]
            for sub, spec in zip(rows.fields, f.fields, strict=False):
                sub.attrs["data-name"] = spec.name
                sub.name = ""  # a row's inputs are read by row, not by name
                if sub.attrs.pop("required", False):
                    sub.attrs["data-required"] = True
                if spec.type == "file":
                    sub.attrs["list"] = f"post-files-{c.slug}"
            out.append(rows)
            continue
        box = _input(f, words, c, sessions)
        if f.name == "authors" and not publish_members:
            box.value = ""
        out.append(box)
        if f.name == "summary":
            out.append(Input(id="post-body", name="body", label=_words(words)[0]("body"), widget="textarea", attrs={"rows": 12}))
    return out


def script_data(c: Community, d: Digest) -> str:
    """What post.js needs, as JSON (the form's data attribute; escaped there): the spec, the sessions, the outlines, the host, the words."""
    options = d.options
    words = options.lang
    outlines = OUTLINES_BY_LANGUAGE.get(words.language, KIND_OUTLINES)
    repo = options.repo
    rows = next((f for f in highlight_spec() if f.type == "rows"), None)
    data = {
        "spec": [f.as_json() for f in highlight_spec()],
        "zone": options.timezone,
        "sessions": [{"value": ref, "date": day} for ref, day, _ in _sessions(c, words)],
        "outlines": {k: outlines.get(k) or KIND_OUTLINES.get(k, "") for k in schema.HIGHLIGHT_KINDS},
        "control": CONTROL,
        "one_of": list(rows.one_of) if rows else [],
        "contact": c.charter.contact if (c.charter.contact or "").startswith("mailto:") else None,
        "url_limit": URL_LIMIT,
        "host": {
            "base": repo.new_file_base(f"{c.folder}/highlights"),
            "name_param": "file_name" if repo.kind == "gitlab" else "filename",
            "text_param": "content" if repo.kind == "gitlab" else "value",
            "takes_text": repo.kind != "gitlab",
        }
        if repo is not None
        else None,
        "messages": {
            "missing": words.gettext("is required but missing"),
            "one_of": words.gettext("give a url or a file, not both"),
            "control": words.gettext(
                "holds an invisible control character (U+%(code)s, %(name)s), which no page or feed can show: remove it",
                code="{code}",
                name=words.gettext(M_("control character")),
            ),
            "intro": words.gettext("The highlight cannot be written yet:"),
            "copied": words.gettext("The text is on the clipboard: paste it into the new file."),
            "copy_failed": words.gettext("The text could not be copied: select it below and copy it."),
            "subject": words.gettext("A new highlight: %(name)s", name="{name}"),
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def add_post_page(out: Pages, d: Digest, c: Community) -> None:
    from copsite.publishing.post_button import fallback

    words = d.options.lang
    title = words.gettext("Post a highlight")
    help_ = fallback(c, d.options)
    page = out.add(
        post_src(c),
        title,
        "post.md.j2",
        None,
        meta_title=f"{title} · {c.title}",
        c=c,
        inputs=form_inputs(c, words, d.options.publish_members),
        data=script_data(c, d),
        host=HOST_NAMES.get(d.options.repo.kind) if d.options.repo else None,
        gitlab=bool(d.options.repo and d.options.repo.kind == "gitlab"),
        contact=c.charter.contact if (c.charter.contact or "").startswith("mailto:") else None,
        files=c.attachments,
        fallback=help_,
    )
    page.meta["search"] = {"exclude": True}
