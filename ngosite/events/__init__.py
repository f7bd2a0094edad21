"""Events: trainings, consultation meetings, village meetings and the fair in one calendar.

One file per event, ``wydarzenia/<rok>/<slug>.yml``: its model and rules, loading, pages,
iCalendar files and feeds (with the fair from its own data), schema.org data.
"""
