"""The public pages (政府信息公开专栏). No login; nothing about an applicant ever appears here."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.web.agencies import locks
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import record
from gongkai.web.applications import privacy, services
from gongkai.web.applications.messages import MASKED
from gongkai.web.applications.models import Channel, today
from gongkai.web.disclosures import search as fulltext
from gongkai.web.reports.messages import render_problem

from . import lookup, paging, public, quotas, rendered
from .forms import ApplyForm, MessageForm, StatusForm
from .models import Message
from .pagecache import public_page

RECEIPT = "portal_receipt"


@public_page
def county(request):
    return render(request, "portal/county.html", {"tree": public.agency_tree()})


@public_page
def agency_page(request, code):
    agency = public.agency_or_404(code)
    return render(request, "portal/agency.html", {
        "agency": agency, "section": "home", "documents": public.published(agency)[:public.LATEST],
        "categories": public.categories(agency)})


@public_page
def guide(request, code):
    agency = public.agency_or_404(code)
    body, written = public.guide(agency)
    return render(request, "portal/guide.html", {"agency": agency, "section": "guide", "body": body,
                                                 "written": written})


@public_page
def catalogue(request, code):
    agency = public.agency_or_404(code)
    category = public.category_or_404(agency, request.GET.get("category"))
    documents = public.published(agency)
    headings = public.categories(agency)
    if category:
        documents = documents.filter(public_category=category)
        count = next((c.count for c in headings if c.pk == category.pk), 0)
    else:
        count = sum(paging.live_counts(agency).values())
    page = paging.catalogue_page(documents, count, request.GET.get("page"), request.GET.get("after"), public.PER_PAGE)
    return render(request, "portal/catalogue.html", {
        "agency": agency, "section": "catalogue", "category": category, "categories": headings,
        "page": page, "extra": f"category={category.pk}&" if category else ""})


@public_page
def search(request, code):
    """A different query nearly every time, so mostly rendered, not stored: one statement for the page
    and its count (search.page), the result list's links spliced from one reversed URL, not one each."""
    agency = public.agency_for(request, code)
    query, problem = public.clean_query(request.GET.get("q"))
    page = None if problem else fulltext.page(agency.pk, query, request.GET.get("page"), public.PER_PAGE,
                                              public.category_names(request, agency))
    # The result list's links: links.documents (public.links), the 索引号 with "~", "/".
    response = render(request, "portal/search.html", {"agency": agency, "section": "search", "query": query,
                                                      "problem": problem, "page": page,
                                                      "extra": urlencode({"q": query}) + "&"})
    response._gongkai_store_on_repeat = bool(query)  # stored when asked again (pagecache._asked_before)
    return response


@public_page
def document(request, code, index):
    agency = public.agency_or_404(code)
    doc = public.document_or_404(agency, index)
    return render(request, "portal/document.html", {"agency": agency, "doc": doc, "body": public.shown_body(doc),
                                                    "files": public.shown_files(doc)})


def document_file(request, code, index, pk):
    agency = public.agency_or_404(code)
    doc = public.document_or_404(agency, index)
    try:
        item = public.file_or_404(doc, pk)
    except public.Withdrawn:
        return render(request, "portal/withdrawn_file.html", {"agency": agency, "doc": doc}, status=410)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name or item.file.name)


@require_http_methods(["GET", "POST"])
def apply(request, code):
    agency = public.agency_or_404(code)
    form = ApplyForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "portal/apply.html", {"agency": agency, "section": "apply", "form": form},
                          status=400)
        try:
            quotas.take_application(request)
        except quotas.OverQuota as exc:
            return render(request, "portal/apply.html", {"agency": agency, "section": "apply", "form": form,
                                                         "problem": exc.message}, status=exc.status)
        app = register_online(agency, form.cleaned_data)
        # Post-redirect-get: the code is shown once, by the next page, then forgotten.
        request.session[RECEIPT] = {"agency": agency.code, "number": app.number, "code": app.plain_code}
        return redirect("portal_applied", code=agency.code)
    return render(request, "portal/apply.html", {"agency": agency, "section": "apply", "form": form})


def register_online(agency, data: dict):
    """The application and its lookup code in one transaction: never one without the other."""
    with transaction.atomic():
        app = services.register(agency, None, channel=Channel.ONLINE, received_on=today(), **data)
        app.plain_code = lookup.issue(app)
    return app


