"""How NGOs add or change their entry: the form on /dodaj-organizacje/ generated from the
model, its rules for the browser, the GitHub issue form and its conversion into a YAML file.
"""
