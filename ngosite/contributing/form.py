"""The entry form on ``/dodaj-organizacje/``: its HTML, the data its script needs, its files.

Everything the browser checks comes from here, at build time: the field list and vocabularies
from the model (``entry_fields``), the messages from the Python validators (``form_rules``), the
localities from ``data/miejscowosci.yml`` and the addresses of the repository from
``data/gmina.yml``. The page stays static: no server of ours receives anything.

The page carries no list of the published entries: at 10,000 NGOs their names (a choice of
every entry) and identifiers (for the duplicate warnings) made it 1.9 MB, 212 KB gzip. The
browser fetches only what the person picks: the entries of one locality once it is chosen
(``lookup_files``), an entry's data when it is loaded, the addresses that hash alike to the one
typed, and the identifiers that end in the same two digits as the one typed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ngosite.core.templating import environment
from ngosite.core.today import build_date
from ngosite.geo.examples import GminaExamples
from ngosite.organisations.listings import url_slug
from ngosite.organisations.registry import Entry, Registry
from ngosite.organisations.rules import SLUG_PATTERN

from .entry_fields import Choice, FormField, Group, groups, leaves, model_keys, walk
from .entry_yaml import SCHEMA_COMMENT, dump_entry
from .form_rules import CROSS_RULES, form_messages, sample_entry
from .labels import SECTIONS

FORM_PAGE = "dodaj-organizacje.md"
FORM_MARKER = "<!-- ngosite:formularz-wpisu -->"
ENTRIES_DIR = "dodaj-organizacje/wpisy"
# The entries of each locality (for choosing one to edit) and the published identifiers by
# their last two digits (for the duplicate warnings): small files fetched when needed.
LOCALITIES_DIR = "dodaj-organizacje/miejscowosci"
IDENTIFIERS_DIR = "dodaj-organizacje/identyfikatory"
# The taken addresses, by a hash of the address into this many files (form.js hashes alike).
# Every file is written, empty or not, so that no lookup ends in a 404.
ADDRESSES_DIR = "dodaj-organizacje/adresy"
ADDRESS_FILES = 64
EXAMPLE_FILE = "dodaj-organizacje/wzor.yml"
ISSUE_TEMPLATE = "organizacja.yml"
# Browsers and GitHub refuse much longer addresses (GitHub answers 414 from about 8 KB).
MAX_URL_LENGTH = 8000

# The browser's format checks; tests hold each to the Python validator of the same name.
PATTERNS = {
    "krs": r"^[0-9]{10}$",
    "nip": r"^[0-9]{10}$",
    "regon": r"^(?:[0-9]{9}|[0-9]{14})$",
    "kod_pocztowy": r"^[0-9]{2}-[0-9]{3}$",
    "telefon": r"^(?:\+48)?[0-9]{9}$",
    "email": r"""^[^@\s<>"']+@[^@\s<>"']+\.[A-Za-z]{2,}$""",
    "url": r"""^https?://[^\s<>"'`]+\.[^\s<>"'`]+$""",
    "data": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "adres_strony": "^" + SLUG_PATTERN.pattern + "$",
}


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    help: str
    items: list[FormField | Group]


def form_tree(registry: Registry) -> Group:
    localities = tuple(Choice(loc.name, loc.name) for loc in registry.gazetteer.localities)
    return walk(vocabularies={"miejscowosci": localities})


def sections(tree: Group) -> list[Section]:
    """The form's fieldsets: a nested block of the entry is a section of its own."""
    by_key = {item.key: item for item in tree.fields}
    out: list[Section] = []
    placed: set[str] = set()
    for section_id, title, keys in SECTIONS:
        items: list[FormField | Group] = []
        help_text = ""
        for key in keys:
            item = by_key.get(key)
            if item is None:
                continue
            placed.add(key)
            if isinstance(item, Group) and len(keys) == 1:
                help_text = item.help
                items.extend(item.fields)
            else:
                items.append(item)
        out.append(Section(section_id, title, help_text, items))
    rest = [item for key, item in by_key.items() if key not in placed]
    if rest:
        out.append(Section("pozostale", "Pozostałe dane", "", rest))
    return out


