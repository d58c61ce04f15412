"""Reading one file of a handbook: its front matter parsed and validated, its problems found (control characters, front matter cut short or too late, placeholders)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from copsite.content.doc_cache import ACTIVE as _ACTIVE_CACHE
from copsite.content.placeholders import PLACEHOLDER, is_placeholder
from copsite.i18n import M_, Message
from copsite.model import schema
from copsite.model.frontmatter import FrontMatterError, key_path, line_of, read_bytes
from copsite.model.handbook import Doc
from copsite.model.problems import Problems
from copsite.model.sections import MODELS


def _message(err: ErrorDetails) -> Message:
    """A pydantic error as a message of the catalogs: copsite's own refusals (schema._fail) carry
    their msgid as the template (pydantic leaves %(placeholders)s alone) and their values in ctx."""
    kind = err["type"]
    if kind == "copsite":
        return M_(err["msg"], **(err.get("ctx") or {}))
    if kind == "missing":
        return M_("is required but missing")
    if kind == "too_short":
        return M_("needs at least one item")
    if kind in ("list_type", "tuple_type"):
        return M_("expected a list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return M_("expected a group of keys (key: value lines, indented)")
    if kind.startswith("bool"):
        return M_("expected true or false")
    if kind.startswith("int"):
        return M_("expected a whole number")
    if kind.startswith("date"):
        return M_("expected a date written as YYYY-MM-DD")
    return M_("%(problem)s", problem=err["msg"])  # pragma: no cover - every type we use has a message above


def validate(model: type[schema.PageKeys], raw: Any, path: str, problems: Problems):
    """Validate front matter against a model; report errors and unknown keys; return the model or None."""
    for key, line, _unknown, near in schema.unknown_keys(model, raw):
        problems.warning(
            path,
            "is not a key copsite knows here%(hint)s (a key of your own goes under 'extra:')",
            key=key,
            line=line,
            hint=M_("; did you mean '%(near)s'?", near=near) if near else "",
        )
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        seen = set()
        for err in exc.errors(include_url=False, include_input=False):
            loc = tuple(p for p in err["loc"] if p not in ("function-after[_not_both()]",))
            where = key_path(loc)
            message = problems.say(_message(err))
            if (where, message) in seen:
                continue
            seen.add((where, message))
            problems.error(path, "%(problem)s", key=where, line=line_of(raw, loc), problem=message)
        return None


def rel_path(path: Path, root: Path) -> str:
    """`path` relative to `root`, with '/': string work, as this runs for every file."""
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):
        return text[len(base) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_doc(path: Path, root: Path, kind: str, problems: Problems, *, require_front_matter: bool = False) -> Doc:
    """One file read and checked against the model of its kind; from the preview's cache when unchanged."""
    cache = _ACTIVE_CACHE.get()
    if cache is None:
        return _read_doc(path, root, kind, problems, require_front_matter)
    return cache.read(
        path, kind, require_front_matter, problems, lambda: _read_doc(path, root, kind, problems, require_front_matter)
    )


def _read_doc(path: Path, root: Path, kind: str, problems: Problems, require_front_matter: bool) -> Doc:
    rel = rel_path(path, root)
    raw_bytes, source = _source(path, rel, problems)
    if source is None:
        return Doc(rel, kind, None, None, "")
    if _front_matter_too_late(source, rel, problems):
        return Doc(rel, kind, None, None, source.body, source.body_line)
    data = source.data
    model = MODELS[kind]
    if data is None:
        if require_front_matter or (source.has_front_matter and MODELS[kind] is not schema.Page):
            if not source.has_front_matter:
                problems.error(
                    rel, "needs front matter: start the file with a '---' line, the keys, and another '---' line", line=1
                )
            else:
                problems.error(rel, "the front matter is empty", line=1)
            return Doc(rel, kind, None, None, source.body, source.body_line)
        data = {}
    if not isinstance(data, dict):
        problems.error(
            rel,
            "the front matter must be a group of keys (key: value lines), not %(found)s",
            line=2,
            found=schema.describe(data),
        )
        return Doc(rel, kind, None, data, source.body, source.body_line)
    meta = validate(model, data, rel, problems)
    if source.duplicates:
        meta = None
    if refuse_control_characters(data, source.body, source.body_line, rel, problems):
        meta = None
    if b" #" in raw_bytes or b"\t#" in raw_bytes:
        _warn_cut_by_comments(raw_bytes, rel, problems)
    found = _report_placeholders(data, source, rel, problems)
    return Doc(rel, kind, meta, data, source.body, source.body_line, placeholders=found)


def _source(path: Path, rel: str, problems: Problems):
    """The file's bytes and its front matter and body (None when it cannot be read or parsed)."""
    try:
        raw_bytes = path.read_bytes()
    except OSError as err:
        problems.error(rel, "cannot be read: %(reason)s", reason=err.strerror)
        return b"", None
    try:
        source = read_bytes(raw_bytes)
    except FrontMatterError as err:
        problems.error(
            rel,
            "%(problem)s (the rest of this file was not checked: fix this first, then check again)%(shown)s",
            line=err.line,
            problem=err.problem,
            shown=err.shown,  # the line and a caret under the place
        )
        return raw_bytes, None
    for key, first, again in source.duplicates:
        problems.error(
            rel,
            "is written twice (lines %(first)s and %(again)s): keep one",
            key=key,
            line=again,
            first=first,
            again=again,
        )
    return raw_bytes, source


