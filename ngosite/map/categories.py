"""What a pin's colour and symbol say: eight groups of the 38 statutory areas of activity.

Thirty-eight colours cannot be told apart on a map, so the areas are grouped into eight that a
resident recognises at a glance (a fire brigade, a sports club, a women's circle…). A pin takes
the group of the NGO's first area, the one it names as its main activity. Each group also has a
symbol, so the legend does not rely on colour alone (WCAG 1.4.1). White symbols on these colours
have a contrast of at least 4.5:1.

The symbols are Material Design Icons (Apache License 2.0) as shipped with mkdocs-material, which
the site already depends on; only their path data is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ngosite.organisations.vocabulary import PUBLIC_BENEFIT_AREAS

# The pin's outline in a 32×44 view box, tip at (16, 43); the symbol sits in its round head.
PIN_PATH = "M16 1C7.7 1 1 7.6 1 15.8C1 26.9 16 43 16 43S31 26.9 31 15.8C31 7.6 24.3 1 16 1Z"
SYMBOL_TRANSFORM = "translate(6 5.8) scale(.8333)"


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
    colour: str
    icon: str  # Material Design Icons name
    areas: tuple[str, ...]

    @property
    def icon_path(self) -> str:
        """SVG path data of the symbol (24×24 view box)."""
        return _icon_path(self.icon)


CATEGORIES: tuple[Category, ...] = (
    Category("bezpieczenstwo", "Bezpieczeństwo i ratownictwo", "#c62828", "fire",
             ("ratownictwo", "bezpieczenstwo", "pomoc_ofiarom", "obronnosc")),
    Category("pomoc", "Pomoc, zdrowie i seniorzy", "#ad1457", "hand-heart",
             ("pomoc_spoleczna", "wspieranie_rodziny", "pomoc_prawna", "integracja_spoleczna",
              "dzialalnosc_charytatywna", "zdrowie", "niepelnosprawnosc", "zatrudnienie",
              "seniorzy", "rodzina", "uzaleznienia", "integracja_cudzoziemcow")),
    Category("edukacja", "Edukacja, dzieci i młodzież", "#1565c0", "school",
             ("edukacja", "dzieci_i_mlodziez", "innowacje")),
    Category("kultura", "Kultura i tradycja", "#6a1b9a", "drama-masks",
             ("kultura", "tradycja_narodowa", "mniejszosci", "polonia", "kombatanci", "weterani",
              "promocja_polski")),
    Category("sport", "Sport i turystyka", "#b45309", "bike", ("sport", "turystyka")),
    Category("przyroda", "Przyroda i ekologia", "#2e7d32", "leaf", ("ekologia",)),
    Category("spolecznosc", "Społeczność lokalna", "#455a64", "account-group",
             ("wspolnoty_lokalne", "rozwoj_gospodarczy", "wolontariat", "rewitalizacja",
              "wspieranie_organizacji", "prawa_czlowieka", "rownosc_plci", "prawa_konsumentow",
              "integracja_europejska")),
)

_BY_AREA = {area: category for category in CATEGORIES for area in category.areas}


def category_of(areas: list[str] | tuple[str, ...]) -> Category:
    """The group of an NGO's first (main) area of activity."""
    return _BY_AREA[areas[0]]


def area_labels(category: Category) -> list[str]:
    return [PUBLIC_BENEFIT_AREAS[a].label for a in category.areas]


@cache
def _icon_path(name: str) -> str:
    svg = (files("material") / "templates" / ".icons" / "material" / f"{name}.svg").read_text(
        encoding="utf-8")
    paths = re.findall(r'<path d="([^"]+)"', svg)
    if len(paths) != 1:
        raise ValueError(f"icon {name}: expected one <path>, found {len(paths)}")
    return paths[0]
