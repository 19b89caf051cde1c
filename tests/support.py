"""Helpers shared by the tests (fixtures live in conftest.py): languages and text, the admin's
forms with their CSRF token, the feedback form, the pages every check walks, Chromium and axe.

The pages are derived from the URL configuration and the content (``pages``): every named
route under the language prefix, with one URL per published object for routes that take
arguments, plus the states a visitor can reach (search results, share view, the feedback
form's error, sent and rate-limited answers, 400 and 404). A new route or page is checked
by axe, the Nu checker, reflow and keyboard tests without anyone adding it here.
"""

import html
import re
import time
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from content.models import TranslationState, content_models
from handlungsfelder.models import Handlungsfeld
from leitlinien.models import Leitlinie
from portal.feedback import FEEDBACK_LIMIT
from portal.forms import SALT
from portal.models import Gebaerdensprachvideo
from umsetzung.models import Stadtbezirk

# --- languages and text ------------------------------------------------------------------

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RTL_LANGUAGES = {"ar", "fa"}


def in_language(language: str, text: str) -> str:
    """A UI string as the catalogue of ``language`` has it."""
    with translation.override(language):
        return translation.gettext(text)


def visible_text(content: str) -> str:
    """The text a reader sees: no head, no tags, entities decoded, whitespace collapsed."""
    body = re.sub(r"(?is)<head\b.*?</head>", " ", content)
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    text = re.sub(r"<[^>]+>", "", body)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


# --- the admin ---------------------------------------------------------------------------