def form_config(registry: Registry, today: date | None = None) -> dict[str, Any]:
    """What ``form.js`` reads from the page: fields, rules, messages, addresses."""
    today = today or build_date()
    tree = form_tree(registry)
    repository = registry.settings.repository
    base = repository.url.rstrip("/")
    office = registry.settings.office
    return {
        "fields": [_field_json(f) for f in leaves(tree)],
        "groups": {g.key: g.label for g in groups(tree)},
        "order": model_keys(),
        "patterns": PATTERNS,
        "messages": form_messages(tree, registry.gazetteer, today),
        "rules": [
            {"id": r.id, "when": r.when, "values": list(r.values), "field": r.field,
             "need": r.need, "at": r.show_at, "negate": r.negate}
            for r in CROSS_RULES
        ],
        "visibleWhen": visible_when(),
        "localities": {loc.name: loc.postal_code or "" for loc in registry.gazetteer.localities},
        "repository": {
            "github": urlsplit(base).netloc.lower() == "github.com",
            "newFile": f"{base}/new/{repository.branch}",
            "editFile": f"{base}/edit/{repository.branch}/ngos/",
            "newIssue": f"{base}/issues/new",
            "template": ISSUE_TEMPLATE,
        },
        "office": {"name": office.name, "email": office.email or ""},
        "maxUrlLength": MAX_URL_LENGTH,
        "schemaComment": SCHEMA_COMMENT,
        "entriesUrl": "wpisy/",
        "localityEntriesUrl": "miejscowosci/",
        "identifiersUrl": "identyfikatory/",
        "addressesUrl": "adresy/",
        "addressFiles": ADDRESS_FILES,
    }


def visible_when() -> dict[str, dict[str, Any]]:
    """Fields shown only for some value of another (``forma_prawna_opis`` at ``inna``)."""
    return {r.field: {"field": r.when, "values": list(r.values)}
            for r in CROSS_RULES if r.negate and r.need == "empty"}


def identifier_index(registry: Registry) -> dict[str, str]:
    """``"krs:0000123456" → slug`` for every published entry: the form warns of duplicates."""
    index: dict[str, str] = {}
    for entry in registry:
        for key in ("krs", "nip", "regon"):
            value = getattr(entry.org.identifiers, key)
            if value:
                index.setdefault(f"{key}:{value}", entry.slug)
    return index


def identifier_shard(key: str) -> str:
    """The file of ``"krs:0000123456"``: its last two digits (form.js picks it the same way;
    KRS numbers share their leading zeros, not their ends)."""
    return key[-2:]


def address_shard(slug: str) -> int:
    """The file of a page address: 32-bit FNV-1a of its (ASCII) characters modulo
    ``ADDRESS_FILES``, as ``addressShard`` in form.js computes it."""
    value = 0x811C9DC5
    for character in slug:
        value = ((value ^ ord(character)) * 0x01000193) & 0xFFFFFFFF
    return value % ADDRESS_FILES


def picker_localities(registry: Registry) -> list[dict[str, Any]]:
    """The localities to choose an entry from: name, file and how many entries it has."""
    counts: dict[str, int] = {}
    for entry in registry:
        counts[entry.org.address.locality] = counts.get(entry.org.address.locality, 0) + 1
    return [{"name": name, "file": url_slug(name), "count": counts[name]}
            for name in registry.localities_in_use()]


