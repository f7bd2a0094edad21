"""Folding, Polish sorting and Polish dates."""

from datetime import date

from ngosite.folding import fold, folded_variants
from ngosite.polish_dates import polish_date
from ngosite.sorting import polish_key


def test_fold_handles_every_polish_letter():
    assert fold("Zażółć gęślą jaźń ŁĄKOWA") == "zazolc gesla jazn lakowa"


def test_folded_variants_only_for_words_that_change():
    assert folded_variants("Koło Gospodyń w Miłkach i Miłkach") == ["kolo", "gospodyn", "milkach"]


def test_polish_alphabetical_order():
    names = ["Żagiel", "Zorza", "Łąka", "Lipa", "Ćma", "Cis", "Koło Gospodyń", "Kołobrzeg"]
    assert sorted(names, key=polish_key) == [
        "Cis", "Ćma", "Koło Gospodyń", "Kołobrzeg", "Lipa", "Łąka", "Zorza", "Żagiel"]


def test_polish_date_uses_the_genitive():
    assert polish_date(date(2026, 11, 26)) == "26 listopada 2026"
    assert polish_date(date(2027, 2, 1)) == "1 lutego 2027"
