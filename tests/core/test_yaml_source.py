"""Reading YAML with positions: what the author typed, where, and what YAML made of it."""

import dataclasses
import time
from pathlib import Path

from ngosite.core.limits import DATA_FILE, YamlLimits
from ngosite.core.yaml_source import format_key_path, read_yaml


def _read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = []
    return read_yaml(path, "ngos/x.yml", problems), problems


def test_values_keep_their_line_column_and_raw_text(tmp_path):
    doc, problems = _read(tmp_path, "nazwa: A\nidentyfikatory:\n  krs: 0000123456\n")
    assert problems == []
    assert doc.data["identyfikatory"]["krs"] == 42798  # YAML 1.1 octal: why we keep raw text
    assert doc.scalars[("identyfikatory", "krs")].raw == "0000123456"
    assert doc.locate(("identyfikatory", "krs")) == (3, 8)
    assert doc.locate(("identyfikatory", "krs"), key=True) == (3, 3)


def test_locate_falls_back_to_the_nearest_parent(tmp_path):
    doc, _ = _read(tmp_path, "adres:\n  miejscowosc: Miłki\n")
    # A missing field is reported where the fields of its parent start.
    assert doc.locate(("adres", "kod_pocztowy")) == (2, 3)


def test_duplicate_key_is_reported_with_the_first_line(tmp_path):
    doc, problems = _read(tmp_path, "nazwa: A\nopis: x\nnazwa: B\n")
    assert doc.data["nazwa"] == "A"
    assert [(p.line, p.key) for p in problems] == [(3, "nazwa")]
    assert "linii 1" in problems[0].message


def test_utf8_bom_is_accepted_and_windows_1250_is_not(tmp_path):
    doc, problems = _read(tmp_path, "\ufeffnazwa: Miłki\n")
    assert doc.data == {"nazwa": "Miłki"} and problems == []
    doc, problems = _read(tmp_path, "nazwa: Miłki\n".encode("cp1250"))
    assert doc is None and "UTF-8" in problems[0].message


def test_python_tags_are_refused(tmp_path):
    doc, problems = _read(tmp_path, "nazwa: !!python/object/apply:os.system ['true']\n")
    assert doc is None and "!" in problems[0].message
    doc, problems = _read(tmp_path, "nazwa: !!python/object:os.system {}\n")
    assert doc is None and problems[0].line == 1


def test_list_and_empty_and_syntax_errors_are_problems_not_exceptions(tmp_path):
    cases = [("- a\n- b\n", "listę"), ("", "pusty"), ("# tylko komentarz\n", "komentarze"),
             ("nazwa: \"A\n", "cudzysłów"), ("a:\n\tb: 1\n", "tabulacji")]
    for text, fragment in cases:
        doc, problems = _read(tmp_path, text)
        assert doc is None, text
        assert fragment in problems[0].message, (text, problems)


def test_invalid_date_stays_text_for_the_validator(tmp_path):
    doc, problems = _read(tmp_path, "zweryfikowano: 2026-02-30\n")
    assert problems == [] and doc.data["zweryfikowano"] == "2026-02-30"


def test_key_paths_read_like_yaml():
    path = ("kontakt", "media_spolecznosciowe", 1)
    assert format_key_path(path) == "kontakt.media_spolecznosciowe[1]"


def test_anchors_and_aliases_are_refused_before_they_expand(tmp_path):
    doc, problems = _read(tmp_path, "a: &a [*a]\n")
    assert doc is None and "odwołania" in problems[0].message
    levels = zip("abcdefg", "bcdefgh", strict=True)
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in levels)
    doc, problems = _read(tmp_path, laughs)
    assert doc is None and problems[0].line == 1  # the anchor an alias reuses


def test_control_character_is_located_and_named(tmp_path):
    doc, problems = _read(tmp_path, "nazwa: A\nopis: tekst\x0bdalej\n")
    assert doc is None
    assert (problems[0].line, problems[0].column) == (2, 12)
    assert "znak sterujący" in problems[0].message and "\n" not in problems[0].message


# Limits: each broken limit is one located message, found before the expensive step.

