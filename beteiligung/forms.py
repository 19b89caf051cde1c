"""The admin form of a milestone: its dates typed as a year, a month or a day."""

from content.forms import ContentForm

from .dates import PreciseDate, PreciseDateField
from .models import Meilenstein


def _date_field(name: str, end: bool = False) -> PreciseDateField:
    model_field = Meilenstein._meta.get_field(name)
    return PreciseDateField(
        label=model_field.verbose_name,
        help_text=model_field.help_text,
        required=not model_field.blank,
        end=end,
    )


class MeilensteinForm(ContentForm):
    """Each date of ``Meilenstein.DATES`` is typed as “2022”, “September 2022” or
    “17.05.2021”; its precision is saved in ``<name>_precision``."""

    planned_start = _date_field("planned_start")
    planned_end = _date_field("planned_end", end=True)  # a month ends on its last day
    actual_date = _date_field("actual_date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # shown as precisely as it was typed (“September 2022”)
            for name in Meilenstein.DATES:
                precision = getattr(self.instance, self._precision(name))
                self.initial[name] = PreciseDate.of(getattr(self.instance, name), precision)

    @staticmethod
    def _precision(name: str) -> str:
        return f"{name}_precision"

    def clean(self):
        cleaned = super().clean()
        for name in Meilenstein.DATES:
            value = cleaned.get(name)
            # (A value taken over from another editor's save keeps its stored precision.)
            if isinstance(value, PreciseDate):
                setattr(self.instance, self._precision(name), value.precision)
        return cleaned
