"""The register's text is untrusted too: a script in a name, an address or the aims is written
as plain text into the entry and escaped on the NGO page."""

from __future__ import annotations

import dataclasses
from datetime import date

from support.krs_register import FIXTURES, new_project

from ngosite.krs.entry_files import entry_text
from ngosite.krs.mapping import draft_entry
from ngosite.krs.record import parse_current
from ngosite.organisations.pages import organisation_page
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)
PAYLOAD = "</script><script>window.__xss=1</script><img src=x onerror=alert(1)>"


def test_script_from_the_register_is_text_in_the_file_and_escaped_on_the_page(tmp_path):
    body = (FIXTURES / "S-0000100001-stowarzyszenie.json").read_bytes()
    record = dataclasses.replace(parse_current("0000100001", "S", body),
                                 name=f"STOWARZYSZENIE {PAYLOAD}", aims=PAYLOAD,
                                 street=f"UL. {PAYLOAD}", house="1\n2: [x]")
    project = new_project(tmp_path, with_ngos=False)
    draft = draft_entry(record, load_registry(project, today=TODAY).gazetteer, TODAY)
    (project / "ngos" / "x.yml").write_text(entry_text(draft.entry), encoding="utf-8")
    registry = load_registry(project, today=TODAY)
    assert not registry.errors, [str(p) for p in registry.errors]
    entry = registry.by_slug["x"]
    assert entry.org.identifiers.krs_name == f"STOWARZYSZENIE {PAYLOAD}"
    page = organisation_page(registry, entry, None)
    html = page.html or page.markdown
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
