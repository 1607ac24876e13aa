"""The JSON twin of the public site, under /zfxxgk/api/ (OpenAPI at /zfxxgk/api/openapi.json).

Every failure has one shape: ``{"error": {"code", "message"}}`` with a Chinese message (and
``fields`` for form errors), whatever went wrong: a missing page, a bad parameter, a wrong method.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from gongkai.web.agencies.models import Agency
from gongkai.web.disclosures.models import Document
from gongkai.web.reports.models import AnnualReport

from . import lookup, paging, public, quotas, views
from .forms import ApplyForm, MessageForm

try:
    from ninja import Status
except ImportError:  # django-ninja before 1.5: a (status, body) tuple means the same

    def Status(status, body):
        return status, body

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="政府信息公开专栏 API",
    version="1",
    description="政府信息公开专栏的公开数据接口：机关、公开目录、政府信息、公开指南、年度报告、依申请公开的"
                "在线申请和办理进度查询、意见箱。无需登录。出错时统一返回 "
                '{"error": {"code": "…", "message": "中文说明"}}。',
    urls_namespace="portal_api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def envelope(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status,
                        content_type="application/json; charset=utf-8",
                        json_dumps_params={"ensure_ascii": False})


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return envelope(exc.status, exc.code, exc.message, **exc.extra)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return envelope(404, "not_found", "未找到所请求的内容。")


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    fields = {".".join(str(p) for p in e.get("loc", ())[1:]) or "body": e.get("msg", "") for e in exc.errors}
    return envelope(400, "invalid", "请求参数不正确。", fields=fields)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # Ninja's own errors (e.g. a body that is not JSON) carry an English text: kept as the detail.
    if exc.status_code == 400:
        return envelope(400, "invalid", "请求内容无法解析，请提交 JSON。", detail=str(exc))
    return envelope(exc.status_code, "http_error", "请求无法处理。", detail=str(exc))


@api.exception_handler(Exception)
def _crash(request, exc):
    log.exception("portal api error on %s", request.path)
    return envelope(500, "server_error", "服务器内部错误，请稍后再试。")


def not_found_view(request, rest=""):
    return envelope(404, "not_found", "没有这个接口。")


def _enveloped(view):
    """Ninja answers a wrong method with plain text; give it the envelope too."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = envelope(405, "method_not_allowed", "不支持该请求方法。")
            response["Allow"] = allowed
        return response

    return wrapper




# Schemas


class AgencyOut(Schema):
    code: str = Field(description="机关代码")
    name: str = Field(description="机关名称")
    level: str = Field(description="层级：government 人民政府，department 政府部门，township 乡镇（街道）")
    level_display: str = Field(description="层级（中文）")
    parent: str | None = Field(description="上级机关代码")
    url: str = Field(description="政府信息公开专栏网页")


class CategoryOut(Schema):
    id: int = Field(description="公开目录编号")
    name: str = Field(description="目录名称")
    count: int = Field(description="该目录下的政府信息数")


class FileOut(Schema):
    name: str = Field(description="附件名称")
    url: str = Field(description="下载地址")


class DocumentOut(Schema):
    index_number: str = Field(description="索引号")
    title: str = Field(description="标题")
    doc_number: str = Field(description="文号")
    category: str | None = Field(description="公开目录")
    category_id: int | None = Field(description="公开目录编号")
    published_on: dt.date | None = Field(description="发布日期")
    url: str = Field(description="网页地址")
    api_url: str = Field(description="本接口地址")


class DocumentDetail(DocumentOut):
    body: str = Field(description="正文（已撤回或废止的信息为空）")
    version: int | None = Field(description="公开版本")
    channels: list[str] = Field(description="公开渠道")
    withdrawn: bool = Field(description="是否已撤回")
    withdrawn_on: dt.date | None = Field(description="撤回日期")
    withdrawn_reason: str = Field(description="撤回理由")
    files: list[FileOut] = Field(description="附件（已撤回或废止的信息为空）")


class DocumentPage(Schema):
    count: int = Field(description="总条数")
    page: int = Field(description="当前页")
    pages: int = Field(description="总页数")
    per_page: int = Field(description="每页条数")
    items: list[DocumentOut]


