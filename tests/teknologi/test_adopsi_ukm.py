"""Adoption linked to the UKM registry: operators pick from their post's businesses, owners from their
own; another post's or another owner's business is refused and nothing is written."""

import pytest
from django.core.exceptions import ValidationError

from teknologi import services
from teknologi.models import Adopsi, StatusAdopsi
from teknologi.tautan_ukm import hubungkan_adopsi_ukm
from tests.teknologi import factories as f
from tests.ukm.factories import UkmFactory, kelurahan
from ukm.models import Ukm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukm_gambir(pos_a):
    return UkmFactory(nama="Kopi Tubruk Bu Siti", kelurahan=kelurahan("Cideng"))


@pytest.fixture
def ukm_tambora(pos_b):
    return UkmFactory(nama="Rahasia Tambora", kelurahan=kelurahan("Angke"))


def test_operator_links_adoption_to_ukm_of_own_post(client_as, operator_a, pos_a, ukm_gambir):
    t = f.teknologi()
    assert ukm_gambir.pos == pos_a
    page = client_as(operator_a).get("/kelola/gambir/teknologi/pemakaian/").content.decode()
    assert "Kopi Tubruk Bu Siti" in page
    client_as(operator_a).post("/kelola/gambir/teknologi/pemakaian/", {"teknologi": t.pk, "ukm": ukm_gambir.pk})
    adopsi = Adopsi.objects.get()
    assert (adopsi.ukm, adopsi.nama_usaha, adopsi.pos, adopsi.status) == (
        ukm_gambir,
        "Kopi Tubruk Bu Siti",
        pos_a,
        StatusAdopsi.DISETUJUI,
    )


def test_operator_cannot_link_another_posts_ukm(client_as, operator_a, ukm_gambir, ukm_tambora):
    t = f.teknologi()
    client = client_as(operator_a)
    page = client.get("/kelola/gambir/teknologi/pemakaian/").content.decode()
    assert "Rahasia Tambora" not in page
    response = client.post("/kelola/gambir/teknologi/pemakaian/", {"teknologi": t.pk, "ukm": ukm_tambora.pk})
    assert response.status_code == 200
    assert not Adopsi.objects.exists()


def test_operator_without_ukm_or_name_gets_a_message(client_as, operator_a, pos_a):
    t = f.teknologi()
    response = client_as(operator_a).post("/kelola/gambir/teknologi/pemakaian/", {"teknologi": t.pk})
    assert "Pilih UKM dari registri atau tulis nama usaha" in response.content.decode()
    assert not Adopsi.objects.exists()


def test_service_refuses_ukm_of_another_post_and_writes_nothing(operator_a, pos_a, ukm_tambora):
    t = f.teknologi()
    with pytest.raises(ValidationError):
        services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="", ukm=ukm_tambora, oleh=operator_a)
    assert not Adopsi.objects.exists()


def test_owner_picks_among_own_businesses(client_as, pemilik_ukm, pos_a, ukm_gambir):
    Ukm.objects.filter(pk=ukm_gambir.pk).update(pemilik=pemilik_ukm)
    t = f.teknologi()
    owner = client_as(pemilik_ukm)
    assert "Kopi Tubruk Bu Siti" in owner.get(f"/teknologi/{t.slug}/saya-pakai/").content.decode()
    owner.post(f"/teknologi/{t.slug}/saya-pakai/", {"ukm": ukm_gambir.pk, "rating": "5"})
    adopsi = Adopsi.objects.get()
    assert (adopsi.ukm, adopsi.pos, adopsi.nama_usaha, adopsi.status, adopsi.pemilik) == (
        ukm_gambir,
        pos_a,
        "Kopi Tubruk Bu Siti",
        StatusAdopsi.MENUNGGU,
        pemilik_ukm,
    )


def test_owner_cannot_pick_someone_elses_business(client_as, pemilik_ukm, ukm_gambir, ukm_tambora):
    Ukm.objects.filter(pk=ukm_gambir.pk).update(pemilik=pemilik_ukm)
    t = f.teknologi()
    owner = client_as(pemilik_ukm)
    assert "Rahasia Tambora" not in owner.get(f"/teknologi/{t.slug}/saya-pakai/").content.decode()
    response = owner.post(f"/teknologi/{t.slug}/saya-pakai/", {"ukm": ukm_tambora.pk})
    assert response.status_code == 200
    assert not Adopsi.objects.exists()
    with pytest.raises(ValidationError):
        services.adopsi_catat(
            teknologi=t, pos=ukm_tambora.pos, nama_usaha="", ukm=ukm_tambora, oleh=pemilik_ukm, pemilik=pemilik_ukm
        )
    assert not Adopsi.objects.exists()


def test_existing_rows_are_linked_by_post_and_name_ignoring_case(operator_a, pos_a, pos_b, ukm_gambir, ukm_tambora):
    t = f.teknologi()
    sama = services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="KOPI TUBRUK bu siti", oleh=operator_a)
    pos_lain = services.adopsi_catat(teknologi=t, pos=pos_b, nama_usaha="Kopi Tubruk Bu Siti", oleh=operator_a)
    tak_dikenal = services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="Usaha Lain", oleh=operator_a)
    UkmFactory(nama="Kembar", kelurahan=kelurahan("Cideng"))
    UkmFactory(nama="kembar", kelurahan=kelurahan("Cideng"))
    kembar = services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="Kembar", oleh=operator_a)
    Adopsi.objects.update(ukm=None)

    assert hubungkan_adopsi_ukm(Adopsi, Ukm) == 1
    rows = {a.pk: a.ukm_id for a in Adopsi.objects.all()}
    assert rows == {sama.pk: ukm_gambir.pk, pos_lain.pk: None, tak_dikenal.pk: None, kembar.pk: None}
