"""Public pages rendered once per change of what they show, then served from memory.

Why: a county portal is read far more than it changes, and rendering the catalogue costs ~10 ms of
CPU (five queries, two counts over every document). Here a page costs one read of the shared cache.

How it stays correct across gunicorn workers: the shared cache (Django's ``default``: Redis or the
database table) holds one *version token*, a fresh random value written after every committed change
of anything a public page shows (``changed``, called from the workflow functions and from the model
signals of ``apps.py``). Each worker keeps the pages it rendered in its own memory under
(token, path); a request reads the token first, so after a change no worker serves a page rendered
before it. The token is read *before* rendering, so a page rendered while a change commits is stored
under the old token and never outlives it.

What is never stored: a page whose rendering touched the session or the user (``request.user`` reads
the session), asked for a CSRF token, set a cookie or varies on one, or did not answer 200. Such a
page is per-user by construction, so the rule needs no list of private pages to keep up to date.

Every stored page goes out with an ETag (a hash of its bytes), Last-Modified (the time of the last
change) and ``Cache-Control: public, max-age=GONGKAI_PUBLIC_MAX_AGE`` (default 0: browsers and the
reverse proxy keep the page but ask again each time, and get 304 when nothing changed).

Where a stored page is answered: with Redis, by ``StoredPages`` in front of Django's WSGI handler
(wsgi.py), which does for a hit exactly what the first middlewares and ``StoredPageMiddleware`` would
and nothing else; with the database cache (the embedded setup), and for everything the front does not
answer, by ``StoredPageMiddleware`` inside Django.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

log = logging.getLogger(__name__)

VERSION_KEY = "portal:pages:version"
MAX_BYTES = 32 * 1024 * 1024  # per worker; the least recently used pages go first


@dataclass(frozen=True)
class Stored:
    content: bytes
    content_type: str
    etag: str
    last_modified: float
    # (status, headers) of the unconditional answer, by "came over HTTPS" (HSTS): see StoredPages.
    answers: dict = field(default_factory=dict, compare=False, repr=False)


_pages: OrderedDict[tuple[str, str], Stored] = OrderedDict()
_size = 0
_lock = threading.Lock()


def enabled() -> bool:
    return getattr(settings, "GONGKAI_PAGE_CACHE", True)


def version() -> tuple[str, float]:
    """The current token and the time of the change that wrote it (one read of the shared cache).

    A change whose new token could not be written (the shared cache was down when it committed) is
    written first: until then the pages stored under the old token would outlive that change.
    """
    global _unwritten
    if _unwritten:
        cache.set(VERSION_KEY, (uuid.uuid4().hex, time.time()), None)
        _unwritten = False
    current = _read_token()
    if current is None:
        cache.add(VERSION_KEY, (uuid.uuid4().hex, time.time()), None)
        current = cache.get(VERSION_KEY) or (uuid.uuid4().hex, time.time())
    return current


_unwritten = False


def _read_token():
    """``cache.get(VERSION_KEY)``, through one Redis connection kept per cache connection and process.

    Why: Django's Redis backend builds a new ``redis.Redis`` for every command (its constructor fills
    a table of ~170 response callbacks), and redis-py then takes a connection from the pool and gives
    it back around the retry and argument wrappers: ~110 µs of CPU per read against ~60 µs for the
    command on a connection of its own, on every stored page. The connection comes from the backend's
    own pool (its address, database, password and TLS), the key and serializer are the backend's, so
    it reads exactly what ``cache.get`` would. A failed read drops the connection (the next one opens
    a new one) and raises as ``cache.get`` would, without redis-py's retries: the page is then rendered
    uncached, and the next request tries again.
    """
    backend = caches["default"]
    read = getattr(backend, "_gongkai_read_token", None)
    if read is None or read.pid != os.getpid():
        read = backend._gongkai_read_token = _token_reader(backend)
    return read()


def _token_reader(backend):
    if type(backend).get is not RedisCache.get or len(backend._cache._servers) != 1:
        def read():  # the database cache, or Redis replicas to choose among as Django does
            return backend.get(VERSION_KEY)
    else:
        pool = backend._cache._get_connection_pool(write=False)
        key = backend.make_and_validate_key(VERSION_KEY)
        loads = backend._cache._serializer.loads
        connection = pool.connection_class(**pool.connection_kwargs)  # the pool's settings, never lent out

        def read():
            try:
                connection.send_command("GET", key)
                value = connection.read_response()
            except BaseException:
                connection.disconnect()  # a reply half read must not be taken for the next one's
                raise
            return None if value is None else loads(value)

        read.connection = connection
    read.pid = os.getpid()
    return read


def bump() -> None:
    """A new token now: every stored page of every worker is stale from this moment.

    With the shared cache down, the change is already committed: the staff's action must not fail for
    it. The new token is then owed (``version`` writes it first, once the cache answers again) and this
    worker's own pages are dropped; the other workers serve nothing stored while the cache is down,
    since they cannot read a token either.
    """
    global _unwritten
    try:
        cache.set(VERSION_KEY, (uuid.uuid4().hex, time.time()), None)
    except Exception as exc:
        if isinstance(caches["default"], DatabaseCache):
            raise  # the token is a row of the change's own transaction: its failure is the change's
        log.error("page cache: the new version could not be written (%s: %s); written when the cache is back",
                  type(exc).__name__, exc)
        _unwritten = True
        forget_all()


def changed() -> None:
    """Something the public pages show changed in the current transaction: a new token as it commits.

    Never visible before the commit: a token seen before the change is would let a request render the
    old rows under the new token and keep them until the next change. With the database cache (the
    embedded default) the token is a row of the same database, written in the same transaction, so it
    becomes visible exactly when the change does (and is rolled back with it). With Redis it is written
    by ``transaction.on_commit``. Outside a transaction both run at once.
    """
    if isinstance(caches["default"], DatabaseCache):
        bump()
    else:
        transaction.on_commit(bump)


def model_changed(sender, **kwargs) -> None:
    """The receiver of the model signals connected in apps.py (module-level: signals hold it weakly)."""
    changed()


def forget_all() -> None:
    """Empty this worker's memory (tests; a new token does the same for every worker)."""
    global _size
    with _lock:
        _pages.clear()
        _asked.clear()
        _size = 0


