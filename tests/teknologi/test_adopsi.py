"""Adoption: owners report, operators of that post approve; counts and kecamatan come from approved rows."""

import pytest
from django.core.exceptions import ValidationError

from teknologi import services
from teknologi.models import Adopsi, StatusAdopsi
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def test_owner_reports_and_operator_of_that_post_approves(client_as, pemilik_ukm, operator_a, pos_a, client):
    t = f.teknologi()
    owner = client_as(pemilik_ukm)
    response = owner.post(
        f"/teknologi/{t.slug}/saya-pakai/",
        {
            "nama_usaha": "  Kue Basah   Bu Siti ",
            "pos": pos_a.pk,
            "sejak": "2024-03-01",
            "rating": "5",
            "catatan": "Santan lebih kental.",
        },
    )
    assert response["Location"] == t.get_absolute_url()
    adopsi = Adopsi.objects.get()
    assert (adopsi.nama_usaha, adopsi.status, adopsi.pemilik, adopsi.rating) == (
        "Kue Basah Bu Siti",
        StatusAdopsi.MENUNGGU,
        pemilik_ukm,
        5,
    )
    assert "Teknologi yang saya pakai" in owner.get("/akun/saya/").content.decode()

    operator = client_as(operator_a)
    page = operator.get("/kelola/gambir/teknologi/pemakaian/").content.decode()
    assert "Kue Basah Bu Siti" in page and "Setujui" in page
    operator.post(f"/kelola/gambir/teknologi/pemakaian/{adopsi.pk}/", {"aksi": "setujui"})
    adopsi.refresh_from_db()
    assert (adopsi.status, adopsi.diputuskan_oleh) == (StatusAdopsi.DISETUJUI, operator_a)
    client.logout()
    body = client.get(t.get_absolute_url()).content.decode()
    assert "1 UKM memakai alat ini" in body and "Kue Basah Bu Siti" in body and "Santan lebih kental." in body
    assert pemilik_ukm.email not in body


def test_operator_records_adoption_approved_at_once(client_as, operator_a, pos_a):
    t = f.teknologi()
    client_as(operator_a).post(
        "/kelola/gambir/teknologi/pemakaian/", {"teknologi": t.pk, "nama_usaha": "Warung Uduk", "rating": "4"}
    )
    adopsi = Adopsi.objects.get()
    assert (adopsi.pos, adopsi.status, adopsi.dicatat_oleh) == (pos_a, StatusAdopsi.DISETUJUI, operator_a)


def test_other_posts_operator_cannot_see_or_decide(client_as, operator_a, operator_b, pemilik_ukm, pos_a, pos_b):
    t = f.teknologi()
    di_tambora = services.adopsi_catat(
        teknologi=t, pos=pos_b, nama_usaha="Rahasia Tambora", oleh=pemilik_ukm, pemilik=pemilik_ukm, catatan="menunggu"
    )
    client = client_as(operator_a)
    assert "Rahasia Tambora" not in client.get("/kelola/gambir/teknologi/pemakaian/").content.decode()
    assert client.post(f"/kelola/gambir/teknologi/pemakaian/{di_tambora.pk}/", {"aksi": "setujui"}).status_code == 404
    assert client.post(f"/kelola/tambora/teknologi/pemakaian/{di_tambora.pk}/", {"aksi": "hapus"}).status_code == 404
    di_tambora.refresh_from_db()
    assert di_tambora.status == StatusAdopsi.MENUNGGU


def test_counts_per_kecamatan_use_approved_rows_only(client, pos_a, pos_b, pemilik_ukm):
    from teknologi.selectors import adopsi_ringkasan

    t = f.teknologi()
    op = f.pemilik(5)
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="A", oleh=op, rating=4)
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="B", oleh=op, rating=2)
    services.adopsi_catat(teknologi=t, pos=pos_b, nama_usaha="C", oleh=op)
    services.adopsi_catat(teknologi=t, pos=pos_b, nama_usaha="D", oleh=pemilik_ukm, pemilik=pemilik_ukm, rating=1)
    ringkasan = adopsi_ringkasan(teknologi=t)
    assert ringkasan["jumlah"] == 3
    assert ringkasan["kecamatan"] == [("Gambir", 2), ("Tambora", 1)]
    assert (ringkasan["rata_rata"], ringkasan["dinilai"]) == (3.0, 2)


