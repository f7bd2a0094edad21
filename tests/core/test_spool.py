"""The page spool gives back every body byte for byte, also to a forked process (the search
index reads the bodies there), and pages made inside ``spooled_bodies`` keep only their place."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from ngosite.core.spool import Spool, Spooled
from ngosite.core.templating import page_from_html, spooled_bodies

BODIES = [b"", b"a", "zażółć gęślą jaźń".encode(), os.urandom(70_000), b"<p>x</p>" * 5000]


def test_every_body_comes_back_in_any_order():
    spool = Spool()
    places = [spool.put(body) for body in BODIES]
    for place, body in reversed(list(zip(places, BODIES, strict=True))):
        assert spool.read(place) == body
    assert places[2] == Spooled(1, len(BODIES[2]))
    spool.close()


def _read_in_child(spool: Spool, places: list[Spooled], queue) -> None:  # type: ignore[no-untyped-def]
    queue.put([spool.read(place) for place in places])


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_forked_process_reads_the_same_bodies():
    spool = Spool()
    places = [spool.put(body) for body in BODIES]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_read_in_child, args=(spool, places, queue))
    child.start()
    assert queue.get(timeout=30) == BODIES
    child.join(timeout=30)
    assert spool.read(places[-1]) == BODIES[-1], "the parent's reads are not moved by the child's"
    spool.close()


def test_direct_pages_made_inside_keep_only_their_place():
    spool = Spool()
    with spooled_bodies(spool):
        direct = page_from_html("a.md", "A", "<p>zażółć</p>", direct=True)
        other = page_from_html("b.md", "B", "<p>b</p>")
    outside = page_from_html("c.md", "C", "<p>c</p>", direct=True)
    assert isinstance(direct.stored, Spooled) and direct.html == "<p>zażółć</p>"
    assert other.stored == b"<p>b</p>" and outside.stored == b"<p>c</p>"
    spool.close()