class AgencyDetail(Schema):
    agency: AgencyOut
    children: list[AgencyOut] = Field(description="下级机关")
    categories: list[CategoryOut] = Field(description="公开目录")
    latest: list[DocumentOut] = Field(description="最新公开的政府信息")


class GuideOut(Schema):
    agency: str = Field(description="机关代码")
    title: str = Field(description="标题")
    body: str = Field(description="指南正文（段落之间空一行）")
    updated_at: dt.datetime | None = Field(description="更新时间；为空表示按机关名称生成的默认指南")
    is_default: bool = Field(description="是否为默认指南")


class ReportOut(Schema):
    year: int = Field(description="年度")
    published_on: dt.date | None = Field(description="发布日期")
    url: str = Field(description="网页地址")
    api_url: str = Field(description="本接口地址（含报告全部数据）")
    downloads: dict[str, str] = Field(description="下载地址：docx、pdf")


class VersionOut(Schema):
    number: int = Field(description="版本号（第1版为首次发布，其后每次更正一版）")
    published_on: dt.date = Field(description="报告的发布日期")
    corrected_on: dt.date | None = Field(description="更正日期（第1版为空）")
    reason: str = Field(description="更正说明")
    superseded: bool = Field(description="是否已被更正（后来有新版本）")
    url: str = Field(description="该版本的网页地址")


class ReportDetail(ReportOut):
    report: dict = Field(description="现行版本的报告（CONTRACT.md 规定的 JSON，另含六个部分的文字 sections）")
    versions: list[VersionOut] = Field(description="全部已发布的版本，从第1版起；除最后一版外均已被更正")


class StatusIn(Schema):
    number: str = Field(description="受理编号", max_length=40)
    code: str = Field(description="查询码（提交申请时显示一次）", max_length=20)


class StatusOut(Schema):
    number: str = Field(description="受理编号")
    state: str = Field(description="状态代码")
    state_display: str = Field(description="状态：登记、审核、办理、答复、归档")
    received_on: dt.date = Field(description="收到申请之日")
    due_on: dt.date | None = Field(description="答复期限（办理中时）")
    deadline_note: str = Field(description="期限说明（如待补正、暂停计算）")
    outcome: str = Field(description="办理结果代码")
    outcome_display: str = Field(description="办理结果")
    replied_on: dt.date | None = Field(description="答复日期")


class ApplyIn(Schema):
    applicant_type: str = Field(description="申请人类型：natural_person、commercial、research、social_welfare、"
                                            "legal_service、other_org")
    applicant_name: str = Field(description="姓名或名称")
    id_number: str = Field(description="身份证件号码或统一社会信用代码")
    phone: str = Field(description="联系电话")
    address: str = Field("", description="通信地址")
    email: str = Field("", description="电子邮箱")
    description: str = Field(description="申请公开的政府信息的名称、文号或特征性描述")
    delivery: str = Field(description="获取信息的方式：paper、email、pickup、post")


class ApplyOut(Schema):
    number: str = Field(description="受理编号")
    code: str = Field(description="查询码：仅此一次显示，请妥善保存")
    received_on: dt.date = Field(description="提交日期")
    status_url: str = Field(description="办理进度查询网页")


class MessageIn(Schema):
    subject: str = Field(description="主题")
    body: str = Field(description="内容")
    name: str = Field("", description="姓名（选填）")
    contact: str = Field("", description="联系方式（选填）")


class Received(Schema):
    received: bool = Field(description="已收到")


class ErrorBody(Schema):
    code: str = Field(description="错误代码")
    message: str = Field(description="中文说明")


class ErrorOut(Schema):
    error: ErrorBody


# Serialisers, shared by the endpoints (the HTML pages render the same objects).


def agency_json(agency: Agency) -> dict:
    parent = agency.parent.code if agency.parent_id else None
    return {"code": agency.code, "name": agency.name, "level": agency.level,
            "level_display": agency.get_level_display(), "parent": parent,
            "url": reverse("portal_agency", args=[agency.code])}


def document_json(doc: Document) -> dict:
    code = doc.agency.code
    return {"index_number": doc.index_number, "title": doc.public_title, "doc_number": doc.public_doc_number,
            "category": doc.public_category.name if doc.public_category_id else None,
            "category_id": doc.public_category_id,
            "published_on": doc.published_on,
            "url": reverse("portal_document", args=[code, doc.index_number]),
            "api_url": reverse("portal_api:document", args=[code, public.index_to_url(doc.index_number)])}