def _report_placeholders(data: dict, source, rel: str, problems: Problems) -> bool:
    """Report every placeholder of the front matter and the body; True when the front matter has one."""
    before = len(problems)
    _find_placeholders(data, (), rel, problems)
    found = len(problems) > before  # it adds placeholder problems only
    if PLACEHOLDER in source.body:  # a fast search first: most bodies have none
        for n, line in enumerate(source.body.split("\n")):
            if PLACEHOLDER in line:
                text = line.strip().lstrip("#>-* ").strip()
                problems.placeholder(rel, "still to write: %(text)s", line=source.body_line + n, text=text)
    return found


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_KEY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # a key is one line: no line break, no tab either


def _control_problem(char: str) -> Message:
    import unicodedata

    name = {
        "\b": M_("backspace"),
        "\a": M_("bell"),
        "\x1b": M_("escape"),
        "\x00": M_("null"),
        "\x0c": M_("form feed"),
        "\x0b": M_("vertical tab"),
        "\n": M_("line break"),
        "\r": M_("carriage return"),
        "\t": M_("tab"),
    }
    what: Message | str = name.get(char) or unicodedata.name(char, "") or M_("control character")  # else Unicode's own name
    return M_(
        "holds an invisible control character (U+%(code)s, %(name)s), which no page or feed can show: remove it",
        code=f"{ord(char):04X}",
        name=what,
    )


def refuse_control_characters(data: Any, body: str, body_line: int, path: str, problems: Problems) -> bool:
    """Control characters break the feeds' XML: refuse them, in front matter and in the body. True if any."""
    found = False

    def walk(value: Any, loc: tuple) -> None:
        nonlocal found
        if isinstance(value, str):
            m = _CONTROL.search(value)
            if m:
                found = True
                hint: Message | str = ""
                if m.group() in "\a\b\x0c\x0b\x1b\x00":
                    hint = M_(
                        "; in double quotes a backslash starts an escape (\\b, \\a): "
                        "write text with backslashes in single quotes, like 'G:\\board'"
                    )
                problems.error(
                    path,
                    "%(problem)s%(hint)s",
                    key=key_path(loc),
                    line=line_of(data, loc),
                    problem=_control_problem(m.group()),
                    hint=hint,
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and (hit := _KEY_CONTROL.search(k)):
                    found = True
                    problems.error(
                        path,
                        "the key %(problem)s",
                        key=key_path(loc + (k,)),
                        line=line_of(data, loc + (k,)),
                        problem=_control_problem(hit.group()),
                    )
                walk(v, loc + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, loc + (i,))

    walk(data, ())
    if _CONTROL.search(body):
        for n, line in enumerate(body.split("\n")):
            m = _CONTROL.search(line)
            if m:
                found = True
                problems.error(path, "the text %(problem)s", line=body_line + n, problem=_control_problem(m.group()))
    return found


_LATE_FRONT_MATTER = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*---[ \t]*\n")


def _front_matter_too_late(source, path: str, problems: Problems) -> bool:
    """Front matter after a blank first line is not front matter: say that the first line must be '---'."""
    if source.has_front_matter or not _LATE_FRONT_MATTER.match(source.body):
        return False
    problems.error(
        path,
        "the front matter must begin on the very first line: the first line must be '---' "
        "(remove the blank lines or spaces before it)",
        line=1,
    )
    return True


_NOT_TEXT = re.compile(r"(?i)^(true|false|yes|no|on|off|null|~|[-+]?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\d{4}-\d{1,2}-\d{1,2}.*)$")


def _warn_cut_by_comments(raw_bytes: bytes, path: str, problems: Problems) -> None:
    """`title: Meeting #1` is published as "Meeting": YAML takes ` #` for a comment. Warn on a plain
    text value followed by a comment on its line ("put the value in quotes")."""
    import yaml

    from copsite.model.frontmatter import decode, split

    try:
        yaml_text, _, _ = split(decode(raw_bytes))
        if yaml_text is None:
            return
        tokens = list(yaml.scan(yaml_text, Loader=yaml.SafeLoader))
    except Exception:  # reported where the front matter is read
        return
    lines = yaml_text.split("\n")
    key = ""
    for prev, tok in zip([None, *tokens], tokens, strict=False):
        if not isinstance(tok, yaml.ScalarToken):
            continue
        if isinstance(prev, yaml.KeyToken):
            key = tok.value
            continue
        if tok.style is not None or _NOT_TEXT.match(tok.value) or tok.start_mark.line != tok.end_mark.line:
            continue
        rest = lines[tok.end_mark.line][tok.end_mark.column :]
        if re.match(r"[ \t]+#", rest):
            problems.warning(
                path,
                "the text stops at '%(value)s': YAML reads '%(comment)s' as a comment; put the value in quotes to keep it all",
                key=key,
                line=tok.start_mark.line + 2,
                value=tok.value,
                comment=rest.strip(),
            )


def _find_placeholders(value: Any, loc: tuple, path: str, problems: Problems, raw: Any = None) -> None:
    raw = value if raw is None else raw
    if isinstance(value, str):
        if is_placeholder(value):
            problems.placeholder(
                path, "still a placeholder: %(text)s", key=key_path(loc), line=line_of(raw, loc), text=value.strip()
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            _find_placeholders(v, loc + (k,), path, problems, raw)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _find_placeholders(v, loc + (i,), path, problems, raw)


def walk(folder: Path, skip: str | None = None):
    """Files below a folder, sorted, skipping hidden ones (as MkDocs does) and the folder `skip`."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and os.path.join(dirpath, d) != skip)
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
