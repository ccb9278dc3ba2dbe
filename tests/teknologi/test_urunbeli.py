"""Urun beli: pledges, all-or-nothing, lifecycle, e-mails, expiry on read and by cron, export, scoping."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from teknologi import services
from teknologi.models import JanjiUrunBeli, KampanyeUrunBeli, StatusJanji, StatusKampanye
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def kampanye(pos_a):
    return f.kampanye(f.teknologi("Mesin Pencacah Plastik"), pos_a, target=5, maksimum=7)


def lewatkan_batas(k):
    KampanyeUrunBeli.objects.filter(pk=k.pk).update(batas_waktu=timezone.now() - timedelta(minutes=1))


def test_owner_pledges_and_the_bar_moves(client_as, kampanye, pemilik_ukm):
    client = client_as(pemilik_ukm)
    body = client.get(kampanye.get_absolute_url()).getvalue().decode()
    assert 'value="0"' in body and "0 dari 5 unit" in body
    response = client.post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "2", "nama_usaha": "Bank Sampah Melati"})
    assert response["Location"] == kampanye.get_absolute_url() + "#kemajuan"
    body = client.get(kampanye.get_absolute_url()).getvalue().decode()
    assert '<progress class="ttg-progress" max="5" value="2"' in body
    assert (
        "2 dari 5 unit" in body and "(40%)" in body and "1 UKM ikut" in body and "Anda berjanji membeli 2 unit" in body
    )
    # Changing one's pledge replaces it; it never counts twice.
    client.post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "3"})
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 3
    assert JanjiUrunBeli.objects.filter(status=StatusJanji.AKTIF).count() == 1
    assert "Urun beli saya" in client.get("/akun/saya/").getvalue().decode()


def test_reaching_the_target_marks_tercapai_and_mails_every_pledger(
    kampanye, mailoutbox, django_capture_on_commit_callbacks
):
    a, b = f.pemilik(1), f.pemilik(2)
    with django_capture_on_commit_callbacks(execute=True):
        services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=2)
        services.janji_simpan(kampanye=kampanye, oleh=b, jumlah=2)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=3)
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.jumlah_terjanji) == (StatusKampanye.TERCAPAI, 5)
    assert sorted(m.to[0] for m in mailoutbox) == [a.email, b.email]
    mail = next(m for m in mailoutbox if m.to == [a.email])
    assert mail.subject == "[Posyantek] Urun beli tercapai: Urun beli Mesin Pencacah Plastik"
    assert "3 unit, total Rp7.500.000" in mail.body and kampanye.get_absolute_url() in mail.body
    # Still open for more pledges up to the maximum: only the new pledger is told, the others are
    # not told a second time.
    with django_capture_on_commit_callbacks(execute=True):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(3), jumlah=2)
    assert sorted(m.to[0] for m in mailoutbox) == [a.email, b.email, "pemilik3@contoh.test"]


def test_pledge_above_the_maximum_is_refused_and_writes_nothing(kampanye):
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=6)
    with pytest.raises(ValidationError, match="Sisa kuota hanya 1 unit"):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(2), jumlah=2)
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(2), jumlah=1)
    with pytest.raises(ValidationError, match="Kuota kampanye sudah penuh"):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(3), jumlah=1)
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 7 and JanjiUrunBeli.objects.count() == 2


def test_database_refuses_a_total_above_the_maximum(kampanye):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        KampanyeUrunBeli.objects.filter(pk=kampanye.pk).update(jumlah_terjanji=8)


def test_withdraw_before_deadline(client_as, kampanye, pemilik_ukm):
    services.janji_simpan(kampanye=kampanye, oleh=pemilik_ukm, jumlah=2)
    client = client_as(pemilik_ukm)
    response = client.post(f"/urun-beli/{kampanye.pk}/tarik/", follow=True)
    assert "Janji Anda sudah ditarik." in response.getvalue().decode()
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 0
    assert JanjiUrunBeli.objects.get().status == StatusJanji.DITARIK
    # Pledging again after withdrawing is a new active pledge.
    client.post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "1"})
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 1 and JanjiUrunBeli.objects.count() == 2


def test_withdraw_that_would_drop_below_a_reached_target_is_refused(kampanye):
    a, b = f.pemilik(1), f.pemilik(2)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=4)
    services.janji_simpan(kampanye=kampanye, oleh=b, jumlah=2)
    with pytest.raises(ValidationError, match="Target sudah tercapai"):
        services.janji_tarik(kampanye=kampanye, oleh=a)
    with pytest.raises(ValidationError, match="tidak dapat dikurangi"):
        services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=1)
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.jumlah_terjanji) == (StatusKampanye.TERCAPAI, 6)
    with pytest.raises(ValidationError):  # 6 - 2 = 4, below the target of 5
        services.janji_tarik(kampanye=kampanye, oleh=b)
    # A withdrawal that keeps the total at or above the target is allowed.
    c = f.pemilik(3)
    services.janji_simpan(kampanye=kampanye, oleh=c, jumlah=1)
    services.janji_tarik(kampanye=kampanye, oleh=c)
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.jumlah_terjanji) == (StatusKampanye.TERCAPAI, 6)


def test_deadline_below_target_shows_cancelled_on_read_but_only_the_job_closes_and_mails(
    client, kampanye, mailoutbox, django_capture_on_commit_callbacks
):
    a = f.pemilik(1)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=2)
    lewatkan_batas(kampanye)
    with django_capture_on_commit_callbacks(execute=True):
        body = client.get("/urun-beli/").getvalue().decode()
        detail = client.get(kampanye.get_absolute_url()).getvalue().decode()
        terbuka = client.get("/urun-beli/?status=terbuka").getvalue().decode()
    kampanye.refresh_from_db()
    # Reading wrote nothing and sent nothing, but already shows the campaign as cancelled.
    assert (kampanye.status, mailoutbox) == (StatusKampanye.TERBUKA, [])
    assert "Batal" in body and "Kampanye batal: target tidak tercapai." in detail
    assert kampanye.judul not in terbuka
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tutup_urun_beli")
        call_command("tutup_urun_beli")
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.BATAL
    assert [m.to for m in mailoutbox] == [[a.email]]  # cancelled once, mailed once
    assert "batal" in mailoutbox[0].subject and "tidak ada yang perlu dibayar" in mailoutbox[0].body


def test_pledge_after_deadline_is_refused_cleanly(kampanye, mailoutbox, django_capture_on_commit_callbacks):
    lewatkan_batas(kampanye)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="Batas waktu"):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=1)
    assert not JanjiUrunBeli.objects.exists()
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.status_changed_at, mailoutbox) == (StatusKampanye.TERBUKA, None, [])


def test_withdrawal_after_deadline_is_refused_cleanly(kampanye, mailoutbox, django_capture_on_commit_callbacks):
    a = f.pemilik(1)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=2)
    lewatkan_batas(kampanye)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="Batas waktu"):
        services.janji_tarik(kampanye=kampanye, oleh=a)
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.jumlah_terjanji, mailoutbox) == (StatusKampanye.TERBUKA, 2, [])
    assert JanjiUrunBeli.objects.get(pengguna=a).status == "aktif"


def test_cron_command_closes_expired_campaigns(kampanye, pos_a, mailoutbox, capsys):
    other = f.kampanye(f.teknologi("Pompa Hidram"), pos_a, target=2)
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=1)
    lewatkan_batas(kampanye)
    call_command("tutup_urun_beli")
    assert "1 kampanye ditutup" in capsys.readouterr().out
    kampanye.refresh_from_db()
    other.refresh_from_db()
    assert (kampanye.status, other.status) == (StatusKampanye.BATAL, StatusKampanye.TERBUKA)


def test_reached_campaign_is_not_cancelled_at_deadline(kampanye):
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=5)
    lewatkan_batas(kampanye)
    assert services.kampanye_lewat_tutup() == 0
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.TERCAPAI


def test_lifecycle_by_the_organiser(client_as, operator_a, kampanye):
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=5)
    client = client_as(operator_a)
    url = f"/kelola/gambir/urun-beli/{kampanye.pk}/status/"
    response = client.post(url, {"status": "diterima"}, follow=True)
    assert "tidak dapat diubah" in response.getvalue().decode()
    client.post(url, {"status": "dipesan"})
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.DIPESAN
    with pytest.raises(ValidationError):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(2), jumlah=1)
    with pytest.raises(ValidationError):
        services.janji_tarik(kampanye=kampanye, oleh=f.pemilik(1))
    client.post(url, {"status": "diterima"})
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.DITERIMA
    assert client.post(url, {"status": "batal"}).status_code == 302
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.DITERIMA


def test_organiser_cancels_an_open_campaign_and_pledgers_are_told(
    client_as, operator_a, kampanye, mailoutbox, django_capture_on_commit_callbacks
):
    a = f.pemilik(1)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(operator_a).post(f"/kelola/gambir/urun-beli/{kampanye.pk}/status/", {"status": "batal"})
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.BATAL and [m.to for m in mailoutbox] == [[a.email]]


def test_only_owners_pledge(client_as, operator_a, kampanye, client):
    response = client_as(operator_a).post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "1"})
    assert response.status_code == 403 and "Hanya pemilik UKM" in response.getvalue().decode()
    client.logout()
    response = client.post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")
    assert not JanjiUrunBeli.objects.exists()


@pytest.mark.parametrize(
    "jumlah,message",
    [
        ("0", "Nilai harus antara 1 dan 1.000."),
        ("-3", "Nilai harus antara 1 dan 1.000."),
        ("abc", "Masukkan angka, misalnya 12."),
        ("", "tidak boleh kosong"),
        ("1001", "Nilai harus antara 1 dan 1.000."),
        ("8", "Sisa kuota hanya 7 unit"),
    ],
)
def test_pledge_form_refuses_hostile_input_and_writes_nothing(client_as, pemilik_ukm, kampanye, jumlah, message):
    response = client_as(pemilik_ukm).post(
        f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": jumlah, "nama_usaha": "x" * 10}
    )
    assert response.status_code == 200
    assert message in response.getvalue().decode()
    assert not JanjiUrunBeli.objects.exists()
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 0


def test_campaign_of_an_unpublished_technology_is_not_public(client, pos_a):
    t = f.teknologi()
    k = f.kampanye(t, pos_a)
    type(t).objects.filter(pk=t.pk).update(status="draft")
    assert client.get(k.get_absolute_url()).status_code == 404
    assert k.judul not in client.get("/urun-beli/").getvalue().decode()


def test_public_page_never_shows_who_pledged(client, kampanye):
    a = f.pemilik(1)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=1, nama_usaha="Usaha Rahasia")
    body = client.get(kampanye.get_absolute_url()).getvalue().decode()
    assert a.email not in body and "Usaha Rahasia" not in body and a.nama not in body


def test_organiser_sees_and_exports_pledges_without_phone(client_as, operator_a, kampanye):
    a = f.pemilik(1)
    a.telepon = "081234567890"
    a.save()
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=2, nama_usaha='=HYPERLINK("x")')
    client = client_as(operator_a)
    assert a.email in client.get(f"/kelola/gambir/urun-beli/{kampanye.pk}/").getvalue().decode()
    response = client.get(f"/kelola/gambir/urun-beli/{kampanye.pk}/janji.csv")
    assert response["Content-Disposition"] == f'attachment; filename="urun-beli-{kampanye.pk}-janji.csv"'
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Nama", "E-mail", "Nama usaha", "Jumlah unit"]
    assert rows[1][:6] == ["Pemilik 1", a.email, '\'=HYPERLINK("x")', "2", "2500000", "5000000"]
    assert "081234567890" not in response.getvalue().decode("utf-8-sig")
    xlsx = client.get(f"/kelola/gambir/urun-beli/{kampanye.pk}/janji.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/kelola/gambir/urun-beli/{kampanye.pk}/janji.exe").status_code == 404


def test_other_post_cannot_see_manage_or_export_a_campaign(client_as, operator_b, kampanye):
    services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=1)
    client = client_as(operator_b)
    for url in [
        f"/kelola/tambora/urun-beli/{kampanye.pk}/",
        f"/kelola/tambora/urun-beli/{kampanye.pk}/janji.csv",
        f"/kelola/gambir/urun-beli/{kampanye.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/kelola/tambora/urun-beli/{kampanye.pk}/status/", {"status": "batal"}).status_code == 404
    assert kampanye.judul not in client.get("/kelola/tambora/urun-beli/").getvalue().decode()
    kampanye.refresh_from_db()
    assert kampanye.status == StatusKampanye.TERBUKA


def test_operator_opens_a_campaign(client_as, operator_a, pos_a):
    t = f.teknologi()
    batas = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(operator_a).post(
        "/kelola/gambir/urun-beli/tambah/",
        {
            "teknologi": t.pk,
            "judul": "Beli bersama",
            "harga_satuan": "2500000",
            "target_jumlah": "10",
            "maksimum_jumlah": "12",
            "batas_waktu": batas,
            "catatan_pengambilan": "Diambil di pos.",
        },
    )
    k = KampanyeUrunBeli.objects.get()
    assert response["Location"] == f"/kelola/gambir/urun-beli/{k.pk}/"
    assert (k.pos, k.dibuat_oleh, k.status, k.maksimum_jumlah) == (pos_a, operator_a, StatusKampanye.TERBUKA, 12)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"target_jumlah": "0"}, "Paling sedikit 1."),
        ({"maksimum_jumlah": "5"}, "tidak boleh kurang dari target"),
        ({"batas_waktu": "2000-01-01T10:00"}, "harus di masa depan"),
        ({"harga_satuan": "-1"}, "Paling sedikit Rp1."),
        ({"harga_satuan": "99999999999999"}, "Harga terlalu besar"),
        ({"judul": "   "}, "tidak boleh kosong"),
        ({"teknologi": "999999"}, "Masukkan pilihan yang valid"),
        ({"target_jumlah": "100000"}, "paling banyak 10.000"),
    ],
)
def test_campaign_form_refuses_hostile_input_and_writes_nothing(client_as, operator_a, data, message):
    t = f.teknologi()
    batas = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    base = {
        "teknologi": t.pk,
        "judul": "Beli bersama",
        "harga_satuan": "2500000",
        "target_jumlah": "10",
        "batas_waktu": batas,
    }
    response = client_as(operator_a).post("/kelola/gambir/urun-beli/tambah/", {**base, **data})
    assert response.status_code == 200
    assert message in response.getvalue().decode()
    assert not KampanyeUrunBeli.objects.exists()


def test_campaign_for_a_draft_is_refused(pos_a, kurator):
    t = f.teknologi(status="draft")
    with pytest.raises(ValidationError):
        f.kampanye(t, pos_a)
    assert not KampanyeUrunBeli.objects.exists()


def test_list_queries_do_not_grow_with_campaigns(client, pos_a, pos_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = f.teknologi()
    f.kampanye(t, pos_a)
    with CaptureQueriesContext(connection) as one:
        client.get("/urun-beli/")
    f.kampanye(t, pos_b)
    f.kampanye(f.teknologi("Pompa Hidram"), pos_a)
    with CaptureQueriesContext(connection) as three:
        client.get("/urun-beli/")
    assert len(one.captured_queries) == len(three.captured_queries)
