"""Staff pages of proactive disclosure: register a document, review it in three stages, publish,
revise, withdraw. Every change goes through workflow.py; these views only check who asks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.clock import ClockError, count_working_days
from gongkai.web.agencies import locks
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import AuditEntry, record

from . import workflow
from .forms import (
    ApproveForm,
    AttachForm,
    CategoryForm,
    DocumentForm,
    EditForm,
    FirstApproveForm,
    SendBackForm,
    SubmitForm,
    WithdrawForm,
)
from .models import STAGES, Attribute, Category, Document, DocumentFile, State

REFUSED = (workflow.WorkflowError, locks.Conflict)

EDITOR, HEAD = "editor", "head"
READERS = ("editor", "first_reviewer", "reviewer", "head", "admin")
REVIEWERS = tuple(role for *_, role in STAGES)
REVIEWING = tuple(state for state, *_ in STAGES)
STATE_LABELS = dict(State.choices)
STAGE_LABELS = {key: label for _, key, label, _ in STAGES}


def _subject(doc: Document) -> str:
    return f"document:{doc.index_number}"


def _doc(agency, pk) -> Document:
    return get_object_or_404(Document.objects.select_related("agency", "category", "drafted_by"), agency=agency, pk=pk)


def _waiting_for(request, agency) -> list[Document]:
    """Documents at a stage this person may decide now (not their own drafts, not a second stage)."""
    states = [state for state, *_, role in STAGES if role in request.roles]
    docs = agency.documents.filter(state__in=states).exclude(drafted_by=request.user).order_by("made_on", "id")
    return [doc for doc in docs[:200] if not workflow.review_refusal(doc, request.user)]


@staff_view(*READERS)
def document_list(request, agency):
    docs = agency.documents.select_related("category")
    filters = {key: request.GET.get(key, "").strip() for key in ("state", "attribute", "category", "q")}
    if filters["state"] in State.values:
        docs = docs.filter(state=filters["state"])
    if filters["attribute"] in Attribute.values:
        docs = docs.filter(attribute=filters["attribute"])
    if filters["category"].isdigit():
        docs = docs.filter(category_id=int(filters["category"]))
    if filters["q"]:
        q = filters["q"]
        docs = docs.filter(Q(title__icontains=q) | Q(index_number__icontains=q) | Q(doc_number__icontains=q))
    return render(request, "disclosures/list.html", {
        "agency": agency, "docs": docs.order_by("-id")[:500], "filters": filters,
        "states": State.choices, "attributes": Attribute.choices, "categories": agency.categories.all(),
        "reviews": bool(request.roles & set(REVIEWERS)), "waiting": _waiting_for(request, agency),
        "roles": request.roles,
    })


@staff_view(EDITOR)
def document_new(request, agency):
    form = DocumentForm(request.POST or None, agency=agency)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            doc = workflow.create(agency, request.user, **form.document_fields())
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, f"已登记，索引号{doc.index_number}。")
            return redirect("document", code=agency.code, pk=doc.pk)
    return render(request, "disclosures/form.html", {"agency": agency, "form": form, "doc": None}, status=status)


def _due(doc: Document):
    """The Art 26 date: 20 working days after the document was made or changed (None if not countable)."""
    if doc.attribute != Attribute.PROACTIVE:
        return None
    try:
        return count_working_days(doc.made_on, workflow.PUBLISH_WITHIN, calendar=doc.agency.calendar()).due
    except ClockError:
        return None


def _approve_form(doc: Document) -> type:
    return FirstApproveForm if doc.state == State.FIRST_REVIEW else ApproveForm


def _action_forms(request, doc: Document, bound: dict) -> list[tuple[str, str, object]]:
    """(label, address, form) of each step this person may take on the document now."""
    roles, out = request.roles, []

    def add(key, label, form):
        url = reverse(f"document_{key}", args=[doc.agency.code, doc.pk])
        out.append((label, url, bound.get(key) or form))

    if EDITOR in roles and doc.state == State.DRAFT and doc.attribute == Attribute.PROACTIVE:
        add("submit", "送审", SubmitForm(prefix="submit"))
    stage = doc.stage
    if stage and stage[3] in roles and not workflow.review_refusal(doc, request.user):
        add("approve", f"{stage[2]}通过", _approve_form(doc)(prefix="approve"))
        add("send_back", f"{stage[2]}退回", SendBackForm(prefix="send_back"))
    if HEAD in roles and doc.is_public and not doc.is_withdrawn:
        add("withdraw", "撤回", WithdrawForm(document=doc, prefix="withdraw"))
    return out


def _detail(request, agency, doc: Document, bound: dict | None = None, status: int = 200):
    stage = doc.stage
    audit = AuditEntry.objects.filter(agency=agency, subject=_subject(doc)).select_related("actor")
    return render(request, "disclosures/detail.html", {
        "agency": agency, "doc": doc, "due": _due(doc), "roles": request.roles,
        "action_forms": _action_forms(request, doc, bound or {}),
        "refusal": workflow.review_refusal(doc, request.user) if stage and stage[3] in request.roles else "",
        "can_edit": EDITOR in request.roles and doc.state not in REVIEWING,
        "attach_form": (bound or {}).get("attach") or AttachForm(prefix="attach")
        if EDITOR in request.roles and doc.state in (State.DRAFT, State.RECORDED) and not doc.is_public else None,
        "revisions": doc.revisions.select_related("author"), "seen": workflow.seen(doc),
        "reviews": [(r, STAGE_LABELS.get(r.stage, r.stage)) for r in doc.reviews.select_related("reviewer")],
        "audit": [(e, STATE_LABELS.get(e.from_state, e.from_state), STATE_LABELS.get(e.to_state, e.to_state))
                  for e in audit],
    }, status=status)


@staff_view(*READERS)
def document_detail(request, agency, pk):
    return _detail(request, agency, _doc(agency, pk))


@staff_view(EDITOR)
def document_edit(request, agency, pk):
    doc = _doc(agency, pk)
    seen = locks.seen_in(request.POST) if request.method == "POST" else None
    if seen is not None and (stale := _stale(request, agency, doc)):
        return stale
    if doc.state in REVIEWING:
        messages.error(request, "审核中的信息不能修改，请先退回。")
        return _detail(request, agency, doc, status=409)
    form = EditForm(request.POST or None, document=doc)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            workflow.edit(doc, request.user, form.cleaned_data["reason"], seen=seen, **form.document_fields())
        except locks.Conflict as exc:
            messages.error(request, str(exc))
            return _detail(request, agency, _doc(agency, doc.pk), status=409)
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, "已保存。")
            return redirect("document", code=agency.code, pk=doc.pk)
    return render(request, "disclosures/form.html", {"agency": agency, "form": form, "doc": doc,
                                                     "seen": seen or workflow.seen(doc)}, status=status)


def _stale(request, agency, doc: Document):
    """The page again (409) when the form was made for another version of the document, else None."""
    seen = locks.seen_in(request.POST)
    if seen is None or seen == workflow.seen(doc):
        return None
    messages.error(request, str(locks.Conflict()))
    return _detail(request, agency, doc, status=409)


def _run(request, agency, doc: Document, key: str, form, step, done: str):
    """Run one workflow step with the form's data: the page again with 400 (form) or 409 (refused)."""
    if not form.is_valid():
        return _detail(request, agency, doc, bound={key: form}, status=400)
    try:
        step(form.cleaned_data, locks.seen_in(request.POST))
    except REFUSED as exc:
        messages.error(request, str(exc))
        return _detail(request, agency, _doc(agency, doc.pk), status=409)
    messages.success(request, done)
    return redirect("document", code=agency.code, pk=doc.pk)


