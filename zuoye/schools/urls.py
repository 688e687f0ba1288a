"""Pages under /schools/: school and class pages, teachers, credential slips, region drill-down."""

from django.urls import path

from zuoye.schools.views import klass, people, region, school

app_name = "schools"
urlpatterns = [
    path("regions/", region.regions_index, name="regions"),
    path("regions/<int:region_id>/", region.region_page, name="region"),
    path("<int:school_id>/", school.school_page, name="school"),
    path("<int:school_id>/classes/create/", school.classes_create, name="classes_create"),
    path("<int:school_id>/teachers/", school.teachers_page, name="teachers"),
    path("assignments/<int:assignment_id>/delete/", school.assignment_delete, name="assignment_delete"),
    path("classes/<int:class_id>/", klass.class_page, name="class"),
    path("classes/<int:class_id>/head-teacher/", klass.head_teacher_set, name="head_teacher_set"),
    path("classes/<int:class_id>/slips.pdf", klass.slips_pdf, name="slips_pdf"),
    path("classes/<int:class_id>/slips.xlsx", klass.slips_xlsx, name="slips_xlsx"),
    path("students/<int:student_id>/move/", klass.student_move, name="student_move"),
    path("people/<int:user_id>/reset-password/", people.password_reset, name="password_reset"),
]
