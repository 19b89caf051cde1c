"""Helpers of the browser tests: Chromium, axe-core, the pages to check."""

from importlib.resources import files

from django.urls import resolve
from django.utils import translation

from tests.conftest import public_urls

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


def page_types(language: str) -> list[str]:
    """One public page per view (start page, lists, one detail page of each kind, …)."""
    urls = {}
    with translation.override(language):
        for url in public_urls(language):
            urls.setdefault(resolve(url).view_name, url)
    return list(urls.values())


def open_page(page, url: str):
    """Go to url in the browser and insist on a 200 answer."""
    response = page.goto(url, wait_until="load")
    status = response.status if response else None
    assert status == 200, f"{url} answered {status}"
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


def sign_in_to_admin(page, site: str, user_model) -> None:
    """Create a superuser and sign in through the admin's login form, as staff would."""
    user_model.objects.create_superuser("redaktion", "r@example.org", "ein-langes-passwort")
    open_page(page, f"{site}/admin/login/")
    page.fill("#id_username", "redaktion")
    page.fill("#id_password", "ein-langes-passwort")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
