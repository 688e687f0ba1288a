"""``zuoye items``: import with problems on stderr and a failing exit, export, curriculum sync."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from zuoye.itembank.models import Item
from zuoye.itembank.tests.bank import small_bank
from zuoye.itembank.tests.test_imports import BROKEN_GIFT, GOOD_GIFT

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("items", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_with_a_fallback_place_reports_the_counts(tmp_path):
    run("sync-curriculum")
    path = tmp_path / "有理数.gift"
    path.write_text(GOOD_GIFT, encoding="utf-8")
    out, _ = run("import", str(path), "--subject", "math", "--grade", "7", "--dry-run")
    assert "would add 3 items" in out and not Item.objects.exists()
    out, _ = run("import", str(path), "--subject", "math", "--grade", "7")
    assert "added 3 items, 0 already in the bank" in out


def test_import_problems_go_to_stderr_with_file_line_and_item_and_the_command_fails(tmp_path):
    run("sync-curriculum")
    path = tmp_path / "bad.gift"
    path.write_text(BROKEN_GIFT, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("items", "import", str(path), "--subject", "math", "--grade", "7", stderr=err)
    assert "bad.gift:9: item g4:" in err.getvalue()
    assert not Item.objects.exists()


def test_export_writes_a_qti_package(tmp_path):
    items = small_bank(per_template=2)
    out, _ = run("export", str(tmp_path / "bank.zip"), "--subject", "math", "--grade", "7")
    assert f"{len(items)} items" in out
    assert "imsmanifest.xml" in zipfile.ZipFile(tmp_path / "bank.zip").namelist()


def test_half_a_placement_is_refused():
    with pytest.raises(CommandError, match="both --subject and --grade"):
        run("import", __file__, "--subject", "math")


def test_sync_curriculum_reports_the_points():
    out, _ = run("sync-curriculum")
    assert "knowledge points:" in out and "new" in out
