"""What the site publishes beyond pages: open data and its dictionary, schema.org data of
NGOs, the accessibility statement, and the Polish search index.
"""
