"""The pages, without a browser: what each person sees (scoping), cold start, items without a
knowledge point flagged to the teacher, a point with no lesson says so, the care mode remembered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from zuoye.itembank.models import MicroLesson
from zuoye.learning.tests.helpers import published, record
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def results(county, django_capture_on_commit_callbacks):
    bank = small_bank(per_template=2)
    bank[1].knowledge_points.clear()  # an item with no knowledge point
    day = timezone.localdate() - timedelta(days=timezone.localdate().weekday())  # this week's Monday
    hw = published(county, [bank[0], bank[1], bank[2]], day=day, title="本周数学")
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, county.student_zhang, ["wrong", "wrong", "partial"], answers={0: "12"})
    return bank


def test_a_student_with_no_results_is_told_there_is_nothing_yet(county):
    page = _client(county.student_zhang.user).get(f"/learning/students/{county.student_zhang.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "本周和上周都没有错题" in text and "还没有作答结果" in text


def test_the_student_sees_this_weeks_wrong_questions_lessons_and_levels(county, results):
    lesson = MicroLesson.objects.create(title="有理数的运算", url="https://example.org/v.webm", duration_seconds=90)
    lesson.knowledge_points.set(results[0].knowledge_points.all())
    text = _client(county.student_zhang.user).get(f"/learning/students/{county.student_zhang.pk}/").content.decode()
    assert "本周数学" in text and "12" in text
    assert "有理数的运算" in text and f"/learning/lessons/{lesson.pk}/?student={county.student_zhang.pk}" in text
    assert "作答还少" in text  # a level with its explanation, not a number
    assert "暂无微课" in text  # the points of the other items have no lesson yet


def test_the_notebook_shows_answer_explanation_and_the_no_lesson_and_no_point_notes(county, results):
    text = _client(county.guardian_zhang).get(f"/learning/students/{county.student_zhang.pk}/notebook/").content.decode()
    assert "正确答案与解析" in text and "还没有微课" in text
    assert "这道题还没有标注知识点" in text
    assert "部分正确" in text


def test_the_guardian_sees_only_the_own_child(county, results):
    client = _client(county.guardian_zhang)
    assert client.get(f"/learning/students/{county.student_other_class.pk}/").status_code == 403
    assert client.get("/learning/").status_code == 302  # straight to the only child


def test_the_teacher_sees_the_most_missed_items_the_students_behind_and_the_flagged_item(county, results):
    text = _client(county.teacher_wang).get(f"/learning/classes/{county.class_7_1.pk}/").content.decode()
    assert "张小明" in text
    assert 'id="no-point"' in text and "没有知识点" in text
    assert _client(county.teacher_wang).get(f"/learning/classes/{county.class_7_2.pk}/").status_code == 403


def test_a_teacher_sees_only_the_subjects_taught_in_the_students_class(county, results):
    # Li teaches Chinese in 7(2) but heads 7(1): as head teacher Li sees every subject of 7(1)
    text = _client(county.head_teacher_li).get(f"/learning/students/{county.student_zhang.pk}/notebook/").content.decode()
    assert "本周数学" in text
    from zuoye.homework.tests.factories import teacher_of

    chinese_teacher = teacher_of(county, county.class_7_1, county.chinese, username="t_chinese_7_1")
    text = _client(chinese_teacher).get(f"/learning/students/{county.student_zhang.pk}/notebook/").content.decode()
    assert "本周数学" not in text


def test_the_care_mode_is_remembered_in_a_cookie(county, results):
    client = _client(county.guardian_zhang)
    url = f"/learning/students/{county.student_zhang.pk}/"
    r = client.post("/learning/care/", {"care": "1", "next": url})
    assert r.status_code == 302 and r["Location"] == url
    assert client.cookies["zuoye_care"].value == "1" and client.cookies["zuoye_care"]["max-age"] == 365 * 24 * 3600
    assert 'body.classList.add("care")' in client.get(url).content.decode()
    client.post("/learning/care/", {"care": "0", "next": "https://evil.example.org/"})
    assert 'body.classList.add("care")' not in client.get(url).content.decode()


def test_a_lesson_whose_file_is_gone_answers_404_and_the_page_carries_the_words_for_it(county):
    from django.core.files.base import ContentFile

    from zuoye.learning.demo import VIDEO

    good = MicroLesson(title="好的微课", duration_seconds=12)
    good.video.save("good.webm", ContentFile(VIDEO.read_bytes()), save=True)
    client = _client(county.student_zhang.user)
    r = client.get(f"/learning/lessons/{good.pk}/video/", HTTP_RANGE="bytes=100-199")
    assert r.status_code == 206 and len(r.content) == 100 and r["Content-Range"].endswith(f"/{VIDEO.stat().st_size}")
    assert client.get(f"/learning/lessons/{good.pk}/video/", HTTP_RANGE="bytes=99999999-").status_code == 416
    text = client.get(f"/learning/lessons/{good.pk}/").content.decode()
    assert f'src="/learning/lessons/{good.pk}/video/"' in text and "这个视频无法播放" in text
    good.video.storage.delete(good.video.name)
    assert client.get(f"/learning/lessons/{good.pk}/video/").status_code == 404
