"""Certificates on other apps' pages, without those apps importing certificates' internals.

{% load certificates_tags %}
{% certificates_attach completed %}               {# one query for a whole list #}
{% certificate_status enrolment %}                 {# "being prepared" or a download link #}
"""

from django import template

from certificates.selectors import current_certificates_for

register = template.Library()

_MISSING = object()


@register.simple_tag
def certificates_attach(enrolments) -> str:
    """Give each enrolment its current certificate (`.current_certificate`), in one query."""
    enrolments = [e for e in enrolments or [] if e is not None]
    found = current_certificates_for(enrolment_ids=[e.pk for e in enrolments if e.completed_at])
    for enrolment in enrolments:
        enrolment.current_certificate = found.get(enrolment.pk)
    return ""


@register.inclusion_tag("certificates/_status.html")
def certificate_status(enrolment):
    if enrolment is None or not enrolment.completed_at:
        return {"enrolment": enrolment, "certificate": None}
    certificate = getattr(enrolment, "current_certificate", _MISSING)
    if certificate is _MISSING:
        certificate = current_certificates_for(enrolment_ids=[enrolment.pk]).get(enrolment.pk)
    return {"enrolment": enrolment, "certificate": certificate}