def lookup_files(registry: Registry) -> list[tuple[str, str]]:
    """``miejscowosci/<locality>.json`` (``[[slug, name]…]`` in directory order),
    ``identyfikatory/<00–99>.json`` (``{"krs:…": [slug, name]}``) and ``adresy/<0–63>.json``
    (``{slug: name}``)."""
    by_locality: dict[str, list[list[str]]] = {}
    for entry in registry:
        by_locality.setdefault(url_slug(entry.org.address.locality), []).append(
            [entry.slug, entry.org.name])
    names = {entry.slug: entry.org.name for entry in registry}
    shards: dict[str, dict[str, list[str]]] = {f"{n:02d}": {} for n in range(100)}
    for key, slug in identifier_index(registry).items():
        shards.setdefault(identifier_shard(key), {})[key] = [slug, names[slug]]
    addresses: list[dict[str, str]] = [{} for _ in range(ADDRESS_FILES)]
    for slug, name in names.items():
        addresses[address_shard(slug)][slug] = name
    files = [(f"{LOCALITIES_DIR}/{name}.json", _compact_json(rows))
             for name, rows in by_locality.items()]
    files.extend((f"{IDENTIFIERS_DIR}/{shard}.json", _compact_json(index))
                 for shard, index in sorted(shards.items()))
    files.extend((f"{ADDRESSES_DIR}/{n}.json", _compact_json(index))
                 for n, index in enumerate(addresses))
    return files


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def entry_json(entry: Entry) -> str:
    """One published entry as the form loads it for editing (the YAML keys, no defaults lost);
    compact, as only the form reads it (10,000 of them were 13 MB indented)."""
    data = entry.org.model_dump(mode="json", by_alias=True, exclude_none=True)
    return _compact_json({"adres_strony": entry.slug, "wpis": data})


def example_yaml(registry: Registry, today: date | None = None) -> str:
    """The downloadable ``wzor.yml``: placed in this gmina (its office's locality and postal
    code, a point of that locality, its starosta), so that a copy passes the build as it is."""
    examples = GminaExamples.of(registry.settings, registry.gazetteer)
    entry = sample_entry(today or build_date(), examples.locality, examples.postal_code,
                         starosta=examples.starosta, point=examples.point)
    return dump_entry(entry)


def render_form(registry: Registry, base: str, today: date | None = None) -> str:
    """The form's HTML: one raw block without blank lines (a blank line ends it in Markdown)."""
    tree = form_tree(registry)
    config = form_config(registry, today)
    html = environment().get_template("entry_form.html").render(
        sections=sections(tree),
        localities=picker_localities(registry),
        settings=registry.settings,
        visible_when=visible_when(),
        config_json=Markup(_script_json(config)),
        base=base,
        example=EXAMPLE_FILE.rsplit("/", 1)[-1],
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


def _field_json(f: FormField) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": f.key, "id": f.html_id, "kind": f.kind, "widget": f.widget, "label": f.label,
        "required": f.required, "issue": f.issue_id,
    }
    optional = {
        "group": ".".join(f.group), "requiredInGroup": f.required_in_group, "check": f.check,
        "maxLength": f.max_length, "minItems": f.min_items, "maxItems": f.max_items,
        "min": f.minimum, "max": f.maximum, "default": f.default,
    }
    data.update({k: v for k, v in optional.items() if v not in (None, "", False)})
    if f.choices:
        data["choices"] = [c.value for c in f.choices]
    return data


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no "</script>", no HTML comment openers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(r"[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def form_page_block(registry: Registry, base: str) -> str:
    return render_form(registry, base)


def form_assets(registry: Registry) -> list[tuple[str, str]]:
    """The files the form page links to: the example entry and each entry's current data."""
    files = [(EXAMPLE_FILE, example_yaml(registry))]
    files.extend((f"{ENTRIES_DIR}/{entry.slug}.json", entry_json(entry)) for entry in registry)
    files.extend(lookup_files(registry))
    return files


def form_link(registry: Registry, entry: Entry) -> Markup:
    """A line on the NGO's page: change the entry through the form, without knowing git."""
    return Markup(environment().get_template("entry_form_link.html").render(slug=entry.slug))
