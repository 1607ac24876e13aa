"""The Chinese sentences of the annual-report pages (users see Chinese; the code stays English)."""

NARRATIVE_SENTENCE = "{message}（见第一部分：“{sentence}”）"
BLOCKS = "发布前须改正。"
PLACEHOLDER = "“{section}”中仍有待填写的内容“{found}”（见：“{sentence}”），请填写或删除后再发布。"
FUTURE_DATE = "{what}{date}晚于今天（{today}），不能预先发布，请填写实际发布的日期。"
CORRECTION_BEFORE = "更正日期{date}早于上一版的发布日期{last}。"
NO_REASON = "请填写更正说明（更正了什么、为什么更正）。"
NOT_PUBLISHED = "报告尚未发布，无需更正；请直接修改后发布。"
NOT_CORRECTING = "报告不在更正中。"
BAD_PUBLISH = "发布日期无效或报告已发布。"
SEVERITY = {"error": "错误", "warning": "提示", "info": "说明"}

# A render refusal in the platform's words: the core's sentences speak to a command-line user
# ("--allow-errors", a Debian package name), which a clerk or a visitor can do nothing with.
RENDER_PROBLEMS = {
    "refused": "报告中有 {count} 个错误，改正后才能生成正式文件：",
    "font_missing": "暂时无法生成 PDF 文件（服务器缺少中文字体），请下载 Word 版本，或联系系统管理员。",
}
RENDER_OTHER = "暂时无法生成该格式的文件，请改用其他格式，或联系系统管理员。"


def render_problem(exc) -> str:
    """The sentence for a ``RenderError`` shown on a staff or public page."""
    text = RENDER_PROBLEMS.get(getattr(exc, "code", ""), RENDER_OTHER)
    return text.format(count=len(getattr(exc, "findings", ()) or ()))

# The export links of the staff page, by renderer kind.
KIND_LABELS = {"docx": "Word 文档", "pdf": "PDF 文档", "html": "网页", "md": "纯文本（Markdown）"}
