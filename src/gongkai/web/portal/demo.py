"""Demonstration data of the public site: a written guide and three messages in the 意见箱."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from gongkai.web.agencies.models import Agency

from .guide import default_guide
from .models import Guide, Message

CONTACT = """

六、联系方式

受理机构：{name}政府信息公开工作机构
办公地址：示范县人民路1号（演示地址）
邮政编码：000000
联系电话：0000-0000000（演示号码）
办公时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）"""

MESSAGES = [
    ("建议公开目录增加按年份查找",
     "公开目录里的文件越来越多，能否增加按年份筛选的功能，方便查找往年的通知？", "李女士", ""),
    ("2024年财政预算公开时间",
     "请问本年度的部门预算什么时候公开？去年的决算在哪个栏目可以看到？", "", "139****0000（演示）"),
    ("申请表填写说明", "在线申请页面“特征性描述”不太好理解，建议给出一两个填写示例。", "王先生", "wang@example.com"),
]


def seed_portal(agency: Agency, rng: random.Random) -> None:
    """A guide with the agency's (demonstration) contact details, and three messages, one of them handled."""
    Guide.objects.update_or_create(agency=agency, defaults={"body": default_guide(agency)
                                                            + CONTACT.format(name=agency.name)})
    now = timezone.now()
    for i, (subject, body, name, contact) in enumerate(MESSAGES):
        handled = i == 0
        Message.objects.create(
            agency=agency, subject=subject, body=body, name=name, contact=contact,
            created_at=now - dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 23)),
            handled=handled, reply="已转技术人员研究，将在下一版本增加按年份筛选。" if handled else "")
