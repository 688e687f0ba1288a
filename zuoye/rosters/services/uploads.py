"""Keeping every upload as it came: content-addressed files and the RosterImport record.

The file is stored under ``MEDIA_ROOT/rosters/<sha256[:2]>/<sha256>.<ext>``: the same bytes
uploaded twice are stored once, and the second import is told about the first.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import IO, Union

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zuoye.accounts.models import User
from zuoye.rosters.models import RosterImport
from zuoye.schools import models as m

Input = Union[bytes, str, Path, IO[bytes]]


def read_input(file: Input, filename: str | None = None) -> tuple[bytes, str]:
    """Bytes and a display name from a path (a OneRoster folder is zipped), bytes or an uploaded file."""
    if isinstance(file, (str, Path)):
        path = Path(file)
        if path.is_dir():
            return folder_zip(path), path.name + ".zip"
        return path.read_bytes(), filename or path.name
    if isinstance(file, bytes):
        return file, filename or "upload"
    chunks = getattr(file, "chunks", None)
    data = b"".join(chunks()) if callable(chunks) else file.read()
    return data, filename or Path(getattr(file, "name", "") or "upload").name


def folder_zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
    return buffer.getvalue()


def record_start(*, data: bytes, filename: str, school: m.School | None, actor: User | None,
                 dry_run: bool, create_classes: bool) -> RosterImport:
    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(filename).suffix.lower()[:8] if Path(filename).suffix else ".bin"
    name = f"rosters/{sha[:2]}/{sha}{suffix}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    earlier = RosterImport.objects.filter(sha256=sha, school=school).order_by("-created_at", "-id").first()
    return RosterImport.objects.create(
        actor=actor if actor is not None and actor.pk else None, school=school, filename=filename[:255], file=name,
        sha256=sha, size=len(data), dry_run=dry_run, create_classes=create_classes, same_as=earlier,
    )


def stored_bytes(record: RosterImport) -> bytes:
    with default_storage.open(record.file.name, "rb") as stream:
        return stream.read()
