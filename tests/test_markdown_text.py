"""NGO Markdown never produces markup that can run."""

from html.parser import HTMLParser

from ngosite.markdown_text import render_markdown, summary

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
