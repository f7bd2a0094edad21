"""Related words for the search: sources stated, only the index's words shipped, rarest first."""

from __future__ import annotations

import gzip

import pytest
import yaml

from ngosite.organisations.vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS
from ngosite.publishing.polish_stem import search_key
from ngosite.publishing.search_thesaurus import (
    FORMS,
    MYTHES,
    OWN_LIST,
    SWITCH,
    phrase_key,
    related_words,
    sources,
    thesaurus,
)


def _header(path) -> str:
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    return "\n".join(line for line in lines[:60] if line.startswith("#"))


def test_every_shipped_extract_states_its_source_and_licence():
    mythes, forms = _header(MYTHES), _header(FORMS)
    assert "mythes-pl" in mythes and "Lesser General Public License" in mythes
    assert "Morfeusz 2" in forms and "SGJP" in forms and "Redistribution and use" in forms
    own = OWN_LIST.read_text(encoding="utf-8")
    assert "Źródło: lista własna projektu" in own and "przejrzana" in own


def test_our_list_names_real_areas_and_forms_and_every_word_has_a_key():
    groups = yaml.safe_load(OWN_LIST.read_text(encoding="utf-8"))
    known = {f"obszar:{s}" for s in PUBLIC_BENEFIT_AREAS} | {f"forma:{s}" for s in LEGAL_FORMS}
    for group in groups:
        assert set(group) == {"dotyczy", "slowa"}, group
        assert set(group["dotyczy"]) <= known, group["dotyczy"]
        words = [str(w) for w in group["slowa"]]
        assert len(words) == len(set(words)) and all(phrase_key(w) for w in words), words


def _frequency(*words: str) -> dict[str, int]:
    return {search_key(w): n for n, w in enumerate(words, start=1)}


def test_only_words_in_the_index_are_shipped_rarest_first_and_never_the_head():
    # "seniorów" is the rarest in this index, "emerytów" the commonest; "rencista" is not in it.
    frequency = _frequency("seniorów", "klub", "starszy", "emerytów")
    related = thesaurus(("ngo",)).related(frequency)
    assert related["r"][search_key("emeryt")] == [search_key(w) for w in
                                                  ("seniorów", "starszy")]
    assert all(search_key("rencista") not in targets for targets in related["r"].values())
    # "klub seniora" holds "senior" itself: it adds nothing to "senior" ("klub" would bring
    # every sports club).
    assert search_key("klub") not in related["r"][search_key("senior")]


def test_a_two_word_head_and_a_phrase_stand_for_their_keys():
    frequency = _frequency("tenis", "stołowy", "siatkowa", "piłka")
    related = thesaurus(("ngo",)).related(frequency)["r"]
    # "piłka siatkowa" stands for its rarer word; "ping pong" is looked up as one head.
    assert search_key("siatkowa") in related[search_key("siatkówka")]
    assert search_key("piłka") not in related[search_key("siatkówka")]
    assert related[phrase_key("ping pong")][0] in {search_key("tenis"), search_key("stołowy")}


def test_the_thesaurus_reaches_longer_keys_our_list_is_taken_as_written():
    frequency = _frequency("niepełnosprawnościami", "ochotniczej")
    widened = thesaurus(("mythes",)).related(frequency)["s"]
    # inwalida → niepełnosprawny (thesaurus) → the index's "niepełnosprawności…"
    assert search_key("niepełnosprawnościami") in widened[search_key("inwalida")]
    ours = thesaurus(("ngo",)).related(frequency)["r"]
    # our "ochotnik" does not widen to "ochotnicza" (straż): volunteers, not fire brigades
    assert search_key("ochotniczej") not in ours.get(search_key("wolontariusz"), [])


def test_forms_the_stemmer_leaves_apart_follow_their_lemma():
    frequency = _frequency("seniorów")
    without = thesaurus(("mythes",)).related(frequency)["s"]
    with_forms = thesaurus(("mythes", "formy")).related(frequency)["s"]
    starsi, starszy = search_key("starsi"), search_key("starszy")
    assert starsi != starszy and starsi not in without
    assert with_forms[starsi] == with_forms[starszy] == [search_key("seniorów")]


def test_our_list_ranks_apart_from_the_thesaurus():
    frequency = _frequency("seniorów", "staruszek")
    related = thesaurus(("ngo", "mythes")).related(frequency)
    senior = search_key("senior")
    assert search_key("staruszek") in related["s"][senior]
    assert not set(related["s"].get(senior, ())) & set(related["r"].get(senior, ()))


def test_sources_come_from_the_switch(monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)
    assert sources() == ("ngo", "mythes", "formy")
    monkeypatch.setenv(SWITCH, "none")
    assert related_words(_frequency("seniorów")) == {"r": {}, "s": {}}
    monkeypatch.setenv(SWITCH, "ngo,slownik")
    with pytest.raises(ValueError, match="slownik"):
        sources()
