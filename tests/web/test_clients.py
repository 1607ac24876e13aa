"""The client's address: X-Forwarded-For believed only from GONGKAI_TRUSTED_PROXIES, read from the right."""

import pytest
from django.test import RequestFactory, override_settings

from gongkai.web.agencies.clients import client_ip


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_it_ignores_x_forwarded_for_when_no_proxy_is_trusted():
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
def test_it_ignores_x_forwarded_for_from_an_untrusted_address():
    # Somebody on the internet reaching the server around the proxy cannot choose their address.
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
def test_it_believes_the_trusted_proxy():
    assert client_ip(_request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
def test_it_takes_the_address_the_proxy_saw_not_what_the_client_wrote_before_it():
    # The client sent "X-Forwarded-For: 10.9.9.9"; nginx appended the address it saw.
    assert client_ip(_request("127.0.0.1", "10.9.9.9, 198.51.100.1")) == "198.51.100.1"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/24"])
def test_it_walks_back_through_a_chain_of_trusted_proxies():
    assert client_ip(_request("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5")) == "198.51.100.1"
    # Everything trusted (an office machine behind both proxies): the leftmost address.
    assert client_ip(_request("127.0.0.1", "10.0.0.9, 10.0.0.5")) == "10.0.0.9"


@override_settings(GONGKAI_TRUSTED_PROXIES=["::1", "127.0.0.1"])
@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),  # IPv4 seen through an IPv6 socket
    ("::1", "[2001:db8::7]:5123", "2001:db8::7"),
    ("127.0.0.1", "198.51.100.1:40000", "198.51.100.1"),
    ("127.0.0.1", "", "127.0.0.1"),  # the proxy itself, no header
    ("127.0.0.1", "garbage, 198.51.100.1", "198.51.100.1"),
    ("127.0.0.1", "198.51.100.1, garbage", "127.0.0.1"),  # a hop that names nobody: the last one we can name
])
def test_it_reads_the_forms_an_address_takes(remote, forwarded, expected):
    assert client_ip(_request(remote, forwarded)) == expected