def _get(key: tuple[str, str]) -> Stored | None:
    with _lock:
        stored = _pages.get(key)
        if stored is not None:
            _pages.move_to_end(key)
        return stored


def _put(key: tuple[str, str], stored: Stored) -> None:
    global _size
    with _lock:
        if key in _pages:
            return
        _pages[key] = stored
        _size += len(stored.content)
        while _size > MAX_BYTES and _pages:
            _, old = _pages.popitem(last=False)
            _size -= len(old.content)


_asked: OrderedDict[tuple[str, str], None] = OrderedDict()
ASKED = 4096  # keys remembered per worker for ``_gongkai_store_on_repeat``


def _asked_before(key: tuple[str, str]) -> bool:
    """Whether this worker was asked for ``key`` since it last forgot it; remembers it now.

    Why: a view whose pages are nearly all asked once (a search with its own query) sets
    ``response._gongkai_store_on_repeat``; its page is stored only when asked a second time, so that
    distinct pages neither cost the hashing and storing nor push the pages asked often out of memory.
    """
    with _lock:
        if key in _asked:
            del _asked[key]
            return True
        _asked[key] = None
        if len(_asked) > ASKED:
            _asked.popitem(last=False)
        return False


def is_shared(request, response) -> bool:
    """True when the response is the same for every visitor and may be stored and served to anyone."""
    session = getattr(request, "session", None)
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not (session is not None and session.accessed)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "cookie" not in response.get("Vary", "").lower()
            and "private" not in response.get("Cache-Control", "") and "no-" not in response.get("Cache-Control", ""))


def _respond(request, stored: Stored) -> HttpResponse:
    response = HttpResponse(stored.content, content_type=stored.content_type)
    response["ETag"] = stored.etag
    response["Last-Modified"] = http_date(stored.last_modified)
    response["Cache-Control"] = f"public, max-age={getattr(settings, 'GONGKAI_PUBLIC_MAX_AGE', 0)}"
    patch_vary_headers(response, ("Accept-Encoding",))
    return get_conditional_response(request, etag=stored.etag, last_modified=int(stored.last_modified),
                                    response=response)


def _hit(request, stored: Stored) -> HttpResponse:
    """A stored page's answer as StoredPageMiddleware gives it (SecurityMiddleware's headers come after)."""
    response = _respond(request, stored)
    response.setdefault("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY"))
    return response


# The environ key by which StoredPages hands the token it read on to Django (a miss, or a page it does
# not answer), so that the request reads it once. No client can set it: headers arrive as HTTP_*.
FOUND = "gongkai.pagecache.found"


def _stored_for(request) -> tuple[tuple[str, str], float] | None:
    """The key and change time this GET/HEAD request's page would be stored under; None without a cache."""
    if request.method not in ("GET", "HEAD") or not enabled():
        return None
    if FOUND in request.META:
        return request.META[FOUND]
    try:
        token, stamp = version()
    except Exception:  # the shared cache is down: the page is rendered as if there were no cache
        log.warning("page cache: the shared cache did not answer; %s rendered uncached", request.path,
                    exc_info=True)
        return None
    return (token, request.get_full_path()), stamp


