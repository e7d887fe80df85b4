from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "authors"

urlpatterns = [
    path(_("author/<slug:slug>/"), views.AuthorDetailView.as_view(), name="detail"),
]
