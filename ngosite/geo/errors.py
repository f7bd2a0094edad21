"""The one failure the build expects from live geocoding, in a module without geopy.

Importing geopy costs a quarter of a second, and most builds never go online: the build
catches this exception without importing the client that raises it.
"""


class GeocodingUnavailable(Exception):
    """The geocoder could not answer (timeout, refused, reset, 429, 5xx, malformed reply).

    ``str()`` is one Polish line for staff; ``detail`` is what the library said, shown only
    with ``--verbose``.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail
