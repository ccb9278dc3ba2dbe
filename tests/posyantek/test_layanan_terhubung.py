"""The records connect (#14.4): a service-log entry names the business served and the technology
shown; the business's page lists its services, the technology's page counts its demonstrations."""

import pytest

from posyantek.models import LogLayanan
from teknologi.models import StatusTeknologi
from tests.posyantek.test_layanan import valid
from tests.teknologi import factories as ttg
from tests.ukm.factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukm_a(pos_a):
    return UkmFactory(pos=pos_a, nama="Keripik Bu Siti", kelurahan=kelurahan("Cideng"))


@pytest.fixture
def ukm_b(pos_b):
    return UkmFactory(pos=pos_b, nama="Rahasia Tambora", kelurahan=kelurahan("Roa Malaka"))


def test_a_service_names_the_business_and_the_technology_and_both_pages_show_it(
    client, client_as, operator_a, pos_a, ukm_a
):
    alat = ttg.teknologi("Alat Pengering Keripik")
    response = client_as(operator_a).post(
        "/kelola/gambir/layanan/tambah/", valid(pos_a, ukm=str(ukm_a.pk), teknologi=str(alat.pk))
    )
    assert response.status_code == 302
    log = LogLayanan.objects.get()
    assert (log.ukm, log.teknologi) == (ukm_a, alat)
    halaman_ukm = client_as(operator_a).get(f"/kelola/gambir/ukm/{ukm_a.pk}/").content.decode()
    assert "Layanan yang diterima" in halaman_ukm and "Kelas berjualan daring" in halaman_ukm
    assert "Alat Pengering Keripik" in halaman_ukm
    client.logout()
    halaman_alat = client.get(alat.get_absolute_url()).content.decode()
    assert "Diperagakan dalam 1 layanan pos" in halaman_alat


def test_another_posts_business_or_an_unpublished_technology_is_refused(
    client_as, operator_a, operator_b, pos_a, pos_b, ukm_b
):
    client = client_as(operator_a)
    response = client.post("/kelola/gambir/layanan/tambah/", valid(pos_a, ukm=str(ukm_b.pk)))
    assert (
        response.status_code == 200 and "Tidak ada UKM dengan ID ini di registri pos Anda" in response.content.decode()
    )
    draf_lain = ttg.teknologi("Usulan Tambora", status=StatusTeknologi.DRAFT, pos=pos_b, oleh=operator_b)
    response = client.post("/kelola/gambir/layanan/tambah/", valid(pos_a, teknologi=str(draf_lain.pk)))
    assert response.status_code == 200 and "Tidak ada teknologi dengan nomor ini" in response.content.decode()
    for junk in ("-1", "abc", "99999999999999999999999", "1e9"):
        response = client.post("/kelola/gambir/layanan/tambah/", valid(pos_a, ukm=junk))
        assert response.status_code == 200
    assert not LogLayanan.objects.exists()
    draf_sendiri = ttg.teknologi("Usulan Gambir", status=StatusTeknologi.DRAFT, pos=pos_a, oleh=operator_a)
    assert (
        client.post("/kelola/gambir/layanan/tambah/", valid(pos_a, teknologi=str(draf_sendiri.pk))).status_code == 302
    )


def test_the_service_never_links_another_posts_business_even_without_the_form(operator_a, pos_a, ukm_b):
    from django.core.exceptions import ValidationError

    from posyantek import services

    data = {k: v for k, v in valid(pos_a).items() if k not in ("kelurahan", "jumlah_penerima")}
    with pytest.raises(ValidationError):
        services.layanan_buat(pos=pos_a, oleh=operator_a, data={**data, "ukm": ukm_b})
    assert not LogLayanan.objects.exists()


def test_the_link_on_the_business_page_fills_the_form(client_as, operator_a, ukm_a):
    client = client_as(operator_a)
    body = client.get(f"/kelola/gambir/ukm/{ukm_a.pk}/").content.decode()
    assert f"/kelola/gambir/layanan/tambah/?ukm={ukm_a.pk}&amp;penerima=Keripik%20Bu%20Siti" in body
    form = client.get(f"/kelola/gambir/layanan/tambah/?ukm={ukm_a.pk}&penerima=Keripik%20Bu%20Siti").content.decode()
    assert f'value="{ukm_a.pk}"' in form and 'value="Keripik Bu Siti"' in form


def test_another_posts_operator_never_sees_the_business_services(client_as, operator_b, ukm_a):
    assert client_as(operator_b).get(f"/kelola/gambir/ukm/{ukm_a.pk}/").status_code == 404
