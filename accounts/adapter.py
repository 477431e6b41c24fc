from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """After sign-in, switch the interface to the person's preferred language."""
        language = user.preferred_language or settings.LANGUAGE_CODE
        translation.activate(language)
        response = super().post_login(request, user, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            samesite="Lax",
        )
        return response
