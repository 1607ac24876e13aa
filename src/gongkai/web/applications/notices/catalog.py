"""The kinds of notice the procedure produces, by key: what the models, the admin and the views share.

Kept apart from kinds.py (which builds the documents from applications) so that models.py can name
the kinds without importing the models back.
"""

from __future__ import annotations

REPLY = "reply"
KIND_LABELS = {
    "correction": "补正告知书（条例第三十条）",
    "extension": "延期答复告知书（条例第三十三条第二款）",
    "consult_third_party": "征求第三方意见书（条例第三十二条）",
    "consult_agency": "征求其他机关意见书（条例第三十四条）",
    "fee": "收费通知书（国办函〔2020〕109号）",
    "art35": "第三十五条告知书（说明理由或延迟答复）",
    "receipt": "受理回执（当面、邮寄提交）",
    "delivery": "送达回证",
}
KIND_CHOICES = list(KIND_LABELS.items())
