"""Writes of the rosters app: imports (xlsx, CSV, OneRoster), exports and templates.

Entry points: :func:`roster_import`, :func:`roster_import_start` (the web's: large files as a job) and :func:`roster_import_apply` (:mod:`.imports`),
:func:`roster_export_xlsx`, :func:`roster_template` (:mod:`.workbooks`),
:func:`roster_export_oneroster` (:mod:`.oneroster_out`).
"""

from zuoye.rosters.services.imports import roster_import, roster_import_apply, roster_import_start

__all__ = ["roster_import", "roster_import_apply", "roster_import_start"]
