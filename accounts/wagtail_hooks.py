"""People in the Wagtail admin: the scoped People area (administrators and institution managers).

Wagtail's own Users admin is fitted to our user model through `accounts.apps.WagtailUsersConfig`
(see `admin_views.PlatformUserViewSet`).
"""

from wagtail import hooks

from .admin_views import PeopleViewSet


@hooks.register("register_admin_viewset")
def register_people_viewset():
    return PeopleViewSet("people")
