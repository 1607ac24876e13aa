"""Chinese sentences of the appeals app (dates checked: issue 14 part 8)."""

from __future__ import annotations

FILED_FUTURE = "立案（受理）日期（{value}）晚于今天（{today}），不能登记尚未发生的日期。"
FILED_BEFORE_RECEIPT = "立案（受理）日期（{value}）不能早于该申请的收到申请之日（{received}）。"
DECIDED_FUTURE = "审结日期（{value}）晚于今天（{today}），不能登记尚未发生的日期。"
DECIDED_BEFORE_FILED = "审结日期（{value}）不能早于立案（受理）日期（{filed}）。"
