"""Marking one's own messages read (POST only; someone else's message is not found)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read


@login_required
@require_POST
def mark_read(request, notification_id: int):
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    notification_mark_read(notification=notification)
    return redirect("courses:my_learning")


@login_required
@require_POST
def mark_all_read(request):
    notifications_mark_all_read(user=request.user)
    return redirect("courses:my_learning")
