"""``ngosite build``/``serve`` print MkDocs' log in Polish: its routine lines translated, our
hook's lines as they are, any other English line followed by what to do."""

from __future__ import annotations

import logging

from ngosite.cli.mkdocs_log import polish_line


def _record(name: str, level: int, text: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, text, None, None)


def test_routine_lines_are_translated_and_notes_dropped() -> None:
    assert polish_line(_record("mkdocs.commands.build", logging.INFO,
                               "Documentation built in 1.57 seconds")) == \
        "Serwis zbudowany w 1,57 s."
    assert polish_line(_record("mkdocs.livereload", logging.INFO,
                               "[12:30:05] Serving on http://127.0.0.1:8000/")).startswith(
        "Podgląd serwisu: http://127.0.0.1:8000/")
    assert polish_line(_record("mkdocs.plugins", logging.INFO, "Some plugin note")) is None


def test_a_broken_link_is_said_in_polish_with_the_file() -> None:
    line = polish_line(_record("mkdocs.structure.pages", logging.WARNING,
                               "Doc file 'o-projekcie.md' contains a link 'nie-ma.md', but the "
                               "target is not found among documentation files."))
    assert line == ("UWAGA: docs/o-projekcie.md: odnośnik „nie-ma.md” prowadzi do strony, "
                    "której nie ma w serwisie; popraw go albo usuń.")


def test_an_unknown_english_warning_is_followed_by_what_to_do() -> None:
    line = polish_line(_record("mkdocs.config", logging.WARNING, "Something odd happened"))
    assert line is not None and line.startswith("UWAGA: Something odd happened\n  ")
    assert "popraw wskazany plik" in line


def test_our_hooks_lines_are_printed_as_they_are() -> None:
    text = "ngos/x.yml:3:1: błąd: pole „nazwa”: pole jest wymagane"
    assert polish_line(_record("mkdocs.hooks.ngo_pages", logging.ERROR, text)) == text
