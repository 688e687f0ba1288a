"""Pages under /capture/: scans, the review queue, phone photos and self-report."""

from django.urls import path

from zuoye.capture.views import home, review, scans

app_name = "capture"
urlpatterns = [
    path("", scans.scan_index, name="scan"),
    path("upload/", scans.upload, name="upload"),
    path("batches/<int:batch_id>/", scans.batch_page, name="batch"),
    path("batches/<int:batch_id>/scan.json", scans.batch_json, name="batch_json"),
    path("pages/<int:page_id>/preview.jpg", scans.page_preview, name="page_preview"),
    path("pages/<int:page_id>/assign/", scans.page_assign_view, name="page_assign"),
    path("review/<int:assignment_id>/<int:class_id>/", review.review_queue, name="review"),
    path("review/items/<int:review_id>/decide/", review.review_decide, name="review_decide"),
    path("review/items/<int:review_id>/crop.png", review.review_crop, name="review_crop"),
    path("home/", home.home_index, name="home"),
    path("home/photos/", home.photos_upload, name="photos"),
    path("home/photos/<int:batch_id>/", home.photos_result, name="photos_result"),
    path("home/report/<int:assignment_id>/", home.self_report, name="self_report"),
]
