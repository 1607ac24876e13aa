"""Documents an agency makes, their 公开属性, and the proactive disclosure of the public ones.

One ``Document`` per document the agency makes (条例 Art 19-20: every document gets a 公开属性).
Only 主动公开 documents go through the three-stage review (初审 → 审核 → 审发) and reach the public
catalogue; 依申请公开 and 不予公开 ones are recorded with the reason and the article, so that a
reviewer can see the agency's whole output and why part of it is not published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.web.agencies.models import Agency, YearCounter


class Category(models.Model):
    """One heading of the agency's 公开目录 (e.g. 机构职能, 法规文件, 财政信息)."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="categories", verbose_name="机关")
    name = models.CharField("目录名称", max_length=60)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "公开目录"
        ordering = ["agency", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="one_category_name")]

    def __str__(self) -> str:
        return self.name


class Attribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_PUBLIC = "not_public", "不予公开"


class Article20(models.TextChoices):
    """条例第二十条's fifteen items: what the public must be told without asking."""

    REGULATIONS = "1", "（一）行政法规、规章和行政规范性文件"
    FUNCTIONS = "2", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANS = "3", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"
    STATISTICS = "4", "（四）国民经济和社会发展统计信息"
    LICENSING = "5", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    ENFORCEMENT = "6", "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"
    FINANCE = "7", "（七）财政预算、决算信息"
    FEES = "8", "（八）行政事业性收费项目及其依据、标准"
    PROCUREMENT = "9", "（九）政府集中采购项目的目录、标准及实施情况"
    POVERTY = "10", "（十）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    PROJECTS = "11", "（十一）重大建设项目的批准和实施情况"
    ENVIRONMENT = "12", "（十二）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    EMERGENCY = "13", "（十三）突发公共事件的应急预案、预警信息及应对情况"
    CIVIL_SERVANTS = "14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    OTHER = "15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


class Kind(models.TextChoices):
    """What section 二 of the annual report counts the document as, if anything."""

    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    LICENSING = "licensing", "行政许可决定"
    PUNISHMENT = "punishment", "行政处罚决定"
    COERCION = "coercion", "行政强制决定"
    OTHER = "other", "其他"


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    FIRST_REVIEW = "first_review", "待初审"
    REVIEW = "review", "待审核"
    SIGN_OFF = "sign_off", "待审发"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"
    RECORDED = "recorded", "已登记（不主动公开）"


# The review stage each waiting state belongs to, in order; the role that may decide it.
STAGES = (
    (State.FIRST_REVIEW, "first_review", "初审", "first_reviewer"),
    (State.REVIEW, "review", "审核", "reviewer"),
    (State.SIGN_OFF, "sign_off", "审发", "head"),
)


# A document on the public catalogue: a version signed off, and not withdrawn.
LIVE = models.Q(public_version__isnull=False, withdrawn_on__isnull=True)
CHANNELS = (("on_website", "政府网站"), ("on_new_media", "政务新媒体"), ("on_board", "公开栏"))


