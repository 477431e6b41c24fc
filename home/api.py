"""What other apps may use of home (the home page and the site's settings). Import this
module, not home's internals.

- `HomePage`: the site's root page type (courses and case law live below it).
- `ProgrammeSettings`: the programme's names, logos and certificate texts, per site
  (`ProgrammeSettings.current(request=None)`); `PartnerLogo`: its partner logos.
- `home_page_in(locale)`: the home page of a locale (demo loaders build under it).
- `forbidden(request, *, reason, back_url, admin_area)`: the site's 403 page.
- `page_url_in_language(*, request, next_path, language)`: the same page in another language.
"""

from .models import HomePage, PartnerLogo, ProgrammeSettings
from .selectors import home_page_in
from .translations import page_url_in_language
from .views import forbidden

__all__ = [
    "HomePage",
    "PartnerLogo",
    "ProgrammeSettings",
    "forbidden",
    "home_page_in",
    "page_url_in_language",
]
