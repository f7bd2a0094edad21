"""The registry of organisations: the NGO entry's model, vocabularies and rules, its JSON
Schema, the Registry every renderer reads, and the directory and NGO pages.
"""