class StoredPageMiddleware:
    """A page already stored is answered here, before sessions, CSRF, authentication and messages.

    Why: on a hit those middlewares only cost time (a stored page was rendered without touching the
    session, the user or a CSRF token, so it is the same whatever they would find), and at 50 clients
    on two cores the time per request is the latency. Placed after SecurityMiddleware, whose headers
    the answer still gets; the host is still checked against ALLOWED_HOSTS; X-Frame-Options is set as
    XFrameOptionsMiddleware would. A miss goes on to the view, whose ``public_page`` decorator stores it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and enabled() and _pages:
            request.get_host()  # DisallowedHost (400) exactly as CommonMiddleware would raise it
            found = _stored_for(request)
            if found is not None:
                stored = _get(found[0])
                if stored is not None:
                    return _hit(request, stored)
                request._gongkai_page_key = found
        return self.get_response(request)


# What Django runs before StoredPageMiddleware, and all StoredPages does in their place.
FRONT = ["gongkai.web.agencies.bodysize.BodySizeMiddleware", "django.middleware.security.SecurityMiddleware",
         "gongkai.web.portal.pagecache.StoredPageMiddleware"]
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class StoredPages:
    """WSGI: a stored page answered before Django's handler is entered; everything else passed on.

    Why: a hit through Django costs its handler (signals, the middleware chain, the response's
    conversion to WSGI) several times what the hit itself costs, and at 50 clients on two cores the
    CPU per request is the latency. Here a hit is, in Django's own code, what the three first
    middlewares would do with it: the body-size check (any declared body goes on to Django), the host
    checked against ALLOWED_HOSTS (a refused host goes on to Django, which answers 400 as before),
    SecurityMiddleware's HTTPS redirect (goes on to Django) and response headers, then the lookup and
    the answer of StoredPageMiddleware (304 included). The unconditional answer's headers are made
    once per stored page by that same code and kept with it.

    Only with a shared cache outside the database: the database cache's token is read through a
    database connection, whose opening and closing Django ties to its request signals. And only when
    settings.MIDDLEWARE begins with those three middlewares; otherwise every request goes to Django.
    """

    def __init__(self, application):
        self.application = application
        self.active = list(settings.MIDDLEWARE[:len(FRONT)]) == FRONT
        self.security = SecurityMiddleware(application)

    def __call__(self, environ, start_response):
        if (self.active and _pages and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
                and not (environ.get("CONTENT_LENGTH") or "").strip() and "HTTP_TRANSFER_ENCODING" not in environ
                and enabled() and not isinstance(caches["default"], DatabaseCache)):
            answer = self.answer(environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                return [body]
        return self.application(environ, start_response)

    def answer(self, environ) -> tuple[str, list, bytes] | None:
        # A copy: WSGIRequest rewrites PATH_INFO decoded, which Django's own request could not decode again.
        request = WSGIRequest(environ.copy())
        try:
            request.get_host()
        except DisallowedHost:
            return None
        if self.security.process_request(request) is not None:
            return None
        found = environ[FOUND] = _stored_for(request)
        stored = _get(found[0]) if found is not None else None
        if stored is None:
            return None
        conditional = any(name in environ for name in CONDITIONAL)
        secure = request.is_secure()
        if not conditional and secure in stored.answers:
            status, headers = stored.answers[secure]
            return status, list(headers), stored.content
        response = self.security.process_response(request, _hit(request, stored))
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.items())
        if not conditional:
            stored.answers[secure] = (status, tuple(headers))
        return status, headers, response.content


def serve_stored(application):
    """``application`` with stored pages answered in front of it (wsgi.py)."""
    return StoredPages(application)


def public_page(view):
    """Serve ``view``'s GET answers from memory until the next change (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        found = getattr(request, "_gongkai_page_key", None) or _stored_for(request)
        if found is None:
            return view(request, *args, **kwargs)
        request._gongkai_page_key = found  # the token, read once, for the view too (public.agency_for)
        key, stamp = found
        stored = _get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if not is_shared(request, response):
                return response
            if getattr(response, "_gongkai_store_on_repeat", False) and not _asked_before(key):
                return response
            content = response.content
            stored = Stored(content, response["Content-Type"], f'"{hashlib.sha256(content).hexdigest()[:32]}"',
                            stamp)
            _put(key, stored)
        return _respond(request, stored)

    return wrapper
