"""Pages under /homework/: list, new, composing and publishing, answer sheets, the load calendar."""

from django.urls import path

from zuoye.homework.views import assignments, calendar, compose, results, sheets

app_name = "homework"
urlpatterns = [
    path("", assignments.homework_list, name="list"),
    path("new/", assignments.homework_new, name="new"),
    path("<int:assignment_id>/", compose.compose, name="compose"),
    path("<int:assignment_id>/delete/", assignments.homework_delete, name="delete"),
    path("<int:assignment_id>/items/add/", compose.items_add, name="items_add"),
    path("<int:assignment_id>/items/<int:link_id>/remove/", compose.item_remove, name="item_remove"),
    path("<int:assignment_id>/items/<int:link_id>/move/", compose.item_move, name="item_move"),
    path("<int:assignment_id>/generate/", compose.generate, name="generate"),
    path("<int:assignment_id>/minutes/", compose.minutes, name="minutes"),
    path("<int:assignment_id>/load/", compose.load_part, name="load"),
    path("<int:assignment_id>/publish/", compose.publish, name="publish"),
    path("<int:assignment_id>/sheets/", sheets.sheets_page, name="sheets"),
    path("<int:assignment_id>/sheets/<int:class_id>/class/", sheets.sheets_class, name="sheets_class"),
    path("<int:assignment_id>/sheets/<int:class_id>/generic/", sheets.sheets_generic, name="sheets_generic"),
    path("<int:assignment_id>/sheets/<int:class_id>/student/", sheets.sheets_student, name="sheets_student"),
    path("<int:assignment_id>/results/", results.results_index, name="results"),
    path("<int:assignment_id>/results/<int:class_id>/live/", results.results_live, name="results_live"),
    path("sheets/<int:sheet_set_id>.pdf", sheets.sheet_pdf, name="sheet_pdf"),
    path("sheets/<int:sheet_set_id>.json", sheets.sheet_layout, name="sheet_layout"),
    path("calendar/", calendar.calendar_index, name="calendar_index"),
    path("calendar/<int:class_id>/", calendar.class_calendar, name="calendar"),
]