def applied(request, code):
    agency = public.agency_or_404(code)
    receipt = request.session.pop(RECEIPT, None)
    if receipt and receipt.get("agency") != agency.code:
        receipt = None
    response = render(request, "portal/applied.html", {"agency": agency, "receipt": receipt})
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def status(request, code):
    agency = public.agency_or_404(code)
    form = StatusForm(request.POST or None)
    context = {"agency": agency, "section": "status", "form": form}
    code_status = 200
    if request.method == "POST":
        code_status = 400
        if form.is_valid():
            try:
                app = lookup.find(request, agency, form.cleaned_data["number"], form.cleaned_data["code"])
            except lookup.Limited as exc:
                context["problem"], code_status = exc.message, exc.status
            else:
                if app is None:
                    context["problem"] = lookup.NOT_FOUND
                else:
                    context["status"], code_status = lookup.public_status(app), 200
    response = render(request, "portal/status.html", context, status=code_status)
    add_never_cache_headers(response)
    return response


@public_page
def reports(request, code):
    agency = public.agency_or_404(code)
    return render(request, "portal/reports.html", {"agency": agency, "section": "reports",
                                                   "reports": public.reports(agency)})


@public_page
def report(request, code, year):
    agency = public.agency_or_404(code)
    item = public.report_or_404(agency, year)
    try:
        html = public.report_html(item)
    except public.RenderError as exc:
        return render(request, "portal/unavailable.html", {"agency": agency, "message": render_problem(exc)},
                      status=503)
    return render(request, "portal/report.html", {"agency": agency, "section": "reports", "report": item, "html": html,
                                                  "downloads": public.DOWNLOADS})


def report_download(request, code, year, kind):
    agency = public.agency_or_404(code)
    if kind not in public.DOWNLOADS:
        raise Http404("no such kind")
    item = public.report_or_404(agency, year)
    try:
        stored = rendered.published_file(item.snapshot, kind)
    except public.RenderError as exc:
        return render(request, "portal/unavailable.html", {"agency": agency, "message": render_problem(exc)},
                      status=503)
    # Rendered once per published version (rendered.py); the file's name is its version's digest.
    etag = f'"{stored.stem}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:  # a report is a few hundred KB: read whole, like the rendering it replaces
        response = HttpResponse(stored.read_bytes(), content_type=public.CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{agency.code}-{year}.{kind}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=0"
    return response


@require_http_methods(["GET", "POST"])
def mailbox(request, code):
    agency = public.agency_or_404(code)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "portal/mailbox.html", {"agency": agency, "section": "mailbox", "form": form},
                          status=400)
        try:
            quotas.take_message(request)
        except quotas.OverQuota as exc:
            return render(request, "portal/mailbox.html", {"agency": agency, "section": "mailbox", "form": form,
                                                           "problem": exc.message}, status=exc.status)
        leave_message(agency, form)
        return redirect("portal_mailbox_sent", code=agency.code)
    return render(request, "portal/mailbox.html", {"agency": agency, "section": "mailbox", "form": form})


def leave_message(agency, form: MessageForm) -> Message | None:
    if form.is_spam:
        return None  # answered like any message, so the robot learns nothing
    data = {k: form.cleaned_data[k] for k in ("subject", "body", "name", "contact")}
    return Message.objects.create(agency=agency, **data)


def mailbox_sent(request, code):
    return render(request, "portal/mailbox_sent.html", {"agency": public.agency_or_404(code)})


# Staff side of the 意见箱 (under /<code>/messages/, see staff_urls.py).


@staff_view()
def staff_messages(request, agency):
    """A writer's name and contact are personal data: shown to the roles that answer the public (the
    same need-to-know as an applicant's), 已隐去 for every other role of the agency."""
    messages = Message.objects.filter(agency=agency)
    return render(request, "portal/staff_messages.html", {
        "agency": agency, "messages_list": messages, "sees_contact": privacy.sees_personal(request.roles),
        "masked": MASKED})


@require_POST
@staff_view()
def message_handled(request, agency, pk):
    message = get_object_or_404(Message, agency=agency, pk=pk)
    # One transaction on the row read again under its lock: two replies at once are both audited, in order.
    with transaction.atomic():
        message = locks.locked(Message, message.pk)
        message.handled = True
        message.reply = request.POST.get("reply", "").strip()[:2000] or message.reply
        message.save(update_fields=["handled", "reply"])
        record(agency, request.user, f"message:{message.pk}", "message_handled", "", "handled", message.reply)
    return redirect("messages", code=agency.code)
