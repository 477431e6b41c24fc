from wagtail import hooks

from .admin_views import AuditViewSet


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditViewSet("audit")
