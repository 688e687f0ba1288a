from django.urls import path

from zuoye.rosters import views

app_name = "rosters"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.result, name="result"),
    path("imports/<int:pk>/apply/", views.apply, name="apply"),
    path("imports/<int:pk>/problems.xlsx", views.problems_download, name="problems"),
    path("templates/<str:kind>-template.xlsx", views.template, name="template"),
    path("export/school/<int:pk>.<str:fmt>", views.export_school, name="export_school"),
    path("export/region/<int:pk>.zip", views.export_region, name="export_region"),
]