def document_detail_json(doc: Document) -> dict:
    # What the document page shows, from the same functions: a withdrawn document has no text or files here.
    files = [{"name": f.name, "url": reverse("portal_document_file", args=[doc.agency.code, doc.index_number, f.pk])}
             for f in public.shown_files(doc)]
    return {**document_json(doc), "body": public.shown_body(doc), "version": doc.public_version,
            "channels": doc.public_channel_labels, "withdrawn": doc.is_withdrawn, "withdrawn_on": doc.withdrawn_on,
            "withdrawn_reason": doc.withdrawn_reason if doc.is_withdrawn else "", "files": files}


def report_json(report: AnnualReport) -> dict:
    code, year = report.agency.code, report.year
    return {"year": year, "published_on": report.published_on,
            "url": reverse("portal_report", args=[code, year]),
            "api_url": reverse("portal_api:report", args=[code, year]),
            "downloads": {k: reverse("portal_report_download", args=[code, year, k]) for k in public.DOWNLOADS}}


def form_errors(form) -> ApiError:
    fields = {name: " ".join(errors) for name, errors in form.errors.items()}
    return ApiError(400, "invalid", "提交的内容有误，请按提示修改。", fields=fields)


ERRORS = {400: ErrorOut, 404: ErrorOut}


# Endpoints


@api.get("/agencies", response=list[AgencyOut], url_name="agencies", summary="机关列表",
         description="全部机关，上级机关在前；parent 为上级机关代码。对应网页：政府信息公开专栏首页。")
def agencies(request):
    return [agency_json(n.agency) for n in _walk(public.agency_tree())]


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


@api.get("/agencies/{code}", response={200: AgencyDetail, 404: ErrorOut}, url_name="agency",
         summary="机关的政府信息公开专栏", description="机关、下级机关、公开目录和最新公开的政府信息。")
def agency(request, code: str):
    item = public.agency_or_404(code)
    return {"agency": agency_json(item), "children": [agency_json(a) for a in item.children.order_by("code")],
            "categories": public.category_rows(item),
            "latest": [document_json(d) for d in public.published(item).select_related("agency")[:public.LATEST]]}


@api.get("/agencies/{code}/guide", response={200: GuideOut, 404: ErrorOut}, url_name="guide",
         summary="政府信息公开指南", description="条例第十二条规定的政府信息公开指南。")
def guide(request, code: str):
    item = public.agency_or_404(code)
    body, written = public.guide(item)
    return {"agency": item.code, "title": f"{item.name}政府信息公开指南", "body": body,
            "updated_at": written.updated_at if written else None, "is_default": written is None}


@api.get("/agencies/{code}/categories", response={200: list[CategoryOut], 404: ErrorOut}, url_name="categories",
         summary="公开目录", description="机关的公开目录及各目录下的政府信息数。")
def categories(request, code: str):
    return public.category_rows(public.agency_or_404(code))


@api.get("/agencies/{code}/documents", response={200: DocumentPage, 400: ErrorOut, 404: ErrorOut},
         url_name="documents", summary="政府信息（公开目录、检索）",
         description="已公开且未撤回的政府信息，按发布日期从新到旧，每页20条。category 按公开目录筛选；"
                     "q 为全文检索（标题命中在前），最多50个字。")
def documents(request, code: str, category: int | None = Query(None, description="公开目录编号"),
              q: str = Query("", description="检索词"), page: int = Query(1, ge=1, description="页码")):
    item = public.agency_or_404(code)
    chosen = public.category_or_404(item, category)
    found = public.published(item).select_related("agency")
    if q.strip():
        query, problem = public.clean_query(q)
        if problem:
            raise ApiError(400, "bad_query", problem)
        found = public.search(item, query).select_related("agency", "public_category")
    if chosen:
        found = found.filter(public_category=chosen)
    paginator = Paginator(found, public.PER_PAGE)
    if not q.strip():  # the catalogue: its stored counts (paging.py) rather than a COUNT(*) per request
        counts = paging.live_counts(item)
        paginator.count = counts.get(chosen.pk, 0) if chosen else sum(counts.values())
    current = paginator.get_page(page)
    return {"count": current.paginator.count, "page": current.number, "pages": current.paginator.num_pages,
            "per_page": public.PER_PAGE, "items": [document_json(d) for d in current]}


