"""Inputs of every shape for the loaders' property tests, and a budget that fits the test run.

A loader's promise is the same for every data kind: whatever bytes a file holds, loading gives
problems (file, position, Polish message) or valid data — never an exception, never a hang —
and a valid file beside a broken one still loads. The strategies here make YAML documents
from the keys the real files use (so the generated values reach the validators and the
cross-file rules, not only the parser), then break some of them: cut short, bytes inserted,
not UTF-8, nested or repeated past the limits.

Budget: ``NGOSITE_FUZZ_EXAMPLES`` examples per property (default 40, derandomized, so every run
tries the same inputs); before a release run e.g. ``NGOSITE_FUZZ_EXAMPLES=2000 scripts/test.sh
-m fuzz`` for a longer search.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
from collections.abc import Iterator

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("NGOSITE_FUZZ_EXAMPLES", "40"))
HANG_SECONDS = 20

fuzz_settings = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                         database=None, suppress_health_check=list(HealthCheck))


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail (instead of waiting forever) when the body runs longer than ``seconds``."""
    def _alarm(signum, frame):
        raise AssertionError(f"a loader took longer than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), _TEXT,
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["0000123456", "11-513", "Miłki", "osp-milki", "12:30", "no", "~",
                     "2026-13-45", "<script>alert(1)</script>", "{{ 7*7 }}", "${x}"]),
)


def documents(keys: list[str]) -> st.SearchStrategy[dict]:
    """Mappings whose keys are mostly the real ones (at any depth), values of any shape."""
    key = st.one_of(st.sampled_from(keys), _TEXT.filter(bool))
    values = st.recursive(_SCALARS, lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(key, inner, max_size=6)), max_leaves=25)
    return st.dictionaries(key, values, min_size=1, max_size=len(keys) + 2)


def _dump(data: dict, flow: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                          default_flow_style=flow)


@st.composite
def file_bytes(draw, keys: list[str], valid: list[dict] = ()) -> bytes:
    """The bytes of one data file: a generated or a real entry, maybe broken afterwards."""
    source = draw(st.one_of(documents(keys), st.sampled_from(list(valid) or [{}])))
    if valid and draw(st.booleans()):  # a real entry with a few values replaced
        source = {**draw(st.sampled_from(list(valid))), **draw(documents(keys))}
    text = _dump(source, draw(st.booleans()))
    damage = draw(st.sampled_from(["none", "none", "cut", "insert", "cp1250", "bom", "nest",
                                   "repeat", "control", "alias", "tag", "twice"]))
    if damage == "cut":
        text = text[:draw(st.integers(0, len(text)))]
    elif damage == "insert":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(
            [":", "- ", "\t", '"', "'", "[", "{", "}", "]", "&a ", "*a", "!!", "%YAML 1.1\n",
             "\n  ", "#", "---\n", "? ", "\x00", "\ufeff"])) + text[at:]
    elif damage == "cp1250":
        return text.encode("utf-8") + "ąęł".encode("cp1250")
    elif damage == "bom":
        text = "\ufeff" + text
    elif damage == "nest":
        depth = draw(st.integers(15, 5_000))
        text += "gleboko: " + "[" * depth + "]" * depth + "\n"
    elif damage == "repeat":
        text += "powtorzone:\n" + "  - x\n" * draw(st.integers(1, 20_000))
    elif damage == "control":
        text = text.replace(":", ":\x0b", 1)
    elif damage == "alias":
        text = "kotwica: &a [1, 2]\n" + text + "odwolanie: *a\n"
    elif damage == "tag":
        text = text.replace(": ", ": !!python/object:os.system ", 1)
    elif damage == "twice":
        text = text + "---\n" + text
    return text.encode("utf-8")


def model_keys(*models: type) -> list[str]:
    """Every YAML key (alias) of the pydantic models, at any depth: what real files say."""
    from pydantic import BaseModel

    keys: set[str] = set()
    todo = list(models)
    seen: set[type] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            keys.add(info.alias or name)
            stack = [info.annotation]
            while stack:
                kind = stack.pop()
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    todo.append(kind)
                stack.extend(getattr(kind, "__args__", ()))
    return sorted(keys)


# A small real project for the loaders: the bundled settings and localities, two NGOs.
NEIGHBOUR = "aaa-sasiad"


def small_project(root, repo) -> None:
    """``root`` gets the bundled data/ (without the fair), and one valid NGO that the property
    tests expect to load whatever happens to the file beside it. The neighbour has no
    identifiers, so a generated file cannot make it a duplicate."""
    import shutil

    shutil.copytree(repo / "data", root / "data", ignore=shutil.ignore_patterns("targi"))
    (root / "ngos").mkdir()
    entry = yaml.safe_load((repo / "ngos" / "seniorzy-milki.yml").read_text(encoding="utf-8"))
    entry.pop("identyfikatory", None)
    entry["nazwa"] = "Sąsiad z tej samej gminy"
    (root / "ngos" / f"{NEIGHBOUR}.yml").write_text(
        yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")


def real_entries(folder, pattern: str = "*.yml") -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob(pattern))]


def assert_problems_are_located(problems) -> None:
    for problem in problems:
        assert problem.file and problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and "Traceback" not in problem.message, problem
