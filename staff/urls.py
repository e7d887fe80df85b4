from django.urls import path

from staff import views

app_name = "staff"
urlpatterns = [
    path("second-factor/", views.verify, name="verify"),
    path("second-factor/setup/", views.enrol, name="enrol"),
]
