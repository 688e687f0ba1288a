from django.urls import path

from zuoye.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.teacher_page, name="teacher"),
    path("homework/<int:assignment_id>/class/<int:class_id>/", views.assignment_page, name="assignment"),
    path("school/<int:school_id>/", views.school_page, name="school"),
    path("class/<int:class_id>/", views.class_page, name="class"),
    path("regions/", views.regions_index, name="regions"),
    path("region/<int:region_id>/", views.region_page, name="region"),
    path("region/<int:region_id>/assessment/", views.assessment_page, name="assessment"),
    path("region/<int:region_id>/schools.xlsx", views.schools_xlsx, name="schools_xlsx"),
    path("region/<int:region_id>/teachers.xlsx", views.teachers_xlsx, name="teachers_xlsx"),
    path("region/<int:region_id>/monthly.pdf", views.monthly_pdf, name="monthly_pdf"),
    path("region/<int:region_id>/checks/", views.checks_page, name="checks"),
    path("checks/<int:flag_id>/verdict/", views.flag_verdict, name="flag_verdict"),
]
