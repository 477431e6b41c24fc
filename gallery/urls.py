from django.urls import path

from . import views

app_name = "gallery"

urlpatterns = [
    path("", views.component_gallery, name="components"),
]
