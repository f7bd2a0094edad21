"""Polish identifiers: known valid and invalid KRS, NIP, REGON, postal codes and phones."""

import pytest
from pydantic import TypeAdapter, ValidationError

from ngosite.core.fields import Krs, Nip, Phone, PostalCode, Regon, Url

VALID = {
    Krs: ["0000123456", "0000987654"],
    Nip: ["1234563218", "526-025-09-95", "774 000 14 54", "PL5260250995"],
    Regon: ["123456785", "012345675", "12345678512347"],
    PostalCode: ["11-513", "00-950"],
    Phone: ["+48 87 421 10 00", "600 100 200", "874211000", "(87) 421-10-00"],
    Url: ["https://milki.pl", "http://www.example.org/a?b=c"],
}
INVALID = {
    Krs: ["123456", "00001234567", "KRS0000123", "0000 123456"],
    Nip: ["1234567890", "123456321", "12345632189", "abcdefghij"],
    Regon: ["123456786", "12345678512348", "1234567", "12345678"],
    PostalCode: ["11513", "11-5133", "1-513", "11 513"],
    Phone: ["12345", "+49 123 456 789", "telefon"],
    Url: ["javascript:alert(1)", "www.milki.pl", "ftp://milki.pl", "https://a\"><script>"],
}


@pytest.mark.parametrize("kind,value", [(k, v) for k, vs in VALID.items() for v in vs])
def test_valid(kind, value):
    TypeAdapter(kind).validate_python(value)


@pytest.mark.parametrize("kind,value", [(k, v) for k, vs in INVALID.items() for v in vs])
def test_invalid_with_polish_message(kind, value):
    with pytest.raises(ValidationError) as exc:
        TypeAdapter(kind).validate_python(value)
    message = str(exc.value.errors()[0]["ctx"]["error"])
    assert value.strip() in message or "adres" in message


def test_nip_and_regon_are_stored_as_digits():
    assert TypeAdapter(Nip).validate_python("526-025-09-95") == "5260250995"
    assert TypeAdapter(Regon).validate_python("12345678512347") == "12345678512347"


def test_nip_checksum_message_says_how_to_fix():
    with pytest.raises(ValidationError) as exc:
        TypeAdapter(Nip).validate_python("1234567890")
    assert "cyfrę kontrolną" in str(exc.value)
