"""The hub ``/konsultacje/`` and the home page's block of open consultations.

Both are built as of the build date and say so; a small script corrects states, countdowns and
groups from the visitor's date (``docs/assets/js/consultation-status.js``), so a site built on
Monday does not say "trwają" on Saturday after the end. Without JavaScript the build-date text
stays, with the date it was computed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import GeneratedPage, page_from_html
from ngosite.core.today import build_date
from ngosite.documents.render import relative
from ngosite.documents.urls import DOCUMENTS_DIR, FEED_FILE, report_dir, version_dir
from ngosite.organisations.registry import Registry
from ngosite.settings.consultations import DEFAULT_WHO

from .calendar import CALENDAR_FILE, calendar_url
from .form import FORM_ID
from .listing import (
    GROUPS,
    HUB_DIR,
    Item,
    Meeting,
    MeetingsFor,
    build_date_of,
    consultations,
    current,
    no_meetings,
    templates,
)

HOME_PAGE = "index.md"
HOME_MARKER = "<!-- ngosite:konsultacje -->"
STATUS_SCRIPT = "assets/js/consultation-status.js"


@dataclass(frozen=True)
class ItemView:
    item: Item
    title: str
    href: str
    form_href: str | None
    start: str
    end: str
    who: str
    status: str
    report_href: str | None
    following_href: str | None
    following_number: int | None
    meetings: tuple[Meeting, ...]
    sample: bool
    hidden: bool = False


def hub_page(registry: Registry, meetings: MeetingsFor = no_meetings) -> GeneratedPage:
    """``/konsultacje/``; ``meetings`` gives each consultation's meetings (events feature)."""
    here = f"{HUB_DIR}/"
    today = build_date_of(registry, build_date())
    views = [_view(registry, item, here, meetings) for item in consultations(registry)]
    settings = registry.settings
    body = templates().get_template("consultations_hub.html").render(
        settings=settings,
        config=settings.consultations,
        groups=[(code, title, [v for v in views if v.item.group == code])
                for code, title in GROUPS],
        any_sample=any(v.sample for v in views),
        today=today, today_text=polish_date(today),
        calendar_href=CALENDAR_FILE,
        calendar_url=calendar_url(settings.site_url),
        feed_href=relative(here, f"{DOCUMENTS_DIR}/{FEED_FILE}"),
        # No documents yet: no documents' page or feed to link to.
        documents_href=relative(here, f"{DOCUMENTS_DIR}/") if registry.documents else None,
        script_href=relative(here, STATUS_SCRIPT),
    )
    return page_from_html(f"{HUB_DIR}/index.md", "Konsultacje", body)


def home_block(registry: Registry, base: str) -> str:
    """The block on the home page: open consultations (or the next planned one) with a link to
    comment. Open and planned ones are all in the page, those not shown on the build date
    hidden, so the script can show what is current on the visitor's date."""
    today = build_date_of(registry, build_date())
    items = consultations(registry)
    shown = {id(i) for i in current(items)}
    views = [_view(registry, item, "", no_meetings, hidden=id(item) not in shown)
             for item in items if item.group in ("trwaja", "planowane")]
    html = templates().get_template("consultations_home.html").render(
        views=views, base=base, today=today, today_text=polish_date(today),
        hub_href=f"{base}{HUB_DIR}/", script_href=f"{base}{STATUS_SCRIPT}")
    # One raw HTML block in Markdown: no blank lines inside.
    return "\n".join(line for line in html.splitlines() if line.strip())


def _view(registry: Registry, item: Item, here: str, meetings: MeetingsFor, *,
          hidden: bool = False) -> ItemView:
    document, version, consultation = item.document, item.version, item.consultation
    href = relative(here, version_dir(document, version.number)) if here else \
        version_dir(document, version.number)
    following = document.following(version.number)
    reported = item.state.report_published
    return ItemView(
        item=item,
        title=document.meta.title,
        href=href,
        form_href=f"{href}#{FORM_ID}" if item.group != "zakonczone" else None,
        start=polish_date(consultation.start),
        end=polish_date(consultation.end),
        who=consultation.who or registry.settings.consultations.who or DEFAULT_WHO,
        status=item.state.text,
        report_href=_link(here, report_dir(document, version.number)) if reported else None,
        following_href=_link(here, version_dir(document, following.number))
        if following and item.group == "zakonczone" else None,
        following_number=following.number if following else None,
        meetings=tuple(dataclasses.replace(m, href=_link(here, m.href)) if m.href else m
                       for m in meetings(document, version)),
        sample=document.meta.sample,
        hidden=hidden,
    )


def _link(here: str, target: str) -> str:
    return relative(here, target) if here else target
