"""``ngosite surveys check`` and ``ngosite surveys schema``, run as staff run them."""

from __future__ import annotations

import json

from support.survey_project import WAVES, survey_project

from ngosite.cli import main
from ngosite.surveys.schema import SCHEMAS, schema_text


def test_check_reports_only_survey_files_and_what_will_be_hidden(tmp_path, capsys):
    root = survey_project(tmp_path)
    (root / "ngos" / "uks-milki.yml").write_text("nazwa: [\n", encoding="utf-8")  # not ours
    assert main(["--root", str(root), "surveys", "check"]) == 0
    out, err = capsys.readouterr()
    assert "ngos/" not in out and out.strip() == "Wszystkie pliki są poprawne."
    assert f"badania/{WAVES[1]}/badanie.yml: n = 80; ukryte liczby: " in err
    assert "pominięte grupy: Według miejscowości: Dąbrówka" in err
    assert "Porównanie „mala”: fale mala-przed, mala-po." in err


def test_check_fails_on_a_broken_answers_file(tmp_path, capsys):
    root = survey_project(tmp_path)
    answers = root / "badania" / WAVES[0] / "odpowiedzi.csv"
    lines = answers.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0] + ",9,"
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--root", str(root), "surveys", "check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["file"], p["line"], p["key"]) for p in problems] == [
        (f"badania/{WAVES[0]}/odpowiedzi.csv", 4, "p3")]
    assert "„9” poza skalą 1–5" in problems[0]["message"]


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
        "badanie.schema.json", "sprawozdanie.schema.json"]