@api.get("/agencies/{code}/documents/{index}", response={200: DocumentDetail, 404: ErrorOut}, url_name="document",
         summary="一条政府信息", description="index 为索引号，其中的“/”写作“~”。已撤回的信息注明撤回日期和理由。")
def document(request, code: str, index: str):
    item = public.agency_or_404(code)
    return document_detail_json(public.document_or_404(item, index))


@api.get("/agencies/{code}/reports", response={200: list[ReportOut], 404: ErrorOut}, url_name="reports",
         summary="政府信息公开工作年度报告", description="已发布的年度报告，从新到旧。")
def reports(request, code: str):
    return [report_json(r) for r in public.reports(public.agency_or_404(code)).select_related("agency")]


@api.get("/agencies/{code}/reports/{year}", response={200: ReportDetail, 404: ErrorOut}, url_name="report",
         summary="一份年度报告", description="发布时的报告数据（发布后不随办理记录变化）。")
def report(request, code: str, year: int):
    item = public.report_or_404(public.agency_or_404(code), year)
    versions = public.versions(item)
    return {**report_json(item), "report": item.snapshot, "versions": [
        {"number": v.number, "published_on": v.published_on, "corrected_on": v.corrected_on, "reason": v.reason,
         "superseded": v.number < versions[-1].number,
         "url": reverse("portal_report_version", args=[item.agency.code, year, v.number])} for v in versions]}


# The answers of the counted endpoints besides success: a bad form, an unknown agency, over the limit, and
# the counters' store down (limits fail closed: counters.Unavailable).
REFUSED = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut, 503: ErrorOut}


@api.post("/agencies/{code}/status", response={200: StatusOut, **REFUSED},
          url_name="status", summary="依申请公开办理进度查询",
          description="凭受理编号和查询码查询办理状态、答复期限和办理结果，不返回申请人信息。编号或查询码不正确时"
                      "统一返回 404；同一地址或同一受理编号一小时内失败次数过多（默认10次）后返回 429；"
                      "计数服务暂时不可用时返回 503。")
def status(request, code: str, payload: StatusIn):
    item = public.agency_or_404(code)
    try:
        app = lookup.find(request, item, payload.number, payload.code)
    except lookup.Limited as exc:
        raise ApiError(exc.status, "too_many_attempts" if exc.status == 429 else "limits_unavailable",
                       exc.message) from None
    if app is None:
        raise ApiError(404, "not_found", lookup.NOT_FOUND)
    return lookup.public_status(app)


@api.post("/agencies/{code}/applications", response={201: ApplyOut, **REFUSED},
          url_name="apply", summary="在线提交政府信息公开申请",
          description="条例第二十九条规定的申请内容；成功时返回受理编号和查询码（查询码只返回这一次）。"
                      "同一地址每天提交的申请超过上限（默认10件）时返回 429；计数服务暂时不可用时返回 503。")
def apply(request, code: str, payload: ApplyIn):
    item = public.agency_or_404(code)
    form = ApplyForm(payload.dict())
    if not form.is_valid():
        raise form_errors(form)
    _take(quotas.take_application, request)
    app = views.register_online(item, form.cleaned_data)
    return Status(201, {"number": app.number, "code": app.plain_code, "received_on": app.received_on,
                 "status_url": reverse("portal_status", args=[item.code])})


@api.post("/agencies/{code}/messages", response={201: Received, **REFUSED},
          url_name="mailbox", summary="意见箱留言",
          description="留言只有本机关工作人员可以看到。同一地址每天的留言超过上限（默认20条）时返回 429；"
                      "计数服务暂时不可用时返回 503。")
def mailbox(request, code: str, payload: MessageIn):
    item = public.agency_or_404(code)
    form = MessageForm(payload.dict())
    if not form.is_valid():
        raise form_errors(form)
    _take(quotas.take_message, request)
    views.leave_message(item, form)
    return Status(201, {"received": True})


def _take(quota, request) -> None:
    try:
        quota(request)
    except quotas.OverQuota as exc:
        raise ApiError(exc.status, exc.code, exc.message) from None


def urls():
    """The API's URL patterns, every view wrapped so that a wrong method gets the envelope too."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _enveloped(pattern.callback)
    return patterns, app_name, namespace
