"""``ngosite consultation import``: a comment in every form staff receive it becomes the same
report entry; ``dokument.yml`` changes only by the inserted lines; personal data stays on the
terminal; a comment sent twice is recognised."""

from __future__ import annotations

import email.policy
import shutil
import subprocess
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from support.consultation_project import (
    PROGRAMME,
    REPO,
    comment_values,
    consultation_project,
)

from ngosite.cli import main
from ngosite.consultations.form import MAX_MAILTO_LENGTH
from ngosite.consultations.identifier import make_identifier
from ngosite.consultations.importing import prepare_import
from ngosite.consultations.rules import ImportOptions
from ngosite.consultations.submission_text import (
    mail_text,
    mailto_href,
    message_text,
    quote_uri,
)
from ngosite.consultations.units import quote_of
from ngosite.core.atomic import write_text_atomically
from ngosite.pipeline import load_registry

TODAY = date(2026, 12, 5)
TITLE = "Wieloletni Program Współpracy"
DOCUMENT = PROGRAMME
RESIDENT = comment_values(nadawca="mieszkaniec", organizacja=None,
                          imie_i_nazwisko="Bożydar Przecinek-Wężyk",
                          kontakt="bozydar.przecinek@example.org",
                          uzasadnienie="Pierwszy akapit: z dwukropkiem # i „cudzysłowem”.\n\n"
                                       "  - wcięty punkt\nostatnia linia")


WORDING_5_2 = ("Współpraca finansowa polega na: 1) powierzaniu wykonywania zadań publicznych "
               "wraz z udzieleniem dotacji na ich sfinansowanie; 2) wspieraniu wykonywania zadań…")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return consultation_project(tmp_path / "project")


def _import(project: Path, raw: bytes, **options):
    registry = load_registry(project, today=TODAY)
    replace = options.pop("replace", False)
    return prepare_import(registry, raw, "uwaga.txt", TODAY, ImportOptions(**options),
                          replace=replace)


def _comments(project: Path) -> list[dict]:
    data = yaml.safe_load((project / DOCUMENT).read_text(encoding="utf-8"))
    return data["wersje"][2]["konsultacje"]["uwagi"]


def _apply(project: Path, outcome) -> None:
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.new_text is not None
    write_text_atomically(outcome.path, outcome.new_text)


