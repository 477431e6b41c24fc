"""allauth strings we translate ourselves, because allauth's Serbian catalogue has them wrong.

Django looks in LOCALE_PATHS before an app's own catalogue, so a msgid listed here (and so
kept in locale/sr_Latn by `make messages`) and translated there wins over allauth's.
`serbian.spelling` checks allauth's catalogue less the strings we translate.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    # allauth: "se projavite" (show yourself) for "sign in".
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # allauth's Cyrillic: a Latin "A" in "Aутентикатор".
    gettext_noop("Authenticator code"),
)
