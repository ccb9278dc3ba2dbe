"""Two app nodes: two gunicorn servers on different ports sharing PostgreSQL, Redis (cache, rate
limits and the Celery broker), the media folders and one Celery worker — what a scaled-out
deployment is. Everything goes over HTTP, as through a load balancer that sends each request to
either node."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from posyantek.models import Surel
from tests.factories import TEST_PASSWORD, UserFactory
from tests.hostile_files import VALID_PDF
from tests.posyantek.test_surel import Kotak, free_port

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="the nodes share one PostgreSQL"),
    pytest.mark.skipif(shutil.which("redis-cli") is None, reason="the nodes share the local Redis"),
    pytest.mark.django_db(transaction=True),  # the nodes are other processes: data must be committed
]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REDIS_CACHE, REDIS_BROKER = "redis://127.0.0.1:6379/11", "redis://127.0.0.1:6379/12"


class Peramban:
    """A browser with one cookie jar (cookies are per host, not per port, so both nodes see them)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)

    def get(self, url: str) -> tuple[int, bytes, dict]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict, files: dict | None = None) -> tuple[int, bytes, dict]:
        status, body, _h = self.get(url)  # the form page: sets the CSRF cookie and token
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        fields = {**data, "csrfmiddlewaretoken": token}
        if files:
            batas = uuid.uuid4().hex
            bagian = []
            for nama, nilai in fields.items():
                bagian.append(f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n{nilai}\r\n'.encode())
            for nama, (berkas, isi, tipe) in files.items():
                bagian.append(
                    f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"; filename="{berkas}"\r\n'
                    f"Content-Type: {tipe}\r\n\r\n".encode()
                    + isi
                    + b"\r\n"
                )
            body = b"".join(bagian) + f"--{batas}--\r\n".encode()
            ctype = f"multipart/form-data; boundary={batas}"
        else:
            body, ctype = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self._open(urllib.request.Request(url, data=body, headers={"Content-Type": ctype}))

    def _open(self, request) -> tuple[int, bytes, dict]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to look at, not to follow


def tunggu(url: str, detik: float = 90) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer 200 within {detik} s")


@pytest.fixture
def dua_node(wilayah, tmp_path):
    """Two gunicorn nodes (A, B) and one Celery worker on the test database, with a real SMTP
    server in this process. Yields (url_a, url_b, smtp)."""
    from aiosmtpd.controller import Controller

    for url in (REDIS_CACHE, REDIS_BROKER):
        subprocess.run(["redis-cli", "-u", url, "flushdb"], check=True, capture_output=True)
    kotak, port_smtp = Kotak(), free_port()
    smtp = Controller(kotak, hostname="127.0.0.1", port=port_smtp)
    smtp.start()
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "REDIS_"))},
        "DJANGO_TESTING": "1",  # plain-http cookies, no manifest of static files; nothing else differs
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_CACHE,
        "CELERY_BROKER_URL": REDIS_BROKER,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port_smtp),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    ports = [free_port(), free_port()]
    proses = [
        subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "posyantek.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--worker-class",
                "gthread",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"node-{port}.log", "wb"),
        )
        for port in ports
    ]
    proses.append(
        subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "posyantek",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--hostname",
                f"dua-node-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "worker.log", "wb"),
        )
    )
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            tunggu(url + "/healthz")
        yield urls[0], urls[1], kotak
    finally:
        for p in proses:
            p.terminate()
        for p in proses:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        smtp.stop()


def test_two_nodes_share_data_sessions_rate_limits_uploads_and_tasks(dua_node, pos_a):
    a, b, smtp = dua_node
    from posyantek.services import operator_tetapkan

    operator = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_tetapkan(pos=pos_a, pengguna=operator, oleh=None)

    # Both nodes report every dependency healthy, the broker included.
    for node in (a, b):
        status, body, _h = Peramban().get(node + "/healthz")
        assert (status, body) == (200, b'{"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}')

    # A session made on A is valid on B.
    orang = Peramban()
    status, _b, headers = orang.post(a + "/akun/login/", {"login": operator.email, "password": TEST_PASSWORD})
    assert (status, headers["Location"]) == (302, "/kelola/")
    status, body, _h = orang.get(b + "/kelola/gambir/kemitraan/")
    assert status == 200 and b"Operator Gambir" in body

    # A write on A shows on B at the next request (B had the page's fragments cached).
    tamu = Peramban()
    status, body, _h = tamu.get(b + "/pos/gambir/")
    assert status == 200 and b"Politeknik Dua Node" not in body
    status, _b, headers = orang.post(
        a + "/kelola/gambir/kemitraan/tambah/",
        {
            "nama": "Politeknik Dua Node",
            "jenis": "perguruan_tinggi",
            "kerja_sama": "Desain kemasan",
            "mulai": "2025-01-01",
            "is_aktif": "on",
        },
    )
    assert (status, headers["Location"]) == (302, "/kelola/gambir/kemitraan/")
    assert b"Politeknik Dua Node" in tamu.get(b + "/pos/gambir/")[1]

    # An upload made through A is served through B (shared private media folder).
    status, _b, headers = orang.post(
        a + "/kelola/gambir/arsip/tambah/",
        {"judul": "SK Dua Node", "kategori": "sk", "nomor": "1/2025", "tanggal": "2025-02-01", "keterangan": ""},
        files={"berkas_baru": ("sk.pdf", VALID_PDF, "application/pdf")},
    )
    assert (status, headers["Location"]) == (302, "/kelola/gambir/arsip/")
    dokumen = pos_a.dokumen_set.get(judul="SK Dua Node")
    status, body, headers = orang.get(f"{b}/kelola/gambir/arsip/{dokumen.pk}/unduh/")
    assert (status, body, headers["Content-Type"]) == (200, VALID_PDF, "application/pdf")

    # A task queued on A runs once, on the shared worker: the password-reset e-mail arrives once.
    status, _b, _h = Peramban().post(a + "/akun/password/reset/", {"email": operator.email})
    assert status == 302
    batas = time.monotonic() + 60
    while not smtp.pesan and time.monotonic() < batas:
        time.sleep(0.5)
    time.sleep(3)  # room for a duplicate to show up, if there were one
    assert [m["To"] for m in smtp.pesan] == [operator.email]
    assert list(Surel.objects.values_list("status", "percobaan")) == [("terkirim", 1)]

    # A rate limit counts across both nodes: 5 failed logins (3 on A, 2 on B) lock the account,
    # on either node, even with the right password.
    penyerang = Peramban()
    for node in (a, b, a, b, a):
        status, body, _h = penyerang.post(
            node + "/akun/login/", {"login": operator.email, "password": "salah-sekali-123"}
        )
        assert status == 200 and b"Terlalu banyak" not in body
    status, body, _h = penyerang.post(b + "/akun/login/", {"login": operator.email, "password": TEST_PASSWORD})
    assert status == 200 and b"Terlalu banyak percobaan masuk yang gagal" in body
