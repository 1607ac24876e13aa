"""The one template engine of every letter and notice: Django's template language, standalone.

Why Django's and not ``str.format``: administrators edit these texts in the back office, and a
notice needs a condition now and then ("{% if extension_days %}"); Django's language cannot call
arbitrary code, has no file access once tags that load other templates are refused, and its
syntax errors say where. Templates render plain text (no HTML escaping): the result goes into a
Word or PDF document model, never into a web page.

Every problem of a template (syntax, a tag that is not allowed, a field that does not exist, a
failure while rendering) is a ``TemplateProblem`` with one Chinese sentence for the administrator.
"""

from __future__ import annotations

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import (
    CommentNode,
    FirstOfNode,
    ForNode,
    IfChangedNode,
    IfNode,
    NowNode,
    SpacelessNode,
    WithNode,
)

from .. import messages as M

_ENGINE = Engine(autoescape=False, debug=True)  # debug: syntax errors carry their line
ALLOWED_NODES = (TextNode, VariableNode, IfNode, ForNode, WithNode, CommentNode, FirstOfNode, IfChangedNode,
                 NowNode, SpacelessNode)


class TemplateProblem(Exception):
    """A template that cannot be used; ``message`` is the Chinese sentence for the administrator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _line_of(exc: Exception) -> int | None:
    info = getattr(exc, "template_debug", None)
    return info.get("line") if info else None


def compile_text(text: str, fields: frozenset[str], where: str):
    """The compiled template, or ``TemplateProblem`` naming what is wrong and where."""
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as exc:
        line = _line_of(exc)
        at = M.TEMPLATE_AT_LINE.format(line=line) if line else ""
        raise TemplateProblem(M.TEMPLATE_SYNTAX.format(where=where, at=at, detail=_syntax_detail(exc))) from None
    nodes = list(_walk(template.nodelist))
    bound = {"forloop"} | {name for node in nodes if isinstance(node, ForNode) for name in node.loopvars}
    bound |= {name for node in nodes if isinstance(node, WithNode) for name in node.extra_context}
    for node in nodes:
        if not isinstance(node, ALLOWED_NODES):
            raise TemplateProblem(M.TEMPLATE_TAG.format(where=where, tag=_tag_name(node)))
        if isinstance(node, VariableNode):
            name = _root_name(node.filter_expression)
            if name is not None and name not in fields and name not in bound:
                raise TemplateProblem(M.TEMPLATE_FIELD.format(where=where, name=name,
                                                              fields="、".join(sorted(fields))))
    return template


def render_text(text: str, context: dict[str, object], where: str) -> str:
    """The template filled in; any failure while rendering is a ``TemplateProblem`` too."""
    template = compile_text(text, frozenset(context), where)
    try:
        return template.render(Context(context, autoescape=False))
    except Exception as exc:  # a filter given a wrong argument, a loop over a number …
        raise TemplateProblem(M.TEMPLATE_RENDER.format(where=where, detail=type(exc).__name__)) from None


def _walk(nodelist):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _walk(getattr(node, attr, None) or ())


def _root_name(expr: FilterExpression) -> str | None:
    var = expr.var
    if isinstance(var, Variable) and var.lookups:
        return var.lookups[0]
    return None


def _tag_name(node: Node) -> str:
    token = getattr(node, "token", None)
    if token is not None and token.contents:
        return token.contents.split()[0]
    return type(node).__name__


def _syntax_detail(exc: TemplateSyntaxError) -> str:
    """Django's English reason in a few Chinese words: the administrator needs the kind of mistake."""
    text = str(exc)
    if "Invalid block tag" in text or "Unclosed tag" in text:
        return M.TEMPLATE_UNCLOSED if "Unclosed" in text else M.TEMPLATE_UNKNOWN_TAG
    if "Invalid filter" in text:
        return M.TEMPLATE_UNKNOWN_FILTER
    if "Could not parse" in text or "Could not find" in text or "Empty variable" in text:
        return M.TEMPLATE_BAD_VARIABLE
    return M.TEMPLATE_OTHER
