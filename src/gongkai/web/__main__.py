"""``python -m gongkai.web <command>``: Django's manage.py, with the platform's settings by default."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.executable} -m gongkai.web", *sys.argv[1:]])


if __name__ == "__main__":
    main()
