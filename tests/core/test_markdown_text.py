"""NGO Markdown never produces markup that can run."""

from html.parser import HTMLParser

import nh3

from ngosite.core.markdown_text import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    URL_SCHEMES,
    render_markdown,
    summary,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "![x](x\" onerror=\"alert(1))",
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)>",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_payloads_are_inert():
    for payload in PAYLOADS:
        parser = _Elements()
        parser.feed(render_markdown(payload))
        for tag, attrs in parser.found:
            assert tag in {"p", "a"}, (payload, tag)
            assert all(not name.startswith("on") for name in attrs), (payload, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript"), payload


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


def test_markdown_formatting_survives_and_headings_are_demoted():
    html = render_markdown("# Tytuł\n\n**ważne** i [strona](https://milki.pl)\n\n- a\n- b")
    assert "<h3>Tytuł</h3>" in html and "<strong>ważne</strong>" in html
    assert '<a href="https://milki.pl" rel="nofollow noopener ugc">strona</a>' in html
    assert "<li>a</li>" in html


def test_summary_is_plain_text_cut_at_a_word():
    text = "**Straż** " + "pomaga mieszkańcom " * 30
    out = summary(text, 60)
    assert out.startswith("Straż pomaga") and out.endswith("…") and len(out) <= 61
    assert "<" not in out


# --- The prose fast path gives exactly what Python-Markdown gives ---------------------------

def _python_markdown(text: str) -> str:
    from ngosite.core.markdown_text import _MD

    return _MD.reset().convert(text)


def test_prose_fast_path_matches_python_markdown_on_random_texts():
    import random

    from ngosite.core.markdown_text import _plain_paragraphs

    # Polish prose, every character that means something to Markdown or HTML, and the odd
    # whitespace (no-break space, tab, line separators) Markdown treats in its own way.
    alphabet = list("abcąęłżźó ABC  .,;:!?()\"'-+–—/%@$0123456789\n\n\n"
                    "\u00a0\t*_`[]<>&#|~=\\\u2028\u3000\x85")
    rng = random.Random(2026)
    taken = 0
    for _ in range(40_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        fast = _plain_paragraphs(text)
        if fast is not None:
            taken += 1
            assert fast == _python_markdown(text), repr(text)
            # render_markdown gives such prose back without nh3: nh3 would not change it.
            assert nh3.clean(fast, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                             url_schemes=URL_SCHEMES) == fast, repr(text)
            assert render_markdown(text) == fast
    assert taken > 1_000  # the generator does reach the fast path


def test_prose_fast_path_is_taken_for_bundled_prose_and_refused_for_markdown():
    from ngosite.core.markdown_text import _plain_paragraphs

    prose = "Ochotnicza Straż Pożarna w Miłkach (OSP) działa od 1946 r.\nMa 25 członków.\n\n" \
            "Zaprasza na pokazy: „Bezpieczne wakacje” — 100% za darmo!"
    assert _plain_paragraphs(prose) == _python_markdown(prose)
    for markdown_text in ["- pierwszy\n- drugi", "1. krok", "**ważne**", "_ważne_", "# Tytuł",
                          "> cytat", "    kod", "[link](https://example.org)", "a  \nb",
                          "a &amp; b", "a <b>", "`kod`", "---", "linia\\\nłamana"]:
        assert _plain_paragraphs(markdown_text) is None, markdown_text


def test_plain_text_matches_an_html_parser_on_markdown_output():
    from ngosite.core.markdown_text import plain_text

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    for text in ["**Pogrubione** i _pochylone_, [link](https://example.org/?a=1&b=>2) koniec.",
                 "- jeden\n- dwa &amp; trzy\n\n> cytat <script>x</script>",
                 "Zwykła proza.\n\nDrugi akapit z „cudzysłowem” i 5 > 3.", *PAYLOADS]:
        parser = Text()
        parser.feed(render_markdown(text))
        assert plain_text(text) == " ".join(" ".join(parser.parts).split()), text
