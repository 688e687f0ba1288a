from django.urls import path

from zuoye.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home_page, name="home"),
]
