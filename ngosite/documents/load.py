"""Read every ``documents/<document>/``: metadata, version texts, checksums, comparisons.

One folder is one document; its name is the document's permanent address
(``/dokumenty/<folder>/``). The folder holds ``dokument.yml`` and one ``wersja-<n>.md`` per
version. Every problem is collected into the registry's list; a document with errors is left out
of the site (the build fails anyway), the other documents stay.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType

from ngosite.core.limits import MAX_TEXT_BYTES, capped, text_too_big
from ngosite.core.problems import Problem, Severity, relative_name, with_guide
from ngosite.core.validate import problem_at, validate_document
from ngosite.core.yaml_source import SourceDocument, read_yaml

from .checksum import normalised_text, text_checksum
from .consultation import consultation_state
from .document import Document, LoadedVersion, comparison_pairs
from .model import METADATA_FILE, DocumentMeta, Version
from .rules import check_document
from .section_match import compare
from .text import parse_version

DOCUMENTS = "documents"
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def load_documents(root: Path, ngo_names: Mapping[str, str], today: date,
                   problems: list[Problem]) -> tuple[Document, ...]:
    """Every valid document below ``root/documents``; ``ngo_names`` maps NGO slugs to names."""
    folder = root / DOCUMENTS
    if not folder.is_dir():
        return ()
    ngo_files = {p.stem for p in (root / "ngos").glob("*.y*ml")} if (root / "ngos").is_dir() \
        else set()
    documents = []
    folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for path in capped(folders, DOCUMENTS + "/", problems):
        before = len(problems)
        document = _load_one(root, path, ngo_names, ngo_files, today, problems)
        if document is not None and not any(
                p.severity is Severity.ERROR for p in problems[before:]):
            documents.append(document)
    return tuple(documents)


def _load_one(root: Path, folder: Path, ngo_names: Mapping[str, str], ngo_files: set[str],
              today: date, problems: list[Problem]) -> Document | None:
    meta_path = folder / METADATA_FILE
    name = relative_name(meta_path, root)
    if not _SLUG.fullmatch(folder.name):
        problems.append(Problem(
            relative_name(folder, root), 1, 1, "",
            f"nazwa folderu „{folder.name}” nie nadaje się na adres strony: używaj tylko małych "
            "liter bez polskich znaków, cyfr i pojedynczych myślników, np. program-wspolpracy"))
        return None
    if not meta_path.is_file():
        problems.append(Problem(
            name, 1, 1, "",
            f"brak pliku {METADATA_FILE} z opisem dokumentu i jego wersji (wzór: "
            "documents/README.md)"))
        return None
    doc = read_yaml(meta_path, name, problems)
    if doc is None:
        return None
    before = len(problems)
    meta = validate_document(doc, DocumentMeta, problems)
    problems[before:] = [with_guide(p, "documents/README.md") for p in problems[before:]]
    if meta is None:
        return None
    versions = _load_versions(root, folder, doc, meta, today, problems)
    if versions is None:
        return None
    comparisons = {pair: compare(versions[pair[0] - 1].text, versions[pair[1] - 1].text)
                   for pair in comparison_pairs([v.number for v in versions])}
    document = Document(slug=folder.name, file=name, meta=meta, versions=tuple(versions),
                        today=today, comparisons=MappingProxyType(comparisons))
    check_document(doc, document, ngo_names, ngo_files, problems)
    _check_stray_files(root, folder, document, problems)
    return document


def _load_versions(root: Path, folder: Path, doc: SourceDocument, meta: DocumentMeta,
                   today: date, problems: list[Problem]) -> list[LoadedVersion] | None:
    versions: list[LoadedVersion] = []
    complete = True
    for index, version in enumerate(meta.versions):
        where = ("wersje", index, "wersja")
        if version.number != index + 1:
            problems.append(problem_at(
                doc, where,
                f"wersje numeruje się kolejno od 1, w kolejności publikacji: tu powinna być "
                f"wersja {index + 1}, a jest {version.number}"))
            complete = False
            continue
        path = folder / f"wersja-{version.number}.md"
        file = relative_name(path, root)
        if not path.is_file():
            problems.append(problem_at(
                doc, where,
                f"brak pliku z tekstem tej wersji: {file}; dodaj go albo usuń wersję z listy"))
            complete = False
            continue
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            problems.append(text_too_big(file, size))
            complete = False
            continue
        try:
            text = normalised_text(path.read_bytes())
        except UnicodeDecodeError:
            problems.append(Problem(file, 1, 1, "", "plik nie jest zapisany w kodowaniu UTF-8; "
                                                    "zapisz go ponownie jako UTF-8"))
            complete = False
            continue
        checksum = text_checksum(text)
        _check_checksum(doc, index, version, file, checksum, problems)
        state = consultation_state(version.consultation, today) if version.consultation \
            else None
        versions.append(LoadedVersion(version, file, parse_version(text, file, problems),
                                      checksum, state))
    return versions if complete else None


def _check_checksum(doc: SourceDocument, index: int, version: Version, file: str,
                    checksum: str, problems: list[Problem]) -> None:
    if version.checksum is None:
        problems.append(problem_at(
            doc, ("wersje", index, "wersja"),
            f"wersja {version.number} nie ma zapisanej sumy kontrolnej, więc nic nie chroni jej "
            "tekstu przed zmianą po publikacji; gdy tekst jest gotowy do publikacji, uruchom "
            "„ngosite documents checksum --write”", Severity.WARNING))
    elif version.checksum != checksum:
        problems.append(problem_at(
            doc, ("wersje", index, "suma_kontrolna"),
            f"tekst opublikowanej wersji {version.number} ({file}) zmienił się po publikacji "
            f"(suma kontrolna {checksum[:19]}… zamiast zapisanej {version.checksum[:19]}…); "
            "opublikowanej wersji nie wolno poprawiać: przywróć jej tekst (git checkout -- "
            f"{file}), a poprawkę opublikuj jako nową wersję (wersja-{version.number + 1}.md "
            "z opisem zmian w polu zmiany)"))


def _check_stray_files(root: Path, folder: Path, document: Document,
                       problems: list[Problem]) -> None:
    expected = {METADATA_FILE, *(f"wersja-{v.number}.md" for v in document.versions)}
    for path in sorted(folder.iterdir()):
        if path.name in expected or path.name.startswith("."):
            continue
        hint = (f"dopisz tę wersję do listy wersje w {METADATA_FILE}"
                if re.fullmatch(r"wersja-\d+\.md", path.name)
                else "pliki wersji nazywają się wersja-1.md, wersja-2.md…; przemianuj go "
                     "albo usuń")
        problems.append(Problem(relative_name(path, root), 1, 1, "",
                                f"plik nie jest opisany w {METADATA_FILE}, więc się nie "
                                f"opublikuje: {hint}", Severity.WARNING))
