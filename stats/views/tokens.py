"""The viewer's own API tokens."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from .. import services
from ..forms import ApiTokenForm
from ..models import ApiToken
from .base import StatsAdminView, own_row


class TokensView(StatsAdminView):
    """The viewer's own API tokens: make one (shown once), revoke one."""

    template_name = "stats/admin/tokens.html"
    page_title = _("API tokens")

    SESSION_KEY = "stats_new_api_token"

    def get(self, request, *args, **kwargs):
        # The new key rides in the session from the POST to this one GET, then is gone:
        # reloading the page (or going back) never shows it again.
        new = request.session.pop(self.SESSION_KEY, None)
        extra = {}
        if new:
            extra = {
                "new_key": new["key"],
                "new_token": ApiToken.objects.filter(pk=new["id"], user=request.user).first(),
            }
        return self._render(ApiTokenForm(), **extra)

    def post(self, request, *args, **kwargs):
        if revoke_id := request.POST.get("revoke"):
            token = own_row(ApiToken, request, revoke_id)
            if token is None:
                messages.error(request, _("There is no such token among yours."))
                return self._render(ApiTokenForm(), status=400)
            services.api_token_revoke(token=token, actor=request.user)
            messages.success(request, _("The token has been revoked."))
            return redirect("stats_admin:tokens")
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        # The database keeps a digest; the key is shown once, on the next page.
        request.session[self.SESSION_KEY] = {"id": token.pk, "key": key}
        return redirect("stats_admin:tokens")

    def _render(self, form, status=200, **extra):
        tokens = ApiToken.objects.filter(user=self.request.user)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                tokens=tokens,
                api_base=self.request.build_absolute_uri("/api/v1/stats/"),
                **extra,
            ),
            status=status,
        )
