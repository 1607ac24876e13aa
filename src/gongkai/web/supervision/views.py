"""The county office's pages: the roster and deadline board, rules, reminders, filings."""

from __future__ import annotations

from django.shortcuts import redirect, render

from gongkai.web.applications.models import today

from . import messages as M
from .access import supervised, supervisor_view


@supervisor_view
def home(request, county):
    """The board of last year's reports: the one the office works on from January on."""
    return redirect("supervision:board", code=county.code, year=today().year - 1)


@supervisor_view
def board(request, county, year):
    agencies = supervised(county)
    return render(request, "supervision/board.html", {
        "county": county, "year": year, "title": M.BOARD_TITLE.format(year=year),
        "rows": [{"agency": a} for a in agencies],
    })
