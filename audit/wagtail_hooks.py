from wagtail import hooks

from .admin_views import AuditViewSet, CSPReportViewSet


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditViewSet("audit")


@hooks.register("register_admin_viewset")
def register_csp_report_viewset():
    return CSPReportViewSet("csp_reports", url_prefix="csp-reports")