@require_POST
@staff_view(EDITOR)
def document_submit(request, agency, pk):
    doc = _doc(agency, pk)
    form = SubmitForm(request.POST, prefix="submit")
    return _run(request, agency, doc, "submit", form,
                lambda data, seen: workflow.submit(doc, request.user, data["reason"], seen=seen), "已送审，等待初审。")


def _stage_role(request, doc: Document) -> str:
    """The stage's label; 403 for a reviewer of another stage (no stage: the workflow says why)."""
    stage = doc.stage
    if stage is None:
        return ""
    if stage[3] not in request.roles:
        raise PermissionDenied
    return stage[2]


@require_POST
@staff_view(*REVIEWERS)
def document_approve(request, agency, pk):
    doc = _doc(agency, pk)
    if stale := _stale(request, agency, doc):
        return stale
    label = _stage_role(request, doc)
    form = _approve_form(doc)(request.POST, prefix="approve")

    def step(data, seen):
        workflow.approve(doc, request.user, data["comment"], secrecy_cleared=data.get("secrecy_cleared"), seen=seen)

    done = "审发通过，已公开。" if doc.state == State.SIGN_OFF else f"{label}通过。"
    return _run(request, agency, doc, "approve", form, step, done)


@require_POST
@staff_view(*REVIEWERS)
def document_send_back(request, agency, pk):
    doc = _doc(agency, pk)
    if stale := _stale(request, agency, doc):
        return stale
    label = _stage_role(request, doc)
    form = SendBackForm(request.POST, prefix="send_back")
    return _run(request, agency, doc, "send_back", form,
                lambda data, seen: workflow.send_back(doc, request.user, data["reason"], seen=seen),
                f"{label}退回，已回到草稿。")