def staff_user(username, group):
    """A staff member in one of the roles (Redaktion, Übersetzung)."""
    user = User.objects.create_user(username, password="x-Secret-12345", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def csrf_client() -> Client:
    """A test client that checks CSRF tokens like the real server does."""
    return Client(enforce_csrf_checks=True)


def admin_url(obj_or_model, action, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


def csrf_token(response) -> str:
    """The CSRF token of the form on a page (as a browser would send it back)."""
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, f"no CSRF token in the form ({response.status_code})"
    return match.group(1)


def form_data(response) -> dict:
    """What the browser would send back for the admin form as shown (incl. inlines), with
    the form's CSRF token.

    For a re-rendered form (after an error) that is what the editor had entered.
    """
    data = {"csrfmiddlewaretoken": csrf_token(response)}
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        forms.append(formset.formset.management_form)
        forms.extend(formset.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = value
    return data


def post_form(client, url, data, form_url=None):
    """Open the form (at ``form_url``, by default ``url``) and post ``data`` with its token.

    Fails if the server refused the token: a test that expects a refusal (403) must get it
    for its own reason, not for a missing token.
    """
    token = csrf_token(client.get(form_url or url))
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert in_language("de", "The form could not be sent") not in response.content.decode()
    return response


def save(client, obj, **changes):
    """Save ``obj`` through its admin change form, with ``changes`` typed in."""
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def state_of(obj, language, group=TranslationState.Group.OFFICIAL) -> TranslationState:
    """The translation state of ``obj`` in ``language`` for ``group`` of its fields."""
    return TranslationState.objects.get(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        language=language,
        group=group,
    )


STATE_FORMS = "content-translationstate-content_type-object_id"


def set_state(client, obj, language, group=TranslationState.Group.OFFICIAL, state="reviewed"):
    """Choose a translation state of ``obj`` (one language, one group) in its admin change
    form and save it; ``(data, response)``."""
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url))
    target = state_of(obj, language, group).pk
    total = int(data[f"{STATE_FORMS}-TOTAL_FORMS"])
    index = next(i for i in range(total) if data.get(f"{STATE_FORMS}-{i}-id") == target)
    data[f"{STATE_FORMS}-{index}-state"] = state
    return data, client.post(url, data)


# --- the feedback form -------------------------------------------------------------------


def shown_seconds_ago(seconds=10):
    """The form's time token, as if the form had been shown ``seconds`` ago."""
    return signing.dumps(time.time() - seconds, salt=SALT)


def feedback(**fields):
    """A feedback form as a visitor sends it (shown ten seconds ago)."""
    data = {"message": "Die Grafik auf der Startseite hat keinen Alternativtext.", "page": "/de/"}
    data["shown_at"] = shown_seconds_ago()
    data.update(fields)
    return data


# --- the pages every check walks ---------------------------------------------------------

# Public routes whose answer is not an HTML page, with the content type they answer with.
NOT_HTML = {
    "feed": "application/atom+xml",
    "beteiligung:milestones_ics": "text/calendar",
    "umsetzung:history_feed": "application/atom+xml",
    "umsetzung:measures_csv": "text/csv",
    "downloads:strategy": "application/pdf",
    "downloads:handlungsfeld": "application/pdf",
    "downloads:district": "application/pdf",
}
# Kinds of page drawn by error_base.html, which works without a database: no site navigation.
WITHOUT_NAVIGATION = {"400"}
# More fields than Django reads from a query string (DATA_UPLOAD_MAX_NUMBER_FIELDS): 400.
TOO_MANY_FIELDS = "&".join(f"f{number}=1" for number in range(1001))


@dataclass(frozen=True)
class Page:
    """A page to check: its URL, the answer it must give and how a visitor gets there."""

    url: str
    kind: str  # the route name, or the state (e.g. "404", "feedback-sent")
    status: int = 200
    post: str = ""  # reached by sending the feedback form: "invalid" or "flood"

    def __str__(self):
        url = self.url if len(self.url) < 100 else self.url[:60] + "…"
        return f"{'POST ' if self.post else ''}{url} ({self.kind}, {self.status})"


def _walk(patterns, namespace="", localised=False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            inside = localised or isinstance(pattern.pattern, LocalePrefixPattern)
            yield from _walk(pattern.url_patterns, inner, inside)
        elif pattern.name:
            yield namespace + pattern.name, localised, pattern.pattern.regex.groups > 0


def public_routes() -> dict[str, bool]:
    """Every named route under the language prefix: {name: whether it takes arguments}."""
    return {
        name: takes_arguments
        for name, localised, takes_arguments in _walk(get_resolver().url_patterns)
        if localised
    }


def route_urls(language: str) -> dict[str, list[str]]:
    """The URLs of each public route in one language: a route without arguments by itself,
    a route with arguments once per published object whose page it is."""
    with translation.override(language):
        routes = public_routes()
        urls = {name: [] if takes else [reverse(name)] for name, takes in routes.items()}
        for model in content_models():
            for obj in model.objects.published():
                url = obj.get_absolute_url().split("#")[0]
                name = resolve(url).view_name
                if routes.get(name) and url not in urls[name]:
                    urls[name].append(url)
        # Routes that show something only with a query string, or only with content:
        urls["search"].append(f"{reverse('search')}?q=Teilhabe")  # with results
        first = Leitlinie.objects.published().first()
        urls["share"] = [f"{reverse('share')}?link={first.short_path()}"] if first else []
        # The PDFs: the whole strategy, and one of each kind (each is made once per language).
        for name, model in (("handlungsfeld", Handlungsfeld), ("district", Stadtbezirk)):
            first = model.objects.published().first()
            urls[f"downloads:{name}"] = [reverse(f"downloads:{name}", args=[first.key])]
        if not any(video.video for video in Gebaerdensprachvideo.objects.published()):
            urls["sign_language"] = []  # answers 404 until a video is published
        return urls


def pages(language: str) -> list[Page]:
    """Every HTML page and page state in one language, as the checks walk them."""
    found = [
        Page(url, name + ("?" + url.split("?")[1].split("=")[0] if "?" in url else ""))
        for name, urls in route_urls(language).items()
        if name not in NOT_HTML
        for url in urls
    ]
    with translation.override(language):
        statement, search = reverse("accessibility"), reverse("search")
    return found + [
        Page(f"/{language}/gibt-es-nicht/", "404", 404),
        Page(f"{search}?{TOO_MANY_FIELDS}", "400", 400),
        Page(f"{statement}?sent=1", "feedback-sent"),
        Page(statement, "feedback-invalid", 400, post="invalid"),
        Page(statement, "feedback-429", 429, post="flood"),  # last: the limit holds a while
    ]


def public_urls(language: str = "de") -> list[str]:
    """Every public HTML page of the published content in one language (no page states)."""
    return [
        page.url
        for page in pages(language)
        if page.status == 200 and "?" not in page.url and page.kind in public_routes()
    ]


def pages_in(client, language: str) -> dict[str, str]:
    """The pages of one language as {url: visible text}; every one must answer 200."""
    found = {}
    for url in public_urls(language):
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = visible_text(response.content.decode())
    return found


def page_types(language: str) -> list[Page]:
    """One page of each kind (start page, lists, one detail page of each kind, states …)."""
    kinds = {}
    for page in pages(language):
        kinds.setdefault(page.kind, page)
    return list(kinds.values())


def _form_body(page: Page) -> dict:
    return feedback(message="") if page.post == "invalid" else feedback()


def fetch(client, page: Page):
    """The server's answer to ``page`` through the test client; insists on its status."""
    if page.post == "flood":
        for _number in range(FEEDBACK_LIMIT):
            assert client.post(page.url, feedback()).status_code == 302
    response = client.post(page.url, _form_body(page)) if page.post else client.get(page.url)
    if page.post == "flood":
        cache.clear()  # the rate limit holds ten minutes: later pages must not meet it
    assert response.status_code == page.status, f"{page} answered {response.status_code}"
    return response


# --- Chromium and axe --------------------------------------------------------------------

# axe-core as shipped by axe-playwright-python; evaluated through the driver, never added as
# a <script> tag (a strict Content-Security-Policy would refuse that).
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# axe skips the contrast check of text it takes for an icon font, and cursive Arabic or
# Persian text looks like one to it (a letter drawn alone differs from the same letter in
# the word). axe decides that per font family and keeps the answer in its run-time cache
# (axe._cache "fonts"): once a family has occurrences and no ligature it counts as a text
# font for good. Pre-seeding that cache for every family makes axe check all text. axe
# clears its cache after each run, so this is done before each one.
AXE_RUN = """async (options) => {
  const textFont = () => ({occurrences: Number.MAX_SAFE_INTEGER, numLigatures: 0});
  axe._cache.set("fonts", new Proxy({}, {
    get: (known, family) => (family in known ? known[family] : (known[family] = textFont())),
  }));
  return await axe.run(document, options);
}"""


def open_page(page, url: str, status: int = 200):
    """Go to url in the browser and insist on its answer (200 unless said otherwise)."""
    response = page.goto(url, wait_until="load")
    answered = response.status if response else None
    assert answered == status, f"{url} answered {answered}"
    return response


def open_checked_page(page, site: str, checked: Page):
    """Open ``checked`` in the browser, as the real server answers it.

    A page reached by sending the feedback form is a real POST: the navigation is sent as
    POST with the form's body (Playwright changes the request on its way to the server),
    after the rate limit was reached through the page's own request context when needed.
    """
    url = site + checked.url
    if checked.post == "flood":
        for _number in range(FEEDBACK_LIMIT):
            sent = page.request.post(url, form=feedback(), max_redirects=0)
            assert sent.status == 302, sent.status
    if checked.post:
        body = urlencode(_form_body(checked))

        def as_post(route):
            headers = {**route.request.headers, "content-type": "application/x-www-form-urlencoded"}
            route.continue_(method="POST", post_data=body, headers=headers)

        page.route(url, as_post, times=1)
    response = open_page(page, url, checked.status)
    if checked.post:
        assert response.request.method == "POST"
    if checked.post == "flood":
        cache.clear()  # the live server shares this process's cache
    return response


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the open page."""
    page.evaluate(AXE_SOURCE)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    results = page.evaluate(AXE_RUN, {"runOnly": run_only, "resultTypes": ["violations"]})
    return results["violations"]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            target = " ".join(map(str, node["target"]))
            summary = node["failureSummary"].replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)
