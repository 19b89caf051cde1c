"""The admin form of a document: its date typed as a year, a month or a day; the upload
checked by its content (the model field's validator, its messages shown on the field)."""

from content.dates import PreciseDatesForm
from content.forms import ContentForm


class DokumentForm(PreciseDatesForm, ContentForm):
    """``Dokument.DATES`` typed as “2022”, “September 2022” or “17.05.2021”."""
