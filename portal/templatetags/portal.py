"""Template tags for languages: translated text with its real language, translation
notices, the language switcher and hreflang alternates, localised digits."""

from django import template
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language_info

from content import notices, translations
from content.languages import current_language
from content.limits import visible_text
from content.richtext import clean_html
from operations import paths

register = template.Library()

# Digits in the numbering system most readers of the language use (CLDR defaults).
DIGITS = {
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}


@register.filter
def local_digits(value):
    """Write the digits of ``value`` as readers of the current language expect them."""
    table = DIGITS.get(current_language())
    text = str(value)
    return text.translate(table) if table else text


def _falls_back(obj, field, value) -> bool:
    """``value`` is the German text shown because the visitor's language has none."""
    language = current_language()
    return bool(
        value
        and language != settings.SOURCE_LANGUAGE
        and field in translations.translated_fields(obj.__class__)
        and not translations.has_text(obj, field, language)
    )


@register.filter
def visible(value):
    """The text a reader sees of rich text (for a page description): no tags, no entities."""
    return visible_text(value)


@register.simple_tag
def tr(obj, field):
    """The field in the visitor's language; German fallback text is marked lang="de"."""
    value = getattr(obj, field) or ""
    if _falls_back(obj, field, value):
        return format_html('<span lang="{}" dir="ltr">{}</span>', settings.SOURCE_LANGUAGE, value)
    return format_html("{}", value)


@register.simple_tag
def rich(obj, field):
    """Rich text in the visitor's language, cleaned; German fallback marked lang="de"."""
    value = clean_html(getattr(obj, field) or "")
    if _falls_back(obj, field, value):
        return format_html('<div lang="{}" dir="ltr">{}</div>', settings.SOURCE_LANGUAGE, value)
    return value


@register.simple_tag(takes_context=True)
def common_notice(context, objects, *groups):
    """The notice shared by every text of ``objects`` in ``groups`` (by default the city's
    text) that has German text, shown once for a whole list; or ""."""
    return notices.shared_notice(
        context.get("request"), objects, groups or (translations.OFFICIAL,)
    )


@register.simple_tag(takes_context=True)
def translation_notice(context, obj, shown_for_list=""):
    """A short notice when the visitor reads the city's text of ``obj`` in a translation
    that is not reviewed (its editorial addition has a notice of its own).

    ``shown_for_list``: the notice already shown once for the list this object is in.
    Most texts need none: then nothing is rendered at all.
    """
    return _own_notice(context, obj, translations.OFFICIAL, shown_for_list)


@register.simple_tag(takes_context=True)
def editorial_notice(context, obj, shown_for_list=""):
    """The notice for the editorial addition of ``obj`` (and any other text of the editors,
    such as a Leitlinie's short title): its translation is reviewed on its own."""
    return _own_notice(context, obj, translations.EDITORIAL, shown_for_list)


def _own_notice(context, obj, group, shown_for_list):
    """The notice of ``obj``'s ``group`` text, unless none is due or the list has it."""
    notice = notices.notice(context.get("request"), obj, group)
    return "" if not notice or notice == shown_for_list else _notice_html(notice)


@register.simple_tag
def list_notice(notice):
    return _notice_html(notice) if notice else ""


def _notice_html(notice: str) -> str:
    return get_template("includes/translation_notice.html").render({"notice": notice})


# Query parameters that name what a page shows (the share view's short link, the search
# term): the page in another language and its canonical address keep them.
ADDRESS_PARAMETERS = ("link", "q")
MAX_PARAMETER_LENGTH = 200


def _address_query(request) -> str:
    if request is None:
        return ""
    try:
        kept = {
            name: request.GET[name][:MAX_PARAMETER_LENGTH]
            for name in ADDRESS_PARAMETERS
            if request.GET.get(name)
        }
    except SuspiciousOperation:  # an unparsable query string: the 400 page, no parameters
        return ""
    return f"?{urlencode(kept)}" if kept else ""


def _path_in(request, code: str) -> str:
    """The same page in another language: only the language prefix changes."""
    path = request.path if request else "/"
    current = current_language()
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}{_address_query(request)}"
    return f"/{code}/"


@register.simple_tag(takes_context=True)
def canonical_path(context) -> str:
    """This page's own address: its path and the parameters that name what it shows."""
    request = context.get("request")
    return f"{request.path}{_address_query(request)}" if request else "/"


@register.simple_tag(takes_context=True)
def language_versions(context, home_only=False):
    """Every portal language with its own name and the address of this page in it."""
    request = context.get("request")
    current = current_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "dir": "rtl" if info["bidi"] else "ltr",
                "url": f"/{code}/" if home_only else _path_in(request, code),
                "current": code == current,
            }
        )
    return versions


@register.simple_tag
def short_link(obj):
    """The language-free short link of ``obj`` (``/l/3``)."""
    return obj.short_path() or ""


@register.simple_tag(takes_context=True)
def absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def admin_request(context) -> bool:
    """The page answers a request to the admin (its error pages lead back there)."""
    request = context.get("request")
    return bool(request) and paths.is_admin(request)
