"""The theme's and our stylesheets as one file, loaded without blocking the first paint.

Every page linked eight stylesheets (the theme's two, our six) twice: as non-blocking links and
again inside ``<noscript>`` for visitors without JavaScript, 1.6 KB of every NGO page, and a
phone opened eight requests for them. The build joins them, in the order the pages linked
them, into one file named by its content (``assets/css/site-<digest>.css``): a page links it
once (and once in ``<noscript>``), and a browser keeps it until the stylesheets change. The
first screen's rules come first, from ``assets/css/critical.css`` (see ``critical_css``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

BUNDLE_DIR = "assets/css"
# A source map comment names a file beside the theme's own stylesheet, not beside the bundle;
# @charset is valid only as the very first thing of a file.
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")
_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')


def theme_stylesheets() -> list[Path]:
    """mkdocs-material's two stylesheets, as its ``base.html`` links them (names with a hash)."""
    import material  # the theme's package

    folder = Path(material.__file__).resolve().parent / "templates" / "assets" / "stylesheets"
    return [*sorted(folder.glob("main.*.min.css")), *sorted(folder.glob("palette.*.min.css"))]


def stylesheet_sources(docs_dir: Path, extra: Sequence[str]) -> list[Path]:
    """The stylesheets every page applies, in order: the theme's two, then ours
    (``extra.stylesheets`` in ``mkdocs.yml``, below ``docs/``)."""
    return [*theme_stylesheets(), *(docs_dir / name for name in extra)]


def bundle(sources: Iterable[Path]) -> tuple[str, bytes]:
    """``(path in the site, content)`` of the joined stylesheets."""
    parts = [_CHARSET.sub("", _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))).strip()
             for path in sources]
    content = ('@charset "UTF-8";\n' + "\n".join(parts) + "\n").encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{BUNDLE_DIR}/site-{digest}.css", content
