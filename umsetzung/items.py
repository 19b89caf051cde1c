"""The entries of the list of measures, rendered once per content generation and language
and put together for any filter.

A filter selects which measures a page lists; each measure's entry looks the same in every
list it appears in. So each process keeps the entries it has rendered (per content
generation, language and preview, like the filter's choices) and a list page reads only
the numbers of its measures: a new filter combination costs what a known one costs, and a
save renders the entries afresh. At most one entry per measure and language is kept (the
catalogue's size bounds the memory: about 2 KB per entry).
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from content import notices
from content.views import kept_visible

from .filters import listed


@dataclass(frozen=True)
class Entry:
    key: str
    title: SafeString  # the heading with the measure's link
    facts: SafeString  # status, field of action, progress, last report, districts, summary
    notice: str | None  # the translation notice its text needs
    shared: object  # what it contributes to the notice the list shows once (content.notices)


def entries(request, found, numbers: list[int]) -> list[Entry]:
    """The entries of the measures ``numbers`` (primary keys, in the list's order) of the
    queryset ``found``: kept ones as they are, the others read and rendered."""
    kept = kept_visible(request, ("measure-entries", get_language()), dict)
    missing = [number for number in numbers if number not in kept]
    if missing:
        title = get_template("umsetzung/includes/measure_item_title.html")
        facts = get_template("umsetzung/includes/measure_item_facts.html")
        for measure in listed(found.filter(pk__in=missing), request):
            context = {"measure": measure}
            kept[measure.pk] = Entry(
                key=measure.key,
                title=SafeString(title.render(context, request)),
                facts=SafeString(facts.render(context, request)),
                notice=notices.notice(request, measure),
                shared=notices.list_entry(request, measure),
            )
    return [kept[number] for number in numbers if number in kept]


def shared_notice(listed_entries: list[Entry]) -> str:
    """The notice every entry with text has (shown once above the list), or ""."""
    return notices.shared(entry.shared for entry in listed_entries)
