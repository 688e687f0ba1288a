"""URL map: each app mounts its own pages under its own prefix."""

from django.urls import include, path

from zuoye.portal.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("zuoye.accounts.urls")),
    path("schools/", include("zuoye.schools.urls")),
    path("rosters/", include("zuoye.rosters.urls")),
    path("api/v1/", api.urls),
    path("jobs/", include("zuoye.jobs.urls")),
    path("itembank/", include("zuoye.itembank.urls")),
    path("homework/", include("zuoye.homework.urls")),
    path("capture/", include("zuoye.capture.urls")),
    path("learning/", include("zuoye.learning.urls")),
    path("analytics/", include("zuoye.analytics.urls")),
    path("pens/", include("zuoye.pens.urls")),
    path("booklets/", include("zuoye.booklets.urls")),
    path("", include("zuoye.portal.urls")),
]
# Media files are never served as such, not even in DEBUG: uploads, scans, review crops, sheets
# and booklets hold minors' names and work, and are served only through access-checked views.
