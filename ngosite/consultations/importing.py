"""``ngosite consultation import``: one comment from an e-mail, a downloaded file or an issue,
checked and appended to its version's ``uwagi`` in ``dokument.yml``.

The report entry gets ``osoba fizyczna`` for a resident: the name and contact are handed back
only for the office's own register (the command prints them on the terminal). A comment sent
again (the same identifier) is recognised: unchanged, nothing is written; changed, it replaces
the earlier one only when staff ask (``replace``). The new file is read back before it is
written: every other comment and every other field must come out exactly as before.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import read_yaml
from ngosite.documents.model import METADATA_FILE, Comment, DocumentMeta
from ngosite.documents.text import canonical_label
from ngosite.organisations.registry import Registry

from .model import SENDER_KINDS, Submission
from .rules import ImportOptions, Target, check_submission
from .submission_read import read_submission, yaml_from_text
from .units import WHOLE_TEXT, quote_of
from .yaml_insert import InsertError, Insertion, insert_comment, replace_comment


@dataclass
class ImportOutcome:
    problems: list[Problem] = field(default_factory=list)
    submission: Submission | None = None
    target: Target | None = None
    path: Path | None = None
    old_text: str = ""
    new_text: str | None = None  # None: nothing to write
    insertion: Insertion | None = None
    already: int | None = None  # the comment's number when it is already there, unchanged

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def diff(self) -> str:
        if self.new_text is None or self.path is None:
            return ""
        name = f"{self.target.document.file}" if self.target else str(self.path)
        return "".join(difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}"))

    def register(self) -> list[str]:
        """What the office keeps in its own register; never written to any file."""
        s = self.submission
        if s is None:
            return []
        lines = [f"identyfikator uwagi: {s.identifier}",
                 f"nadawca: {SENDER_KINDS[s.sender]}"]
        lines += [f"organizacja: {s.organisation}"] if s.organisation else []
        lines += [f"podmiot: {s.entity}"] if s.entity else []
        lines.append(f"imię i nazwisko: {s.person or 'nie podano'}")
        lines.append(f"kontakt: {s.contact or 'nie podano'}")
        lines.append(f"data uwagi: {s.written.isoformat()}")
        return lines


def prepare_import(registry: Registry, raw: bytes, source: str, today: date,
                   options: ImportOptions, *, replace: bool = False) -> ImportOutcome:
    """Everything up to writing: the checks, the new text of ``dokument.yml`` and its diff."""
    reading = read_submission(raw, source)
    outcome = ImportOutcome(problems=list(reading.problems), submission=reading.submission)
    if reading.submission is None or reading.doc is None:
        return outcome
    target, problems = check_submission(reading.submission, reading.doc, registry, today,
                                        options, reading.sent)
    outcome.problems.extend(problems)
    outcome.target = target
    if target is None or not outcome.ok:
        return outcome
    outcome.path = registry.root / "documents" / target.document.slug / METADATA_FILE
    outcome.old_text = outcome.path.read_bytes().decode("utf-8")
    _place(outcome, reading.submission, target, replace)
    return outcome


def _place(outcome: ImportOutcome, submission: Submission, target: Target,
           replace: bool) -> None:
    consultation = target.version.meta.consultation
    assert consultation is not None and outcome.path is not None
    version_index = target.version.number - 1
    fields = comment_fields(submission, target)
    existing = next((i for i, c in enumerate(consultation.comments)
                     if c.identifier == submission.identifier), None)
    try:
        if existing is None:
            outcome.insertion = insert_comment(outcome.old_text, version_index, fields)
        elif _same(consultation.comments[existing], dict(fields)) and not replace:
            outcome.already = existing + 1
            return
        elif not replace:
            outcome.problems.append(_resubmitted(outcome, version_index, existing))
            return
        else:
            old = consultation.comments[existing]
            kept = [(k, v) for k, v in (("stanowisko", old.response),
                                        ("uzasadnienie", old.reasons), ("zmiana", old.change))
                    if v is not None]
            outcome.insertion = replace_comment(outcome.old_text, version_index, existing,
                                                [*fields, *kept])
    except InsertError as exc:
        outcome.problems.append(Problem(target.document.file, 1, 1, "", str(exc)))
        return
    if _verified(outcome, version_index, existing, fields):
        outcome.new_text = outcome.insertion.text


def comment_fields(submission: Submission, target: Target) -> list[tuple[str, object]]:
    """The report entry, in the order of the bundled files."""
    fields: list[tuple[str, object]] = [("nadawca", target.sender)]
    if target.entity:
        fields.append(("podmiot", target.entity))
    fields.append(("data", target.received))
    if target.late:
        fields.append(("po_terminie", True))
    fields.append(("dotyczy", target.label or WHOLE_TEXT))
    unit = target.version.text.by_label().get(target.label) if target.label else None
    if unit is not None and quote_of(unit):
        # The version's own wording (the import checked the comment's quote against it).
        fields.append(("brzmienie", quote_of(unit)))
    fields.append(("tresc", submission.text))
    if submission.proposal:
        fields.append(("propozycja", submission.proposal))
    fields.append(("identyfikator", submission.identifier))
    return fields


def _same(comment: Comment, fields: dict[str, object]) -> bool:
    return (comment.sender, comment.entity, canonical_label(comment.section), comment.text,
            comment.proposal) == (fields["nadawca"], fields.get("podmiot"),
                                  canonical_label(str(fields["dotyczy"])), fields["tresc"],
                                  fields.get("propozycja"))


def _resubmitted(outcome: ImportOutcome, version_index: int, existing: int) -> Problem:
    assert outcome.path is not None and outcome.target is not None
    doc = read_yaml(outcome.path, outcome.target.document.file, [])
    line = doc.locate(("wersje", version_index, "konsultacje", "uwagi", existing))[0] \
        if doc else 1
    identifier = outcome.submission.identifier if outcome.submission else ""
    return Problem(outcome.target.document.file, line, 1, "",
                   f"uwaga {identifier} jest już w pliku (uwaga nr {existing + 1}) i ma inną "
                   "treść: to poprawka tej samej uwagi? Aby zastąpić nią poprzednią, uruchom "
                   "polecenie ponownie z --replace")


def _verified(outcome: ImportOutcome, version_index: int, existing: int | None,
              fields: list[tuple[str, object]]) -> bool:
    """Read the new text back: the comment is there and nothing else changed."""
    assert outcome.insertion is not None and outcome.target is not None
    name = outcome.target.document.file
    problems: list[Problem] = []
    old_doc = yaml_from_text(outcome.old_text, name, [])
    before = validate_document(old_doc, DocumentMeta, []) if old_doc is not None else None
    doc = yaml_from_text(outcome.insertion.text, name, problems)
    after = validate_document(doc, DocumentMeta, problems) if doc is not None else None
    if before is not None and after is not None:
        old = before.model_dump(by_alias=True)
        new = after.model_dump(by_alias=True)
        comments = new["wersje"][version_index]["konsultacje"]["uwagi"]
        added = comments.pop(len(comments) - 1 if existing is None else existing)
        if existing is not None:
            old["wersje"][version_index]["konsultacje"]["uwagi"].pop(existing)
        wanted = {k: v for k, v in fields}
        if old == new and all(added.get(k) == v for k, v in wanted.items()):
            return True
    outcome.problems.append(Problem(
        name, outcome.insertion.first_line, 1, "",
        "nie udało się bezpiecznie dopisać uwagi do pliku (po dopisaniu plik czytałby się "
        "inaczej); dopisz ją ręcznie — treść jest w pliku uwagi — i zgłoś ten przypadek "
        "administratorom serwisu"))
    return False
