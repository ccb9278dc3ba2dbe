"""Importing the settings creates no folder; the processes that need local folders create them."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from posyantek import folder

BASE_DIR = Path(settings.BASE_DIR)

# Records every folder creation (pathlib and os) while the settings are imported, then prints them.
IMPOR_SETTINGS = """
import json, os, pathlib, sys
dibuat = []
asli_mkdir, asli_makedirs, asli_os_mkdir = pathlib.Path.mkdir, os.makedirs, os.mkdir
pathlib.Path.mkdir = lambda self, *a, **k: (dibuat.append(str(self)), asli_mkdir(self, *a, **k))[1]
os.makedirs = lambda p, *a, **k: (dibuat.append(str(p)), asli_makedirs(p, *a, **k))[1]
os.mkdir = lambda p, *a, **k: (dibuat.append(str(p)), asli_os_mkdir(p, *a, **k))[1]
os.environ["DJANGO_SETTINGS_MODULE"] = "posyantek.settings"
from django.conf import settings
settings.INSTALLED_APPS  # imports posyantek.settings
print(json.dumps(dibuat))
"""


def _env(tmp_path: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_ROOT=str(tmp_path / "tidak-ada" / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "tidak-ada" / "private"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'tidak-ada' / 'db' / 'portal.sqlite3'}",
        CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "tidak-ada" / "beat" / "jadwal"),
        PYTHONPATH=str(BASE_DIR),
    )
    env.update(extra)
    return env


def test_importing_the_settings_creates_no_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", IMPOR_SETTINGS],
        cwd=BASE_DIR,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert not (tmp_path / "tidak-ada").exists()


def test_manage_py_creates_the_sqlite_folder_and_the_command_runs(tmp_path):
    """``showmigrations`` opens the database: without its folder SQLite could not create the file."""
    result = subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "posyantek"],
        cwd=BASE_DIR,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "[ ] 0001_initial" in result.stdout
    assert (tmp_path / "tidak-ada" / "db").is_dir()
    assert (tmp_path / "tidak-ada" / "beat").is_dir()
    assert not (tmp_path / "tidak-ada" / "media").exists()  # storage creates it when a file is saved


def test_siapkan_creates_exactly_the_local_folders(monkeypatch, tmp_path):
    lokal = SimpleNamespace(
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "a" / "db.sqlite3")},
            "memori": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            "pg": {"ENGINE": "django.db.backends.postgresql", "NAME": "posyantek"},
        },
        STATIC_ROOT=tmp_path / "b" / "static",
        CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "c" / "jadwal"),
    )
    monkeypatch.setattr(folder, "settings", lokal)  # not Django's DATABASES: the connections stay

    assert folder.folder_lokal() == [tmp_path / "a", tmp_path / "b" / "static", tmp_path / "c"]
    folder.siapkan()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c"]
    assert (tmp_path / "b" / "static").is_dir()
    assert not (tmp_path / "a" / "db.sqlite3").exists()
    folder.siapkan()  # twice: nothing changes, nothing fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c"]
