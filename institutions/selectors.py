"""Reads of the institution tree."""

from django.db.models import QuerySet

from .models import Institution


def institution_choices_for_signup() -> QuerySet[Institution]:
    return Institution.objects.filter(is_active=True).order_by("path")


def institution_subtree(*, root: Institution) -> QuerySet[Institution]:
    """`root` and all its descendants (materialised path prefix, one indexed query)."""
    return Institution.objects.filter(path__startswith=root.path, depth__gte=root.depth)


def institution_by_code(code: str) -> Institution | None:
    return Institution.objects.filter(code=code).first()


def institution_is_within(*, institution: Institution, root: Institution) -> bool:
    return institution.path.startswith(root.path)
