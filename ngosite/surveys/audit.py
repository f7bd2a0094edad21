"""``ngosite surveys audit``: check a published wave the way an attacker would read it.

From ``wyniki.yml`` alone (what anyone can download) it solves, for every hidden number, the
tightest interval the published numbers allow (``attack``). With the respondents' file as
well (staff only) it also knows which hidden numbers are small counts, and checks the
protection the guide promises: each one's interval reaches both 0 and the threshold, so a
count of 1–4 can be told neither from nobody nor from a number safe to publish. It also
checks that the published file is what that respondents' file gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ngosite.settings.surveys import SurveySettings

from .answers import Respondent
from .attack import AttackModel, Interval
from .design import Key, WaveDesign
from .disclosure import TOTAL, primary_cells
from .loaded import LoadedSurvey
from .protection import covers, pinned_by_zero
from .tables import count_wave


@dataclass
class AuditReport:
    slug: str
    numbers: int
    intervals: dict[Key, Interval]
    threshold: int  # hide_up_to + 1
    primary: int = 0  # small counts checked (only with the respondents' file)
    failures: list[tuple[Key, Interval]] = field(default_factory=list)
    mismatches: list[Key] = field(default_factory=list)

    @property
    def narrowest(self) -> Interval | None:
        return min(self.intervals.values(), key=lambda i: i.width, default=None)

    @property
    def narrow(self) -> list[Key]:
        """Hidden numbers an attacker can place in fewer values than the threshold."""
        return [k for k, i in self.intervals.items() if i.width < self.threshold]


def audit(loaded: LoadedSurvey, settings: SurveySettings,
          respondents: Sequence[Respondent] | None = None) -> AuditReport:
    wave = loaded.published
    design = WaveDesign.of(loaded.survey)
    model = AttackModel(design)
    hidden = sorted(wave.hidden, key=repr)
    k = max(wave.note.hide_up_to, settings.hide_up_to)
    m = max(wave.note.group_minimum, settings.group_minimum)
    if respondents is None:
        intervals = model.intervals(wave.values, hidden) if hidden else {}
        return AuditReport(loaded.slug, len(model.numbers()), intervals, k + 1)
    # With the respondents' file the small counts are known: solving for them alone is what
    # the protection promises (and half the work of solving for every hidden number).
    counts = count_wave(design, respondents)
    primary = primary_cells(counts.values, design.tables(), hide_up_to=k, group_minimum=m)
    asked = sorted((key for key in primary if key in wave.hidden), key=repr)
    intervals = model.intervals(wave.values, asked) if asked else {}
    report = AuditReport(loaded.slug, len(model.numbers()), intervals, k + 1)
    report.mismatches = [key for key, value in wave.values.items()
                         if counts.values.get(key) != value]
    report.primary = len(asked)
    for key, target in sorted(primary.items(), key=lambda kv: repr(kv[0])):
        interval = intervals.get(key)
        if interval is None:
            # Shown: fine for a 0 a published zero fixes; a small count shown is a failure.
            if counts.values[key] != 0:
                report.failures.append((key, Interval(counts.values[key],
                                                      counts.values[key])))
        elif not covers(interval, target, pinned=pinned_by_zero(design, wave.values, key)):
            report.failures.append((key, interval))
    return report


def describe(survey: LoadedSurvey, key: Key) -> str:
    """A number's place in words: „q4, Według wieku: 18–29 lat, odpowiedź raz”."""
    if key[0] == "size":
        _, b, group = key
        if b is None:
            return "liczba wszystkich odpowiedzi"
        return f"{survey.survey.breakdowns[b].title}: liczebność grupy {group}"
    _, unit, b, group, category = key
    where = "wszyscy" if b is None or group == TOTAL else \
        f"{survey.survey.breakdowns[b].title}: {group}"
    return f"{unit}, {where}, odpowiedź {category}"
