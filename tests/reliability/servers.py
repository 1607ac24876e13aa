"""The platform as production runs it, started by the tests: gunicorn with the production settings on a
temporary SQLite database, and nginx terminating HTTPS in front of it with a self-signed certificate.

Why real servers: the failures these tests guard against (every POST refused behind the proxy, cookies
sent in clear, a 300 MB body written to disk before it is refused) live between the proxy, the WSGI
server and Django; the test client of Django sits past all of them.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..needs import program

PASSWORD = "Registrar-Password-2025"
SECRET_KEY = "reliability-tests-" + "x7Kq9Lm2Pz" * 5
SEED = f"""
from django.contrib.auth import get_user_model
from gongkai.web.agencies.models import Agency, Membership
agency = Agency.objects.create(name="示范县人民政府办公室", code="county", level="department")
user = get_user_model().objects.create_user("registrar", password={PASSWORD!r})
Membership.objects.create(user=user, agency=agency, role="registrar")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}:\n{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listening on {port} after {seconds} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text("utf-8", "replace")[-3000:] if log.exists() else "(no log)"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


@dataclass
class Site:
    folder: Path
    env: dict[str, str]
    gunicorn_port: int
    https_port: int
    http_port: int
    database: Path
    media: Path
    temp: Path
    certificate: Path

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"


def production_env(folder: Path, https_port: int) -> dict[str, str]:
    """The README's production variables, for a site at https://127.0.0.1:<https_port> behind nginx."""
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("GONGKAI_", "SECURE_", "SESSION_", "CSRF_", "DJANGO_", "CACHE_"))
            and k not in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT", "REDIS_URL")}
    return {
        **keep,
        "GONGKAI_PRODUCTION": "1", "SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}", "MEDIA_ROOT": str(folder / "media"),
        # Django writes uploads it cannot keep in memory to the temp folder: watched by the tests.
        "TMPDIR": str(folder / "tmp"),
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto", "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
        # nginx passes Host without the port; the browser's Origin has it.
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}",
        "GONGKAI_TODAY": "2025-03-10",
    }


def manage(env: dict[str, str], *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "gongkai.web", *args], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"manage {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"


def prepare(folder: Path) -> Site:
    https_port, http_port, gunicorn_port = free_port(), free_port(), free_port()
    env = production_env(folder, https_port)
    for sub in ("media", "tmp"):
        (folder / sub).mkdir()
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "shell", "-c", SEED)
    return Site(folder, env, gunicorn_port, https_port, http_port, folder / "site.sqlite3", folder / "media",
                folder / "tmp", folder / "cert.pem")


def start_gunicorn(site: Site) -> subprocess.Popen:
    log = site.folder / "gunicorn.log"
    # gunicorn would itself believe X-Forwarded-Proto from 127.0.0.1 (its forwarded_allow_ips): trusting only
    # a documentation address leaves the scheme to Django's SECURE_PROXY_SSL_HEADER, which is under test.
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.web.wsgi:application", "-w", "2", "-b",
         f"127.0.0.1:{site.gunicorn_port}", "--forwarded-allow-ips", "192.0.2.1", "--timeout", "60"],
        cwd=site.folder, env=site.env, stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True)
    wait_for_port(site.gunicorn_port, process, log)
    return process


def write_certificate(site: Site) -> Path:
    """A self-signed certificate for 127.0.0.1 and localhost (cryptography), and its key beside it."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    site.certificate.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (site.folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return site.certificate


NGINX_CONF = """
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/nginx-access.log;
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    client_max_body_size 25m;
    # As the README's recipe: the proxy overwrites the headers the application believes.
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    server {{
        listen 127.0.0.1:{https_port} ssl;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
        location / {{ proxy_pass http://127.0.0.1:{gunicorn_port}; }}
    }}
    server {{
        listen 127.0.0.1:{http_port};
        location / {{ proxy_pass http://127.0.0.1:{gunicorn_port}; }}
    }}
}}
"""


def start_nginx(site: Site) -> subprocess.Popen:
    nginx = program("nginx", "nginx")
    write_certificate(site)
    conf = site.folder / "nginx.conf"
    # As root nginx would hand its workers to "nobody", who cannot read this folder.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, folder=site.folder, https_port=site.https_port,
                                      http_port=site.http_port, gunicorn_port=site.gunicorn_port))
    log = site.folder / "nginx.log"
    process = subprocess.Popen(
        [nginx, "-p", str(site.folder), "-c", str(conf), "-e", str(site.folder / "nginx-error.log"),
         "-g", "daemon off;"],
        stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    wait_for_port(site.https_port, process, site.folder / "nginx-error.log")
    return process


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())
