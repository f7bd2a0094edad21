"""Consulted documents: versions and their text cut into § / ust. / pkt, checksums of
published texts, changes between versions (redline), consultations, their reports and the feed.
"""