class Document(models.Model):
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="documents", verbose_name="机关")
    # 索引号: 机构代码/年份-序号, given once at registration and never reused.
    index_number = models.CharField("索引号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    made_on = models.DateField("形成或变更日期")
    attribute = models.CharField("公开属性", max_length=20, choices=Attribute.choices, default=Attribute.PROACTIVE)
    # For 依申请公开 / 不予公开: why, and under which article (条例第十四、十五、十六条 …).
    attribute_reason = models.TextField("不主动公开的理由", blank=True)
    attribute_article = models.CharField("依据条款", max_length=100, blank=True)
    category = models.ForeignKey(Category, models.PROTECT, null=True, blank=True, related_name="documents",
                                 verbose_name="公开目录")
    article20 = models.CharField("第二十条事项", max_length=2, choices=Article20.choices, blank=True)
    kind = models.CharField("文件类型", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    on_website = models.BooleanField("政府网站", default=True)
    on_new_media = models.BooleanField("政务新媒体", default=False)
    on_board = models.BooleanField("公开栏", default=False)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name="拟稿人")
    # What the public sees: the last version signed off, kept while a revision is under review.
    public_version = models.PositiveIntegerField("公开版本", null=True, blank=True)
    public_title = models.CharField("公开标题", max_length=200, blank=True)
    public_body = models.TextField("公开正文", blank=True)
    public_doc_number = models.CharField("公开文号", max_length=60, blank=True)
    # The heading and channels of the version signed off: a revision may move a document to another
    # heading or channel, which the public sees only once the revision is signed off too.
    public_category = models.ForeignKey(Category, models.PROTECT, null=True, blank=True, related_name="+",
                                        verbose_name="公开目录（已公开版本）")
    public_channels = models.CharField("公开渠道（已公开版本）", max_length=40, blank=True)
    # What section 二 counts the document as, as signed off: a draft revision that turns a notice into a
    # 行政规范性文件 must not change the annual report's figures before the head signs it off.
    public_kind = models.CharField("文件类型（已公开版本）", max_length=20, choices=Kind.choices, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    first_published_on = models.DateField("首次公开日期", null=True, blank=True)
    # Art 26: published more than 20 working days after the information was made or changed.
    published_late = models.BooleanField("超过二十个工作日公开", default=False)
    # 废止 (a rule or normative document repealed) counts in section 二; 撤回 does not.
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    repealed = models.BooleanField("已废止", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息（文件）"
        ordering = ["-published_on", "-id"]
        # The public catalogue's queries (newest first, per agency or per category, live documents
        # only) each read one partial index in order instead of sorting the agency's documents.
        indexes = [
            models.Index(fields=["agency", "-published_on", "-id"], condition=LIVE, name="catalogue_live"),
            models.Index(fields=["public_category", "-published_on", "-id"], condition=LIVE,
                         name="catalogue_public_category_live"),
            models.Index(fields=["agency", "public_category"], condition=LIVE, name="catalogue_public_counts"),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    @property
    def is_public(self) -> bool:
        """Has a page on the public site (a withdrawn one too: the page then says so)."""
        return self.public_version is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def channels(self) -> list[str]:
        return [label for field, label in CHANNELS if getattr(self, field)]

    def channel_codes(self) -> str:
        """The channels chosen now, as stored in ``public_channels`` when a version is signed off."""
        return ",".join(field for field, _ in CHANNELS if getattr(self, field))

    @property
    def public_channel_labels(self) -> list[str]:
        """The channels of the version the public sees."""
        chosen = set(self.public_channels.split(","))
        return [label for field, label in CHANNELS if field in chosen]

    @property
    def stage(self) -> tuple | None:
        return next((s for s in STAGES if s[0] == self.state), None)


def attachment_path(instance: DocumentFile, filename: str) -> str:
    doc = instance.document
    return f"documents/{doc.agency.code}/{doc.pk}/{filename}"


class DocumentFile(models.Model):
    document = models.ForeignKey(Document, models.CASCADE, related_name="files")
    file = models.FileField("附件", upload_to=attachment_path)
    name = models.CharField("名称", max_length=200)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["id"]


class Revision(models.Model):
    """The text of one version as it stood when it was submitted for review (history is never edited)."""

    document = models.ForeignKey(Document, models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    reason = models.TextField("修订说明", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "修订记录"
        ordering = ["version", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="one_revision_per_version")]


class Review(models.Model):
    """One decision of one stage on one version: approved, or sent back with a reason."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "通过"
        RETURN = "return", "退回"

    document = models.ForeignKey(Document, models.CASCADE, related_name="reviews")
    version = models.PositiveIntegerField("版本")
    stage = models.CharField("环节", max_length=20)
    decision = models.CharField("结论", max_length=10, choices=Decision.choices)
    comment = models.TextField("意见", blank=True)
    # 保密审查: recorded at 初审, the first look at the text (《保密法》, 条例第十七条).
    secrecy_cleared = models.BooleanField("保密审查：不涉及国家秘密", null=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "审核记录"
        ordering = ["at", "id"]


class IndexCounter(YearCounter):
    """Last 索引号 sequence per agency and year, locked while the next is taken."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_index_counter_per_year")]


class SearchTerm(models.Model):
    """Inverted index of public documents: CJK characters and bigrams, latin words and digits.

    Why our own index: neither SQLite's FTS5 nor PostgreSQL's tsvector segments Chinese out of the
    box, and a table of terms works identically on both with an ordinary B-tree index.
    """

    document = models.ForeignKey(Document, models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    in_title = models.BooleanField(default=False)

    class Meta:
        # Term first and covering: a term's postings (and whether each is in the title) are read from the
        # index alone, without visiting the table (search.py reads whole postings of common terms).
        indexes = [models.Index(fields=["term", "document", "in_title"], name="term_postings")]
        constraints = [models.UniqueConstraint(fields=["document", "term"], name="one_term_per_document")]


class TermCount(models.Model):
    """How many public documents hold each term, kept by search.index in the same transaction.

    Why: a search starts from the postings of its rarest term, and this table tells which one that is
    in the same query that searches (search.py), instead of one capped count per term. The figure only
    orders the terms: a stale one (a document deleted with its terms) costs time, never a wrong result.
    """

    term = models.CharField(max_length=40, primary_key=True)
    documents = models.IntegerField(default=0)
