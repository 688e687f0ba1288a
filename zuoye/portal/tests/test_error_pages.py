"""A refusal or a missing page is a page of the product, in Chinese, with a way back home."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_out_of_reach_says_so_in_words_and_offers_the_way_home(county):
    client = Client()
    client.force_login(county.teacher_wang)
    response = client.get(reverse("homework:calendar", args=[county.far_class.pk]))
    page = response.content.decode()
    assert response.status_code in (403, 404)
    assert ("您无权打开这个页面" in page or "这个页面不存在" in page) and "回到我的首页" in page


def test_an_unknown_address_is_a_not_found_page(county):
    client = Client()
    client.force_login(county.teacher_wang)
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and "这个页面不存在" in response.content.decode()


def test_a_refusal_uses_the_refusal_page(county):
    client = Client()
    client.force_login(county.guardian_zhang)
    response = client.get(reverse("analytics:teacher"))
    assert response.status_code == 403 and "您无权打开这个页面" in response.content.decode()
