from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

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
