"""Control characters removed from every posted form field before a view or form sees it.

Why here, once, for every form (applications, documents, reports, the guide and the other back-office
pages, the 意见箱): a NUL or backspace typed or pasted into any field ends up in some Word or PDF
file, which then cannot be built; a new form cannot forget a guard that no form has to call. The JSON
API posts no form data: its forms strip the same characters themselves (portal.forms.Described).
What counts as a control character is ``gongkai.report.controls``.
"""

from __future__ import annotations

from django.http import QueryDict

from gongkai.report.controls import has_controls, strip_controls

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class PlainTextMiddleware:
    """After the CSRF check (which only reads the token), before the view: ``request.POST`` cleaned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = without_controls(request.POST)
        return None


def without_controls(data: QueryDict) -> QueryDict:
    """A copy of ``data`` with every value's control characters removed (``data`` itself when it has none)."""
    if not any(has_controls(key) or any(has_controls(v) for v in values) for key, values in data.lists()):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(strip_controls(key), [strip_controls(v) for v in values])
    clean._mutable = False
    return clean
