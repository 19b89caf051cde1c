"""The admin form of a milestone: its dates typed as a year, a month or a day."""

from content.dates import PreciseDatesForm
from content.forms import ContentForm


class MeilensteinForm(PreciseDatesForm, ContentForm):
    """``Meilenstein.DATES`` typed as “2022”, “September 2022” or “17.05.2021”."""
