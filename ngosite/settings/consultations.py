"""How residents and NGOs take part in consultations, as ``konsultacje`` in ``data/gmina.yml``.

The consultation address (e-mail and post), the information clause on personal data (RODO) and
the gmina's rule of what counts as a valid submission differ between gminas, so they are
settings. Every field may be left out while nothing is under consultation; from the day a
consultation is announced (planned or open) the build requires the addresses and the clause
(``ngosite.consultations.settings_rules``). No contact detail of the person commenting is ever
required: a gmina may not make a phone number or an e-mail a condition of accepting a comment.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngosite.core.fields import Email, Strict, Text

# What a gmina may accept as a submission that counts, and how the form and the confirmation say
# it. ``{email}``, ``{adres}`` and ``{epuap}`` are filled from the settings.
SUBMISSION_KINDS: dict[str, str] = {
    "email": "wiadomość e-mail z treścią uwagi wysłana na adres {email} (wystarczy wysłać "
             "wiadomość przygotowaną przez formularz, bez podpisu)",
    "skan_z_podpisem": "skan albo zdjęcie wydrukowanego formularza z własnoręcznym podpisem, "
                       "wysłane e-mailem na adres {email}",
    "pismo": "wydrukowany i podpisany formularz wysłany pocztą albo złożony osobiście: {adres}",
    "epuap": "pismo przez ePUAP (podpisane profilem zaufanym albo podpisem elektronicznym) na "
             "adres skrytki {epuap}, z plikiem uwagi w załączniku",
    "github": "zgłoszenie (issue) w repozytorium serwisu na GitHubie, przygotowane przez "
              "formularz",
}
SubmissionKind = Literal["email", "skan_z_podpisem", "pismo", "epuap", "github"]

DEFAULT_WHO = ("mieszkańcy gminy, organizacje pozarządowe i podmioty wymienione w art. 3 ust. 3 "
               "ustawy o działalności pożytku publicznego i o wolontariacie")


class ConsultationSettings(Strict):
    """Where comments go and what makes one count; shown on the form and the hub."""

    email: Email | None = Field(
        None, description="Adres e-mail, na który przychodzą uwagi (formularz przygotowuje "
                          "wiadomość na ten adres)")
    postal_address: Text | None = Field(
        None, alias="adres_pocztowy", max_length=300,
        description="Adres do korespondencji w jednej linii: nazwa urzędu, ulica, kod "
                    "pocztowy i miejscowość")
    epuap: Text | None = Field(
        None, max_length=120,
        description="Adres skrytki ePUAP urzędu, np. /ugnazwa/SkrytkaESP (potrzebny, gdy "
                    "wazne_sposoby zawiera epuap)")
    rodo_clause: Text | None = Field(
        None, alias="klauzula_rodo", max_length=6000,
        description="Klauzula informacyjna o przetwarzaniu danych osobowych (RODO) pokazywana "
                    "przy formularzu: administrator, inspektor ochrony danych, cel, podstawa "
                    "prawna, okres przechowywania, prawa osoby")
    who: Text = Field(
        DEFAULT_WHO, alias="kto_moze", max_length=500,
        description="Kto może zgłaszać uwagi (gdy dokument nie mówi inaczej w konsultacje.kto)")
    accepted: list[SubmissionKind] = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["email", "pismo"], alias="wazne_sposoby", min_length=1,
        description="Co gmina uznaje za skutecznie złożoną uwagę: email, skan_z_podpisem, "
                    "pismo, epuap, github")
    note: Text | None = Field(
        None, alias="wyjasnienie", max_length=1000,
        description="Dodatkowe wyjaśnienie pokazywane przy formularzu i w potwierdzeniu, np. "
                    "że uwagi bez uzasadnienia nie będą rozpatrywane")

    def accepted_texts(self) -> list[str]:
        """Each accepted way in Polish, with the addresses filled in."""
        values = {"email": self.email or "(brak adresu e-mail)",
                  "adres": self.postal_address or "(brak adresu)",
                  "epuap": self.epuap or "(brak adresu skrytki)"}
        return [SUBMISSION_KINDS[kind].format(**values) for kind in self.accepted]
