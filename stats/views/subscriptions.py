"""The viewer's own report subscriptions."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from .. import services
from ..forms import StatsFilterForm, SubscriptionForm
from ..models import ReportSubscription
from .base import StatsAdminView, own_row


class SubscriptionsView(StatsAdminView):
    template_name = "stats/admin/subscriptions.html"
    page_title = _("Report subscriptions")

    def get(self, request, *args, **kwargs):
        return self._render()

    def post(self, request, *args, **kwargs):
        if delete_id := request.POST.get("delete"):
            subscription = own_row(ReportSubscription, request, delete_id)
            if subscription is None:
                messages.error(request, _("There is no such subscription among yours."))
                return self._render(status=400)
            subscription.delete()
            messages.success(request, _("The subscription has been cancelled."))
            return redirect("stats_admin:subscriptions")
        form = SubscriptionForm(request.POST)
        filters_form = StatsFilterForm(request.POST, scope=self.scope)
        if not (form.is_valid() and filters_form.is_valid()):
            messages.error(request, _("The subscription could not be saved."))
            return self._render(status=400, form=form, filters_form=filters_form)
        services.subscription_create(
            user=request.user,
            frequency=form.cleaned_data["frequency"],
            view=form.cleaned_data["view"],
            filters=filters_form.to_filters(),
        )
        messages.success(request, _("You will receive this report by email."))
        return redirect("stats_admin:subscriptions")

    def _render(self, status=200, **extra):
        subscriptions = ReportSubscription.objects.filter(user=self.request.user)
        return self.render_to_response(
            self.get_context_data(subscriptions=subscriptions, **extra), status=status
        )
