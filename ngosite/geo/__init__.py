"""Placing things on the map: the gmina's outline, the bundled locality list, the geocoding
cache and the opt-in Nominatim client, behind one Locator (coordinates → cache → gazetteer →
Nominatim).
"""
