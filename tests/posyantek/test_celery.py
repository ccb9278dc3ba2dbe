"""The task engine's wiring: eager without a broker (and says so), the beat schedule names real
tasks, and /healthz names a broker that does not answer."""

import logging

import pytest

from posyantek.celery import app, melapor_mode
from tests.posyantek.test_surel import free_port


def test_celery_without_broker_runs_eager_and_logs_it(settings, caplog):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with caplog.at_level(logging.INFO, logger="posyantek.tasks"):
        assert melapor_mode() == "eager"
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "CELERY_BROKER_URL is not set" in caplog.records[0].getMessage()
    assert "in-process (eager)" in caplog.records[0].getMessage()


def test_celery_with_broker_logs_url_without_password(settings, caplog):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://:rahasia@127.0.0.1:6379/0"
    with caplog.at_level(logging.INFO, logger="posyantek.tasks"):
        assert melapor_mode() == "broker"
    assert [r.getMessage() for r in caplog.records] == ["Tasks go to the broker redis://:***@127.0.0.1:6379/0"]


def test_celery_beat_schedule_names_registered_tasks(settings):
    app.loader.import_default_modules()
    jadwal = {nama: entri["task"] for nama, entri in settings.CELERY_BEAT_SCHEDULE.items()}
    assert jadwal == {
        "pengingat-pelatihan": "pelatihan.tasks.kirim_pengingat_pelatihan",
        "tutup-urun-beli": "teknologi.tasks.tutup_urun_beli",
        "relawan-kedaluwarsa": "pelatihan.tasks.relawan_kedaluwarsa",
        "surel-tertunda": "posyantek.tasks.kirim_surel_tertunda",
        "sesi-bersihkan": "posyantek.tasks.sesi_bersihkan",
        "surel-bersihkan": "posyantek.tasks.surel_bersihkan",
        "berkas-tugas-bersihkan": "posyantek.tasks.berkas_tugas_bersihkan",
        "mitra-mou-ingatkan": "posyantek.tasks.mitra_mou_ingatkan",
    }
    assert sorted(set(jadwal.values()) - set(app.tasks)) == []


def test_healthz_503_names_a_broker_that_does_not_answer(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "ok",
        "broker": "unavailable",
        "failed": ["broker"],
    }


def test_healthz_503_names_a_cache_that_does_not_answer(client, db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }
    response = client.get("/healthz")
    assert (response.status_code, response.json()["failed"]) == (503, ["cache"])


@pytest.mark.skipif(not __import__("shutil").which("redis-cli"), reason="needs the local Redis")
def test_healthz_ok_with_a_real_redis_broker(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    response = client.get("/healthz")
    assert (response.status_code, response.json()["broker"]) == (200, "ok")


def test_sesi_bersihkan_task_removes_only_expired_sessions(db):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from posyantek.tasks import sesi_bersihkan

    Session.objects.create(session_key="lama" * 8, session_data="x", expire_date=timezone.now() - timedelta(days=1))
    Session.objects.create(session_key="baru" * 8, session_data="x", expire_date=timezone.now() + timedelta(days=1))
    sesi_bersihkan.delay()
    sesi_bersihkan.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["baru" * 8]
