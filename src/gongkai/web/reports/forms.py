from django import forms

from gongkai.web.agencies.forms import DATE

from .models import ProactiveFigures

FIGURE_FIELDS = [f.name for f in ProactiveFigures._meta.get_fields() if f.name not in ("id", "agency", "year")]


class FiguresForm(forms.Form):
    """Section 二 figures; built from the model's fields so the form and the table cannot drift."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIGURE_FIELDS:
            field = ProactiveFigures._meta.get_field(name)
            if name == "fees":
                self.fields[name] = forms.DecimalField(label=field.verbose_name, min_value=0, max_digits=12,
                                                       decimal_places=4)
            else:
                self.fields[name] = forms.IntegerField(label=field.verbose_name, min_value=0)


class TextsForm(forms.Form):
    section1 = forms.CharField(label="一、总体情况", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    section5 = forms.CharField(label="五、存在的主要问题及改进情况", required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    section6 = forms.CharField(label="六、其他需要报告的事项", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    published_on = forms.DateField(label="发布日期", widget=DATE)


class CorrectionForm(forms.Form):
    corrected_on = forms.DateField(label="更正日期", widget=DATE)
    reason = forms.CharField(label="更正说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="更正了什么、为什么更正；公众页面上与更正后的报告一同显示。")
