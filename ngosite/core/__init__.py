"""What every feature may use, and which imports no feature: the problem type and its
printers, YAML read with the position of every value, pydantic errors turned into located Polish
problems, the field types every data file shares, Polish folding, order and dates, the build
date, templating and the background helper.
"""
