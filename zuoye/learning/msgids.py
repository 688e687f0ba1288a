"""Texts this app puts on other apps' pages (menu, home cards, the results page): marked here so
that ``makemessages`` keeps them in this app's catalogue, which Django merges with the others."""

from django.utils.translation import gettext_noop

SHARED = (
    gettext_noop("Wrong-question notebook"),  # menu: students and guardians
    gettext_noop("Class learning"),  # menu: teachers
    gettext_noop("My learning"),  # student's home card
    gettext_noop("This week's wrong questions and lessons"),  # guardian's home card
    gettext_noop("The class's most-missed items and who is behind each"),  # homework results page
)
