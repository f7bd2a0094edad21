"""A new gmina in an afternoon: ``ngosite init`` into a temporary folder, then ``ngosite build``
(strict), as the Polish guide docs/nowa-gmina.md tells a clerk.

Two small sites: Testowo from the state registers (PRG boundary as GML, SIMC names completed
with PRNG points) with one sample NGO and an address under a sub-path; and Testowo from the
office's own GeoJSON and CSV, with every data folder absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support.new_gmina import FROM_OWN_FILES, FROM_REGISTERS, init_and_build
from support.projects import ROOT as REPO_ROOT

pytestmark = pytest.mark.e2e
SAMPLE_GMINA = re.compile(r"miłk|milk|giżyc|gizyc|mazursk|rydzew", re.IGNORECASE)
MENU = re.compile(r'href="([^"]*)" class="md-nav__link')


@pytest.fixture(scope="module")
def registers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return init_and_build(tmp_path_factory.mktemp("rejestry") / "testowo", FROM_REGISTERS)


@pytest.fixture(scope="module")
def own_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return init_and_build(tmp_path_factory.mktemp("pliki") / "testowo", FROM_OWN_FILES)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name == "index.html")


def test_the_new_site_never_names_the_sample_gmina(registers) -> None:
    folder, _ = registers
    named = [f"{path.relative_to(folder)}:{n}" for path in folder.rglob("*") if path.is_file()
             and path.suffix in (".html", ".md", ".yml", ".json", ".geojson", ".xml", ".txt",
                                 ".csv", ".ics", ".js", ".css")
             for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                      .splitlines(), 1) if SAMPLE_GMINA.search(line)]
    assert named == []


def test_sitemap_lists_every_page_at_the_sites_address(registers) -> None:
    site = registers[0] / "site"
    urls = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    pages = _pages(site)
    assert len(urls) == len(pages) >= 12
    assert all(u.startswith("https://gmina-testowo.github.io/organizacje/") for u in urls)
    assert "https://gmina-testowo.github.io/organizacje/organizacje/stowarzyszenie-przykladowe/" \
        in urls
    assert 'href="/organizacje/assets/' in (site / "404.html").read_text("utf-8")


def test_the_new_site_loads_what_the_product_loads(registers) -> None:
    """The new gmina's configuration is a template of its own: a script or stylesheet added to
    the product's mkdocs.yml and not to the template would be missing from every new site (the
    search's help under a weak result was, until this test)."""
    product = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    new = yaml.safe_load((registers[0] / "mkdocs.yml").read_text("utf-8"))
    for key in ("theme", "extra_javascript", "plugins", "hooks", "markdown_extensions"):
        assert new[key] == product[key], key
    assert new["extra"]["stylesheets"] == product["extra"]["stylesheets"]
    home = (registers[0] / "site" / "index.html").read_text("utf-8")
    for script in product["extra_javascript"]:
        assert f'src="{script}"' in home, script


def test_the_registers_give_names_points_and_simc(registers) -> None:
    gazetteer = (registers[0] / "data" / "miejscowosci.yml").read_text("utf-8")
    assert gazetteer.count("- nazwa:") == 3  # the part of a village and the neighbour left out
    assert "Testowo-Kolonia" not in gazetteer and "Zielonka" not in gazetteer
    assert gazetteer.count("dokladnosc: sekunda") == 3 and "0999902" in gazetteer


def test_every_data_folder_absent_builds_with_only_what_exists_in_the_menu(own_files) -> None:
    folder, _ = own_files
    for absent in ("ngos", "documents", "wydarzenia", "badania", "sprawozdania", "data/targi"):
        assert not (folder / absent).exists(), absent
    menu = set(MENU.findall((folder / "site" / "index.html").read_text("utf-8")))
    assert {"organizacje/", "mapa/", "dodaj-organizacje/", "konsultacje/", "dane/"} <= menu
    assert not {m for m in menu if m.split("/")[0] in ("targi", "dokumenty", "wydarzenia",
                                                       "badania")}
    assert not (folder / "site" / "badania").exists()
    gazetteer = (folder / "data" / "miejscowosci.yml").read_text("utf-8")
    assert "Zagajnik" in gazetteer and "dokladnosc" not in gazetteer  # a CSV's points: no claim


def test_the_clerk_reads_polish_only(own_files) -> None:
    _, output = own_files
    english = [line for line in output.splitlines()
               if re.search(r"\b(the|is|not|Building|Documentation|Aborted|Option|INFO|WARNING)\b",
                            line)]
    assert english == [], english
    assert "Serwis zbudowany" in output and "informacja" in output
