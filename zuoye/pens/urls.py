"""Pages under /pens/: a school's pens, gateways and dot-pattern paper; printing on it; the gateway API."""

from django.urls import path

from zuoye.pens import api, views

app_name = "pens"
urlpatterns = [
    path("api/dots", api.dots, name="api_dots"),
    path("school/<int:school_id>/", views.school_page, name="school"),
    path("school/<int:school_id>/pens/", views.pen_add, name="pen_add"),
    path("school/<int:school_id>/gateways/", views.gateway_add, name="gateway_add"),
    path("school/<int:school_id>/batches/", views.batch_add, name="batch_add"),
    path("school/<int:school_id>/unknown/", views.unknown_assign, name="unknown_assign"),
    path("pen/<int:pen_id>/deactivate/", views.pen_deactivate, name="pen_deactivate"),
    path("gateway/<int:gateway_id>/deactivate/", views.gateway_deactivate, name="gateway_deactivate"),
    path("print/<int:assignment_id>/<int:class_id>/", views.print_page, name="print"),
]
