"""Residents' surveys and NGO effectiveness reports: questionnaires and answers
(``badania/<id>/``), the NGOs' yearly indicators (``sprawozdania/<slug>/<rok>.yml``), the
statistics and disclosure control behind every published figure, charts, pages and downloads.
"""
