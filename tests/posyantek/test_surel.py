"""The outbox: every e-mail is a row written with the change, delivered after commit with retries,
in order, exactly once; undelivered mail is visible to the admin provinsi and can be resent."""

import asyncio
import email
import socket
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction

from posyantek import services
from posyantek.models import Surel
from posyantek.tasks import kirim_surel_tertunda
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kotak:
    """An aiosmtpd handler that keeps what arrives; ``tolak`` answers the next DATA commands with a
    temporary 451 (the server is up but busy), or a permanent 550 when ``permanen``."""

    def __init__(self):
        self.pesan: list[email.message.Message] = []
        self.tolak = 0
        self.permanen = False

    async def handle_DATA(self, server, session, envelope):
        if self.permanen:
            return "550 5.1.1 mailbox unavailable"
        if self.tolak:
            self.tolak -= 1
            return "451 4.3.0 try again later"
        self.pesan.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    @property
    def subjek(self) -> list[str]:
        return [str(m["Subject"]) for m in self.pesan]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port that is not running yet: connections are refused
    until the test calls ``smtp.start()``."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    kotak = Kotak()
    controller = Controller(kotak, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    kotak.start = controller.start
    yield kotak
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def tulis(subjek: str, ke: str = "warga@contoh.test") -> None:
    """A change that causes an e-mail, committed (the test's transaction never commits, so the
    commit's callbacks are run by hand, exactly as Django would run them)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        with transaction.atomic():
            UserFactory(email=f"{subjek.lower().replace(' ', '-')}@contoh.test")
            services.surel_antre(ke=[ke], subjek=subjek, isi=f"Isi {subjek}")


def test_outbox_smtp_outage_delivers_every_message_once_in_order(smtp):
    tulis("Pesan 1")
    tulis("Pesan 2")
    # A change that rolls back takes its e-mail with it.
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.surel_antre(ke=["warga@contoh.test"], subjek="Batal", isi="tidak pernah")
            raise RuntimeError("the change fails")
    tulis("Pesan 3")
    # The server refused every connection: all three wait, nothing is lost. Each later message's
    # task tried the first again before its own (so none overtakes it) and was held behind it.
    assert list(Surel.objects.values_list("subjek", "status", "percobaan")) == [
        ("Pesan 1", "menunggu", 3),
        ("Pesan 2", "menunggu", 1),
        ("Pesan 3", "menunggu", 1),
    ]
    assert [g.split(":")[0] for g in Surel.objects.values_list("galat", flat=True)] == [
        "ConnectionRefusedError",
        f"Tertahan di belakang surel #{Surel.objects.first().pk}",
        f"Tertahan di belakang surel #{Surel.objects.first().pk}",
    ]

    smtp.start()
    smtp.tolak = 1  # up, but busy for one more message: the queue stops there and keeps its order
    assert kirim_surel_tertunda.delay().get() == 0
    assert smtp.subjek == []
    tulis("Pesan 4")  # the task of a new message sends the older failed ones first
    assert kirim_surel_tertunda.delay().get() == 0  # nothing left: a second sweep sends nothing
    tulis("Pesan 5")

    assert smtp.subjek == ["Pesan 1", "Pesan 2", "Pesan 3", "Pesan 4", "Pesan 5"]
    assert set(Surel.objects.values_list("status", flat=True)) == {"terkirim"}
    assert Surel.objects.filter(subjek="Pesan 1").values_list("percobaan", flat=True).get() == 5
    assert Surel.objects.filter(subjek="Batal").exists() is False


def test_outbox_permanent_refusal_is_given_up_and_resent_by_admin(smtp, client_as, admin_provinsi):
    smtp.start()
    smtp.permanen = True
    tulis("Alamat salah")
    surel = Surel.objects.get()
    assert (surel.status, surel.percobaan) == ("gagal", 1)
    assert kirim_surel_tertunda.delay().get() == 0 and Surel.objects.get().percobaan == 1  # not retried

    client = client_as(admin_provinsi)
    body = client.get("/kelola/surel/").content.decode()
    assert "Alamat salah" in body and "550" in body and "warga@contoh.test" in body
    smtp.permanen = False
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/kelola/surel/{surel.pk}/kirim-ulang/")
    assert response["Location"] == "/kelola/surel/"
    assert smtp.subjek == ["Alamat salah"]
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan) == ("terkirim", 1)
    assert "Semua e-mail sudah terkirim" in client.get("/kelola/surel/").content.decode()


def test_outbox_keeps_ics_attachment(mailoutbox, django_capture_on_commit_callbacks):
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        services.surel_antre(
            ke=["a@contoh.test", ""],
            subjek="Sesi\nbaru",
            isi="Lihat lampiran.",
            lampiran=[("pelatihan.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")],
        )
    (mail,) = mailoutbox
    assert (mail.to, mail.subject, mail.body) == (["a@contoh.test"], "Sesi baru", "Lihat lampiran.")
    parts = [p for p in mail.message().walk() if p.get_filename() == "pelatihan.ics"]
    assert [(p.get_content_type(), p.get_param("method"), p.get_payload(decode=True)) for p in parts] == [
        ("text/calendar", "PUBLISH", ics)
    ]


def test_outbox_nothing_sent_for_rolled_back_change(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.surel_antre(ke=["a@contoh.test"], subjek="Tidak jadi", isi="x")
                raise RuntimeError
    assert (callbacks, mailoutbox, Surel.objects.count()) == ([], [], 0)


def test_outbox_without_address_writes_nothing(mailoutbox):
    assert services.surel_antre(ke=["", ""], subjek="Kosong", isi="x") is None
    assert Surel.objects.count() == 0


def test_outbox_sent_once_even_when_two_tasks_run(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        surel = services.surel_antre(ke=["a@contoh.test"], subjek="Sekali", isi="x")
    assert services.surel_kirim(surel_id=surel.pk) is False  # already sent: the row says so
    assert kirim_surel_tertunda.delay().get() == 0
    assert [m.subject for m in mailoutbox] == ["Sekali"]


def test_outbox_allauth_mail_goes_through_outbox(client, pemilik_ukm, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/akun/password/reset/", {"email": pemilik_ukm.email})
    assert [m.to for m in mailoutbox] == [[pemilik_ukm.email]]
    assert list(Surel.objects.values_list("penerima", "status")) == [([pemilik_ukm.email], "terkirim")]


# The admin provinsi's page ------------------------------------------------------------------------


def test_outbox_page_only_for_admin_provinsi(client, client_as, operator_a, pemilik_ukm):
    assert client.get("/kelola/surel/")["Location"].startswith("/akun/login/")
    assert client_as(operator_a).get("/kelola/surel/").status_code == 403
    surel = Surel.objects.create(penerima=["a@contoh.test"], subjek="Rahasia", isi="x", status="gagal")
    response = client_as(pemilik_ukm).post(f"/kelola/surel/{surel.pk}/kirim-ulang/")
    assert response.status_code == 403
    assert Surel.objects.get().status == "gagal"


def test_outbox_page_lists_undelivered_without_bodies(client_as, admin_provinsi):
    Surel.objects.create(
        penerima=["a@contoh.test"],
        subjek="Menunggu",
        isi="TAUTAN-RAHASIA",
        percobaan=2,
        galat="SMTPServerDisconnected: x",
    )
    Surel.objects.create(penerima=["b@contoh.test"], subjek="Sudah", isi="x", status="terkirim")
    body = client_as(admin_provinsi).get("/kelola/surel/").content.decode()
    assert ("Menunggu" in body, "2 kali dicoba" in body, "SMTPServerDisconnected" in body) == (True, True, True)
    assert ("Sudah" in body, "TAUTAN-RAHASIA" in body) == (False, False)


def test_outbox_resend_refuses_delivered_and_unknown(client_as, admin_provinsi, mailoutbox):
    surel = Surel.objects.create(penerima=["a@contoh.test"], subjek="Sudah", isi="x", status="terkirim")
    client = client_as(admin_provinsi)
    response = client.post(f"/kelola/surel/{surel.pk}/kirim-ulang/", follow=True)
    assert "sudah terkirim" in response.content.decode()
    assert client.post("/kelola/surel/99999999/kirim-ulang/").status_code == 404
    assert client.get(f"/kelola/surel/{surel.pk}/kirim-ulang/").status_code == 405
    assert (Surel.objects.get().status, mailoutbox) == ("terkirim", [])


@pytest.mark.parametrize("n", [1, 3])
def test_outbox_page_query_count_is_constant(client_as, admin_provinsi, django_assert_num_queries, n):
    for i in range(n):
        Surel.objects.create(penerima=[f"{i}@contoh.test"], subjek=f"S{i}", isi="x")
    client = client_as(admin_provinsi)
    client.get("/kelola/surel/")
    with django_assert_num_queries(4):
        client.get("/kelola/surel/")


# Monitoring ---------------------------------------------------------------------------------------


def test_antrean_command_prints_depth_and_oldest(db):
    out = StringIO()
    call_command("antrean", stdout=out)
    assert out.getvalue().splitlines() == [
        "surel_menunggu=0",
        "surel_gagal=0",
        "surel_tertua_id=-",
        "antrean_broker=eager",
    ]
    tua = Surel.objects.create(penerima=["a@contoh.test"], subjek="Tua", isi="x")
    Surel.objects.create(penerima=["a@contoh.test"], subjek="Muda", isi="x", status="gagal")
    Surel.objects.create(penerima=["a@contoh.test"], subjek="Terkirim", isi="x", status="terkirim")
    out = StringIO()
    call_command("antrean", stdout=out)
    lines = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    assert (lines["surel_menunggu"], lines["surel_gagal"], lines["surel_tertua_id"], lines["surel_tertua_status"]) == (
        "1",
        "1",
        str(tua.pk),
        "menunggu",
    )


def test_outbox_cleanup_deletes_only_old_delivered_messages(db):
    from datetime import timedelta

    from django.utils import timezone

    from posyantek.tasks import surel_bersihkan

    lama = timezone.now() - timedelta(days=31)
    Surel.objects.create(
        penerima=["a@contoh.test"], subjek="Lama terkirim", isi="x", status="terkirim", terkirim_pada=lama
    )
    Surel.objects.create(
        penerima=["a@contoh.test"], subjek="Baru terkirim", isi="x", status="terkirim", terkirim_pada=timezone.now()
    )
    Surel.objects.create(penerima=["a@contoh.test"], subjek="Lama gagal", isi="x", status="gagal", dicoba_pada=lama)
    assert surel_bersihkan.delay().get() == 1
    assert surel_bersihkan.delay().get() == 0
    assert sorted(Surel.objects.values_list("subjek", flat=True)) == ["Baru terkirim", "Lama gagal"]


def test_outbox_broker_down_at_commit_keeps_the_change_and_the_row(settings, mailoutbox):
    """A broker that does not answer when the change commits: the change stands, the e-mail waits
    in its row for the sweep (no error reaches the person who made the change)."""
    from django.test import TestCase

    from posyantek.celery import app

    old_url = app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url, app._pool = False, f"redis://127.0.0.1:{free_port()}/0", None
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.surel_antre(ke=["a@contoh.test"], subjek="Broker mati", isi="x")
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.task_always_eager, app.conf.broker_url, app._pool = True, old_url, None
    assert (list(Surel.objects.values_list("subjek", "status")), mailoutbox) == ([("Broker mati", "menunggu")], [])
    kirim_surel_tertunda.delay()
    assert [m.subject for m in mailoutbox] == ["Broker mati"]
