"""The data files made in the background are moved into the site, not copied."""

from __future__ import annotations

from pathlib import Path

from ngosite.site import GeneratedAsset, _prepared_site, move_tree, placed_assets


def _written(folder: Path, *paths: str) -> list[GeneratedAsset]:
    assets = []
    for path in paths:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(path, encoding="utf-8")
        assets.append(GeneratedAsset(path, b"", source=folder / path))
    return assets


def test_a_folder_missing_in_the_site_is_renamed_whole_and_one_present_is_merged(tmp_path):
    work, site = tmp_path / "site" / ".ngosite-pliki-x", tmp_path / "site"
    _written(work, "dodaj-organizacje/wpisy/osp-milki.json", "dane/organizacje.csv")
    entries = work / "dodaj-organizacje" / "wpisy"
    inode = entries.stat().st_ino
    (site / "dane").mkdir()
    (site / "dane" / "organizacje.csv").write_text("stary", encoding="utf-8")
    (site / "dane" / "index.html").write_text("strona", encoding="utf-8")
    move_tree(work, site)
    assert (site / "dodaj-organizacje" / "wpisy").stat().st_ino == inode  # moved, not copied
    assert (site / "dane" / "organizacje.csv").read_text(encoding="utf-8") == \
        "dane/organizacje.csv"
    assert (site / "dane" / "index.html").read_text(encoding="utf-8") == "strona"
    assert [p for p in work.rglob("*") if p.is_file()] == []


def test_a_file_that_cannot_be_moved_stays_for_mkdocs_to_copy(tmp_path):
    site = tmp_path / "site"
    work = site / ".ngosite-pliki-x"
    assets = _written(work, "dane/organizacje.csv", "mapa/punkty.json")
    (site / "mapa").write_text("a file where the folder goes", encoding="utf-8")
    placed = {asset.path: asset.source for asset in placed_assets(assets, work, site)}
    assert placed["mapa/punkty.json"] == work / "mapa" / "punkty.json"
    assert placed["dane/organizacje.csv"] == site / "dane" / "organizacje.csv"
    assert all(source.is_file() for source in placed.values())


def test_the_work_folder_of_a_killed_build_is_removed_and_the_site_made(tmp_path):
    site = tmp_path / "site"
    _written(site / ".ngosite-pliki-old", "dane/organizacje.csv")
    assert _prepared_site(site, ".ngosite-pliki-") == site
    assert list(site.iterdir()) == []
    assert _prepared_site(tmp_path / "new" / "site", ".ngosite-pliki-") == \
        tmp_path / "new" / "site"
    assert _prepared_site(None, ".ngosite-pliki-") is None
