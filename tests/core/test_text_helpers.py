"""Folding, Polish sorting and Polish dates."""

from datetime import date

from ngosite.core.folding import fold, folded_variants
from ngosite.core.polish_dates import polish_date
from ngosite.core.sorting import polish_key


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


def test_front_matter_keeps_every_title_yaml_can_hold():
    # JSON writes some characters raw that YAML refuses (C1 controls, DEL, U+FFFE) or reads as
    # line breaks; MkDocs would then drop the whole front matter and title the page by its
    # file name.
    import html

    import yaml

    from ngosite.core.templating import page_from_html

    for title in ["Fundacja Kontrolna\x80 Test", "a\x85b\u2028c\u2029d", "x\x7fy\ufffe\uffff",
                  "Stowarzyszenie „Razem” 😀", 'cudzysłów " i ukośnik \\', "a: b # c", "---"]:
        page = page_from_html("organizacje/x.md", title, "<p>treść</p>", hide=["toc"])
        front = yaml.safe_load(page.markdown.split("---\n")[1])
        assert html.unescape(front["title"]) == title
        assert front["hide"] == ["toc"]
