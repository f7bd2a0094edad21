"""The NGO map: pins and their groups, the map document made with folium, the /mapa/ page,
the vendored Leaflet assets and the stand-alone copy for other websites.
"""
