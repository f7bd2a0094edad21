"""Reading YAML with positions: what the author typed, where, and what YAML made of it."""

from pathlib import Path

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
