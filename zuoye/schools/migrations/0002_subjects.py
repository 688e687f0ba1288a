"""Seed the subjects of MISSION H8 (a region may add or retire others later)."""

from django.db import migrations

SUBJECTS = [
    ("chinese", "语文", "Chinese", 1, 9),
    ("math", "数学", "Mathematics", 1, 9),
    ("english", "英语", "English", 3, 9),
    ("physics", "物理", "Physics", 8, 9),
    ("chemistry", "化学", "Chemistry", 9, 9),
    ("biology", "生物", "Biology", 7, 9),
    ("history", "历史", "History", 7, 9),
    ("geography", "地理", "Geography", 7, 9),
]


def seed(apps, schema_editor):
    Subject = apps.get_model("schools", "Subject")
    for order, (code, name, name_en, low, high) in enumerate(SUBJECTS):
        Subject.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "min_grade": low, "max_grade": high, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
