"""Register text made readable: names, streets and statutory aims arrive in capitals.

``STOWARZYSZENIE PRZYJACIÓŁ ZIEMI MIŁKOWSKIEJ`` becomes a proposal, ``Stowarzyszenie Przyjaciół
Ziemi Miłkowskiej``; the clerk or the NGO corrects it where a capital letter means more than
this heuristic knows. The register's own spelling is kept beside it (``nazwa_w_krs``).
"""

from __future__ import annotations

import re

# Conjunctions and prepositions, written in lower case inside a Polish name ("Przyjaciół Miłek
# i Okolic", "Koło Gospodyń Wiejskich we Wronkach"), and the words of a status the register
# appends ("w likwidacji", "w upadłości", "w organizacji"), which are no part of the name.
_LOWER = {"i", "w", "we", "z", "ze", "na", "do", "dla", "od", "o", "pod", "przy", "nad", "im.",
          "oraz", "po", "u", "a", "ul.", "al.", "lub", "albo", "czy", "ani", "bez", "ku", "za",
          "przez", "przed", "między", "wobec", "wśród", "spod", "znad", "zza", "ponad", "poza",
          "np.", "tj.", "św."}
_STATUS = re.compile(r"\s+w\s+(likwidacji|upadłości|organizacji)\s*$", re.IGNORECASE)
_ACRONYMS = {"OSP", "UKS", "LKS", "KS", "GKS", "PZW", "KGW", "PTTK", "ZHP", "ZHR", "PCK", "RP",
             "SP", "ZS", "ZSP", "LO", "ZSO", "GOK", "GOPS", "OHP", "PTSR", "WOPR", "TPD",
             "PZERII", "ZNP", "LGD", "KRS", "OPP"}
_ROMAN = re.compile(r"(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})")
_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)


def readable_name(text: str) -> str:
    """Title case, Polish style: link words small, acronyms and Roman numerals kept.

    A lone ``I`` inside a name is the conjunction ("Miłek i Okolic"); first or last it is a
    numeral ("I LO", "Jana Pawła I"). The register's status suffix is written small ("… w
    likwidacji"), while the same word inside a name keeps its capital ("Forum Organizacji").
    """
    text = text.strip()
    status = _STATUS.search(text)
    name = text[:status.start()] if status else text
    words = list(_WORD.finditer(name))
    last = len(words) - 1

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        at = next(i for i, m in enumerate(words) if m.start() == match.start())
        bare = token.rstrip(".")
        conjunction = bare.upper() == "I" and 0 < at < last
        if bare.upper() in _ACRONYMS or (bare.isupper() and _ROMAN.fullmatch(bare)
                                         and not conjunction):
            return token.upper()
        if at > 0 and token.lower() in _LOWER:
            return token.lower()
        return token[:1].upper() + token[1:].lower()

    readable = _WORD.sub(word, name)
    return readable + (" " + " ".join(status.group(0).split()).lower() if status else "")


def without_status(name: str) -> str:
    """The name without the register's status suffix: the slug (the entry's permanent address)
    must not carry a state that passes."""
    status = _STATUS.search(name)
    return name[:status.start()] if status else name


def readable_street(text: str | None) -> str | None:
    """``UL. JANA PAWŁA II`` → ``Jana Pawła II`` (the entry's street is written without ul.)."""
    if not text:
        return None
    street = re.sub(r"^\s*(UL\.|ULICA)\s*", "", text, flags=re.IGNORECASE).strip()
    return readable_name(street) or None


def sentence_case(text: str) -> str:
    """Capitals made lower case, each sentence and each numbered line starting with a capital."""
    lowered = text.lower()
    lines = []
    for line in lowered.splitlines():
        line = line.strip()
        line = re.sub(r"(^|[.!?]\s+|^\s*[0-9a-z]{1,3}[.)]\s*)([^\W\d_])",
                      lambda m: m.group(1) + m.group(2).upper(), line)
        line = re.sub(r"\b(krs|opp|rp|pkd)\b", lambda m: m.group(1).upper(), line)
        lines.append(line)
    return "\n".join(lines).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(maxsplit=1)[0].rstrip(",;:")
    return cut + "…"
