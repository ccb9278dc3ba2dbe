#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posyantek.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from posyantek import folder

    try:
        folder.siapkan()  # var/ for SQLite, static files and beat: the settings create no folder at import
    except ImproperlyConfigured:
        pass  # the command reports the settings' error itself (or needs no settings, like `help`)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
