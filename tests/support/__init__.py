"""Helpers shared by the tests: projects to load, golden corpora, the browser harness."""
