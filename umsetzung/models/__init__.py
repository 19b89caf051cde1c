"""The implementation of the strategy (WIR2.0), model by model: the reference lists
(districts, statuses, council documents), the catalogue (goals, measures, their history),
the funding programme and the reports."""

from .catalogue import Massnahme, Ziel
from .funding import Foerderaufruf, Foerderlinie, Foerderprojekt, Foerdertopf
from .history import Fortschrittsmeldung
from .reference import NOT_PUBLISHED, Ratsdokument, Stadtbezirk, Status
from .reports import Bericht, Umsetzungsfakt

__all__ = [
    "NOT_PUBLISHED",
    "Bericht",
    "Foerderaufruf",
    "Foerderlinie",
    "Foerderprojekt",
    "Foerdertopf",
    "Fortschrittsmeldung",
    "Massnahme",
    "Ratsdokument",
    "Stadtbezirk",
    "Status",
    "Umsetzungsfakt",
    "Ziel",
]
