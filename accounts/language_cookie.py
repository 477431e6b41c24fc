"""The cookie that remembers a person's interface language, written one way everywhere.

Django's own language switcher writes it from the LANGUAGE_COOKIE_* settings; the profile
form and sign-in write it here from the same settings (Secure in production, HttpOnly and
SameSite=Lax everywhere: no script on the site reads it).
"""

from django.conf import settings


def language_cookie_set(response, *, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
