"""The fair model and loader: times, the day the build takes as today, the sample edition."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from support.fair_project import EARLIER_EDITION, REPO, SAMPLE, new_project, write_fair

from ngosite.core.problems import Severity
from ngosite.fair.model import (
    ITEM_KINDS,
    Fair,
    Hours,
    Item,
    Stage,
    Stand,
    Venue,
    _clock,
    current_edition,
)
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(("value", "expected"), [
    ("10:30", time(10, 30)), ("9:05", time(9, 5)), (" 09:00 ", time(9)), ("23:59", time(23, 59)),
])
def test_clock_reads_quoted_times(value, expected):
    assert _clock(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    (750, 'YAML odczytał godzinę 12:30 napisaną bez cudzysłowu jako liczbę 750; zapisz ją '
          'w cudzysłowie: "12:30"'),
    (600, '"10:00"'),
    (10, 'wpisano samą liczbę 10; godzinę zapisz z minutami, w cudzysłowie: "10:00"'),
    ("12.30", '„12.30” nie jest godziną; wpisz ją w formacie GG:MM, w cudzysłowie, np. "12:30"'),
    ("24:00", 'np. "10:30"'),
    ("10:60", "nie jest godziną"),
    (12.5, 'wpisz godzinę w formacie GG:MM, w cudzysłowie, np. "10:30"'),
    (True, "wpisz godzinę"),
])
def test_clock_explains_what_yaml_made_of_a_time(value, message):
    with pytest.raises(ValueError) as caught:
        _clock(value)
    assert message in str(caught.value)


@pytest.fixture(scope="module")
def sample_registry():
    return load_registry(REPO, today=TODAY)


def test_sample_edition_is_valid_and_uses_the_bundled_ngos(sample_registry):
    fair_problems = [p for p in sample_registry.problems if p.file.startswith("data/targi/")]
    assert all(p.severity is Severity.INFO for p in fair_problems), fair_problems
    (edition,) = sample_registry.fairs
    fair = edition.fair
    assert edition.file == "data/targi/2027.yml" and edition.year == 2027
    assert 10 <= len(fair.programme) <= 15
    assert fair.date > date(2026, 11, 26) and fair.date.weekday() == 5, "a future Saturday"
    slugs = {e.slug for e in sample_registry.entries}
    assert set(edition.participants()) <= slugs
    assert len(edition.participants()) >= 12
    # Offers come from the NGOs' entries: the fair file has no offer field at all.
    assert "oferta:" not in SAMPLE.read_text(encoding="utf-8")
    assert "oferta" not in {f.alias for f in Fair.model_fields.values()}


def test_sample_venue_is_placed_inside_the_gmina(sample_registry):
    (edition,) = sample_registry.fairs
    location = edition.venue_location
    assert location is not None
    assert sample_registry.area.contains(location.lat, location.lon)
    assert edition.placeable().locality == "Miłki"
    assert current_edition(sample_registry.fairs) is edition


def test_status_follows_the_build_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = new_project(tmp_path)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8"))
    for today, status in (("2027-06-04", "przed"), ("2027-06-05", "dzis"),
                          ("2027-06-06", "po")):
        # The build sets no date: the registry takes NGOSITE_TODAY.
        monkeypatch.setenv("NGOSITE_TODAY", today)
        (edition,) = load_registry(root).fairs
        assert (edition.today.isoformat(), edition.status) == (today, status)
    (edition,) = load_registry(root, today=TODAY).fairs
    assert edition.today == TODAY, "an explicit date wins"


def test_newest_edition_is_current_and_older_ones_stay(tmp_path: Path):
    root = new_project(tmp_path)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8"))
    write_fair(root, 2026, EARLIER_EDITION)
    registry = load_registry(root, today=TODAY)
    assert [f.year for f in registry.fairs] == [2026, 2027]
    assert current_edition(registry.fairs).year == 2027  # type: ignore[union-attr]
    assert registry.fairs[0].status == "po"


def test_plain_stand_numbers_are_kept_as_typed(sample_registry):
    (edition,) = sample_registry.fairs
    assert [s.number for s in edition.fair.stands][:3] == ["1", "2", "3"]
    assert edition.stand_of("osp-milki").number == "2"  # type: ignore[union-attr]
    assert edition.stand_of("osp-ruda") is None


def test_items_of_an_ngo_are_in_time_order(sample_registry):
    (edition,) = sample_registry.fairs
    items = edition.items_of("fundacja-akademia-wspolpracy")
    assert [i.start for i in items] == sorted(i.start for i in items)
    assert len(items) == 3


def test_one_ngo_without_a_list_is_accepted(tmp_path: Path):
    root = new_project(tmp_path)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "organizacje: [kolo-pzw-milki]", "organizacje: kolo-pzw-milki")
    write_fair(root, 2027, text)
    (edition,) = load_registry(root, today=TODAY).fairs
    assert [i.title for i in edition.items_of("kolo-pzw-milki")] == [
        "Nauka wędkowania dla dzieci"]


def test_no_fair_folder_means_no_fair(tmp_path: Path):
    root = new_project(tmp_path)
    (root / "data" / "targi").rmdir()
    registry = load_registry(root, today=TODAY)
    assert registry.fairs == ()
    assert not registry.errors


def test_staff_guide_names_every_field_and_kind():
    guide = (REPO / "docs" / "jak-przygotowac-targi.md").read_text(encoding="utf-8")
    for model in (Fair, Hours, Venue, Stage, Stand, Item):
        for name, field in model.model_fields.items():
            assert f"{field.alias or name}:" in guide, f"{model.__name__}.{name}"
    for kind in ITEM_KINDS:
        assert kind in guide, kind
