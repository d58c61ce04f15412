"""A plan in parts: what each part of a site is made from, so that a preview can keep it.

A page family does not plan its pages at once: it gives the planner `Part`s, each
saying what it is made from and how to make it (the pages it adds to the plan, the
value it returns). The planner (`copsite.engine.planner`) makes them in order through
a `Keeper`: a build makes every part (`make_all`); the preview
(`copsite.engine.preview`) gives back a part as it was made at its last plan when what
it is made from has not changed since. No page family knows which of the two it is in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from copsite.model.handbook import Community, HighlightEntry
from copsite.pages.site import Pages

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One part of a plan: `make(out)` adds its pages to `out` (or none) and returns a value.

    What it is made from, besides what every part of a plan shares (the options and today,
    every community's name and folder, the resource bank): the files of `communities`,
    the `files` (source paths), and what `inputs()` gives (values compared with ==; asked only
    by a preview, so a build computes none). A part with `keep=False` is made at every plan."""

    name: tuple[str, str]
    """(what it is, whose: a community's slug, a page's source path, or '')."""
    make: Callable[[Pages], T]
    communities: tuple[Community, ...] = ()
    files: tuple[str, ...] = ()
    inputs: Callable[[], tuple] = tuple
    keep: bool = True


class Keeper(Protocol):
    """Makes a part of the plan being made, or gives it back as it was made before."""

    def __call__(self, part: Part[T], /) -> T: ...


def make_all(out: Pages) -> Keeper:
    """A build's keeper: every part made, into `out`."""

    def make(part: Part[T], /) -> T:
        return part.make(out)

    return make


def highlight_print(h: HighlightEntry) -> tuple:
    """What a list of highlights shows of one (a hub page, the handbook's feed)."""
    m = h.meta
    return (h.path, h.community, h.date, m.title, h.summary, m.kind, tuple(m.tags), tuple(m.authors), m.responses)
