"""What the Lomba adds to the foundation's pages: the overview, the post page, the dashboard, the
account page, the /kelola/ index and the home page."""

import re

import pytest
from django.urls import reverse

from lomba import services
from posyantek.models import Pos
from posyantek.services import operator_tetapkan, percontohan_tetapkan
from tests.factories import UserFactory
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def umumkan(lomba, peserta, juri_list, values, admin):
    for j in juri_list:
        for p, v in zip(peserta, values, strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    services.lomba_umumkan(lomba=lomba, oleh=admin)


def test_province_overview_counts_posts_model_posts_and_operators_per_kota(
    client_as, admin_provinsi, operator_a, operator_b, pos_a, pos_b
):
    # A second operator on Gambir and one operator running two posts of Jakarta Barat.
    operator_tetapkan(pos=pos_a, pengguna=UserFactory(email="op2.gambir@posyantek.test"))
    dua = UserFactory(email="dua.pos@posyantek.test")
    operator_tetapkan(pos=pos_b, pengguna=dua)
    operator_tetapkan(pos=Pos.objects.get(slug="kebon-jeruk"), pengguna=dua)
    percontohan_tetapkan(pos=pos_b, tahun=2024, alasan="Juara I", oleh=admin_provinsi)
    page = body(client_as(admin_provinsi).get(reverse("kelola:ringkasan")))
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td class="num">\d+</td>){4})</tr>', page))
    numbers = {k: re.findall(r"\d+", v) for k, v in rows.items()}
    assert numbers["Jakarta Pusat"] == ["8", "0", "1", "2"]
    assert numbers["Jakarta Barat"] == ["8", "1", "2", "2"]
    assert numbers["Kepulauan Seribu"] == ["2", "0", "0", "0"]
    angka = re.findall(r"<li><strong>(\d+)</strong> ([^<]+)</li>", page)
    assert ("44", "pos kecamatan") in angka and ("1", "pos percontohan") in angka
    assert ("3", "pos sudah punya operator") in angka and ("4", "akun operator") in angka
    assert "Posyantek Kecamatan Tambora" in page  # listed as a model post
    assert "Belum ada lomba tingkat provinsi yang final." in page


def test_province_overview_shows_latest_provincial_top_and_national_history(
    client_as, penilaian, admin_provinsi, juri, juri2
):
    lomba, peserta = penilaian
    umumkan(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    nasional = services.lomba_buat(
        tahun=2025, kategori="posyantek_berprestasi", tingkat="nasional", sumber_hasil="impor", oleh=admin_provinsi
    )
    impor = services.impor_nasional_pratinjau(
        lomba=nasional,
        nama_berkas="n.csv",
        oleh=admin_provinsi,
        data=(
            b"peserta,provinsi,total,peringkat\nA,Bali,95,1\n"
            b"Posyantek Kecamatan Tambora,DKI Jakarta,90,2\nB,Aceh,80,3\n"
        ),
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    page = body(client_as(admin_provinsi).get(reverse("kelola:ringkasan")))
    assert f"Lima besar: {lomba.nama}" in page
    top = page[page.index("Lima besar") :]
    assert top.index("Tambora") < top.index("Menteng") < top.index("Gambir")
    assert "2025: peringkat 2 dari 3 (Posyantek Kecamatan Tambora)" in page


def test_post_overview_hides_results_until_announced(
    client_as, penilaian, admin_provinsi, operator_a, pos_a, juri, juri2
):
    lomba, peserta = penilaian
    url = reverse("kelola:pos-ringkasan", kwargs={"pos_slug": pos_a.slug})
    client = client_as(operator_a)
    page = body(client.get(url))
    assert lomba.nama in page and "belum diumumkan" in page
    assert "Posyantek Kecamatan Tambora" not in page  # another post's entry
    umumkan(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    assert "Peringkat 3 Juara III" in " ".join(body(client.get(url)).split())


def test_post_page_lists_its_awards_from_announced_competitions(client, penilaian, admin_provinsi, pos_b, juri, juri2):
    lomba, peserta = penilaian
    for j in (juri, juri2):
        for p, v in zip(peserta, (70, 90, 80), strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    assert "Penghargaan Lomba Posyantek" not in body(client.get(pos_b.get_absolute_url()))
    services.lomba_umumkan(lomba=lomba, oleh=admin_provinsi)
    page = body(client.get(pos_b.get_absolute_url()))
    assert "Penghargaan Lomba Posyantek" in page and "Juara I" in page and "nilai 90,00" in page


def test_dashboard_account_index_and_home(client_as, client, penilaian, admin_provinsi, operator_a, pos_a, juri, juri2):
    lomba, peserta = penilaian
    dasbor = body(client_as(operator_a).get(reverse("kelola:pos-dasbor", kwargs={"pos_slug": pos_a.slug})))
    assert lomba.nama in dasbor and reverse("lomba:pos-peserta-list", kwargs={"pos_slug": pos_a.slug}) in dasbor
    assert reverse("lomba:kelola-list") not in body(
        client_as(operator_a).get(reverse("kelola:pos-dasbor", kwargs={"pos_slug": pos_a.slug}))
    )
    akun = body(client_as(juri).get(reverse("akun-saya")))
    assert "Penugasan juri" in akun and lomba.nama in akun
    index = body(client_as(juri).get(reverse("kelola:index")))
    assert "Lomba yang saya nilai" in index and reverse("lomba:peringkat") not in index
    index = body(client_as(admin_provinsi).get(reverse("kelola:index")))
    assert reverse("lomba:peringkat") in index and "Kelola lomba" in index
    client.logout()
    home = body(client.get("/"))
    assert "Hasil Lomba Posyantek terbaru" not in home
    assert 'href="/lomba/"' in home  # the public menu
    umumkan(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    home = body(client.get("/"))
    assert "Hasil Lomba Posyantek terbaru" in home and "Posyantek Kecamatan Tambora" in home
