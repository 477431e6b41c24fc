import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from audit.api import AuditAction, audit_record
from home.api import page_url_in_language
from pagecache.api import session_user

from .forms import ErasureConfirmForm, ProfileForm
from .language_cookie import language_cookie_set
from .models import User
from .personal_data import personal_data_export
from .profile_sections import profile_sections_for
from .services import personal_data_erase, profile_update


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    sections = profile_sections_for(user=request.user, data=request.POST or None)
    # Every part is validated (a list, not all(): each shows its own errors).
    valid = [form.is_valid(), *(section.form.is_valid() for section in sections)]
    if request.method == "POST" and all(valid):
        profile_update(form=form, sections=[section.form for section in sections])
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        language_cookie_set(response, language=request.user.preferred_language)
        return response
    return render(request, "accounts/profile.html", {"form": form, "profile_sections": sections})


@login_required
def personal_data_download(request):
    data = personal_data_export(user=request.user)
    data["exported_at"] = timezone.now()
    audit_record(action=AuditAction.PERSONAL_DATA_EXPORTED, target=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-personal-data.json"'
    return response


@login_required
def erasure(request):
    form = ErasureConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        personal_data_erase(user=request.user)
        logout(request)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("/")
    return render(request, "accounts/erasure.html", {"form": form})


@require_POST
def set_language(request):
    """Django's switcher, which also remembers the choice in the profile."""
    # Django translates `next` by resolving it in the active language, so make the
    # language of `next` active first (the switcher posts from any language).
    next_language = translation.get_language_from_path(request.POST.get("next", ""))
    if next_language:
        translation.activate(next_language)
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            User.objects.filter(pk=request.user.pk).update(preferred_language=language)
            session_user.forget(request.user.pk)
        # A page goes to its own translation (English slugs differ from Serbian ones).
        url = page_url_in_language(
            request=request, next_path=request.POST.get("next", ""), language=language
        )
        if url and response.status_code == 302:
            response["Location"] = url
    return response
