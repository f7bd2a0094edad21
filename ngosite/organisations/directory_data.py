"""The data behind the directory's filters: every entry in a compact JSON file.

The first page of the directory shows ``PAGE_SIZE`` cards; its filters (area, locality, legal
form, free text) must still cover every entry. ``directory.js`` fetches this file on the first
use of a filter, not with the page: a resident who only looks at the list never downloads it.
Each entry is a row of small numbers pointing into the vocabularies written once at the top
(10,000 NGOs: about 1 MB, 150 KB gzip), and the text the free-text filter searches is made in
the browser from the same pieces (name, short name, locality, form, areas, target groups),
folded the way ``directory.js`` folds what is typed.
"""

from __future__ import annotations

import json

from .listings import url_slug
from .registry import Registry
from .vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS

DATA_FILE = "organizacje/katalog.json"
FORMAT = 1


def directory_data(registry: Registry) -> str:
    """``{"obszary": [[slug, label]…], "formy": …, "grupy": […], "miejscowosci": […],
    "organizacje": [[slug, name, short name, locality, form, [areas], [groups], opp]…]}``;
    localities are linked to their own lists by the same address rule as the static pages."""
    areas = list(PUBLIC_BENEFIT_AREAS)
    forms = list(LEGAL_FORMS)
    groups = list(TARGET_GROUPS)
    localities = sorted({e.org.address.locality for e in registry})
    area_at = {slug: i for i, slug in enumerate(areas)}
    form_at = {slug: i for i, slug in enumerate(forms)}
    group_at = {slug: i for i, slug in enumerate(groups)}
    locality_at = {name: i for i, name in enumerate(localities)}
    rows = [[e.slug, e.org.name, e.org.short_name or "", locality_at[e.org.address.locality],
             form_at[e.org.legal_form], [area_at[a] for a in e.org.areas],
             [group_at[g] for g in e.org.target_groups], int(bool(e.org.public_benefit))]
            for e in registry]
    return json.dumps({
        "format": FORMAT,
        "obszary": [[s, PUBLIC_BENEFIT_AREAS[s].label, url_slug(s)] for s in areas],
        "formy": [[s, LEGAL_FORMS[s].label] for s in forms],
        "grupy": [TARGET_GROUPS[s].label for s in groups],
        "miejscowosci": [[name, url_slug(name)] for name in localities],
        "organizacje": rows,
    }, ensure_ascii=False, separators=(",", ":"))
