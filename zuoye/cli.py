"""The ``zuoye`` command: Django's manage command under the product's name.

Every management command, Django's and the project's own (``demo``, ``roster`` …), runs as
``zuoye <command>``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuoye.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zuoye", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
