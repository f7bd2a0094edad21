"""A new gmina's project: ``ngosite init`` writes its settings, gazetteer, boundary, MkDocs
configuration, hook and hand-written pages, from the state registers' extracts the office has
(PRG boundary, PRNG names, TERYT SIMC list) or from simple files, asking in Polish for what
only the office knows."""
