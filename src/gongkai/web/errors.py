"""The error pages, in Chinese: Django's own are English ("Not Found", "Forbidden", "Server Error").

Each handler renders one small page of its own that needs neither the database nor the session, so
that a 500 raised because the database is down still shows a Chinese page. The message never says
why beyond one plain sentence: an exception's text is for the log, not the visitor.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

PAGES = {
    400: ("请求无效", "提交的内容无法识别，请返回上一页重新填写后再试。"),
    403: ("没有权限", "您没有进行此项操作或查看此页面的权限。如确需办理，请联系本机关的系统管理员分配相应的角色。"),
    404: ("页面不存在", "您要访问的页面不存在或已被删除，请检查网址是否正确。"),
    500: ("系统出现错误", "系统暂时无法处理您的请求，我们已记录此问题，请稍后再试。如多次出现，请联系系统管理员。"),
}
CSRF = ("页面已过期", "页面停留时间过长或浏览器未保存登录状态，请刷新页面后重新提交。")


def page(status: int, title: str | None = None, message: str | None = None) -> HttpResponse:
    """The page ``<status>.html`` (templates/), without a request: no context processor can fail."""
    default_title, default_message = PAGES.get(status, PAGES[500])
    template = f"{status}.html" if status in PAGES else "500.html"
    body = loader.render_to_string(template, {"title": title or default_title, "message": message or default_message})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return page(400)


def permission_denied(request, exception=None):
    return page(403)


def not_found(request, exception=None):
    return page(404)


def server_error(request):
    return page(500)


def csrf_failure(request, reason=""):
    return page(403, *CSRF)
