"""The site's settings, ``data/gmina.yml``: who publishes the site, its area, geocoding, the
map's background, the open-data licence and the accessibility statement's facts. One model per
section; every feature reads the part it needs.
"""
