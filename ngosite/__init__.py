"""ngosite: the site a Polish gmina and its NGOs publish together.

The pipeline runs one way: load → validate → geocode → render. Nothing here imports MkDocs;
``hooks/`` is the thin glue that hands the rendered pages to it.
"""
