"""Keeping raw files and starting batches.

Every file is stored once, under its SHA-256, before anything reads it: a page that later
turns out unreadable can be read again, by hand or by a better reader, from the original
bytes. The same file sent twice (the scanner re-sends a folder, a parent taps "upload" again)
is the same ``Upload``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from zuoye.accounts.models import User
from zuoye.capture.models import ScanBatch, Upload
from zuoye.capture.services.files import SUFFIXES
from zuoye.schools.models import Student, Teacher

MAX_UPLOAD_BYTES = 512 * 1024 * 1024
"""One file at most (a 300-page colour PDF at 300 dpi stays well below)."""


class UploadRejected(ValueError):
    """A file that is not kept: the message names it and says why."""


def upload_store(*, name: str, data: bytes, actor: User | None) -> Upload:
    """Keep ``data`` (idempotent by content): returns the existing upload for a file seen before."""
    clean = PurePath(name.replace("\\", "/")).name[:200] or "upload"
    suffix = PurePath(clean).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRejected(f"{clean}: only {', '.join(SUFFIXES)} files can be read")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"{clean}: {len(data) // 2**20} MB is more than {MAX_UPLOAD_BYTES // 2**20} MB")
    if not data:
        raise UploadRejected(f"{clean}: the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    existing = Upload.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    upload = Upload(sha256=digest, name=clean, suffix=suffix, size=len(data), uploaded_by=actor)
    upload.file.save(clean, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            upload.save()
    except IntegrityError:  # the same file arrived at the same moment from elsewhere
        return Upload.objects.get(sha256=digest)
    return upload


def _school_of(actor: User | None) -> int | None:
    if actor is None:
        return None
    teacher = Teacher.objects.filter(user=actor).only("school_id").first()
    if teacher is not None:
        return teacher.school_id
    role = actor.staff_roles.exclude(school=None).only("school_id").first()
    return role.school_id if role is not None else None


@transaction.atomic
def batch_create(*, uploads: Sequence[Upload], actor: User | None, source: str = ScanBatch.Source.SCAN,
                 student: Student | None = None) -> ScanBatch:
    """A batch over ``uploads`` (in this order), not read yet: ``batch_read`` or the job reads it."""
    if not uploads:
        raise UploadRejected("no files to read")
    batch = ScanBatch.objects.create(source=source, created_by=actor, school_id=_school_of(actor), student=student)
    # The link rows' ids keep the order (``reading.batch_uploads``): ``uploads.set`` adds them in
    # a set's order, which put a later file first whenever the uploads' ids hashed so, and the
    # first copy of a page scanned twice is the one that counts.
    through = ScanBatch.uploads.through
    through.objects.bulk_create([through(scanbatch=batch, upload=upload) for upload in dict.fromkeys(uploads)])
    return batch
