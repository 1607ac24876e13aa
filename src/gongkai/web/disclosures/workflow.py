"""The life of a document: registration, the three-stage review, publication, revision, withdrawal.

Every change goes through this module, which writes the audit entry (who, when, why) and keeps the
search index in step, so no view can publish without review or skip the trail. Rules:
- only 主动公开 documents are reviewed and published; the others are recorded with their reason;
- 初审, 审核 and 审发 are decided by three different people, none of them the drafter of that version;
- 保密审查 is recorded at 初审 and a document that fails it cannot go on;
- a revision of a published document goes through the whole review again; the public keeps seeing
  the version last signed off (``public_*`` fields) until the new one is;
- publishing more than 20 working days after the document was made or changed is flagged (Art 26).

Each step is one transaction on the row locked and read again, writing only its own fields, and is
refused (``locks.Conflict``) when the row is not the version the page showed (agencies/locks.py).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.clock import ClockError, count_working_days
from gongkai.web.agencies import locks, stall, uploads
from gongkai.web.agencies.models import Agency, record
from gongkai.web.agencies.sequences import next_value
from gongkai.web.portal import pagecache

from . import search
from .models import STAGES, Attribute, Document, DocumentFile, IndexCounter, Review, Revision, State

PUBLISH_WITHIN = 20  # working days, 条例第二十六条


class WorkflowError(Exception):
    """A step that the rules forbid; the message is the Chinese sentence shown to staff."""


def _subject(doc: Document) -> str:
    return f"document:{doc.index_number}"


def index_prefix(agency: Agency) -> str:
    return (agency.org_code or agency.code).upper()


def next_index_number(agency: Agency, year: int) -> str:
    return f"{index_prefix(agency)}/{year}-{next_value(IndexCounter, agency, year):05d}"


def create(agency: Agency, user, **fields) -> Document:
    """Register a document. A non-public one is recorded at once (no review: nothing is published)."""
    with transaction.atomic():
        doc = Document(agency=agency, drafted_by=user, **fields)
        doc.index_number = next_index_number(agency, doc.made_on.year)
        if doc.attribute != Attribute.PROACTIVE:
            if not doc.attribute_reason.strip() or not doc.attribute_article.strip():
                raise WorkflowError("依申请公开或不予公开的信息，须写明理由和依据条款。")
            doc.state = State.RECORDED
        doc.save()
        record(agency, user, _subject(doc), "create", "", doc.state,
               f"登记，公开属性：{doc.get_attribute_display()}")
    return doc


def seen(doc: Document) -> str:
    """The version of a document a page shows (see agencies/locks.py)."""
    return locks.fingerprint(doc)


def _lock(doc: Document, seen_version: str | None) -> Document:
    """The document read again under its row lock; ``Conflict`` when it is not what the page showed."""
    fresh = locks.locked(Document, doc.pk)
    locks.check_seen(seen(fresh), seen_version)
    return fresh


def edit(doc: Document, user, reason: str = "", *, seen: str | None = None, **fields) -> Document:
    """Change the text. A published or withdrawn document starts a new version (its history is kept)."""
    with transaction.atomic():
        fresh = _lock(doc, seen)
        if fresh.state in (State.FIRST_REVIEW, State.REVIEW, State.SIGN_OFF):
            raise WorkflowError("审核中的信息不能修改，请先退回。")
        _check_attribute(fresh, fields)
        before = fresh.state
        if fresh.state in (State.PUBLISHED, State.WITHDRAWN):
            if not reason.strip():
                raise WorkflowError("修订已公开的信息须说明修订理由。")
            fresh.version += 1
            fresh.drafted_by = user
            fresh.state = State.DRAFT
        for name, value in fields.items():
            setattr(fresh, name, value)
        if not fresh.is_public:
            # Until first published the 公开属性 may change, and the state follows it.
            fresh.state = State.DRAFT if fresh.attribute == Attribute.PROACTIVE else State.RECORDED
        # Only the fields of the text and the version: the public_* and withdrawal fields are not this
        # step's, so an edit can never put a withdrawn document back on the public site.
        fresh.save(update_fields=[*fields, "version", "drafted_by", "state"])
        record(fresh.agency, user, _subject(fresh), "edit", before, fresh.state, reason or "修改草稿")
        locks.bring_up_to_date(doc, fresh)
    return fresh


def _check_attribute(doc: Document, fields: dict) -> None:
    """The rule of ``create`` for a change of 公开属性; a published document is withdrawn instead."""
    if fields.get("attribute", doc.attribute) == Attribute.PROACTIVE:
        return
    if doc.is_public:
        raise WorkflowError("已公开的信息不能改为不主动公开，如需停止公开请撤回。")
    reason = fields.get("attribute_reason", doc.attribute_reason)
    article = fields.get("attribute_article", doc.attribute_article)
    if not reason.strip() or not article.strip():
        raise WorkflowError("依申请公开或不予公开的信息，须写明理由和依据条款。")


def submit(doc: Document, user, reason: str = "", *, seen: str | None = None) -> Document:
    with transaction.atomic():
        fresh = _lock(doc, seen)
        if fresh.attribute != Attribute.PROACTIVE:
            raise WorkflowError("只有主动公开的信息需要送审和发布。")
        if fresh.state != State.DRAFT:
            raise WorkflowError(f"当前状态（{fresh.get_state_display()}）不能送审。")
        if not fresh.title.strip() or fresh.category_id is None:
            raise WorkflowError("送审前须填写标题并选择公开目录。")
        if not (fresh.on_website or fresh.on_new_media or fresh.on_board):
            raise WorkflowError("请至少选择一个公开渠道。")
        Revision.objects.update_or_create(
            document=fresh, version=fresh.version,
            defaults={"title": fresh.title, "body": fresh.body, "doc_number": fresh.doc_number, "reason": reason,
                      "author": fresh.drafted_by})
        return _move(doc, fresh, user, "submit", State.FIRST_REVIEW, reason or "送审")


def review_refusal(doc: Document, user) -> str:
    """Why ``user`` may not decide the current stage of ``doc`` (empty when they may)."""
    if user.pk == doc.drafted_by_id:
        return "不能审核自己起草的信息。"
    # Only this round counts: after a send-back the version is reviewed afresh, by the same people if need be.
    round_ = doc.reviews.filter(version=doc.version)
    last_return = round_.filter(decision=Review.Decision.RETURN).order_by("-id").values_list("id", flat=True).first()
    if last_return is not None:
        round_ = round_.filter(id__gt=last_return)
    if round_.filter(decision=Review.Decision.APPROVE, reviewer=user).exists():
        return "同一信息的初审、审核、审发须由不同的人完成。"
    return ""


def _check_reviewer(doc: Document, user) -> None:
    refusal = review_refusal(doc, user)
    if refusal:
        raise WorkflowError(refusal)


def approve(doc: Document, user, comment: str = "", *, secrecy_cleared: bool | None = None,
            on: dt.date | None = None, seen: str | None = None) -> Document:
    """Pass the current stage; the last stage (审发) publishes, dated ``on``."""
    with transaction.atomic():
        fresh = _lock(doc, seen)
        stage = fresh.stage
        if stage is None:
            raise WorkflowError(f"当前状态（{fresh.get_state_display()}）没有待审环节。")
        _check_reviewer(fresh, user)
        _state, key, label, _role = stage
        if key == "first_review" and secrecy_cleared is not True:
            raise WorkflowError("初审须完成保密审查，确认不涉及国家秘密后方可通过。")
        Review.objects.create(document=fresh, version=fresh.version, stage=key, decision=Review.Decision.APPROVE,
                              comment=comment, secrecy_cleared=secrecy_cleared, reviewer=user)
        idx = STAGES.index(stage)
        if idx + 1 < len(STAGES):
            note = f"{label}通过" + (f"：{comment}" if comment else "")
            return _move(doc, fresh, user, f"approve_{key}", STAGES[idx + 1][0], note)
        return _publish(doc, fresh, user, on, comment)


def send_back(doc: Document, user, reason: str, *, seen: str | None = None) -> Document:
    if not reason.strip():
        raise WorkflowError("退回须说明理由。")
    with transaction.atomic():
        fresh = _lock(doc, seen)
        stage = fresh.stage
        if stage is None:
            raise WorkflowError(f"当前状态（{fresh.get_state_display()}）没有待审环节。")
        _check_reviewer(fresh, user)
        Review.objects.create(document=fresh, version=fresh.version, stage=stage[1], decision=Review.Decision.RETURN,
                              comment=reason, reviewer=user)
        return _move(doc, fresh, user, f"return_{stage[1]}", State.DRAFT, f"{stage[2]}退回：{reason}")


def is_late(doc: Document, published_on: dt.date) -> bool:
    """True when published after the 20th working day following the day it was made or changed."""
    try:
        due = count_working_days(doc.made_on, PUBLISH_WITHIN, calendar=doc.agency.calendar()).due
    except ClockError:
        return False  # a year the calendar does not know: not flagged rather than guessed
    return published_on > due


_PUBLIC_FIELDS = ["public_version", "public_title", "public_body", "public_doc_number", "public_category",
                  "public_channels", "public_kind", "published_on", "first_published_on", "published_late"]
_WITHDRAWAL_FIELDS = ["withdrawn_on", "withdrawn_reason", "repealed"]


def _publish(doc: Document, fresh: Document, user, on: dt.date | None, comment: str) -> Document:
    from gongkai.web.applications.models import today

    on = on or today()
    fresh.public_version, fresh.public_title = fresh.version, fresh.title
    fresh.public_body, fresh.public_doc_number = fresh.body, fresh.doc_number
    fresh.public_category_id, fresh.public_channels = fresh.category_id, fresh.channel_codes()
    fresh.public_kind = fresh.kind
    fresh.published_on = on
    fresh.first_published_on = fresh.first_published_on or on
    fresh.published_late = is_late(fresh, on)
    fresh.withdrawn_on, fresh.withdrawn_reason, fresh.repealed = None, "", False
    late = "（超过二十个工作日）" if fresh.published_late else ""
    note = f"审发通过，公开{late}" + (f"：{comment}" if comment else "")
    fresh = _move(doc, fresh, user, "publish", State.PUBLISHED, note, [*_PUBLIC_FIELDS, *_WITHDRAWAL_FIELDS])
    search.index(fresh)
    pagecache.changed()  # a first publication or a revision signed off: the public pages, once committed
    return fresh


def withdraw(doc: Document, user, reason: str, *, repealed: bool = False, on: dt.date | None = None,
             seen: str | None = None) -> Document:
    """Take a published document off the catalogue; its page stays and says why. Only the head may."""
    from gongkai.web.applications.models import today

    if not reason.strip():
        raise WorkflowError("撤回须说明理由。")
    with transaction.atomic():
        fresh = _lock(doc, seen)
        if not fresh.is_public or fresh.is_withdrawn:
            raise WorkflowError("只有已公开的信息可以撤回。")
        fresh.withdrawn_on = on or today()
        fresh.withdrawn_reason = reason
        fresh.repealed = repealed
        # A draft revision under way stays a draft; a document at rest becomes 已撤回.
        to_state = State.WITHDRAWN if fresh.state == State.PUBLISHED else fresh.state
        fresh = _move(doc, fresh, user, "withdraw", to_state, ("废止：" if repealed else "撤回：") + reason,
                      _WITHDRAWAL_FIELDS)
        search.index(fresh)
        pagecache.changed()
    return fresh


def attach(doc: Document, user, upload, *, seen: str | None = None) -> DocumentFile:
    """Add a file to a draft: row, audit entry and the file in place commit together or not at all."""
    with uploads.staging() as files, transaction.atomic():
        fresh = _lock(doc, seen)
        if fresh.state not in (State.DRAFT, State.RECORDED):
            raise WorkflowError("审核中或已公开的信息不能添加附件。")
        if fresh.is_public:
            # Files are not versioned: the public page lists them at once, before the revision is reviewed.
            raise WorkflowError("已公开信息的附件会直接对公众可见，修订稿不能添加附件。")
        name = upload.name[-200:]
        item = DocumentFile(document=fresh, name=name)
        files.stage(item, "file", upload)
        item.save()
        record(fresh.agency, user, _subject(fresh), "attach", fresh.state, fresh.state, f"上传附件（{name}）")
        stall.point("document_attach")
    return item


def _move(doc: Document, fresh: Document, user, action: str, to_state: str, reason: str,
          fields: list[str] = ()) -> Document:
    """Write the new state (and this step's ``fields``) of the locked row, with its audit entry."""
    before = fresh.state
    fresh.state = to_state
    fresh.save(update_fields=["state", *fields])
    record(fresh.agency, user, _subject(fresh), action, before, to_state, reason)
    locks.bring_up_to_date(doc, fresh)
    return fresh