def assert_only_inserted(before: bytes, after: bytes, insertion) -> None:
    """Byte for byte, ``after`` is ``before`` with lines inserted at one place."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    start = insertion.first_line - 1
    assert insertion.rewritten == 0
    assert new[:start] + new[start + insertion.inserted:] == old
    assert len(new) == len(old) + insertion.inserted


def test_a_residents_comment_becomes_a_report_entry_without_personal_data(project: Path):
    before = (project / DOCUMENT).read_bytes()
    outcome = _import(project, message_text(RESIDENT, TITLE).encode())
    _apply(project, outcome)
    after = (project / DOCUMENT).read_bytes()
    entry = _comments(project)[-1]
    assert entry == {"nadawca": "osoba fizyczna", "data": date(2026, 12, 1),
                     "dotyczy": "§ 5 ust. 2", "brzmienie": WORDING_5_2,
                     "tresc": RESIDENT["uzasadnienie"],
                     "propozycja": RESIDENT["propozycja"],
                     "identyfikator": "PW3-5.2-1201-1432-K7"}
    assert b"Przecinek" not in after and b"bozydar" not in after
    register = "\n".join(outcome.register())
    assert "Bożydar Przecinek-Wężyk" in register and "bozydar.przecinek@example.org" in register
    assert_only_inserted(before, after, outcome.insertion)
    # A second comment goes after the first, again without touching anything else.
    other = comment_values(identyfikator="PW3-5.2-1202-0901-AB")
    second = _import(project, message_text(other, TITLE).encode())
    _apply(project, second)
    assert_only_inserted(after, (project / DOCUMENT).read_bytes(), second.insertion)
    # The project still loads without errors, and the entry waits for the office's answer.
    registry = load_registry(project, today=TODAY)
    assert not [str(p) for p in registry.errors]


def test_an_eml_with_quoted_printable_and_format_flowed_reads_the_same(project: Path):
    message = EmailMessage(policy=email.policy.default)
    message["From"] = "Mieszkanka <m@example.org>"
    message["To"] = "konsultacje@milki.example.pl"
    message["Subject"] = "Uwaga do konsultacji"
    text = message_text(RESIDENT, TITLE)
    # format=flowed as Thunderbird sends it: long lines broken after a space, space-stuffed.
    flowed = []
    for line in text.split("\n"):
        stuffed = " " + line if line.startswith((" ", ">", "From ")) else line
        while len(stuffed) > 40 and " " in stuffed[20:40]:
            cut = stuffed.rindex(" ", 20, 40) + 1
            flowed.append(stuffed[:cut])
            stuffed = stuffed[cut:]
        flowed.append(stuffed)
    message.set_content("\n".join(flowed), cte="quoted-printable")
    message.set_param("format", "flowed")
    outcome = _import(project, bytes(message))
    direct = _import(project, text.encode())
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.submission == direct.submission
    assert outcome.new_text == direct.new_text


def test_a_reply_a_hard_wrapped_mail_and_an_issue_body_read_the_same(project: Path):
    text = message_text(RESIDENT, TITLE)
    direct = _import(project, text.encode()).submission
    quoted = "W dniu 15.09 Mieszkanka pisze:\n" + "".join(f"> {line}\n" for line in
                                                         text.split("\n"))
    assert _import(project, quoted.encode()).submission == direct
    issue = ("### Uwaga\n\n```yaml\n" + message_text(RESIDENT, TITLE, public=True) + "```\n"
             "\n### Potwierdzenie\n\n- [X] Rozumiem\n").replace("\n", "\r\n")
    from_issue = _import(project, issue.encode()).submission
    assert from_issue is not None and from_issue.person is None
    assert from_issue.text == direct.text and from_issue.identifier == direct.identifier
    # Indentation pasted as no-break spaces (copied from a web mail's view).
    nbsp = text.replace("\n  ", "\n\u00a0\u00a0")
    assert _import(project, nbsp.encode()).submission == direct
    # A mail program that breaks long lines hard: the wrapped line is joined, with a warning.
    long = comment_values(uzasadnienie="słowo " * 30 + "koniec")
    wrapped = message_text(long, TITLE).replace("słowo słowo koniec", "słowo słowo\nkoniec")
    outcome = _import(project, wrapped.encode())
    assert outcome.ok and outcome.submission.text == long["uzasadnienie"]
    assert [p.severity.value for p in outcome.problems] == ["warning"]


def test_a_comment_sent_twice_is_recognised_and_a_correction_replaces_it(project: Path):
    raw = message_text(comment_values(), TITLE).encode()
    _apply(project, _import(project, raw))
    count = len(_comments(project))
    again = _import(project, raw)
    assert again.ok and again.already == count and again.new_text is None
    corrected = message_text(comment_values(uzasadnienie="Poprawiona treść."), TITLE).encode()
    refused = _import(project, corrected)
    assert not refused.ok
    assert "z --replace" in str(refused.problems[-1])
    # The office answered the first one; the correction keeps the answer.
    path = project / DOCUMENT
    path.write_text(path.read_text(encoding="utf-8").replace(
        "          # stanowisko i uzasadnienie uzupełnia urząd (wymagane od dnia publikacji "
        "raportu)\n", "          stanowisko: wyjasnienie\n          uzasadnienie: Odpowiedź.\n"),
        encoding="utf-8")
    _apply(project, _import(project, corrected, replace=True))
    entries = _comments(project)
    assert len(entries) == count
    assert entries[-1]["tresc"] == "Poprawiona treść."
    assert (entries[-1]["stanowisko"], entries[-1]["uzasadnienie"]) == ("wyjasnienie",
                                                                      "Odpowiedź.")


def test_a_late_comment_is_written_as_late_only_when_staff_say_so(project: Path):
    raw = message_text(comment_values(data="2026-12-04"), TITLE).encode()
    registry = load_registry(project, today=date(2026, 12, 23))
    received = date(2026, 12, 22)
    letter = prepare_import(registry, raw, "list.txt", date(2026, 12, 23),
                            ImportOptions(received=received))
    assert not letter.ok
    _apply(project, prepare_import(registry, raw, "list.txt", date(2026, 12, 23),
                                   ImportOptions(received=received, late=True)))
    assert _comments(project)[-1]["po_terminie"] is True
    assert _comments(project)[-1]["data"] == received
    registry = load_registry(project, today=date(2026, 12, 23))
    assert not [str(p) for p in registry.problems if p.file == DOCUMENT.as_posix()
                and p.severity.value != "info"]


def test_another_entity_is_published_by_name(project: Path):
    values = comment_values(nadawca="inny_podmiot", organizacja=None,
                            podmiot="Szkoła Podstawowa w Miłkach", kontakt="sekretariat")
    _apply(project, _import(project, message_text(values, TITLE).encode()))
    entry = _comments(project)[-1]
    assert (entry["nadawca"], entry["podmiot"]) == ("inny podmiot",
                                                    "Szkoła Podstawowa w Miłkach")
    assert "sekretariat" not in (project / DOCUMENT).read_text(encoding="utf-8")


def test_the_command_prints_the_diff_and_the_register_and_writes(project: Path, capsys,
                                                                  monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", TODAY.isoformat())
    source = project / "uwaga.txt"
    source.write_text(message_text(RESIDENT, TITLE), encoding="utf-8")
    before = (project / DOCUMENT).read_bytes()
    assert main(["--root", str(project), "consultation", "import", "--dry-run",
                 str(source)]) == 0
    out = capsys.readouterr()
    assert "+        - nadawca: osoba fizyczna" in out.out
    assert "imię i nazwisko: Bożydar Przecinek-Wężyk" in out.out
    assert "--dry-run" in out.err and (project / DOCUMENT).read_bytes() == before
    assert main(["--root", str(project), "consultation", "import", str(source)]) == 0
    assert (project / DOCUMENT).read_bytes() != before
    assert "Dopisano uwagę PW3-5.2-1201-1432-K7" in capsys.readouterr().err
    assert main(["--root", str(project), "consultation", "import", str(source)]) == 0
    assert "nic nie zmieniono" in capsys.readouterr().out


def test_the_command_reports_problems_and_failures_in_polish(project: Path, capsys,
                                                             monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", TODAY.isoformat())
    assert main(["--root", str(project), "consultation", "import", "brak.txt"]) == 2
    assert capsys.readouterr().err.strip() == "Nie ma pliku brak.txt."
    assert main(["--root", str(project), "consultation", "import", "--received", "wczoraj",
                 "brak.txt"]) == 2
    assert "RRRR-MM-DD" in capsys.readouterr().err
    broken = project / "zla.txt"
    broken.write_text("Dzień dobry, mam uwagę.\n", encoding="utf-8")
    assert main(["--root", str(project), "consultation", "import", str(broken)]) == 1
    out = capsys.readouterr()
    assert "nie znaleziono uwagi" in out.out and "Nie dopisano uwagi" in out.err

    def boom(*args, **kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr("ngosite.cli.consultation.prepare_import", boom)
    source = project / "uwaga.txt"
    source.write_text(message_text(RESIDENT, TITLE), encoding="utf-8")
    assert main(["--root", str(project), "consultation", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Nieoczekiwany błąd" in err and "Traceback" not in err
    assert main(["--root", str(project), "consultation", "import", "--verbose",
                 str(source)]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_a_failed_write_leaves_the_file_as_it_was(project: Path, monkeypatch):
    outcome = _import(project, message_text(RESIDENT, TITLE).encode())
    before = (project / DOCUMENT).read_bytes()

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError):
        write_text_atomically(outcome.path, outcome.new_text)
    assert (project / DOCUMENT).read_bytes() == before
    assert [p.name for p in outcome.path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_comment_on_a_point_without_an_ustep_imports_without_a_warning(project: Path):
    """§ 1 pkt 1 was read back from its identifier as § 1 ust. 1: "tekst uwagi zmieniono"."""
    registry = load_registry(project, today=TODAY)
    document = next(d for d in registry.documents if d.slug == "program-wspolpracy")
    unit = document.version(3).text.by_label()["§ 1 pkt 1"]
    identifier = make_identifier("PW", 3, "§ 1 pkt 1", datetime(2026, 12, 1, 14, 32), "K7")
    values = comment_values(identyfikator=identifier, dotyczy="§ 1 pkt 1",
                            brzmienie=quote_of(unit))
    outcome = _import(project, message_text(values, TITLE).encode())
    assert outcome.ok and [str(p) for p in outcome.problems] == []
    assert identifier == "PW3-1..1-1201-1432-K7"


def test_each_placeholder_stays_under_its_own_comment(project: Path):
    """The office's line for stanowisko went under the last comment each time: three imports
    left three placeholders under the third comment and none under the first two."""
    for n, minute in enumerate(("01", "02", "03")):
        values = comment_values(identyfikator=f"PW3-5.2-1201-14{minute}-K{n + 7}")
        _apply(project, _import(project, message_text(values, TITLE).encode()))
    # A correction of the first one (--replace) takes its placeholder along, not a second one.
    values = comment_values(identyfikator="PW3-5.2-1201-1401-K7", uzasadnienie="Poprawka.")
    _apply(project, _import(project, message_text(values, TITLE).encode(), replace=True))
    text = (project / DOCUMENT).read_text(encoding="utf-8")
    tail = text[text.index("uwagi:", text.index("do: 2026-12-21")):]
    blocks = tail.split("        - nadawca:")[1:]
    assert len(blocks) == 3
    for block in blocks:
        assert block.count("# stanowisko i uzasadnienie uzupełnia urząd") == 1, block
        assert block.rstrip("\n").endswith("(wymagane od dnia publikacji raportu)"), block


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_a_residents_file_git_would_commit_is_refused(project: Path, capsys, monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", TODAY.isoformat())
    _git(project, "init", "-q")
    shutil.copy(REPO / ".gitignore", project / ".gitignore")
    text = message_text(RESIDENT, TITLE)
    exposed = project / "notatki" / "mieszkanka.md"
    exposed.parent.mkdir()
    exposed.write_text(text, encoding="utf-8")
    before = (project / DOCUMENT).read_bytes()
    assert main(["--root", str(project), "consultation", "import", str(exposed)]) == 2
    err = capsys.readouterr().err
    assert "plik notatki/mieszkanka.md leży w folderze repozytorium" in err
    assert "Przenieś plik poza repozytorium" in err
    assert (project / DOCUMENT).read_bytes() == before
    # The usual names are ignored, and a file outside the repository is read as before.
    for name in ("uwaga.eml", "uwaga.txt", "uwaga-PW3-1..1-1201-1432-K7.txt", "uwagi/a.txt",
                 "Odp. uwaga.msg"):
        path = project / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        assert main(["--root", str(project), "consultation", "import", "--dry-run",
                     str(path)]) == 0, name
    outside = project.parent / "poza-repozytorium.txt"
    outside.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "consultation", "import", "--dry-run",
                 str(outside)]) == 0


def _eml(text: str, sent: str) -> bytes:
    message = EmailMessage(policy=email.policy.default)
    message["From"] = "Mieszkanka <m@example.org>"
    message["To"] = "konsultacje@milki.example.pl"
    message["Date"] = sent
    message["Subject"] = "Uwaga do konsultacji"
    message.set_content(text)
    return bytes(message)


def test_the_emails_own_date_counts_and_a_different_one_is_warned_about(project: Path):
    """Written on 21 December (the last day), sent on the 28th: it was imported as on time."""
    text = message_text(comment_values(data="2026-12-21"), TITLE)
    registry = load_registry(project, today=date(2026, 12, 29))
    late = prepare_import(registry, _eml(text, "Mon, 28 Dec 2026 09:15:00 +0100"), "u.eml",
                          date(2026, 12, 29), ImportOptions())
    messages = [str(p) for p in late.problems]
    assert not late.ok
    assert any("różni się od daty wysłania wiadomości (28 grudnia 2026" in m
               and "uwaga:" in m for m in messages), messages
    assert any("uwaga wpłynęła 28 grudnia 2026, po terminie" in m for m in messages), messages
    accepted = prepare_import(registry, _eml(text, "Mon, 28 Dec 2026 09:15:00 +0100"), "u.eml",
                              date(2026, 12, 29), ImportOptions(late=True))
    _apply(project, accepted)
    assert (_comments(project)[-1]["data"], _comments(project)[-1]["po_terminie"]) == (
        date(2026, 12, 28), True)
    # Sent at 23:30 UTC on 21 December is 22 December in Miłki, not the same day.
    registry = load_registry(project, today=date(2026, 12, 29))
    night = prepare_import(registry, _eml(message_text(comment_values(
        data="2026-12-21", identyfikator="PW3-5.2-1221-2330-AB"), TITLE),
        "Mon, 21 Dec 2026 23:30:00 +0000"), "u.eml", date(2026, 12, 29), ImportOptions())
    assert any("wysłania wiadomości (22 grudnia 2026" in str(p) for p in night.problems)


def test_an_email_sent_the_day_it_was_written_imports_without_a_warning(project: Path):
    text = message_text(comment_values(), TITLE)  # data: 2026-12-01
    outcome = _import(project, _eml(text, "Tue, 01 Dec 2026 14:40:00 +0100"))
    assert outcome.ok and [str(p) for p in outcome.problems] == []


LONG_POLISH = ("Proszę o zmianę zapisu dotyczącego świetlic wiejskich i ich udostępniania "
               "organizacjom. ") * 8  # 700 characters, a quarter of them Polish letters


def test_a_longer_comment_still_fits_a_mailto_in_the_compact_form(project: Path):
    """The fixed text left about 390 characters of Polish for the comment in a 2,000-character
    mailto: link; the compact body (no title, no quote) carries twice as much, and imports to
    the same entry."""
    values = comment_values(nadawca="mieszkaniec", organizacja=None, propozycja=None,
                            imie_i_nazwisko="Bożydar Przecinek-Wężyk",
                            kontakt="bozydar.przecinek@example.org", brzmienie=WORDING_5_2,
                            uzasadnienie=LONG_POLISH.strip())
    email = "konsultacje@milki.example.pl"
    assert len(f"mailto:{email}?body={quote_uri(message_text(values, TITLE))}") > 2000
    href = mailto_href(email, values, TITLE, MAX_MAILTO_LENGTH)
    assert href is not None and len(href) <= MAX_MAILTO_LENGTH
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Uwaga konsultacyjna PW3-5.2-1201-1432-K7: § 5 ust. 2"]
    body = query["body"][0].replace("\r\n", "\n")
    assert body == mail_text(values, TITLE, compact=True) and "brzmienie" not in body
    compact, full = (_import(project, text.encode()) for text in (body, message_text(values,
                                                                                       TITLE)))
    assert compact.ok and [str(p) for p in compact.problems] == []
    assert compact.new_text == full.new_text  # the wording comes from the version
    # Past what even the compact form carries, the text goes by the clipboard.
    too_long = dict(values, uzasadnienie=LONG_POLISH * 2)
    assert mailto_href(email, too_long, TITLE, MAX_MAILTO_LENGTH) is None
