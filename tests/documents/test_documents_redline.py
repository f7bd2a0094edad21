"""The version text parser, the section matcher and the word-level redline."""

from __future__ import annotations

import random
import time

from ngosite.core.problems import Problem, Severity
from ngosite.documents.redline import Segment, reading_text, word_diff
from ngosite.documents.section_match import compare, match_units
from ngosite.documents.text import anchor_of, canonical_label, parse_version


def parse(text: str, problems: list[Problem] | None = None):
    return parse_version(text, "wersja.md", problems if problems is not None else [])


def ops(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in segments if s.op in ("insert", "delete")]


def kinds(comparison) -> list[tuple[str, str | None, str | None]]:
    return [(c.kind, c.old.label if c.old else None, c.new.label if c.new else None)
            for c in comparison.changes]


# --------------------------------------------------------------------------- parser

RESOLUTION = """Na podstawie art. 18 ustawy uchwala się, co następuje:

# Rozdział 1. Cele

## § 1. Cele programu

1. Celem głównym jest partnerstwo.
2. Celami szczegółowymi są:
   1) wzmacnianie organizacji, w szczególności:
      a) kół gospodyń wiejskich,
      b) ochotniczych straży pożarnych;
   2) rozwój wolontariatu.

§ 2. 1. Program obowiązuje w latach 2027–2030.
2. Zmiany programu wymagają uchwały.

§ 3. Uchwała wchodzi w życie z dniem podjęcia.
"""


def test_units_get_legal_labels_and_anchors():
    text = parse(RESOLUTION)
    labels = [u.label for u in text.walk()]
    assert labels == [
        "wstęp", "§ 1", "§ 1 ust. 1", "§ 1 ust. 2", "§ 1 ust. 2 pkt 1",
        "§ 1 ust. 2 pkt 1 lit. a", "§ 1 ust. 2 pkt 1 lit. b", "§ 1 ust. 2 pkt 2",
        "§ 2", "§ 2 ust. 1", "§ 2 ust. 2", "§ 3"]
    by_label = text.by_label()
    assert by_label["§ 1"].title == "Cele programu"
    assert by_label["§ 1 ust. 2 pkt 1 lit. b"].anchor == "par-1-ust-2-pkt-1-lit-b"
    assert by_label["§ 2 ust. 1"].text == "Program obowiązuje w latach 2027–2030."
    assert by_label["§ 3"].text == "Uchwała wchodzi w życie z dniem podjęcia."
    assert text.parts == [(1, "Rozdział 1. Cele")]


def test_duplicate_label_is_an_error_and_a_numbering_jump_a_warning():
    problems: list[Problem] = []
    parse("## § 1.\n\n1. Tekst\n2. Tekst z datą do\n30. listopada\n\n## § 1. Znowu\n", problems)
    assert [(p.line, p.severity) for p in problems] == [
        (5, Severity.WARNING), (7, Severity.ERROR)]
    assert "ust. 30 następuje po ust. 2" in problems[0].message
    assert "§ 1 występuje drugi raz (pierwszy raz w linii 1)" in problems[1].message


def test_a_text_without_paragraphs_is_an_error():
    problems: list[Problem] = []
    parse("Sam tekst bez paragrafów.\n", problems)
    assert len(problems) == 1 and "nie ma żadnego paragrafu" in problems[0].message


def test_labels_typed_by_people_are_understood():
    assert canonical_label("§5 ust 2, pkt. 3") == "§ 5 ust. 2 pkt 3"
    assert canonical_label("§ 52a ust. 1 lit. B") == "§ 52a ust. 1 lit. b"
    assert canonical_label("cały dokument") == ""
    assert canonical_label("Wstęp") == "wstęp"
    assert canonical_label("rozdział 3") is None
    assert anchor_of("§ 52a ust. 1 pkt 2") == "par-52a-ust-1-pkt-2"


# --------------------------------------------------------------------------- matcher

def test_inserted_paragraph_renumbers_the_rest_without_rewriting_them():
    old = parse("## § 1. A\n\nAlfa beta gamma.\n\n## § 2. B\n\nDelta epsilon.\n\n"
                "## § 3. C\n\nZeta eta theta.\n")
    new = parse("## § 1. A\n\nAlfa beta gamma.\n\n## § 2. Nowy\n\nZupełnie nowa treść.\n\n"
                "## § 3. B\n\nDelta epsilon.\n\n## § 4. C\n\nZeta eta theta.\n")
    comparison = compare(old, new)
    assert kinds(comparison) == [("added", None, "§ 2")]
    assert [(c.old.label, c.new.label) for c in comparison.renumbered] == [
        ("§ 2", "§ 3"), ("§ 3", "§ 4")]