def test_deep_flow_nesting_is_refused_before_the_parser_sees_it(tmp_path):
    # 100,000 levels take libyaml 75 s and crash PyYAML's C composer; the scan refuses at once.
    started = time.perf_counter()
    lines = [" " + "[" * 1000] * 100 + [" " + "]" * 1000] * 100
    doc, problems = _read(tmp_path, "nazwa:\n" + "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert doc is None and "zagnieżdżone zbyt głęboko" in problems[0].message
    assert (problems[0].line, problems[0].column) == (2, 2 + DATA_FILE.max_depth)


def test_deep_block_nesting_is_refused_where_it_gets_too_deep(tmp_path):
    text = "nazwa: x\n" + "".join("  " * i + "a:\n" for i in range(40)) + "  " * 40 + "b\n"
    doc, problems = _read(tmp_path, text)
    assert doc is None and "zagnieżdżone zbyt głęboko" in problems[0].message
    assert problems[0].line == 2 + DATA_FILE.max_depth  # the root mapping is the first level


def test_brackets_in_text_quotes_and_comments_are_not_nesting(tmp_path):
    brackets = "[" * 30
    text = (f"nazwa: Koło {brackets}\nopis: \"{brackets} \\\" {brackets}\"\n"
            f"oferta: '{brackets} '' {brackets}'\n# {brackets}\nobszary: [[a], {{b: [c]}}]\n")
    doc, problems = _read(tmp_path, text)
    assert problems == [] and doc.data["obszary"] == [["a"], {"b": ["c"]}]


def test_a_line_too_long_is_named_with_its_length(tmp_path):
    doc, problems = _read(tmp_path, "nazwa: A\nopis: " + "x" * 20_000 + "\n")
    assert doc is None and (problems[0].line, problems[0].column) == (2, 10_001)
    assert "20006 znaków" in problems[0].message and "opis: |" in problems[0].message


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    doc, problems = _read(tmp_path, "opis: |\n" + ("  " + "x" * 80 + "\n") * 14_000)
    assert doc is None and "najwyżej 1,0 MB" in problems[0].message


def test_too_many_items_and_values(tmp_path):
    small = YamlLimits(max_bytes=10**6, max_line=1000, max_depth=5, max_items=3, max_values=20)
    path = tmp_path / "x.yml"
    path.write_text("nazwa: A\nobszary: [a, b, c, d]\n", encoding="utf-8")
    problems = []
    assert read_yaml(path, "ngos/x.yml", problems, small) is None
    assert problems[0].key == "obszary" and "ponad 3 elementów" in problems[0].message
    path.write_text("".join(f"k{i}: [1, 2]\n" for i in range(9)), encoding="utf-8")
    problems = []
    assert read_yaml(path, "ngos/x.yml", problems, dataclasses.replace(small, max_items=100)) \
        is None
    # the root, then a key, a list and two numbers a line: the 21st value is in line 5
    assert "ponad 20 wartości" in problems[0].message and problems[0].line == 5


def test_complex_keys_and_duplicate_collections_are_skipped_not_kept(tmp_path):
    doc, problems = _read(tmp_path, "? [a, b]\n: 1\nc: {d: 1}\nc: {e: [2]}\nf: 3\n")
    assert doc.data == {"?": 1, "c": {"d": 1}, "f": 3}
    assert [(p.line, p.key) for p in problems] == [(4, "c")]


def test_the_contribution_guide_states_every_limit():
    from ngosite.core.limits import (
        MAX_FILES_IN_FOLDER,
        MAX_TEXT_BYTES,
        MIB,
        PROJECT_FILE,
    )

    guide = (Path(__file__).resolve().parents[2] / "docs" / "dodaj-organizacje.md").read_text(
        encoding="utf-8")
    section = guide[guide.index("## Ograniczenia rozmiaru pliku"):]
    section = section[:section.index("\n## ")]

    def spaced(n: int) -> str:  # Polish thousands: 10 000, but 5000 (four digits stay)
        return f"{n:,}".replace(",", " ") if n >= 10_000 else str(n)

    for fact in (f"| {DATA_FILE.max_bytes // MIB} MB |", f"{spaced(DATA_FILE.max_line)} znaków",
                 f"{DATA_FILE.max_depth} poziomów", f"| {spaced(DATA_FILE.max_items)} |",
                 f"| {spaced(DATA_FILE.max_values)} |", f"| {spaced(MAX_FILES_IN_FOLDER)} |",
                 f"| {MAX_TEXT_BYTES // MIB} MB |", f"do {PROJECT_FILE.max_bytes // MIB} MB",
                 f"{spaced(PROJECT_FILE.max_items)} elementów"):
        assert fact in section, fact
