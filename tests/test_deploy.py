"""What an operator installs (deploy/) is valid as it stands: the systemd units pass
`systemd-analyze verify` and the nginx site passes `nginx -t`, each with the checkout in
place of /srv/wir-sind-hannover (and a throwaway certificate for the site)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
INSTALLED_AT = "/srv/wir-sind-hannover"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def here(text: str) -> str:
    return text.replace(INSTALLED_AT, str(ROOT))


def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    units = sorted((DEPLOY / "systemd").iterdir())
    names = {unit.name for unit in units}
    assert "wir-sind-hannover.service" in names
    for unit in units:
        if unit.suffix == ".timer":  # every timer starts a service of its own name
            assert unit.with_suffix(".service").name in names, unit.name
        (tmp_path / unit.name).write_text(here(unit.read_text()))
    checked = run(SYSTEMD_ANALYZE, "verify", "--man=no", *(str(tmp_path / n) for n in names))
    # Unknown keys and values are only warnings: none may be printed either.
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_a_broken_unit_would_fail_the_check(tmp_path):
    broken = tmp_path / "broken.service"
    broken.write_text("[Service]\nType=simpel\nExecStart=/bin/true\n")
    checked = run(SYSTEMD_ANALYZE, "verify", "--man=no", str(broken))
    assert "simpel" in checked.stderr


@pytest.fixture
def nginx_config(tmp_path):
    """A main nginx.conf in ``tmp_path`` that includes the site as Debian's would."""
    tls = tmp_path / "tls"
    tls.mkdir()
    made = run(
        OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=strategie.hannover.de",
        "-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem"),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    site = here((DEPLOY / "nginx" / "wir-sind-hannover.conf").read_text())
    site = site.replace("/etc/letsencrypt/live/strategie.hannover.de", str(tls))
    site = site.replace("/var/cache/nginx/wir-sind-hannover", str(tmp_path / "cache"))
    (tmp_path / "site.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        f"events {{}}\nhttp {{\n{temp}\n    access_log off;\n"
        f"    include {tmp_path / 'site.conf'};\n}}\n"
    )
    return main


def test_the_nginx_site_passes_nginx_t(nginx_config, tmp_path):
    checked = run(
        NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(nginx_config)
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_bench_measures_the_proxy_cache_the_site_uses():
    bench = (ROOT / "bench" / "nginx.conf.in").read_text()
    site = (DEPLOY / "nginx" / "wir-sind-hannover.conf").read_text()
    snippet = "deploy/nginx/proxy-cache.conf"
    assert f"include @@REPO@@/{snippet};" in bench
    assert f"include {INSTALLED_AT}/{snippet};" in site
    for config in (bench, site):  # the names the snippet relies on
        assert "keys_zone=portal:" in config and "upstream portal" in config
