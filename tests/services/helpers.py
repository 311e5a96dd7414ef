"""Small builders for service tests."""

from datetime import date
from typing import Any

from app.bootstrap import Lotse
from app.services.participants import create_participant
from app.vocab import (
    EmploymentStatusAtEntry,
    Gender,
    HousingSituation,
    Program,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)

COMPLETE_CORE: dict[str, Any] = {
    "birth_date": date(1990, 5, 17),
    "gender": Gender.FEMALE,
    "postal_code": "06108",
    "city": "Halle (Saale)",
    "nationalities": ["SY"],
    "employment_status_at_entry": EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED,
    "school_level": list(SchoolLevel)[0],
    "vocational_level": list(VocationalLevel)[0],
    "housing_situation": list(HousingSituation)[0],
    "disability": YesNoUnknown.NOT_STATED,
    "entry_date": date(2026, 3, 2),
    "privacy_notice_given_on": date(2026, 3, 2),
}


def add_person(lotse: Lotse, last: str, first: str = "", **values: Any) -> int:
    values.setdefault("program", Program.JOKO)
    with lotse.unit_of_work() as uow:
        return create_participant(uow, {"last_name": last, "first_name": first, **values})
