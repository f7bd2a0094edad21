"""The comment form on the page of every version under consultation.

The page stays static: no server of ours receives anything. The form (``consultation_form.html``,
run by ``docs/assets/js/consultation-form.js``) checks the comment with the import's rules, makes
its identifier and the fixed text of ``submission_text``, and offers the channels: an e-mail
(``mailto:``), a print of the filled form, a file to download, a copy, a prefilled GitHub issue.
Everything the script needs comes from here at build time, in one JSON block: the version's
parts and their wording, the sub-units the picker offers after each unit (``kroki``: the page
lists only the first step, the preamble and the §§), the addresses, the limits, the messages.

Without JavaScript the page still says how to comment by e-mail and by post. Outside the
consultation period the form is closed and says why and when (the script corrects this from the
visitor's date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ngosite.core.polish_dates import polish_date
from ngosite.core.sorting import polish_key
from ngosite.documents.document import Document, LoadedVersion
from ngosite.documents.render import relative
from ngosite.documents.rules import ORGANISATION_WORDS, PERSON_WORD
from ngosite.documents.text import PREAMBLE
from ngosite.organisations.registry import Registry

from .identifier import SUFFIX_ALPHABET, document_code
from .issue_form import FIELD_ID, TEMPLATE_NAME
from .listing import templates
from .model import CONTACT_LIMIT, ENTITY_LIMIT, NAME_LIMIT, PROPOSAL_LIMIT, TEXT_LIMIT
from .settings_rules import announced
from .units import UnitChoice, first_step, next_steps, unit_choices

FORM_ID = "formularz-uwagi"
FORM_SCRIPT = "assets/js/consultation-form.js"
STATUS_SCRIPT = "assets/js/consultation-status.js"
# Outlook and the Windows shell cut a mailto: link after about 2,000 characters; Gmail's handler
# was measured at about 1,600. A longer comment goes by copy, file or print instead.
MAX_MAILTO_LENGTH = 2000
# GitHub answers 414 from about 8 KB of address.
MAX_ISSUE_URL_LENGTH = 8000

MESSAGES = {
    "nadawca": "Wybierz, kto zgłasza uwagę: organizacja, mieszkanka lub mieszkaniec, albo inny "
               "podmiot.",
    "organizacja": "Wybierz organizację z listy.",
    "podmiot": "Wpisz nazwę podmiotu, np. nazwę szkoły, parafii albo firmy.",
    "osoba": "To wygląda na imię i nazwisko, a nazwę podmiotu publikujemy w raporcie. Jeżeli "
             "zgłaszasz uwagę we własnym imieniu, wybierz wyżej „mieszkanka lub mieszkaniec”.",
    "dotyczy": "Wybierz, której części dokumentu dotyczy uwaga (albo „cały dokument”).",
    "uzasadnienie": "Wpisz treść uwagi: co proponujesz zmienić i dlaczego.",
    "za_dlugie": "Tekst jest za długi: {dlugosc} znaków, a można najwyżej {limit}. Skróć go.",
    "podsumowanie": "Popraw {liczba} {pola} w formularzu:",
    "zamkniete_przed": "Formularz jest zamknięty: konsultacje zaczną się {od}. Wtedy będzie "
                       "można tu zgłosić uwagę.",
    "zamkniete_po": "Formularz jest zamknięty: konsultacje zakończyły się {do}. Uwag już nie "
                    "przyjmujemy.",
    "skopiowano": "Skopiowano treść uwagi. Wklej ją w wiadomość e-mail albo w pismo.",
    "nie_skopiowano": "Nie udało się skopiować automatycznie: zaznacz treść uwagi poniżej "
                      "i skopiuj ją (Ctrl+C albo przytrzymaj palec na tekście).",
    "mailto_dlugi": "Uwaga jest za długa, by program pocztowy przyjął ją w odnośniku. Po "
                    "naciśnięciu przycisku treść uwagi trafi do schowka: wklej ją w "
                    "wiadomość (albo dołącz pobrany plik).",
    "github_dlugi": "Uwaga jest za długa, by przekazać ją w adresie zgłoszenia. Po naciśnięciu "
                    "przycisku treść trafi do schowka: wklej ją w pole „Uwaga” zgłoszenia.",
}


@dataclass(frozen=True)
class VersionAddon:
    """What a version's page shows of the consultation: the how-to near the top, the form
    after the text, and where each §'s "Zgłoś uwagę do tego fragmentu" button leads
    (``ngosite.documents.pages.VersionAddon``)."""

    intro: Markup
    form: Markup
    comment_href: str | None = f"#{FORM_ID}"


def version_addons(registry: Registry) -> Callable[[Document, LoadedVersion, str],
                                                   VersionAddon | None]:
    """For ``documents_pages``: the addon of each version under consultation (planned or open
    on the build date), None for the others."""
    under_way = {(d.slug, n) for d, n in announced(registry.documents)}

    def addon(document: Document, version: LoadedVersion, here: str) -> VersionAddon | None:
        if (document.slug, version.number) not in under_way:
            return None
        return form_addon(registry, document, version, here)

    return addon


def form_addon(registry: Registry, document: Document, version: LoadedVersion,
               here: str) -> VersionAddon:
    consultation = version.meta.consultation
    assert consultation is not None and version.state is not None
    today = document.today
    settings = registry.settings
    choices = unit_choices(version.text)
    context = {
        "settings": settings, "config": settings.consultations, "document": document,
        "version": version, "consultation": consultation, "today": today,
        "today_text": polish_date(today), "start": polish_date(consultation.start),
        "end": polish_date(consultation.end), "open": version.state.accepting_comments,
        "closed_text": closed_text(consultation.start, consultation.end, today),
        "parts": [(part, list(group)) for part, group in groupby(first_step(choices)[1:],
                                                                  key=lambda c: c.part)],
        "whole": choices[0], "preamble": any(c.label == PREAMBLE for c in choices),
        "organisations": sorted(((e.slug, e.org.name) for e in registry.entries),
                                key=lambda pair: polish_key(pair[1])),
        "limits": _limits(), "form_id": FORM_ID,
        "status_script": relative(here, STATUS_SCRIPT),
        "form_script": relative(here, FORM_SCRIPT),
        "config_json": Markup(script_json(form_config(registry, document, version, choices))),
    }
    env = templates()
    return VersionAddon(
        intro=Markup(env.get_template("consultation_intro.html").render(context)),
        form=Markup(env.get_template("consultation_form.html").render(context)))


def closed_text(start: date, end: date, day: date) -> str:
    """Why the form is closed on ``day`` ("" while it is open); the script says the same."""
    if day < start:
        return MESSAGES["zamkniete_przed"].format(od=polish_date(start))
    if day > end:
        return MESSAGES["zamkniete_po"].format(do=polish_date(end))
    return ""


def form_config(registry: Registry, document: Document, version: LoadedVersion,
                choices: list[UnitChoice]) -> dict[str, Any]:
    consultation = version.meta.consultation
    assert consultation is not None
    settings = registry.settings
    config = settings.consultations
    repository = settings.repository.url.rstrip("/")
    github = "github" in config.accepted and urlsplit(repository).netloc.lower() == "github.com"
    return {
        "dokument": document.slug, "tytul": document.meta.title,
        "kod": document_code(document.slug), "wersja": version.number,
        "od": consultation.start.isoformat(), "do": consultation.end.isoformat(),
        "dzienBudowy": document.today.isoformat(),
        "cytaty": {c.value: c.quote for c in choices if c.quote},
        "kroki": next_steps(choices),
        "email": config.email or "", "adresPocztowy": config.postal_address or "",
        "github": {"adres": f"{repository}/issues/new", "szablon": TEMPLATE_NAME,
                   "pole": FIELD_ID} if github else None,
        "limity": _limits(), "maksMailto": MAX_MAILTO_LENGTH,
        "maksAdres": MAX_ISSUE_URL_LENGTH, "znaki": SUFFIX_ALPHABET,
        "osoba": {"wzor": PERSON_WORD, "slowa": list(ORGANISATION_WORDS)},
        "komunikaty": MESSAGES,
        "wazne": config.accepted_texts(),
        "klauzula": config.rodo_clause or "",
    }


def _limits() -> dict[str, int]:
    return {"uzasadnienie": TEXT_LIMIT, "propozycja": PROPOSAL_LIMIT, "podmiot": ENTITY_LIMIT,
            "imie_i_nazwisko": NAME_LIMIT, "kontakt": CONTACT_LIMIT}


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no "</script>", no HTML comment openers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(r"[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)
