from django.urls import path

from zuoye.learning.views import lessons, student, teacher

app_name = "learning"
urlpatterns = [
    path("", student.home, name="home"),
    path("care/", student.care, name="care"),
    path("students/<int:student_id>/", student.student, name="student"),
    path("students/<int:student_id>/notebook/", student.notebook, name="notebook"),
    path("lessons/<int:lesson_id>/", lessons.lesson, name="lesson"),
    path("lessons/<int:lesson_id>/video/", lessons.video, name="video"),
    path("lessons/<int:lesson_id>/statements/", lessons.statements, name="statements"),
    path("classes/<int:class_id>/", teacher.class_page, name="class"),
    path("classes/<int:class_id>/recommendations/", teacher.recommendations, name="recommendations"),
    path("classes/<int:class_id>/recommendations/act/", teacher.recommendations_act, name="recommendations_act"),
    path("classes/<int:class_id>/lessons/", teacher.lessons, name="class_lessons"),
]
