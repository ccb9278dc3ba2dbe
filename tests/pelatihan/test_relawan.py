"""Relawan TIK: enrolment (creating or linking an account), activation, the admin's pipeline and
flags, assignment, the volunteer's activity log, operators' confirmation, and reports."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from pelatihan import services
from pelatihan.models import AktivitasRelawan, KeahlianRelawan, PenugasanRelawan, Relawan
from pelatihan.models.relawan import tambah_bulan
from posyantek.models import User
from tests.factories import UserFactory
from tests.pelatihan.factories import AktivitasFactory, JadwalFactory, RelawanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def body(response) -> str:
    return response.getvalue().decode()


def lamaran(**over) -> dict:
    data = {
        "nama": "Ani Pelamar",
        "email": "ani@contoh.test",
        "telepon": "0812-3456-7890",
        "domisili": "gambir",
        "pendidikan": "sarjana",
        "pekerjaan": "Mahasiswa",
        "ketersediaan": ["akhir_pekan"],
        "motivasi": "Saya ingin membantu UKM di kampung saya berjualan daring.",
        "setuju_kode_etik": "on",
        "keahlian_media_sosial": "mahir",
        "keahlian_jaringan": "dasar",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


# ---- Enrolment ----------------------------------------------------------------------------------


def test_anonymous_application_creates_account_and_activation_link_verifies_it(
    client, wilayah, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/relawan/daftar/", lamaran())
    assert response.status_code == 302 and response["Location"] == "/relawan/daftar/terkirim/"
    user = User.objects.get(email="ani@contoh.test")
    assert (user.nama, user.telepon, user.has_usable_password()) == ("Ani Pelamar", "081234567890", False)
    assert not EmailAddress.objects.get(user=user).verified
    relawan = user.relawan
    assert (relawan.status, relawan.domisili.slug, relawan.ketersediaan) == ("diajukan", "gambir", ["akhir_pekan"])
    assert dict(relawan.keahlian.values_list("bidang", "tingkat")) == {"media_sosial": "mahir", "jaringan": "dasar"}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ani@contoh.test"]
    link = re.search(r"http://\S+/relawan/aktivasi/\S+/", mailoutbox[0].body).group(0)
    path = link.split("8000", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(
        path, {"new_password1": "Kata-Sandi-Relawan-2026", "new_password2": "Kata-Sandi-Relawan-2026"}
    )
    assert response.status_code == 302 and response["Location"] == "/relawan/saya/"
    user.refresh_from_db()
    assert user.check_password("Kata-Sandi-Relawan-2026")
    assert EmailAddress.objects.get(user=user).verified
    assert "Sedang ditinjau" in body(client.get("/relawan/saya/")) or "Diajukan" in body(client.get("/relawan/saya/"))
    client.logout()
    assert client.get(path).status_code == 400  # single use


def test_activation_with_bad_token_is_refused(client, wilayah):
    user = UserFactory()
    response = client.get("/relawan/aktivasi/MQ/bukan-token/")
    assert response.status_code == 400 and "Tautan tidak berlaku" in body(response)
    response = client.post("/relawan/aktivasi/%21%21/x/", {"new_password1": "a", "new_password2": "a"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.has_usable_password()


def test_anonymous_application_with_existing_email_writes_nothing_and_looks_the_same(
    client, pemilik_ukm, mailoutbox, django_capture_on_commit_callbacks
):
    users_before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post("/relawan/daftar/", lamaran(email="UKM1@posyantek.test"))
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post("/relawan/daftar/", lamaran(email="baru@contoh.test"))
    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"] == "/relawan/daftar/terkirim/"
    assert not Relawan.objects.filter(user=pemilik_ukm).exists()
    assert User.objects.count() == users_before + 1
    to_owner = [m for m in mailoutbox if m.to == ["ukm1@posyantek.test"]][0]
    assert "masuk" in to_owner.body.lower() and "/akun/login/?next=/relawan/daftar/" in to_owner.body
    pemilik_ukm.refresh_from_db()
    assert pemilik_ukm.nama == "Siti Pemilik"


def test_logged_in_application_links_own_account(
    client_as, pemilik_ukm, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_as(pemilik_ukm)
    form = body(client.get("/relawan/daftar/"))
    assert 'name="email"' not in form and "ukm1@posyantek.test" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/relawan/daftar/", lamaran(email="orang.lain@contoh.test"))
    assert response["Location"] == "/relawan/saya/"
    assert pemilik_ukm.relawan.status == "diajukan"
    assert not User.objects.filter(email="orang.lain@contoh.test").exists()
    assert [m.to for m in mailoutbox] == [["ukm1@posyantek.test"]]


def test_operator_can_enrol_on_own_account(client_as, operator_a):
    client_as(operator_a).post("/relawan/daftar/", lamaran())
    assert Relawan.objects.get().user == operator_a


def test_pending_applicant_is_sent_to_status_page_and_rejected_may_reapply(client_as, pemilik_ukm, admin_provinsi):
    client = client_as(pemilik_ukm)
    client.post("/relawan/daftar/", lamaran())
    assert client.get("/relawan/daftar/")["Location"] == "/relawan/saya/"
    assert (
        client.post("/relawan/daftar/", lamaran(motivasi="Lamaran kedua yang tidak boleh masuk sekarang."))["Location"]
        == "/relawan/saya/"
    )
    relawan = pemilik_ukm.relawan
    services.relawan_tolak(relawan=relawan, oleh=admin_provinsi, alasan="Belum ada pos yang membutuhkan keahlian ini.")
    assert "Belum ada pos yang membutuhkan" in body(client.get("/relawan/saya/"))
    assert client.get("/relawan/daftar/").status_code == 200
    client.post("/relawan/daftar/", lamaran(motivasi="Saya mengajukan lagi dengan keahlian baru di bidang desain."))
    relawan.refresh_from_db()
    assert (relawan.status, relawan.alasan_penolakan, relawan.diputuskan_at) == ("diajukan", "", None)
    assert Relawan.objects.count() == 1


@pytest.mark.parametrize(
    "over,message",
    [
        ({"nama": ""}, "tidak boleh kosong"),
        ({"nama": "x" * 151}, "paling banyak 150"),
        ({"email": "bukan email"}, "alamat email yang valid"),
        ({"email": None}, "tidak boleh kosong"),
        ({"telepon": "halo"}, "Nomor telepon"),
        ({"telepon": "+1"}, "Nomor telepon tidak valid"),
        ({"domisili": "atlantis"}, "pilihan yang valid"),
        ({"domisili": None}, "tidak boleh kosong"),
        ({"pendidikan": "profesor"}, "pilihan yang valid"),
        ({"pekerjaan": "   "}, "tidak boleh kosong"),
        ({"ketersediaan": None}, "setidaknya satu waktu luang"),
        ({"ketersediaan": ["tengah_malam"]}, "pilihan yang valid"),
        ({"motivasi": "pendek"}, "paling sedikit 20"),
        ({"motivasi": "x" * 2001}, "paling banyak 2000"),
        ({"setuju_kode_etik": None}, "menyetujui kode etik"),
        ({"keahlian_media_sosial": None, "keahlian_jaringan": None}, "setidaknya satu keahlian"),
        ({"keahlian_jaringan": "dewa"}, "pilihan yang valid"),
        ({"situs": "http://spam.example"}, "tidak dapat diproses"),
    ],
)
def test_application_hostile_input_refused_and_nothing_written(client, wilayah, over, message):
    users = User.objects.count()
    response = client.post("/relawan/daftar/", lamaran(**over))
    assert response.status_code == 200
    assert message in body(response)
    assert User.objects.count() == users and Relawan.objects.count() == 0 and KeahlianRelawan.objects.count() == 0


def test_application_with_script_in_name_is_stored_as_text_and_escaped(client_as, pemilik_ukm, admin_provinsi):
    client_as(pemilik_ukm).post("/relawan/daftar/", lamaran(nama="<script>alert(1)</script>", pekerjaan="<b>Guru</b>"))
    html = body(client_as(admin_provinsi).get(f"/kelola/relawan/{pemilik_ukm.relawan.pk}/"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;Guru&lt;/b&gt;" in html


def test_anonymous_applications_are_rate_limited(client, wilayah):
    for i in range(10):
        client.post("/relawan/daftar/", lamaran(email=f"spam{i}@contoh.test"))
    response = client.post("/relawan/daftar/", lamaran(email="spam99@contoh.test"))
    assert response.status_code == 429 and "Terlalu banyak" in body(response)
    assert not User.objects.filter(email="spam99@contoh.test").exists()


def test_application_limit_counts_per_client_behind_the_proxy(wilayah, settings):
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    busy = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for i in range(10):
        busy.post("/relawan/daftar/", lamaran(email=f"spam{i}@contoh.test"))
    assert busy.post("/relawan/daftar/", lamaran(email="spam99@contoh.test")).status_code == 429
    # A forged header in front of what nginx appended does not make the same client someone new.
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.2.3, 203.0.113.66")
    assert forged.post("/relawan/daftar/", lamaran(email="spam100@contoh.test")).status_code == 429
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    response = other.post("/relawan/daftar/", lamaran(email="ani@contoh.test"))
    assert response.status_code == 302 and response["Location"] == "/relawan/daftar/terkirim/"
    assert User.objects.filter(email="ani@contoh.test").exists()
    assert not User.objects.filter(email__in=["spam99@contoh.test", "spam100@contoh.test"]).exists()


# ---- Admin provinsi ----------------------------------------------------------------------------


def test_tambah_bulan_clamps_to_month_end():
    assert tambah_bulan(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert tambah_bulan(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert tambah_bulan(date(2026, 5, 15), -3) == date(2026, 2, 15)


def make_pelamar(days_ago: int, email: str, **kw):
    return RelawanFactory(
        user=UserFactory(email=email),
        status="diajukan",
        diputuskan_at=None,
        diajukan_at=timezone.now() - timedelta(days=days_ago),
        **kw,
    )


def test_admin_list_flags_three_months_and_lapsed_candidacy(client_as, admin_provinsi, wilayah):
    baru = make_pelamar(10, "baru@contoh.test")
    lama = make_pelamar(100, "lama@contoh.test")
    habis = make_pelamar(200, "habis@contoh.test")
    assert (baru.perlu_banding, lama.perlu_banding, lama.kedaluwarsa, habis.kedaluwarsa) == (False, True, False, True)
    client = client_as(admin_provinsi)
    html = body(client.get("/kelola/relawan/"))
    assert (
        html.count('badge-accent">lewat 3 bulan tanpa keputusan') == 1
        and html.count('badge-danger">masa calon habis (6 bulan)') == 1
    )
    flagged = body(client.get("/kelola/relawan/?perhatian=on"))
    assert "lama@contoh.test" in flagged and "habis@contoh.test" in flagged and "baru@contoh.test" not in flagged
    assert "baru@contoh.test" not in body(client.get("/kelola/relawan/?status=diterima"))


def test_admin_list_constant_queries(client_as, admin_provinsi, pos_a, assert_constant_queries):
    n = iter(range(10))

    def add(k):
        for _ in range(k):
            RelawanFactory(user=UserFactory(email=f"r{next(n)}@contoh.test"), pos=[pos_a])

    response = assert_constant_queries(client_as(admin_provinsi), "/kelola/relawan/", add)
    assert body(response).count("/kelola/relawan/") >= 3


def test_admin_reviews_accepts_and_assigns(
    client_as, admin_provinsi, pos_a, pos_b, mailoutbox, django_capture_on_commit_callbacks
):
    pelamar = make_pelamar(5, "pelamar@contoh.test")
    client = client_as(admin_provinsi)
    client.post(f"/kelola/relawan/{pelamar.pk}/tinjau/")
    pelamar.refresh_from_db()
    assert pelamar.status == "ditinjau" and pelamar.ditinjau_at
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/kelola/relawan/{pelamar.pk}/terima/",
            {"jenis_keanggotaan": "kehormatan", "komisariat": "Komisariat UI", "pos": ["gambir", "tambora"]},
            follow=True,
        )
    assert "diterima sebagai Relawan TIK" in body(response)
    pelamar.refresh_from_db()
    assert (pelamar.status, pelamar.jenis_keanggotaan, pelamar.komisariat, pelamar.diputuskan_oleh) == (
        "diterima",
        "kehormatan",
        "Komisariat UI",
        admin_provinsi,
    )
    assert set(pelamar.pos.values_list("slug", flat=True)) == {"gambir", "tambora"}
    assert "Selamat" in mailoutbox[-1].subject and "Posyantek Kecamatan Gambir" in mailoutbox[-1].body
    client.post(
        f"/kelola/relawan/{pelamar.pk}/penugasan/", {"jenis_keanggotaan": "biasa", "komisariat": "", "pos": ["tambora"]}
    )
    assert list(pelamar.pos.values_list("slug", flat=True)) == ["tambora"]


def test_accept_refused_after_six_months_or_unverified_email(admin_provinsi, pos_a):
    habis = make_pelamar(190, "habis@contoh.test")
    with pytest.raises(ValidationError, match="6 bulan"):
        services.relawan_terima(
            relawan=habis, oleh=admin_provinsi, jenis_keanggotaan="biasa", komisariat="", pos_list=[pos_a]
        )
    unverified = make_pelamar(5, "belum@contoh.test")
    EmailAddress.objects.filter(user=unverified.user).update(verified=False)
    with pytest.raises(ValidationError, match="belum mengonfirmasi"):
        services.relawan_terima(
            relawan=unverified, oleh=admin_provinsi, jenis_keanggotaan="biasa", komisariat="", pos_list=[pos_a]
        )
    with pytest.raises(ValidationError, match="setidaknya satu pos"):
        services.relawan_terima(
            relawan=make_pelamar(5, "tanpa.pos@contoh.test"),
            oleh=admin_provinsi,
            jenis_keanggotaan="biasa",
            komisariat="",
            pos_list=[],
        )
    assert Relawan.objects.filter(status="diterima").count() == 0 and PenugasanRelawan.objects.count() == 0


@pytest.mark.parametrize(
    "data,message",
    [
        ({"jenis_keanggotaan": "raja", "pos": ["gambir"]}, "pilihan yang valid"),
        ({"jenis_keanggotaan": "biasa", "pos": []}, "setidaknya satu pos"),
        ({"jenis_keanggotaan": "biasa", "pos": ["tidak-ada"]}, "pilihan yang valid"),
        ({"jenis_keanggotaan": "biasa", "pos": ["gambir"], "komisariat": "x" * 151}, "paling banyak 150"),
    ],
)
def test_accept_form_hostile_input(client_as, admin_provinsi, wilayah, data, message):
    pelamar = make_pelamar(5, "p@contoh.test")
    response = client_as(admin_provinsi).post(f"/kelola/relawan/{pelamar.pk}/terima/", data, follow=True)
    assert message in body(response)
    pelamar.refresh_from_db()
    assert pelamar.status == "diajukan"


def test_reject_needs_a_reason_and_tells_applicant(
    client_as, admin_provinsi, wilayah, mailoutbox, django_capture_on_commit_callbacks
):
    pelamar = make_pelamar(5, "ditolak@contoh.test")
    client = client_as(admin_provinsi)
    response = client.post(f"/kelola/relawan/{pelamar.pk}/tolak/", {"alasan": "tidak"}, follow=True)
    assert "paling sedikit 10" in body(response)
    pelamar.refresh_from_db()
    assert pelamar.status == "diajukan"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/relawan/{pelamar.pk}/tolak/", {"alasan": "Kuota kecamatan ini sudah penuh tahun ini."})
    pelamar.refresh_from_db()
    assert pelamar.status == "ditolak"
    assert "Kuota kecamatan ini sudah penuh" in mailoutbox[-1].body
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.relawan_terima(
            relawan=pelamar, oleh=admin_provinsi, jenis_keanggotaan="biasa", komisariat="", pos_list=[]
        )


def test_relawan_page_shows_assignments_schedule_and_hours(client_as, relawan_a, pos_a, operator_a):
    jadwal = JadwalFactory(pos=pos_a, judul="Kelas yang Saya Ajar")
    jadwal.pelatih.add(relawan_a.user)
    confirmed = AktivitasFactory(relawan=relawan_a, pos=pos_a, jam=Decimal("2.5"))
    services.aktivitas_konfirmasi(aktivitas=confirmed, oleh=operator_a)
    AktivitasFactory(relawan=relawan_a, pos=pos_a, jam=1)
    html = body(client_as(relawan_a.user).get("/relawan/saya/"))
    assert "Posyantek Kecamatan Gambir" in html and "Kelas yang Saya Ajar" in html
    assert re.search(r"Jam tahun ini</h2><p class=\"angka\">2,5<", html)
    assert re.search(r"Menunggu konfirmasi</h2><p class=\"angka\">1<", html)


def test_relawan_page_constant_queries(client_as, relawan_a, pos_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            AktivitasFactory(relawan=relawan_a, pos=pos_a, jam=1, jadwal=JadwalFactory(pos=pos_a))

    response = assert_constant_queries(client_as(relawan_a.user), "/relawan/saya/", add)
    assert body(response).count("/ubah/") == 3


# ---- Activity ----------------------------------------------------------------------------------


def aktivitas_data(pos, **over):
    data = {
        "pos": pos.pk,
        "tanggal": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "jam": "2.5",
        "jenis": "pendampingan_ukm",
        "jadwal": "",
        "ukm_nama": "Warung Bu Tini",
        "catatan": "Membuat akun toko daring.",
    }
    data.update(over)
    return data


def test_relawan_logs_activity_and_edits_while_pending(client_as, relawan_a, pos_a):
    client = client_as(relawan_a.user)
    assert client.post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a)).status_code == 302
    a = AktivitasRelawan.objects.get()
    assert (a.pos, a.jam, a.jenis, a.ukm_nama, a.status) == (
        pos_a,
        Decimal("2.5"),
        "pendampingan_ukm",
        "Warung Bu Tini",
        "diajukan",
    )
    client.post(f"/relawan/saya/aktivitas/{a.pk}/ubah/", aktivitas_data(pos_a, jam="3"))
    a.refresh_from_db()
    assert a.jam == 3
    client.post(f"/relawan/saya/aktivitas/{a.pk}/hapus/")
    assert AktivitasRelawan.objects.count() == 0


@pytest.mark.parametrize(
    "over,message",
    [
        ({"jam": "0"}, "Nilai harus antara 0,25 dan 24."),
        ({"jam": "-2"}, "Nilai harus antara 0,25 dan 24."),
        ({"jam": "25"}, "Nilai harus antara 0,25 dan 24."),
        ({"jam": "dua"}, "Masukkan angka, misalnya 87,5."),
        ({"tanggal": "2099-01-01"}, "masa depan"),
        ({"tanggal": "2020-01-01"}, "lebih dari setahun"),
        ({"tanggal": "31-31-2026"}, "tanggal yang valid"),
        ({"jenis": "tidur"}, "pilihan yang valid"),
        ({"ukm_nama": "x" * 151}, "paling banyak 150"),
        ({"catatan": "x" * 1001}, "paling banyak 1000"),
    ],
)
def test_activity_hostile_input_refused(client_as, relawan_a, pos_a, over, message):
    response = client_as(relawan_a.user).post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a, **over))
    assert response.status_code == 200
    assert message in body(response)
    assert AktivitasRelawan.objects.count() == 0


def test_activity_for_unassigned_post_or_other_posts_session_refused(client_as, relawan_a, pos_b, pos_a):
    client = client_as(relawan_a.user)
    assert "pilihan yang valid" in body(client.post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_b)))
    sesi_b = JadwalFactory(
        pos=pos_b,
        mulai=timezone.now() - timedelta(days=2),
        selesai=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    assert "pilihan yang valid" in body(
        client.post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a, jadwal=sesi_b.pk))
    )
    assert AktivitasRelawan.objects.count() == 0


def test_activity_more_than_24_hours_a_day_refused(relawan_a, pos_a):
    day = timezone.localdate() - timedelta(days=1)
    services.aktivitas_buat(
        relawan=relawan_a, data={"pos": pos_a, "tanggal": day, "jam": Decimal(20), "jenis": "lainnya"}
    )
    with pytest.raises(ValidationError, match="24 jam"):
        services.aktivitas_buat(
            relawan=relawan_a, data={"pos": pos_a, "tanggal": day, "jam": Decimal(5), "jenis": "lainnya"}
        )
    assert AktivitasRelawan.objects.count() == 1


def test_non_relawan_cannot_log_and_others_activity_is_404(client_as, relawan_a, relawan_b, pos_a, pemilik_ukm):
    assert client_as(pemilik_ukm).get("/relawan/saya/aktivitas/baru/").status_code == 403
    with pytest.raises(ValidationError, match="sudah diterima"):
        services.aktivitas_buat(
            relawan=RelawanFactory(status="diajukan", diputuskan_at=None),
            data={"pos": pos_a, "tanggal": timezone.localdate(), "jam": 1, "jenis": "lainnya"},
        )
    mine = AktivitasFactory(relawan=relawan_a, pos=pos_a)
    client = client_as(relawan_b.user)
    assert client.get(f"/relawan/saya/aktivitas/{mine.pk}/ubah/").status_code == 404
    assert client.post(f"/relawan/saya/aktivitas/{mine.pk}/hapus/").status_code == 404
    assert AktivitasRelawan.objects.filter(pk=mine.pk).exists()


def test_confirmed_activity_cannot_be_changed_by_relawan(client_as, relawan_a, pos_a, operator_a):
    a = AktivitasFactory(relawan=relawan_a, pos=pos_a)
    services.aktivitas_konfirmasi(aktivitas=a, oleh=operator_a)
    client = client_as(relawan_a.user)
    assert client.get(f"/relawan/saya/aktivitas/{a.pk}/ubah/").status_code == 404
    client.post(f"/relawan/saya/aktivitas/{a.pk}/hapus/")
    a.refresh_from_db()
    assert a.status == "dikonfirmasi"


def test_operator_confirms_and_rejects_activity(client_as, operator_a, relawan_a, pos_a):
    a1 = AktivitasFactory(relawan=relawan_a, pos=pos_a, jam=3)
    a2 = AktivitasFactory(relawan=relawan_a, pos=pos_a, jam=1)
    client = client_as(operator_a)
    html = body(client.get("/kelola/gambir/relawan/aktivitas/?status=diajukan"))
    assert html.count("Konfirmasi</button>") == 2
    client.post(f"/kelola/gambir/relawan/aktivitas/{a1.pk}/konfirmasi/")
    response = client.post(f"/kelola/gambir/relawan/aktivitas/{a2.pk}/tolak/", {"alasan": ""}, follow=True)
    assert "Alasan" in body(response)
    client.post(f"/kelola/gambir/relawan/aktivitas/{a2.pk}/tolak/", {"alasan": "Tanggalnya keliru"})
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.status, a1.dikonfirmasi_oleh, a2.status, a2.alasan_penolakan) == (
        "dikonfirmasi",
        operator_a,
        "ditolak",
        "Tanggalnya keliru",
    )
    response = client.post(
        f"/kelola/gambir/relawan/aktivitas/{a1.pk}/tolak/", {"alasan": "Berubah pikiran"}, follow=True
    )
    assert "sudah diputuskan" in body(response)


def test_operator_b_cannot_see_or_confirm_post_a_volunteers(client_as, operator_b, relawan_a, relawan_b, pos_a, pos_b):
    a = AktivitasFactory(relawan=relawan_a, pos=pos_a, catatan="Catatan rahasia Gambir")
    AktivitasFactory(relawan=relawan_b, pos=pos_b, catatan="Catatan Tambora")
    client = client_as(operator_b)
    own = (
        body(client.get("/kelola/tambora/relawan/"))
        + body(client.get("/kelola/tambora/relawan/aktivitas/"))
        + body(client.get("/kelola/tambora/relawan/laporan/"))
    )
    assert "Budi Relawan" in own and "089999000111" in own and "Catatan Tambora" in own
    assert "Rina Relawan" not in own and relawan_a.telepon not in own and "Catatan rahasia Gambir" not in own
    for url in [
        "/kelola/gambir/relawan/",
        "/kelola/gambir/relawan/aktivitas/",
        "/kelola/gambir/relawan/laporan/",
        "/kelola/gambir/relawan/laporan.csv",
    ]:
        assert client.get(url).status_code == 404
    assert client.post(f"/kelola/tambora/relawan/aktivitas/{a.pk}/konfirmasi/").status_code == 404
    assert client.post(f"/kelola/gambir/relawan/aktivitas/{a.pk}/konfirmasi/").status_code == 404
    a.refresh_from_db()
    assert a.status == "diajukan"


def test_kelola_relawan_list_constant_queries(client_as, operator_a, pos_a, assert_constant_queries):
    n = iter(range(10))

    def add(k):
        for _ in range(k):
            r = RelawanFactory(user=UserFactory(email=f"rr{next(n)}@contoh.test"), pos=[pos_a])
            AktivitasFactory(relawan=r, pos=pos_a, jadwal=JadwalFactory(pos=pos_a))

    client = client_as(operator_a)
    response = assert_constant_queries(client, "/kelola/gambir/relawan/", add)
    assert body(response).count("mailto:") == 3


def test_kelola_aktivitas_list_constant_queries(client_as, operator_a, relawan_a, pos_a, assert_constant_queries):
    def add(k):
        for _ in range(k):
            AktivitasFactory(relawan=relawan_a, pos=pos_a, jadwal=JadwalFactory(pos=pos_a))

    response = assert_constant_queries(client_as(operator_a), "/kelola/gambir/relawan/aktivitas/", add)
    assert body(response).count("Konfirmasi</button>") == 3


# ---- Reports -----------------------------------------------------------------------------------


@pytest.fixture
def jam_tercatat(relawan_a, relawan_b, pos_a, pos_b, operator_a, operator_b):
    today = timezone.localdate()
    rows = [
        (relawan_a, pos_a, today - timedelta(days=3), Decimal("2"), "mengajar", True),
        (relawan_a, pos_a, today - timedelta(days=40), Decimal("1.5"), "pendampingan_ukm", True),
        (relawan_a, pos_a, today - timedelta(days=5), Decimal("4"), "mengajar", False),  # pending: not counted
        (relawan_b, pos_b, today - timedelta(days=3), Decimal("3"), "sosialisasi_sekolah", True),
    ]
    for relawan, pos, tanggal, jam, jenis, confirm in rows:
        a = AktivitasFactory(relawan=relawan, pos=pos, tanggal=tanggal, jam=jam, jenis=jenis)
        if confirm:
            services.aktivitas_konfirmasi(aktivitas=a, oleh=operator_a if pos == pos_a else operator_b)


def period(days=400):
    today = timezone.localdate()
    return f"?dari={(today - timedelta(days=days)).isoformat()}&sampai={today.isoformat()}"


def test_pos_report_counts_only_confirmed_hours_of_that_post(client_as, operator_a, jam_tercatat):
    client = client_as(operator_a)
    html = body(client.get("/kelola/gambir/relawan/laporan/" + period()))
    assert re.search(r"<td>Rina Relawan</td><td class=\"num\">3,5</td><td class=\"num\">2</td>", html)
    assert "Budi Relawan" not in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/kelola/gambir/relawan/laporan.csv" + period() + "&per=relawan")
                .getvalue()
                .decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows == [["Relawan", "Jam dikonfirmasi", "Kegiatan", "Jumlah pos"], ["Rina Relawan", "3.5", "2", "1"]]
    detail = (
        client.get("/kelola/gambir/relawan/laporan.csv" + period() + "&per=aktivitas").getvalue().decode("utf-8-sig")
    )
    assert "081234567890" not in detail and "@contoh.test" not in detail and len(detail.strip().splitlines()) == 3


def test_report_period_filters(client_as, operator_a, jam_tercatat):
    html = body(client_as(operator_a).get("/kelola/gambir/relawan/laporan/" + period(days=10)))
    assert re.search(r"<td>Rina Relawan</td><td class=\"num\">2</td>", html)


@pytest.mark.parametrize(
    "query",
    [
        "?dari=2026-12-31&sampai=2026-01-01",
        "?dari=bukan-tanggal",
        "?dari=1900-01-01&sampai=2026-01-01",
        "?per=<script>",
    ],
)
def test_report_hostile_period_falls_back(client_as, operator_a, jam_tercatat, query):
    client = client_as(operator_a)
    response = client.get("/kelola/gambir/relawan/laporan/" + query)
    assert response.status_code == 200
    assert client.get("/kelola/gambir/relawan/laporan.csv" + query).status_code == 200


def test_province_report_per_post_and_month(client_as, admin_provinsi, jam_tercatat):
    client = client_as(admin_provinsi)
    html = body(client.get("/kelola/relawan/laporan/" + period()))
    assert "Posyantek Kecamatan Gambir" in html and "Posyantek Kecamatan Tambora" in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/kelola/relawan/laporan.csv" + period() + "&per=pos").getvalue().decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0] == ["Pos", "Kota", "Jam dikonfirmasi", "Kegiatan", "Relawan"]
    assert sorted((r[0], r[2]) for r in rows[1:]) == [
        ("Posyantek Kecamatan Gambir", "3.5"),
        ("Posyantek Kecamatan Tambora", "3"),
    ]
    bulan = list(
        csv.reader(
            io.StringIO(
                client.get("/kelola/relawan/laporan.csv" + period() + "&per=bulan").getvalue().decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert sum(Decimal(r[1]) for r in bulan[1:]) == Decimal("6.5")


def test_report_constant_queries(client_as, admin_provinsi, pos_a, operator_a, assert_constant_queries):
    n = iter(range(10))

    def add(k):
        for _ in range(k):
            r = RelawanFactory(user=UserFactory(email=f"lap{next(n)}@contoh.test", nama=f"Lap {k}"), pos=[pos_a])
            services.aktivitas_konfirmasi(aktivitas=AktivitasFactory(relawan=r, pos=pos_a), oleh=operator_a)

    response = assert_constant_queries(client_as(admin_provinsi), "/kelola/relawan/laporan/" + period(), add)
    assert body(response).count("lap") >= 3


def test_overview_shows_training_and_volunteer_numbers(
    client_as, admin_provinsi, operator_a, jam_tercatat, pos_a, peserta
):
    mulai = timezone.now() - timedelta(days=2)
    sesi = JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))
    people = peserta(2)
    ids = {services.pendaftaran_buat(jadwal=sesi, oleh=u, waktu=mulai - timedelta(days=1)).pk for u in people}
    services.kehadiran_tetapkan(jadwal=sesi, oleh=operator_a, hadir_ids=ids, waktu=mulai)
    html = body(client_as(admin_provinsi).get("/kelola/ringkasan/"))
    assert "Orang terlatih" in html and "Jakarta Pusat" in html
    assert re.search(
        r"<th scope=\"row\">Jakarta Pusat</th><td class=\"num\">1</td><td class=\"num\">2</td><td "
        r"class=\"num\">3,5</td>",
        html,
    )
    pos_html = body(client_as(operator_a).get("/kelola/gambir/ringkasan/"))
    assert re.search(r"Jam relawan dikonfirmasi</h3><p class=\"angka\"><strong>3,5</strong></p>", pos_html)
