"""Pages under /itembank/: the bank, items, imports, QTI export, micro-lessons."""

from django.urls import path

from zuoye.itembank import views

app_name = "itembank"
urlpatterns = [
    path("", views.bank, name="bank"),
    path("items/<int:item_id>/", views.item_page, name="item"),
    path("items/<int:item_id>/image", views.item_image, name="item_image"),
    path("export.zip", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("imports/<int:import_id>/", views.import_result, name="import_result"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/new/", views.lesson_new, name="lesson_new"),
]