def test_removed_paragraph():
    old = parse("## § 1.\n\nPierwszy.\n\n## § 2.\n\nDrugi do usunięcia w całości.\n\n"
                "## § 3.\n\nTrzeci.\n")
    new = parse("## § 1.\n\nPierwszy.\n\n## § 2.\n\nTrzeci.\n")
    comparison = compare(old, new)
    assert kinds(comparison) == [("removed", "§ 2", None)]
    removed = comparison.changes[0]
    assert removed.anchor == "zmiana-usuniety-par-2"
    assert {s.op for s in removed.text} == {"delete"}
    assert [(c.old.label, c.new.label) for c in comparison.renumbered] == [("§ 3", "§ 2")]


def test_moved_paragraph_is_marked_moved_not_deleted_and_added():
    body = {n: f"Treść paragrafu o temacie {word} z kilkoma słowami." for n, word in
            ((1, "pierwszym"), (2, "drugim"), (3, "trzecim"))}
    old = parse("".join(f"## § {n}.\n\n{body[n]}\n\n" for n in (1, 2, 3)))
    new = parse(f"## § 1.\n\n{body[3]}\n\n## § 2.\n\n{body[1]}\n\n## § 3.\n\n{body[2]}\n")
    comparison = compare(old, new)
    assert kinds(comparison) == [("moved", "§ 3", "§ 1")]
    assert sorted((c.old.label, c.new.label) for c in comparison.renumbered) == [
        ("§ 1", "§ 2"), ("§ 2", "§ 3")]


def test_renamed_paragraph_shows_the_title_change_only():
    old = parse("## § 4. Środki\n\nNa realizację programu przeznacza się 180 000 zł.\n")
    new = parse("## § 4. Wysokość środków\n\nNa realizację programu przeznacza się 180 000 zł.\n")
    comparison = compare(old, new)
    assert kinds(comparison) == [("changed", "§ 4", "§ 4")]
    change = comparison.changes[0]
    assert ops(change.title) == [("insert", "Wysokość"), ("delete", "Środki"),
                                 ("insert", "środków")] or ops(change.title) == [
        ("delete", "Środki"), ("insert", "Wysokość środków")]
    assert change.text == ()


def test_renumbered_and_changed_paragraph_is_matched_by_content():
    old = parse("## § 1.\n\nKrótki.\n\n## § 2. Komisja\n\n1. Wójt powołuje komisję konkursową "
                "w drodze zarządzenia.\n2. W skład komisji wchodzą dwaj przedstawiciele wójta.\n")
    new = parse("## § 1.\n\nKrótki.\n\n## § 2.\n\nNowy paragraf o czymś innym.\n\n"
                "## § 3. Komisja\n\n1. Wójt powołuje komisję konkursową w drodze zarządzenia.\n"
                "2. W skład komisji wchodzą dwie osoby reprezentujące wójta.\n")
    comparison = compare(old, new)
    assert kinds(comparison) == [("added", None, "§ 2"), ("changed", "§ 2 ust. 2", "§ 3 ust. 2")]
    assert comparison.changes[1].renumbered
    assert ops(comparison.changes[1].text) == [
        ("delete", "dwaj przedstawiciele"), ("insert", "dwie osoby reprezentujące")]


def test_sub_units_are_matched_within_their_paragraph():
    old = parse("## § 1.\n\nZadania:\n1) sport;\n2) kultura;\n3) seniorzy.\n")
    new = parse("## § 1.\n\nZadania:\n1) sport;\n2) kultura i tradycja;\n3) seniorzy;\n"
                "4) turystyka.\n")
    assert kinds(compare(old, new)) == [
        ("changed", "§ 1 pkt 2", "§ 1 pkt 2"), ("changed", "§ 1 pkt 3", "§ 1 pkt 3"),
        ("added", None, "§ 1 pkt 4")]


def test_identical_versions_have_no_changes():
    text = parse(RESOLUTION)
    comparison = compare(text, parse(RESOLUTION))
    assert comparison.changes == [] and comparison.renumbered == ()


def test_match_units_pairs_in_reading_order():
    old = parse("## § 1.\n\nSport i rekreacja.\n\n## § 2.\n\nKultura ludowa.\n").units
    new = parse("## § 1.\n\nSport i rekreacja.\n\n## § 2.\n\nOchrona jezior.\n").units
    pairs = [(a.label if a else None, b.label if b else None)
             for a, b, _ in match_units(old, new)]
    # What was removed comes before what replaced it, as in any diff.
    assert pairs == [("§ 1", "§ 1"), ("§ 2", None), (None, "§ 2")]


def test_find_prefers_the_exact_section_then_the_largest_inside():
    old = parse("## § 1.\n\nZadania:\n1) sport;\n2) kultura.\n")
    new = parse("## § 1.\n\nZadania:\n1) sport;\n2) kultura;\n3) turystyka i krajoznawstwo "
                "na szlakach wokół jezior.\n")
    comparison = compare(old, new)
    assert comparison.find(old_label="§ 1 pkt 2").new.label == "§ 1 pkt 2"
    assert comparison.find(old_label="§ 1").new.label == "§ 1 pkt 3"
    assert comparison.find(new_label="§ 1 pkt 3").kind == "added"
    assert comparison.find(old_label="§ 7") is None


