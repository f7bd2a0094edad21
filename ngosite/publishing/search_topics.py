"""What the search offers when it finds little: the nearest areas, localities and legal forms.

An empty result leaves a resident with nothing to try next. The worker then fetches
``search/pl/tematy.json`` (only then: it is not part of a search that found what it sought) and
links the lists whose words come nearest to the query: the list of an area of activity
(``/organizacje/obszary/<area>/``), of a locality (``/organizacje/miejscowosci/<name>/``), and
the directory filtered by a legal form (``/organizacje/?forma=<form>``). A topic's words are the
search keys of its label and description and of the groups of our own list of related words
(``data/pokrewne-ngo.yml``) that name it in ``dotyczy``: "futbol" leads to sport and to sports
clubs. Only areas, localities and forms that some NGO has are offered.
"""

from __future__ import annotations

import json
from collections import Counter

from ngosite.organisations.listings import DIRECTORY, listings
from ngosite.organisations.registry import Registry
from ngosite.organisations.vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS

from .polish_stem import STOP_WORDS
from .search_thesaurus import own_groups, phrase_key

FILE = "pl/tematy.json"
# Words of the statutory descriptions that say nothing about a topic.
GENERIC = frozenset(phrase_key(w) for w in (
    "działalność", "rzecz", "osób", "oraz", "także", "w tym", "kraju", "wpisane", "wpisany",
    "prowadzonej", "prowadzona", "przez", "albo", "formę", "inna", "forma"))


def _keys(*texts: str) -> list[str]:
    keys: dict[str, None] = {}
    for text in texts:
        for key in phrase_key(text).split("+"):
            if key and key not in GENERIC and key not in STOP_WORDS:
                keys[key] = None
    return list(keys)


def own_words() -> dict[str, list[str]]:
    """``"obszar:<slug>"``/``"forma:<slug>"`` → the words of our list's groups about it."""
    words: dict[str, list[str]] = {}
    for group in own_groups():
        for topic in group.get("dotyczy", []):
            words.setdefault(topic, []).extend(str(w) for w in group["slowa"])
    return words


def search_topics(registry: Registry) -> list[dict[str, object]]:
    """Every area, locality and legal form some NGO has: address (from the site root), label,
    kind, number of NGOs and search keys."""
    own = own_words()
    localities, areas = listings(registry)
    topics: list[dict[str, object]] = []
    for listing in areas:
        term = PUBLIC_BENEFIT_AREAS[listing.subject]
        topics.append({"u": f"{DIRECTORY}/{listing.path}", "n": term.label, "k": "obszar",
                       "c": len(listing.entries),
                       "w": _keys(term.label, term.description,
                                  *own.get(f"obszar:{term.slug}", ()))})
    for listing in localities:
        name = listing.subject
        topics.append({"u": f"{DIRECTORY}/{listing.path}", "n": name, "k": "miejscowosc",
                       "c": len(listing.entries), "w": _keys(name)})
    forms = Counter(entry.org.legal_form for entry in registry)
    for slug, term in LEGAL_FORMS.items():
        if forms[slug] and slug != "inna":
            topics.append({"u": f"{DIRECTORY}/?forma={slug}", "n": term.label, "k": "forma",
                           "c": forms[slug],
                           "w": _keys(term.label, term.description,
                                      *own.get(f"forma:{slug}", ()))})
    return topics


def topics_file(registry: Registry) -> str:
    return json.dumps(search_topics(registry), ensure_ascii=False, separators=(",", ":"))
