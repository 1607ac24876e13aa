"""Behind a real HTTPS-terminating nginx: staff log in (CSRF cookie and token round trip), a POST changes
something, the cookies are Secure and HSTS is sent; plain HTTP is sent to HTTPS.

Why: behind a proxy every POST used to fail the CSRF check (Django saw plain HTTP), and nothing but a
real proxy in front of a real server shows it. The client here is what a browser does, by hand:
cookies kept per name, Origin and Referer sent with each POST, the self-signed certificate trusted.
"""

from __future__ import annotations

import http.client
import re
import sqlite3
import ssl
import time
from http.cookies import SimpleCookie

from .servers import PASSWORD

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
APPLICATION = {
    "channel": "post_signed", "received_on": "2025-03-03", "applicant_type": "natural_person",
    "applicant_name": "李四", "id_number": "110101198001011234", "phone": "13912345678",
    "address": "示范县和平街8号", "email": "", "description": "本县2024年财政预算执行情况", "delivery": "email",
}


class Browser:
    """Just enough of a browser: one HTTPS origin, its cookies, and the headers a form POST carries."""

    def __init__(self, site):
        self.site = site
        self.context = ssl.create_default_context(cafile=str(site.certificate))
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[SimpleCookie] = []

    def request(self, method: str, path: str, form: dict | None = None):
        from urllib.parse import urlencode

        conn = http.client.HTTPSConnection("127.0.0.1", self.site.https_port, context=self.context, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": self.site.origin,
                            "Referer": self.site.origin + path})
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for raw in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(raw)
            self.set_cookies.append(cookie)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        conn.close()
        return response, text

    def token(self, path: str) -> str:
        response, text = self.request("GET", path)
        assert response.status == 200, (path, response.status, text[:500])
        return TOKEN.search(text).group(1)


def test_staff_log_in_and_change_something_over_https(https_site):
    browser = Browser(https_site)
    started = time.monotonic()
    response, text = browser.request("GET", "/login/")
    assert response.status == 200 and "登录" in text
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    token = TOKEN.search(text).group(1)

    response, text = browser.request("POST", "/login/", {"username": "registrar", "password": PASSWORD,
                                                          "csrfmiddlewaretoken": token})
    assert response.status == 302, text[:2000]  # a 403 here is the CSRF failure of issue 13
    assert "sessionid" in browser.cookies

    token = browser.token("/county/applications/new/")
    response, text = browser.request("POST", "/county/applications/new/", {**APPLICATION, "csrfmiddlewaretoken": token})
    assert response.status == 302, text[:2000]
    assert response.headers["Location"].startswith("/county/applications/COUNTY-2025-")
    with sqlite3.connect(https_site.database) as db:
        rows = db.execute("select applicant_name, channel from applications_application").fetchall()
    assert rows == [("李四", "post_signed")]
    print(f"\nlogin and one change over HTTPS through nginx: {time.monotonic() - started:.2f} s")

    # Every cookie the site set is Secure; the session's is also out of reach of scripts.
    sent = {name: morsel for cookie in browser.set_cookies for name, morsel in cookie.items()}
    assert {"csrftoken", "sessionid"} <= set(sent)
    assert all(morsel["secure"] for morsel in sent.values()), {n: m.OutputString() for n, m in sent.items()}
    assert sent["sessionid"]["httponly"]


def test_a_post_without_a_token_is_still_refused_behind_the_proxy(https_site):
    browser = Browser(https_site)
    browser.request("GET", "/login/")
    response, _ = browser.request("POST", "/login/", {"username": "registrar", "password": PASSWORD})
    assert response.status == 403


def test_plain_http_is_sent_to_https(https_site):
    conn = http.client.HTTPConnection("127.0.0.1", https_site.http_port, timeout=30)
    conn.request("GET", "/login/")
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 301
    assert response.headers["Location"].startswith("https://127.0.0.1")