# --------------------------------------------------------------------------- redline

LONG = ("Wójt przedkłada Radzie Gminy Miłki sprawozdanie z realizacji programu za każdy rok "
        "w terminie do dnia 31 maja roku następnego, a sprawozdanie publikuje się w Biuletynie "
        "Informacji Publicznej, na tablicy ogłoszeń urzędu gminy i w serwisie organizacji "
        "pozarządowych, tak aby każdy mieszkaniec mógł się z nim zapoznać bez wychodzenia "
        "z domu i bez zakładania konta w jakimkolwiek serwisie.")


def test_one_word_changed_in_a_long_paragraph_shows_only_nearby_context():
    segments = word_diff(LONG, LONG.replace("31 maja", "30 kwietnia"))
    assert ops(segments) == [("delete", "31 maja"), ("insert", "30 kwietnia")]
    assert segments[0].op == "elided" and segments[-1].op == "elided"
    shown = " ".join(s.text for s in segments if s.op == "equal")
    assert "terminie do dnia" in shown and "roku następnego" in shown
    assert "zakładania konta" not in shown and "Wójt" not in shown


def test_polish_letters_are_compared_as_letters():
    assert ops(word_diff("Zażółć gęślą jaźń.", "Zażółć gęślą jaźni.")) == [
        ("delete", "jaźń"), ("insert", "jaźni")]
    assert word_diff("Łąka", "Łąka") == ()


def test_punctuation_is_its_own_token():
    assert ops(word_diff("promocja.", "promocja;")) == [("delete", "."), ("insert", ";")]


def test_rewrapped_lines_are_not_a_change():
    assert word_diff("Program realizowany jest\nod 1 stycznia.",
                     "Program realizowany\njest od 1 stycznia.") == ()


def test_markdown_list_items_stay_on_their_own_lines():
    old = "Formy:\n\n- dotacje,\n- lokale."
    new = "Formy:\n\n- dotacje,\n- lokale,\n- szkolenia."
    segments = word_diff(old, new)
    inserted = " ".join(text for op, text in ops(segments) if op == "insert")
    assert "– szkolenia" in inserted and "dotacje" not in inserted
    assert any(s.op == "break" for s in segments)
    assert reading_text(new).splitlines() == ["Formy:", "– dotacje,", "– lokale,",
                                              "– szkolenia."]


def test_markdown_table_rows_are_compared_cell_by_cell():
    old = "| Zadanie | Kwota |\n|---|---|\n| sport | 70 000 zł |\n| kultura | 35 000 zł |"
    new = "| Zadanie | Kwota |\n|---|---|\n| sport | 70 000 zł |\n| kultura | 40 000 zł |"
    assert reading_text(old).splitlines()[1] == "sport | 70 000 zł"
    assert ops(word_diff(old, new)) == [("delete", "35"), ("insert", "40")]


def test_emphasis_and_links_do_not_count_as_words():
    assert word_diff("To **ważne** [tutaj](https://a.pl).", "To ważne tutaj.") == ()


# --------------------------------------------------------------------------- size

def _long_document(paragraphs: int, rng: random.Random) -> list[str]:
    words = ["organizacja", "gmina", "program", "zadanie", "publiczne", "środki", "konkurs",
             "oferta", "współpraca", "mieszkańcy", "sołectwo", "świetlica", "wolontariat",
             "sprawozdanie", "komisja", "dotacja", "umowa", "realizacja", "ocena"]
    lines = []
    for p in range(1, paragraphs + 1):
        lines.append(f"## § {p}. Paragraf {p}\n")
        for u in range(1, 6):
            sentence = " ".join(rng.choice(words) for _ in range(40))
            lines.append(f"{u}. {sentence.capitalize()}.")
        lines.append("")
    return lines


def test_a_fifty_page_document_changed_in_200_places_compares_quickly():
    # About 50 pages: 100 paragraphs × 5 ust. × 40 words = 20,000 words.
    rng = random.Random(7)
    lines = _long_document(100, rng)
    old_text = "\n".join(lines)
    changed = lines[:]
    targets = rng.sample([i for i, line in enumerate(changed) if line[:1].isdigit()], 200)
    for i in targets:
        words = changed[i].split()
        words[rng.randrange(2, len(words) - 1)] = "zmienione"
        changed[i] = " ".join(words)
    old, new = parse("\n".join(lines)), parse("\n".join(changed))
    assert len(old_text.split()) > 20_000
    started = time.perf_counter()
    comparison = compare(old, new)
    elapsed = time.perf_counter() - started
    assert len(comparison.changes) == 200
    assert elapsed < 10, f"comparison took {elapsed:.2f} s"
