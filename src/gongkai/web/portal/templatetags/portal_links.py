"""The portal's links for the base template: ``{% portal_links agency.code as links %}`` and the row of
sections ``{% portal_nav agency.code section %}`` (public.links, public.nav)."""

from django import template
from django.utils.safestring import mark_safe

from gongkai.web.portal import public

register = template.Library()


@register.simple_tag
def portal_links(code=None):
    return public.links(code)


@register.simple_tag
def portal_nav(code, section=None):
    return mark_safe(public.nav(code, section))  # a template's output, escaped there
