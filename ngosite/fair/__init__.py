"""The NGO fair ("Dzień Organizacji Pozarządowych"): the programme's model and rules, loading
``data/targi/<year>.yml``, its pages, calendar file and schema.org data.
"""
