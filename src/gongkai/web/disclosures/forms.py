"""Plain forms of proactive disclosure: the document, each review step, an attachment, a 目录 heading."""

from __future__ import annotations

from django import forms

from gongkai.web.agencies.bodysize import file_help, within_file_limit
from gongkai.web.agencies.forms import DATE

from .models import Article20, Attribute, Category, Document, Kind, State

# ISO, whatever the locale: a browser's date input reads nothing else (zh-hans would give 2025/03/03).
ATTRIBUTE_FIELDS = ("attribute", "attribute_reason", "attribute_article")
# The fields of Document a form sets, in the order workflow.create and workflow.edit take them.
DOCUMENT_FIELDS = ("title", "doc_number", "made_on", "body", *ATTRIBUTE_FIELDS, "category", "article20", "kind",
                   "on_website", "on_new_media", "on_board")


class DocumentForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    doc_number = forms.CharField(label="文号", max_length=60, required=False, help_text="如：示范政发〔2025〕3号")
    made_on = forms.DateField(label="形成或变更日期", widget=DATE,
                              help_text="条例第二十六条：自形成或变更之日起20个工作日内公开")
    body = forms.CharField(label="正文", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    attribute = forms.ChoiceField(label="公开属性", choices=Attribute.choices, initial=Attribute.PROACTIVE)
    attribute_reason = forms.CharField(label="不主动公开的理由", required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    attribute_article = forms.CharField(label="依据条款", max_length=100, required=False,
                                        help_text="如：条例第十六条第一款")
    category = forms.ModelChoiceField(label="公开目录", queryset=Category.objects.none(), required=False,
                                      empty_label="（未选择）", help_text="送审前须选择")
    article20 = forms.ChoiceField(label="条例第二十条事项", choices=[("", "（不属于）"), *Article20.choices],
                                  required=False)
    kind = forms.ChoiceField(label="文件类型", choices=Kind.choices, initial=Kind.OTHER)
    on_website = forms.BooleanField(label="政府网站", required=False, initial=True)
    on_new_media = forms.BooleanField(label="政务新媒体", required=False)
    on_board = forms.BooleanField(label="公开栏", required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = agency.categories.all()

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_doc_number(self):
        return self.cleaned_data["doc_number"].strip()

    def clean(self):
        data = super().clean()
        if "attribute" not in self.fields:
            return data
        if data.get("attribute") == Attribute.PROACTIVE:
            data["attribute_reason"] = data["attribute_article"] = ""
            return data
        for name, text in (("attribute_reason", "请写明不主动公开的理由。"),
                           ("attribute_article", "请写明依据条款。")):
            if not data.get(name, "").strip():
                self.add_error(name, text)
        return data

    def document_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in DOCUMENT_FIELDS if name in self.fields}


class EditForm(DocumentForm):
    reason = forms.CharField(label="修订说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, document: Document, **kwargs):
        initial = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
        super().__init__(*args, agency=document.agency, initial=initial, **kwargs)
        self.document = document
        if document.is_public:
            # Once published the 公开属性 stays; to stop publishing, the head withdraws the document.
            for name in ATTRIBUTE_FIELDS:
                del self.fields[name]
            self.fields["reason"].required = document.state != State.DRAFT
            self.fields["reason"].help_text = "修订已公开的信息须说明理由，修订稿须重新经过三级审核"


class SubmitForm(forms.Form):
    reason = forms.CharField(label="送审说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FirstApproveForm(ApproveForm):
    secrecy_cleared = forms.BooleanField(label="经保密审查，不涉及国家秘密",
                                         error_messages={"required": "初审须完成保密审查并勾选确认。"})


class SendBackForm(forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "退回须说明理由。"})


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "撤回须说明理由。"})
    repealed = forms.BooleanField(label="废止（规章、行政规范性文件已废止）", required=False)

    def __init__(self, *args, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        # 废止 is counted in section 二 of the annual report, and only for rules and normative documents.
        if document.kind not in (Kind.RULE, Kind.NORMATIVE):
            del self.fields["repealed"]

    def clean(self):
        data = super().clean()
        data.setdefault("repealed", False)
        return data


class AttachForm(forms.Form):
    file = forms.FileField(label="附件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()

    def clean_file(self):
        return within_file_limit(self.cleaned_data["file"])


class CategoryForm(forms.Form):
    name = forms.CharField(label="目录名称", max_length=60)
    order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)

    def __init__(self, *args, agency, category: Category | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.category = agency, category
        if category is not None:
            # A row of the table: the inputs sit in separate cells and belong to the row's form by id.
            for field in self.fields.values():
                label = f"{category.name}的{field.label}"
                field.widget.attrs.update({"form": f"cat-{category.pk}", "aria-label": label})

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = self.agency.categories.filter(name=name)
        if self.category is not None:
            taken = taken.exclude(pk=self.category.pk)
        if taken.exists():
            raise forms.ValidationError("已有同名的公开目录。")
        return name
