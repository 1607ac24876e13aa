"""``{% portal_links agency.code as links %}``: the portal's links for the base template (public.links)."""

from django import template

from gongkai.web.portal import public

register = template.Library()


@register.simple_tag
def portal_links(code=None):
    return public.links(code)
