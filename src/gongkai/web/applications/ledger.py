"""The 登记台账 as an XLSX workbook: one row per application, as the person exporting may see it.

Need-to-know holds in the file as on the page: for a role that may not see personal data every
application goes through ``privacy.masked`` (ID number, phone, address, e-mail 已隐去, and the same
values hidden in the texts), and for a role that may, the export is one entry per application in the
access log, like opening the case. A cell that starts like a formula (= + - @) is written as text, so
an applicant's "=HYPERLINK(...)" stays words in the clerk's spreadsheet.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import privacy
from .models import PersonalDataView

COLUMNS = [  # (header, value of a (possibly masked) application, width)
    ("受理编号", lambda a: a.number, 20),
    ("收到申请之日", lambda a: a.received_on, 12),
    ("提交方式", lambda a: a.get_channel_display(), 12),
    ("申请人类型", lambda a: a.get_applicant_type_display(), 12),
    ("申请人姓名或名称", lambda a: a.applicant_name, 16),
    ("身份证明号码", lambda a: a.id_number, 20),
    ("联系电话", lambda a: a.phone, 14),
    ("通信地址", lambda a: a.address, 24),
    ("电子邮箱", lambda a: a.email, 20),
    ("申请公开的政府信息", lambda a: a.description, 40),
    ("状态", lambda a: a.get_state_display(), 8),
    ("承办人", lambda a: (a.handler.get_full_name() or a.handler.username) if a.handler else "", 10),
    ("答复期限", lambda a: a.due_on or a.manual_due_on, 12),
    ("办理结果", lambda a: a.get_outcome_display(), 24),
    ("答复日期", lambda a: a.replied_on, 12),
    ("逾期答复", lambda a: "是" if a.replied_late else "", 8),
    ("归档日期", lambda a: a.archived_on, 12),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value if value is not None else ""


def workbook(agency, apps, roles, user=None) -> bytes:
    """The workbook of ``apps`` (an iterable of applications) for a person holding ``roles``."""
    personal = privacy.sees_personal(roles)
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "登记台账"
    sheet.append([f"{agency.name}政府信息公开申请登记台账"])
    sheet.append([header for header, _, _ in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    views = []
    for app in apps:
        shown = app if personal else privacy.masked(app)
        sheet.append([_cell(value(shown)) for _, value, _ in COLUMNS])
        if personal and user is not None:
            what = privacy.shown_on_page(app)
            if what:
                views.append(PersonalDataView(application=app, user=user, via=PersonalDataView.Via.PAGE,
                                              shown=f"登记台账导出：{what}"[:300]))
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    PersonalDataView.objects.bulk_create(views)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
