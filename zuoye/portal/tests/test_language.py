"""Chinese unless the person chose English; the choice is kept in a cookie across visits."""

from __future__ import annotations

from django.test import Client, RequestFactory, override_settings
from django.conf import settings

from zuoye.portal.middleware import ChosenLanguageMiddleware, chosen_language

CHINESE_FIRST = [
    "zuoye.portal.middleware.ChosenLanguageMiddleware" if name == "django.middleware.locale.LocaleMiddleware" else name
    for name in settings.MIDDLEWARE
]


def test_an_english_browser_still_gets_chinese_until_the_person_switches():
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert chosen_language(request) == "zh-hans"
    request.COOKIES["django_language"] = "en"
    assert chosen_language(request) == "en"


def test_an_unknown_language_cookie_falls_back_to_chinese():
    request = RequestFactory().get("/")
    request.COOKIES["django_language"] = "xx-nonsense"
    assert chosen_language(request) == "zh-hans"


def test_middleware_activates_the_choice_and_says_so():
    request = RequestFactory().get("/")
    request.COOKIES["django_language"] = "en"
    middleware = ChosenLanguageMiddleware(lambda r: __import__("django.http").http.HttpResponse("ok"))
    response = middleware(request)
    assert request.LANGUAGE_CODE == "en" and response["Content-Language"] == "en"


@override_settings(MIDDLEWARE=CHINESE_FIRST)
def test_switching_to_english_and_back_persists_across_pages(county):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(county.guardian_zhang)
    assert "我的孩子" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "My children" in client.get("/").content.decode()
    assert "Change password" in client.get("/accounts/password/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "我的孩子" in client.get("/").content.decode()


def test_login_page_is_chinese_by_default():
    page = Client().get("/accounts/login/").content.decode()
    assert "登录智慧作业" in page and "用户名或手机号" in page
