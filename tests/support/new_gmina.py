"""A made-up gmina started with ``ngosite init`` and built with ``ngosite build``, as a clerk
would: for the tests of a new gmina's project and its site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "project" / "fixtures"
NGOSITE = Path(sys.executable).with_name("ngosite")
SUB_PATH = "organizacje"
ANSWERS = ["--name", "Gmina Testowo", "--teryt", "1099992", "--powiat", "testowski",
           "--urzad", "Urząd Gminy Testowo", "--adres-urzedu", "ul. Lipowa 3, 99-123 Testowo",
           "--repozytorium", "https://github.com/gmina-testowo/organizacje",
           "--projekt", "Razem dla Testowa"]
# From the registers (PRG as GML, SIMC names completed with PRNG points), with a sample NGO
# and an address under a sub-path, as on a GitHub Pages project site.
FROM_REGISTERS = [*ANSWERS, "--granica", str(FIXTURES / "prg-gminy.gml"),
                  "--miejscowosci", str(FIXTURES / "simc.csv"),
                  "--miejscowosci", str(FIXTURES / "prng-miejscowosci.shp"), "--with-sample",
                  "--adres-serwisu", f"https://gmina-testowo.github.io/{SUB_PATH}/"]
# From the office's own files, and nothing else: every data folder absent.
FROM_OWN_FILES = [*ANSWERS, "--granica", str(FIXTURES / "granica.geojson"),
                  "--miejscowosci", str(FIXTURES / "miejscowosci.csv")]


def ngosite(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    return subprocess.run([str(NGOSITE), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)


def init_and_build(folder: Path, options: list[str]) -> tuple[Path, str]:
    """The project folder and everything ``ngosite build`` printed; fails on any error."""
    made = ngosite("init", str(folder), *options)
    assert made.returncode == 0, made.stdout + made.stderr
    built = ngosite("build", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    return folder, built.stdout + built.stderr
