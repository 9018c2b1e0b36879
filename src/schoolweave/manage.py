"""The `schoolweave` command: Django's manage.py, installed as a console script."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the settings: a bad one is named, not hidden
    except ImproperlyConfigured as exc:
        sys.exit(f"schoolweave: {exc}")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
