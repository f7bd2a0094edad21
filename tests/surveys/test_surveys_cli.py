"""``ngosite surveys publish``, ``audit``, ``check`` and ``schema``, run as staff run them."""

from __future__ import annotations

import re
import shutil

import yaml
from support.projects import ROOT
from support.survey_project import WAVES, answers_dir, sample_answers, survey_project

from ngosite.cli import main
from ngosite.surveys.schema import SCHEMAS, schema_text


def test_check_reports_only_survey_files_and_what_will_be_hidden(tmp_path, capsys):
    root = survey_project(tmp_path)
    (root / "ngos" / "uks-milki.yml").write_text("nazwa: [\n", encoding="utf-8")  # not ours
    assert main(["--root", str(root), "surveys", "check"]) == 0
    out, err = capsys.readouterr()
    assert "ngos/" not in out and out.strip() == "Wszystkie pliki są poprawne."
    assert f"badania/{WAVES[1]}/badanie.yml: n = 80; ukryte liczby: " in err
    assert "grupy bez wyników: Według miejscowości: Dąbrówka" in err
    assert "Porównanie „mala”: fale mala-przed, mala-po." in err


def test_publish_refuses_a_broken_answers_file_and_writes_nothing(tmp_path, capsys):
    root = survey_project(tmp_path / "project")
    answers = answers_dir(root) / f"{WAVES[0]}.csv"
    lines = answers.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0] + ",9,"
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (root / "badania" / WAVES[0] / "wyniki.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "surveys", "publish", str(answers),
                 "--badanie", WAVES[0], "--duplikaty"]) == 1
    out = capsys.readouterr().out
    assert f"{answers}:4:" in out and "„9” poza skalą 1–5" in out
    assert (root / "badania" / WAVES[0] / "wyniki.yml").read_text(encoding="utf-8") == before


def test_publish_refuses_a_respondents_file_inside_the_project(tmp_path, capsys):
    root = survey_project(tmp_path / "project")
    inside = root / "odpowiedzi.csv"
    shutil.copyfile(answers_dir(root) / f"{WAVES[0]}.csv", inside)
    assert main(["--root", str(root), "surveys", "publish", str(inside),
                 "--badanie", WAVES[0]]) == 1
    assert "leży w folderze serwisu, a repozytorium jest publiczne" in capsys.readouterr().out


def test_publish_writes_results_then_open_answers_wait_for_review(tmp_path, capsys):
    root = survey_project(tmp_path / "project")
    folder = root / "badania" / WAVES[1]
    (folder / "wyniki.yml").unlink()
    answers = answers_dir(root) / f"{WAVES[1]}.csv"
    review = answers.with_name(f"{answers.stem}-otwarte.yml")
    review.unlink()
    assert main(["--root", str(root), "surveys", "publish", str(answers),
                 "--badanie", WAVES[1], "--duplikaty"]) == 0
    err = capsys.readouterr().err
    assert f"Zapisano badania/{WAVES[1]}/wyniki.yml." in err
    assert "n = 80; ukryto " in err and "ma przedział od 0 do co najmniej progu" in err
    assert f"plik {review} zapisano" in err
    text = review.read_text(encoding="utf-8")
    assert "  publikuj: false" in text and "  publikuj: true" not in text
    # Staff approve one answer; publishing again without --otwarte keeps their work.
    review.write_text(text.replace("  publikuj: false", "  publikuj: true", 1),
                      encoding="utf-8")
    assert main(["--root", str(root), "surveys", "publish", str(answers),
                 "--badanie", WAVES[1], "--duplikaty"]) == 0
    assert "już istnieje i zostaje bez zmian" in capsys.readouterr().err
    assert "  publikuj: true" in review.read_text(encoding="utf-8")
    results = yaml.safe_load((folder / "wyniki.yml").read_text(encoding="utf-8"))
    assert results["otwarte"]["p4"]["opublikowane"] == []  # nothing before the review
    assert results["otwarte"]["p4"]["nieopublikowane"] > 0


def test_audit_with_the_respondents_file_proves_every_small_count_protected(tmp_path, capsys):
    root = survey_project(tmp_path / "project")
    answers = answers_dir(root) / f"{WAVES[1]}.csv"
    assert main(["--root", str(root), "surveys", "audit", WAVES[1],
                 "--odpowiedzi", str(answers)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Każda z \d+ małych liczb ma przedział od 0 do co najmniej 5: ochrona "
                     r"spełniona\.", out), out
    # Without it, the attacker's view: every hidden number's narrowest interval.
    assert main(["--root", str(root), "surveys", "audit"]) == 0
    out = capsys.readouterr().out
    assert out.count("Najwęższy przedział ukrytej liczby") == 2


def test_audit_of_the_sample_with_its_respondents_files(tmp_path, capsys):
    # The sample's committed results against the rows its generator makes: every small count
    # protected, and every published number equal to the count made from those rows.
    for slug, text in sample_answers().items():
        answers = tmp_path / f"{slug}.csv"
        answers.write_text(text, encoding="utf-8")
        assert main(["--root", str(ROOT), "surveys", "audit", slug,
                     "--odpowiedzi", str(answers)]) == 0
        out = capsys.readouterr().out
        assert "ochrona spełniona" in out and "BŁĄD" not in out, out


def test_schema_writes_stale_copies_and_check_reports_them(tmp_path, capsys):
    root = tmp_path
    (root / "data").mkdir()
    (root / "data" / "badanie.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(root), "surveys", "schema", "--check"]) == 1
    assert "data/badanie.schema.json: nieaktualny" in capsys.readouterr().err
    assert main(["--root", str(root), "surveys", "schema"]) == 0
    for path, (model, title, description) in SCHEMAS.items():
        assert (root / path).read_text(encoding="utf-8") == schema_text(model, title,
                                                                        description)
    assert main(["--root", str(root), "surveys", "schema", "--check"]) == 0
    assert main(["--root", str(root), "surveys", "schema", "--output",
                 str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "badanie.schema.json", "sprawozdanie.schema.json", "wyniki-badania.schema.json"]
