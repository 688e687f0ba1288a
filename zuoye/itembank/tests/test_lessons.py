"""Micro-lessons: a real video file or a link, a duration, knowledge points; anything else is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from zuoye.itembank.models import KnowledgePoint, MicroLesson
from zuoye.itembank.services.curriculum import curriculum_sync
from zuoye.itembank.services.lessons import micro_lesson_create, video_kind

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def test_video_kind_reads_the_first_bytes_not_the_name():
    assert video_kind(MP4) == "mp4"
    assert video_kind(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81") == "webm"
    assert video_kind(b"%PDF-1.7 ...") is None


@pytest.mark.django_db
class TestMicroLessonCreate:
    @pytest.fixture(autouse=True)
    def points(self, county):
        curriculum_sync()
        self.teacher = county.teacher_wang
        self.points = list(KnowledgePoint.objects.filter(code__in=["math.g7a.u3.kp03", "math.g7a.u3.kp04"]))
        with translation.override("en"):  # messages are matched in English; the pages show them in Chinese
            yield

    def test_an_uploaded_video_is_stored_with_its_points_and_author(self):
        video = SimpleUploadedFile("解方程.mp4", MP4, content_type="video/mp4")
        lesson = micro_lesson_create(title=" 解一元一次方程 ", duration_seconds=330, knowledge_points=self.points,
                                     author=self.teacher, video=video)
        lesson.refresh_from_db()
        assert lesson.title == "解一元一次方程" and lesson.author_name == "王芳"
        assert lesson.video.name.endswith(".mp4") and lesson.video.size == len(MP4)
        assert set(lesson.knowledge_points.values_list("code", flat=True)) == {p.code for p in self.points}

    def test_a_link_alone_is_enough(self):
        lesson = micro_lesson_create(title="移项", duration_seconds=200, knowledge_points=self.points[:1],
                                     author=self.teacher, url="https://video.example.cn/v/123")
        assert lesson.url and not lesson.video

    @pytest.mark.parametrize("video, url, message", [
        (None, "", "either a video file or a link"),
        (SimpleUploadedFile("a.mp4", MP4), "https://video.example.cn/v/1", "either a video file or a link"),
        (SimpleUploadedFile("notes.mp4", b"%PDF-1.7 not a video"), "", "is not a video"),
    ])
    def test_a_lesson_needs_exactly_one_real_video(self, video, url, message):
        with pytest.raises(ValidationError, match=message):
            micro_lesson_create(title="移项", duration_seconds=200, knowledge_points=self.points,
                                author=self.teacher, video=video, url=url)
        assert not MicroLesson.objects.exists()

    def test_a_lesson_needs_points_and_a_sensible_duration(self):
        with pytest.raises(ValidationError, match="knowledge point"):
            micro_lesson_create(title="移项", duration_seconds=200, knowledge_points=[], author=self.teacher,
                                url="https://video.example.cn/v/1")
        with pytest.raises(ValidationError, match="duration"):
            micro_lesson_create(title="移项", duration_seconds=0, knowledge_points=self.points, author=self.teacher,
                                url="https://video.example.cn/v/1")
