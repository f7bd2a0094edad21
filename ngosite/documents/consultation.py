"""Where a consultation stands on a given day, and the numbers its report gives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ngosite.core.polish_dates import polish_date

from .model import OTHER_ENTITY, PRIVATE_PERSON, RESPONSES, Consultation

PLANNED, OPEN, CLOSED, REPORTED = "planowane", "trwaja", "zakonczone", "raport"


@dataclass(frozen=True)
class ConsultationState:
    """``code`` is one of planowane / trwaja / zakonczone / raport; ``text`` says it in Polish."""

    code: str
    text: str

    @property
    def report_published(self) -> bool:
        return self.code == REPORTED

    @property
    def accepting_comments(self) -> bool:
        return self.code == OPEN


def consultation_state(consultation: Consultation, today: date) -> ConsultationState:
    start, end = polish_date(consultation.start), polish_date(consultation.end)
    if today < consultation.start:
        return ConsultationState(PLANNED, f"Konsultacje zaplanowane od {start} do {end}.")
    if today <= consultation.end:
        left = days_left_text((consultation.end - today).days + 1)
        return ConsultationState(OPEN, f"Konsultacje trwają do {end} ({left}).")
    published = consultation.report_published
    if published is not None and published <= today:
        return ConsultationState(
            REPORTED, f"Konsultacje zakończone {end}; raport opublikowano "
                      f"{polish_date(published)}.")
    return ConsultationState(CLOSED, f"Konsultacje zakończone {end}; raport w przygotowaniu.")


def days_left_text(days: int) -> str:
    """Days left, today included: 1 → „ostatni dzień”, 3 → „zostały 3 dni”, 5 → „zostało 5
    dni” (the comment form's script says it the same way when it corrects the date)."""
    if days <= 1:
        return "ostatni dzień"
    verb = "zostały" if days % 10 in (2, 3, 4) and days % 100 not in (12, 13, 14) else "zostało"
    return f"{verb} {days} dni"


@dataclass(frozen=True)
class ReportStatistics:
    comments: int
    by_response: tuple[tuple[str, str, int], ...]  # (key, Polish label, count), every response
    from_organisations: int
    from_private_persons: int
    senders: int
    from_other_entities: int = 0


def statistics(consultation: Consultation) -> ReportStatistics:
    comments = consultation.comments
    counts = Counter(c.response for c in comments)
    organisations = [c.sender for c in comments if c.sender not in (PRIVATE_PERSON, OTHER_ENTITY)]
    others = [c.entity for c in comments if c.sender == OTHER_ENTITY]
    persons = sum(c.sender == PRIVATE_PERSON for c in comments)
    # Private persons are not told apart (no names are kept), so each comment counts once.
    senders = len(set(organisations)) + len(set(others)) + persons
    return ReportStatistics(
        comments=len(comments),
        by_response=tuple((key, label, counts.get(key, 0)) for key, label in RESPONSES.items()),
        from_organisations=len(organisations),
        from_private_persons=persons,
        senders=senders,
        from_other_entities=len(others),
    )
