"""An editor panel that lists, above the form, the fields of a saved case that look like
they hold a full personal name (the same check as the warning after saving)."""

from wagtail.admin.panels import Panel

from .anonymity import case_anonymity_warnings


class AnonymityNoticePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "caselaw/admin/anonymity_notice.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk is not None
            context["warnings"] = case_anonymity_warnings(self.instance) if saved else []
            return context
