"""Pages of changes: each version against the one before, and the first against the latest.

The human-written change note stands beside the computed redline, which shows only the changed
sections (and a few words of context around each change), matched section by section even when
paragraphs were renumbered. A change made in answer to a consultation comment links to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Registry

from .document import Document, comparison_pairs
from .model import LED_TO_CHANGE, STATUSES, Comment
from .redline import Segment
from .render import relative
from .section_match import Change
from .text import WHOLE_DOCUMENT, canonical_label
from .urls import changes_dir, report_dir, version_dir

KIND_TEXT = {"added": "dodano", "removed": "usunięto", "changed": "zmieniono",
             "moved": "przeniesiono"}


@dataclass(frozen=True)
class CommentLink:
    number: int
    href: str


@dataclass(frozen=True)
class ChangeView:
    anchor: str
    kind: str
    kind_text: str
    label: str
    old_label: str | None
    old_href: str | None
    new_href: str | None
    title: tuple[Segment, ...]
    text: tuple[Segment, ...]
    comments: tuple[CommentLink, ...]


@dataclass(frozen=True)
class GroupView:
    anchor: str
    heading: str
    old_heading: str | None
    changes: tuple[ChangeView, ...]


def change_for_comment(document: Document, consulted: int, comment: Comment,
                       new: int) -> Change | None:
    """The change in ``consulted → new`` that a comment on version ``consulted`` led to."""
    if comment.response not in LED_TO_CHANGE:
        return None
    comparison = document.comparisons.get((consulted, new))
    if comparison is None:
        return None
    label = canonical_label(comment.section)
    wanted = canonical_label(comment.change) if comment.change and new == consulted + 1 \
        else None
    if label == WHOLE_DOCUMENT and wanted is None:
        return None
    return comparison.find(old_label=label or None, new_label=wanted)


def changes_pages(registry: Registry, document: Document) -> list[GeneratedPage]:
    numbers = [v.number for v in document.versions]
    return [_changes_page(document, old, new) for old, new in comparison_pairs(numbers)]


def _changes_page(document: Document, old: int, new: int) -> GeneratedPage:
    here = changes_dir(document, old, new)
    comparison = document.comparisons[(old, new)]
    links = _comment_links(document, old, new, here)
    groups = [_group(g.old, g.new, [_change_view(c, document, old, new, here, links)
                                     for c in g.changes]) for g in comparison.groups]
    changes = comparison.changes
    counts = [(text, sum(c.kind == kind for c in changes)) for kind, text in KIND_TEXT.items()]
    notes = [(v.number, polish_date(v.meta.date), v.meta.note)
             for v in document.versions if old < v.number <= new]
    body = environment().get_template("document_changes.html").render(
        document=document,
        old=document.version(old),
        new=document.version(new),
        old_href=relative(here, version_dir(document, old)),
        new_href=relative(here, version_dir(document, new)),
        old_date=polish_date(document.versions[old - 1].meta.date),
        new_date=polish_date(document.versions[new - 1].meta.date),
        old_status=STATUSES[document.versions[old - 1].meta.status],
        new_status=STATUSES[document.versions[new - 1].meta.status],
        notes=notes,
        groups=groups,
        counts=[(text, n) for text, n in counts if n],
        renumbered=[(c.old.label, c.new.label,
                     relative(here, version_dir(document, new)) + f"#{c.new.anchor}")
                    for c in comparison.renumbered if c.old and c.new],
        parts=comparison.parts,
        consecutive=new == old + 1,
    )
    title = f"{document.meta.title} – zmiany: wersja {old} → wersja {new}"
    return page_from_html(f"{here}index.md", title, body)


def _comment_links(document: Document, old: int, new: int,
                   here: str) -> dict[str, list[CommentLink]]:
    consulted = document.version(old)
    if consulted is None or consulted.meta.consultation is None or consulted.state is None \
            or not consulted.state.report_published:
        return {}
    links: dict[str, list[CommentLink]] = {}
    report = relative(here, report_dir(document, old))
    for number, comment in enumerate(consulted.meta.consultation.comments, start=1):
        change = change_for_comment(document, old, comment, new)
        if change is not None:
            links.setdefault(change.anchor, []).append(
                CommentLink(number, f"{report}#uwaga-{number}"))
    return links


def _group(old, new, changes: list[ChangeView]) -> GroupView:
    unit = new or old
    heading = f"{unit.marker} {unit.title}".strip() if unit.kind != "wstep" else "Wstęp"
    old_heading = old.label if old is not None and new is not None \
        and old.label != new.label else None
    return GroupView(f"grupa-{unit.anchor}", heading, old_heading, tuple(changes))


def _change_view(change: Change, document: Document, old: int, new: int, here: str,
                 links: dict[str, list[CommentLink]]) -> ChangeView:
    unit = change.new or change.old
    assert unit is not None
    return ChangeView(
        anchor=change.anchor,
        kind=change.kind,
        kind_text=KIND_TEXT[change.kind],
        label=unit.label,
        old_label=change.old.label if change.renumbered and change.old else None,
        old_href=relative(here, version_dir(document, old)) + f"#{change.old.anchor}"
        if change.old else None,
        new_href=relative(here, version_dir(document, new)) + f"#{change.new.anchor}"
        if change.new else None,
        title=change.title,
        text=change.text,
        comments=tuple(links.get(change.anchor, ())),
    )
