"""Check 1, several servers: an editor signs in to the admin on A like a browser (a
requests Session keeps the cookies, Beautiful Soup reads the forms), saves the change form
of Leitlinie 2 with a new editorial title, and B must show it on the next request."""

from __future__ import annotations

import secrets

import requests
from bs4 import BeautifulSoup

from resilience import RunError
from resilience.config import HEADERS, HOST, REQUEST_TIMEOUT
from resilience.load import get
from resilience.report import Report
from resilience.services import Cluster
from scripts.project import PROJECT_MODULES

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}
SECOND_FACTOR = "/admin/zweiter-faktor/?next=/admin/"
BACKUP_CODE = "resilienz2026"  # the one backup code of each editor this run creates


def form_fields(html: bytes, form_id: str) -> list[tuple[str, str]]:
    """What a browser would send for the form with id ``form_id``, in document order."""
    soup = BeautifulSoup(html.decode("utf-8", "replace"), "html.parser")
    form = soup.find("form", id=form_id)
    if form is None:
        raise RunError(f"no form with id {form_id!r} in the page")
    fields: list[tuple[str, str]] = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "input":
            kind = (element.get("type") or "text").lower()
            if kind in SKIPPED_INPUTS:
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    fields.append((name, element.get("value") or "on"))
                continue
            fields.append((name, element.get("value") or ""))
        elif element.name == "textarea":
            text = element.get_text()
            # Browsers drop one newline right after <textarea>.
            fields.append((name, text[1:] if text.startswith("\n") else text))
        else:
            options = [
                (
                    (option["value"] if option.has_attr("value") else option.get_text()).strip(),
                    option.has_attr("selected"),
                )
                for option in element.find_all("option")
            ]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not element.has_attr("multiple"):
                chosen = [options[0][0]]
            fields.extend((name, value) for value in chosen)
    return fields


class Editor:
    """A signed-in editor on one server: cookies, CSRF token, no automatic redirects."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.headers.update(HEADERS)

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=REQUEST_TIMEOUT)

    def post(self, path: str, fields: list[tuple[str, str]]) -> requests.Response:
        # Django's CSRF check compares Origin with the Host the proxy passes on.
        headers = {"Origin": f"http://{HOST}", "Referer": f"http://{HOST}{path}"}
        return self.session.post(
            self.base + path,
            data=fields,
            headers=headers,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )

    def sign_in(self, username: str, password: str) -> None:
        login = self.get("/admin/login/?next=/admin/")
        fields = form_fields(login.content, "login-form")
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        signed_in = self.post("/admin/login/?next=/admin/", fields)
        if signed_in.status_code != 302 or "sessionid" not in self.session.cookies:
            raise RunError(f"admin sign-in answered {signed_in.status_code}, no session")
        # The second factor (signin/): one of the backup codes made with the account.
        verify = self.get(SECOND_FACTOR)
        fields = [
            (k, v) for k, v in form_fields(verify.content, "second-factor-form") if k != "code"
        ]
        verified = self.post(SECOND_FACTOR, [*fields, ("code", BACKUP_CODE)])
        if verified.status_code != 302:
            raise RunError(f"the second factor answered {verified.status_code}, expected 302")

    def save(self, change: str, field: str, value: str) -> None:
        """Send the change form back unchanged but for ``field``."""
        form = self.get(change)
        if form.status_code != 200:
            raise RunError(f"GET {change} answered {form.status_code}")
        fields = form_fields(form.content, "leitlinie_form")
        names = [k for k, _ in fields]
        if field not in names:
            raise RunError(f"no {field} in the change form (fields: {names})")
        fields = [(k, value if k == field else v) for k, v in fields]
        fields.append(("_save", "Sichern"))
        saved = self.post(change, fields)
        if saved.status_code != 302:
            errors = saved.text
            start = errors.find("errorlist")
            raise RunError(
                f"saving the change form answered {saved.status_code}, expected 302: "
                f"{errors[max(start - 200, 0) : start + 400] if start >= 0 else ''}"
            )


def create_editor(cluster: Cluster, username: str) -> tuple[str, str]:
    """A superuser with an authenticator app and one backup code (``BACKUP_CODE``, which
    ``Editor.sign_in`` types); its password and the primary key of Leitlinie 2."""
    password = secrets.token_urlsafe(24)
    pk = cluster.manage_shell(
        "from django.contrib.auth import get_user_model\n"
        f"from {PROJECT_MODULES['leitlinien_models']} import Leitlinie\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        f"user = get_user_model().objects.create_superuser({username!r}, "
        f"'{username}@example.org', {password!r})\n"
        "TOTPDevice.objects.create(user=user, name='App', confirmed=True)\n"
        "device = StaticDevice.objects.create(user=user, name='Ersatzcodes', confirmed=True)\n"
        f"device.token_set.create(token={BACKUP_CODE!r})\n"
        "print(Leitlinie.objects.get(number=2).pk)",
        "creating the editor",
    ).splitlines()[-1]
    return password, pk


def several_servers(cluster: Cluster, report: Report) -> None:
    password, pk = create_editor(cluster, "probe")
    page = "/de/leitlinien/2/"
    a, b = cluster.ports["A"], cluster.ports["B"]
    first = get(b, page)
    second = get(b, page)
    before = (
        f"B before the edit: {first.status} {first.header('X-Page-Cache')}, "
        f"then {second.status} {second.header('X-Page-Cache')}"
    )
    cached_before = second.status == 200 and second.header("X-Page-Cache") == "hit"

    editor = Editor(a)
    try:
        editor.sign_in("probe", password)
        marker = f"Resilienzprobe {secrets.token_hex(4)}"
        editor.save(f"/admin/leitlinien/leitlinie/{pk}/change/", "editorial_title_de", marker)
    except RunError as error:
        raise RunError(f"on A: {error}") from error
    after = get(b, page)
    again = get(a, page)
    visible = after.status == 200 and marker.encode() in after.body
    fresh = after.header("X-Page-Cache") == "miss"
    shared = again.header("X-Page-Cache") == "hit" and marker.encode() in again.body
    detail = (
        f"{before}; saved on A (302); B on the next request: {after.status} "
        f"{after.header('X-Page-Cache')}, "
        f"{'shows' if visible else 'does NOT show'} “{marker}”; then A: "
        f"{again.status} {again.header('X-Page-Cache')}"
    )
    report.check("Edit on A visible on B", cached_before and visible and fresh and shared, detail)
    report.sections += [
        "## Several servers",
        "",
        f"Editor signed in to the admin on A, changed the editorial title of Leitlinie 2 "
        f"(`{page}`) to “{marker}” through the change form.",
        "",
        f"- {before} (the page was in the shared page cache)",
        f"- B on the next request: {after.status}, `X-Page-Cache: "
        f"{after.header('X-Page-Cache')}`, marker {'present' if visible else 'MISSING'}",
        f"- A afterwards: {again.status}, `X-Page-Cache: {again.header('X-Page-Cache')}` "
        "(the copy B rendered, from the shared Redis)",
        "",
    ]
