from django.urls import path

from zuoye.booklets import views

app_name = "booklets"
urlpatterns = [
    path("", views.index, name="index"),
    path("classes/<int:class_id>/", views.class_page, name="class"),
    path("classes/<int:class_id>/print/", views.class_print, name="class_print"),
    path("batches/<int:batch_id>/pdf/", views.batch_pdf, name="batch_pdf"),
    path("students/<int:student_id>/", views.student_page, name="student"),
    path("students/<int:student_id>/print/", views.student_print, name="student_print"),
    path("<int:booklet_id>/pdf/", views.booklet_pdf, name="booklet_pdf"),
]
