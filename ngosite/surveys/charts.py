"""Static SVG bar charts made at build time from Jinja templates of our own.

Chosen on measurements (README, "Surveys"): matplotlib adds ~100 MB (173 MB with numpy) and
~10 KB per chart, vl-convert-python 83 MB and ~9 KB with a 1 s start; a template adds nothing
to install, writes about 3 KB per chart on the sample site in about a millisecond, and gives
full control of
what accessibility needs: ``role="img"`` with ``aria-labelledby`` on a ``<title>`` and a
one-sentence ``<desc>``, real ``<text>``, direct labels (the value in words beside every bar,
so colour is never the only cue), bars from zero, ids prefixed per chart, no randomness
(rebuilds are byte-identical).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ngosite.core.templating import environment

from .statistics import percent

# UK Government Analysis Function categorical palette: each ≥ 3:1 against white.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
# The drawing scales to the column's width: 400 units keep 13-unit text at 11.6 px on a
# 390 px phone (the content column is 358 px there) and at 15.6 px on a desktop (480 px).
WIDTH = 400
BAR_SPACE = 330  # 100% is this wide; the value text fits after it
LINE = 16  # a label line
BAR = 24  # the bar with its value, and the gap under it
LABEL_CHARACTERS = 52  # a label longer than this wraps (13-unit text, about 7 units a letter)


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # None: hidden
    colour: str = PALETTE[0]
    suffix: str = ""

    @property
    def hidden(self) -> bool:
        return self.share is None


def bar_chart(chart_id: str, title: str, summary: str, bars: list[Bar]) -> Markup:
    rows = []
    y = 0
    for bar in bars:
        width = 0 if bar.share is None else max(1, round(bar.share * BAR_SPACE))
        lines = wrap(bar.label)
        rows.append({"y": y, "lines": lines, "bar_y": y + LINE * len(lines) + 2,
                     "hidden": bar.hidden, "width": width, "colour": bar.colour,
                     "text": "" if bar.share is None else f"{percent(bar.share)}%{bar.suffix}"})
        y += LINE * len(lines) + BAR
    chart = {"id": chart_id, "title": title, "summary": summary, "width": WIDTH,
             "height": max(LINE + BAR, y), "bars": rows, "line": LINE}
    return Markup(environment().get_template("survey_chart.svg").render(chart=chart))


def wrap(label: str, width: int = LABEL_CHARACTERS) -> list[str]:
    """The label in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
