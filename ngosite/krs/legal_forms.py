"""The register's legal forms mapped onto the directory's vocabulary (``forma_prawna``).

The register writes the form in capitals (``STOWARZYSZENIE``), sometimes without Polish
letters; keys are compared folded. Some of our forms are not forms in law but kinds of
association, told apart by the name (``OCHOTNICZA STRAŻ POŻARNA …`` is an association in the
register). Every other form becomes ``inna`` with the register's wording as
``forma_prawna_opis``, and the import says so. README, "KRS register", has this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ngosite.core.folding import fold

# Register form → our slug.
MAPPED: dict[str, str] = {
    "STOWARZYSZENIE": "stowarzyszenie",
    "FUNDACJA": "fundacja",
    "STOWARZYSZENIE KULTURY FIZYCZNEJ": "klub_sportowy",
    "UCZNIOWSKI KLUB SPORTOWY": "uczniowski_klub_sportowy",
    "KOŁO GOSPODYŃ WIEJSKICH": "kolo_gospodyn_wiejskich",
}

# (register form, the name starts with, our slug): kinds of association known by their name.
BY_NAME: tuple[tuple[str, str, str], ...] = (
    ("STOWARZYSZENIE", "OCHOTNICZA STRAŻ POŻARNA", "ochotnicza_straz_pozarna"),
    ("STOWARZYSZENIE", "UCZNIOWSKI KLUB SPORTOWY", "uczniowski_klub_sportowy"),
    ("STOWARZYSZENIE", "LUDOWY KLUB SPORTOWY", "klub_sportowy"),
    ("STOWARZYSZENIE", "KLUB SPORTOWY", "klub_sportowy"),
    ("STOWARZYSZENIE", "GMINNY KLUB SPORTOWY", "klub_sportowy"),
)

# Forms met among NGOs in register S (or P) that our vocabulary has no word for: listed so the
# README can say what happens to them; any other unknown form is treated the same way.
UNMAPPED_KNOWN: tuple[str, ...] = (
    "ZWIĄZEK STOWARZYSZEŃ",
    "ZWIĄZEK SPORTOWY",
    "INNA ORGANIZACJA SPOŁECZNA LUB ZAWODOWA",
    "KÓŁKO ROLNICZE",
    "SPÓŁDZIELNIA SOCJALNA",
    "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
    "SAMODZIELNY PUBLICZNY ZAKŁAD OPIEKI ZDROWOTNEJ",
)

_FOLDED = {fold(key): slug for key, slug in MAPPED.items()}


@dataclass(frozen=True)
class MappedForm:
    slug: str
    other: str | None  # forma_prawna_opis, for ``inna``
    note: str | None  # what the clerk should know, in Polish


def map_legal_form(register_form: str, name: str) -> MappedForm:
    """Our ``forma_prawna`` (and description) for a register form and the entity's name."""
    folded_form, folded_name = fold(register_form).strip(), fold(name).strip()
    for form, prefix, slug in BY_NAME:
        if folded_form == fold(form) and folded_name.startswith(fold(prefix)):
            return MappedForm(slug, None, None)
    slug = _FOLDED.get(folded_form)
    if slug:
        return MappedForm(slug, None, None)
    described = register_form.strip().lower()[:120] or "forma z rejestru KRS"
    return MappedForm("inna", described, (
        f"forma prawna z rejestru „{register_form.strip()[:80]}” nie ma odpowiednika w katalogu: "
        "wpisano forma_prawna: inna z opisem; zmień ją, jeśli pasuje któraś z form katalogu"))
