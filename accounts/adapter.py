from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation

from home.api import ProgrammeSettings

from .language_cookie import language_cookie_set
from .mfa import sign_in_counts_as_reauthentication


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """After sign-in, switch the interface to the person's preferred language; the
        sign-in itself counts as a recent authentication (no "Confirm access" straight
        after it)."""
        sign_in_counts_as_reauthentication(request, user=user)
        language = user.preferred_language or settings.LANGUAGE_CODE
        translation.activate(language)
        response = super().post_login(request, user, **kwargs)
        language_cookie_set(response, language=language)
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails in the recipient's language, from the programme's site name.

        allauth names the sender site `current_site` (django.contrib.sites is not
        installed, so it would be the request's host, "127.0.0.1:8000"): here it is the
        programme's short name from ProgrammeSettings, in the recipient's language.
        """
        request = allauth_context.request
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            ctx = {
                "request": request,
                "email": email,
                "current_site": email_site(request=request, language=language),
            }
            ctx.update(context)
            message = self.render_mail(template_prefix, email, ctx)
        message.send()


def email_site(*, request=None, language: str) -> SimpleNamespace:
    """What e-mails call the site: the programme's short name in `language`, and the
    host people reach it at."""
    programme = ProgrammeSettings.current(request)
    domain = request.get_host() if request is not None else ""
    return SimpleNamespace(
        name=programme.short_name_for(language),
        domain=domain or urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    )
