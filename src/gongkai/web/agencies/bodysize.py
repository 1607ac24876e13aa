"""Request bodies over GONGKAI_MAX_REQUEST_BYTES refused with 413 before a byte of them is read.

Why a middleware at the top: Django reads a multipart body to the end, writing its files to the temp
folder, before any view or form can say the file is too large, and the limits of Django's own
(DATA_UPLOAD_MAX_MEMORY_SIZE) count only the fields that are not files. Checking the declared
Content-Length first costs nothing and means a 300 MB POST, from anybody, logged in or not, is
answered at once with nothing written to disk. A body without a Content-Length (chunked) is not read
by Django at all, so it needs no check here.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from . import messages as M

API_PREFIX = "/zfxxgk/api/"


class BodySizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.GONGKAI_MAX_REQUEST_BYTES
        if declared_length(request.META) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def declared_length(meta) -> int:
    """The Content-Length the client declared; 0 when absent, and refused as too large when garbled."""
    raw = (meta.get("CONTENT_LENGTH") or "").strip()
    if not raw:
        return 0
    try:
        return max(int(raw), 0)
    except ValueError:
        return 1 << 62


def too_large(request, limit: int) -> HttpResponse:
    message = M.TOO_LARGE.format(limit=megabytes(limit), file_limit=megabytes(settings.GONGKAI_MAX_FILE_BYTES))
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"error": {"code": "too_large", "message": message}}, status=413,
                                json_dumps_params={"ensure_ascii": False})
    else:
        html = render_to_string("too_large.html", {"title": M.TOO_LARGE_TITLE, "message": message})
        response = HttpResponse(html, status=413, content_type="text/html; charset=utf-8")
    # The unread body is still on the wire: the server must not read it as the next request.
    response["Connection"] = "close"
    return response


def megabytes(size: int) -> str:
    """"20 MB" for a limit; a file's size rounded up to 0.1 MB, so that one just over 1 MB never reads "1 MB"."""
    mb = 1024 * 1024
    return f"{size // mb} MB" if size % mb == 0 else f"{math.ceil(size * 10 / mb) / 10:g} MB"


def within_file_limit(file):
    """``file`` when it fits GONGKAI_MAX_FILE_BYTES, else a ``ValidationError`` in Chinese (for a form's clean)."""
    from django.forms import ValidationError

    limit = settings.GONGKAI_MAX_FILE_BYTES
    if file is not None and file.size > limit:
        raise ValidationError(M.FILE_TOO_LARGE.format(name=file.name, size=megabytes(file.size),
                                                      limit=megabytes(limit)))
    return file


def file_help() -> str:
    return M.FILE_HELP.format(limit=megabytes(settings.GONGKAI_MAX_FILE_BYTES))