@require_POST
@staff_view(HEAD)
def document_withdraw(request, agency, pk):
    doc = _doc(agency, pk)
    form = WithdrawForm(request.POST, document=doc, prefix="withdraw")

    def step(data, seen):
        workflow.withdraw(doc, request.user, data["reason"], repealed=data["repealed"], seen=seen)

    return _run(request, agency, doc, "withdraw", form, step, "已撤回。")


@require_POST
@staff_view(EDITOR)
def document_attach(request, agency, pk):
    doc = _doc(agency, pk)
    if stale := _stale(request, agency, doc):
        return stale
    if doc.state not in (State.DRAFT, State.RECORDED):
        messages.error(request, "审核中或已公开的信息不能添加附件。")
        return _detail(request, agency, doc, status=409)
    if doc.is_public:
        # Files are not versioned: the public page lists them at once, before the revision is reviewed.
        messages.error(request, "已公开信息的附件会直接对公众可见，修订稿不能添加附件。")
        return _detail(request, agency, doc, status=409)
    form = AttachForm(request.POST, request.FILES, prefix="attach")
    if not form.is_valid():
        return _detail(request, agency, doc, bound={"attach": form}, status=400)
    try:
        item = workflow.attach(doc, request.user, form.cleaned_data["file"], seen=locks.seen_in(request.POST))
    except REFUSED as exc:
        messages.error(request, str(exc))
        return _detail(request, agency, _doc(agency, doc.pk), status=409)
    messages.success(request, f"已上传附件{item.name}。")
    return redirect("document", code=agency.code, pk=doc.pk)


@staff_view(*READERS)
def document_file(request, agency, pk, file_pk):
    # Served through the view: a draft's attachment is not public until the document is.
    item = get_object_or_404(DocumentFile, pk=file_pk, document__agency=agency, document__pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@require_http_methods(["GET", "POST"])
@staff_view("admin", HEAD)
def categories(request, agency):
    """The headings of the 公开目录: add one, or rename and reorder one (a row of the table)."""
    category, form = None, None
    if request.method == "POST":
        pk = request.POST.get("pk", "")
        if pk and not pk.isdigit():
            raise Http404("no such category")
        category = get_object_or_404(Category, agency=agency, pk=pk) if pk else None
        auto_id = f"id_%s_{category.pk}" if category else "id_new_%s"
        form = CategoryForm(request.POST, agency=agency, category=category, auto_id=auto_id)
        if form.is_valid():
            _save_category(request, agency, category, form.cleaned_data)
            return redirect("categories", code=agency.code)
    rows = [(c, form if category is not None and c.pk == category.pk else
             CategoryForm(agency=agency, category=c, initial={"name": c.name, "order": c.order},
                          auto_id=f"id_%s_{c.pk}"))
            for c in agency.categories.all()]
    new_form = form if form is not None and category is None else CategoryForm(agency=agency, auto_id="id_new_%s")
    return render(request, "disclosures/categories.html", {"agency": agency, "rows": rows, "new_form": new_form},
                  status=400 if form is not None else 200)


def _save_category(request, agency, category: Category | None, data: dict) -> None:
    """One transaction: the heading (locked and read again when renamed) with its audit entry."""
    with transaction.atomic():
        if category is None:
            category = Category.objects.create(agency=agency, **data)
            note = f"新增公开目录“{category.name}”，排序{category.order}"
        else:
            category = locks.locked(Category, category.pk)
            note = f"公开目录“{category.name}”改为“{data['name']}”，排序{data['order']}"
            category.name, category.order = data["name"], data["order"]
            category.save(update_fields=["name", "order"])
        record(agency, request.user, f"category:{category.pk}", "category", reason=note)
    messages.success(request, "公开目录已保存。")
