"""One root cause, one message: echoes of a broken file fold into one line per kind of file."""

from __future__ import annotations

from ngosite.core.problems import Problem, summarise_references, unpublished_reference


def _echo(file: str, line: int) -> Problem:
    return Problem(file, line, 3, "organizacja",
                   unpublished_reference("wpis organizacji „osp-x”", "ngos/osp-x.yml"))


def test_references_fold_into_one_line_per_kind_of_referring_file() -> None:
    cause = Problem("ngos/osp-x.yml", 4, 16, "zweryfikowano", "data jest z przyszłości")
    other = Problem("ngos/kgw-y.yml", 2, 1, "nazwa", "pole jest puste")
    echoes = [_echo("data/targi/2027.yml", 41), _echo("data/targi/2027.yml", 137),
              _echo("badania/a/badanie.yml", 145), _echo("badania/b/badanie.yml", 146),
              *[_echo("badania/c/badanie.yml", n) for n in range(10, 16)],
              _echo("sprawozdania/osp-x", 1)]
    kept = sorted(summarise_references([cause, other, *echoes]))
    assert [p.file for p in kept] == ["badania/a/badanie.yml", "data/targi/2027.yml",
                                      "ngos/kgw-y.yml", "ngos/osp-x.yml", "sprawozdania/osp-x"]
    surveys, fair = kept[0].message, kept[1].message
    assert "jeszcze w 7 miejscach plików badania/" in surveys
    assert "badania/b/badanie.yml:146" in surveys and "i 2 inne" in surveys
    assert "jeszcze w 1 miejscu plików data/targi/ (data/targi/2027.yml:137)" in fair
    assert fair.endswith("wszystkie znikną po poprawieniu ngos/osp-x.yml")
    # a single reference keeps its message as it was
    assert kept[4] == echoes[-1]
    assert cause in kept and other in kept