def test_duplicate_business_is_refused_and_nothing_written(pos_a, operator_a):
    t = f.teknologi()
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="Warung Uduk", oleh=operator_a)
    with pytest.raises(ValidationError, match="sudah tercatat"):
        services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="warung  UDUK", oleh=operator_a)
    assert Adopsi.objects.count() == 1


def test_adoption_of_a_draft_is_refused(pos_a, operator_a):
    t = f.teknologi(status="draft")
    with pytest.raises(ValidationError):
        services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="X", oleh=operator_a)
    assert not Adopsi.objects.exists()


def test_decided_report_cannot_be_decided_again(pos_a, operator_a, pemilik_ukm):
    t = f.teknologi()
    a = services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="X", oleh=pemilik_ukm, pemilik=pemilik_ukm)
    services.adopsi_putuskan(adopsi=a, oleh=operator_a, setujui=False)
    with pytest.raises(ValidationError):
        services.adopsi_putuskan(adopsi=a, oleh=operator_a, setujui=True)
    a.refresh_from_db()
    assert a.status == StatusAdopsi.DITOLAK


@pytest.mark.parametrize(
    "data,message",
    [
        ({"nama_usaha": ""}, "Pilih usaha Anda atau tulis nama usaha"),
        ({"nama_usaha": "x" * 200}, "paling banyak 150"),
        ({"rating": "6"}, "Masukkan pilihan yang valid"),
        ({"rating": "-1"}, "Masukkan pilihan yang valid"),
        ({"sejak": "2999-01-01"}, "tidak boleh di masa depan"),
        ({"sejak": "kemarin"}, "tanggal yang valid"),
        ({"pos": "999999"}, "Masukkan pilihan yang valid"),
        ({"catatan": "x" * 1200}, "paling banyak 1000"),
    ],
)
def test_owner_report_refuses_hostile_input(client_as, pemilik_ukm, pos_a, data, message):
    t = f.teknologi()
    response = client_as(pemilik_ukm).post(
        f"/teknologi/{t.slug}/saya-pakai/", {"nama_usaha": "Usaha", "pos": pos_a.pk, **data}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Adopsi.objects.exists()


def test_operator_form_refuses_a_draft_technology(client_as, operator_a):
    t = f.teknologi(status="draft")
    response = client_as(operator_a).post("/kelola/gambir/teknologi/pemakaian/", {"teknologi": t.pk, "nama_usaha": "X"})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Adopsi.objects.exists()


def test_report_form_is_for_owners_only(client_as, operator_a):
    t = f.teknologi()
    assert client_as(operator_a).get(f"/teknologi/{t.slug}/saya-pakai/").status_code == 403


def test_peraga_is_scoped_to_the_post(client_as, operator_a, operator_b, pos_a, pos_b):
    t = f.teknologi()
    draf = f.teknologi("Draf", status="draft")
    client = client_as(operator_a)
    client.post("/kelola/gambir/teknologi/peraga/", {"teknologi": t.pk, "ada_unit_demo": "on", "keterangan": "Selasa"})
    response = client.post("/kelola/gambir/teknologi/peraga/", {"teknologi": draf.pk})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    tambora = services.peraga_simpan(pos=pos_b, teknologi=t, ada_unit_demo=False)
    assert "Selasa" not in client_as(operator_b).get("/kelola/tambora/teknologi/peraga/").content.decode()
    client = client_as(operator_a)
    client.post(f"/kelola/gambir/teknologi/peraga/{tambora.pk}/hapus/")
    assert client.post(f"/kelola/tambora/teknologi/peraga/{tambora.pk}/hapus/").status_code == 404
    from teknologi.models import TeknologiPos

    assert set(TeknologiPos.objects.values_list("pos__slug", "ada_unit_demo")) == {("gambir", True), ("tambora", False)}
