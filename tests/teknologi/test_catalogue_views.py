"""The public catalogue: list, detail, guide, QR and PDF; drafts never public; constant queries."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from teknologi import services
from teknologi.models import Teknologi
from tests.hostile_files import VALID_PDF
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _lengkap(nama, pos, n_adopsi=1, **data):
    t = f.teknologi(nama, **data)
    f.panduan(t)
    services.peraga_simpan(pos=pos, teknologi=t, ada_unit_demo=True)
    for i in range(n_adopsi):
        services.adopsi_catat(
            teknologi=t, pos=pos, nama_usaha=f"Usaha {nama} {i}", oleh=f.pemilik(99), rating=4, catatan="Bagus."
        )
    return t


def test_catalogue_list_runs_the_same_queries_for_1_and_3_items(client, pos_a):
    _lengkap("Alat Pemeras Santan", pos_a)
    one = count_queries(client, "/teknologi/")
    _lengkap("Mesin Parut Kelapa", pos_a, n_adopsi=2)
    _lengkap("Mesin Penepung", pos_a, n_adopsi=3, bidang="pertanian")
    three = count_queries(client, "/teknologi/")
    assert one == three
    # On SQLite a search of five letters or more also reads its typo candidates, in one query.
    assert count_queries(client, "/teknologi/?q=kelapa&harga=1-5") <= three + (connection.vendor != "postgresql")


def test_catalogue_search_page_with_query_same_queries_for_1_and_3(client, pos_a):
    _lengkap("Alat Pemeras Santan", pos_a)
    one = count_queries(client, "/teknologi/?q=alat")
    _lengkap("Alat Parut Kelapa", pos_a)
    _lengkap("Alat Pengasap Ikan", pos_a, bidang="perikanan")
    assert count_queries(client, "/teknologi/?q=alat") == one


def test_detail_runs_the_same_queries_with_1_and_3_related_demos_and_reviews(client, pos_a, pos_b):
    t = _lengkap("Alat Pemeras Santan", pos_a)
    f.kampanye(t, pos_a)
    one = count_queries(client, t.get_absolute_url())
    services.peraga_simpan(pos=pos_b, teknologi=t, ada_unit_demo=False)
    for i in range(2):
        services.adopsi_catat(teknologi=t, pos=pos_b, nama_usaha=f"Warung {i}", oleh=f.pemilik(98), rating=5)
        _lengkap(f"Alat Pangan {i}", pos_a)
    f.kampanye(t, pos_b)
    t.foto_set.create(foto=ContentFile(b"x", name="a.jpg"), keterangan="Foto")
    assert count_queries(client, t.get_absolute_url()) == one


def test_guide_runs_the_same_queries_at_1_and_3_steps(client, wilayah):
    t1 = f.teknologi("Alat Satu")
    f.panduan(t1, langkah=1, perawatan=1, masalah=1)
    t3 = f.teknologi("Alat Tiga")
    f.panduan(t3, langkah=3, perawatan=3, masalah=3)
    assert count_queries(client, t1.get_panduan_url()) == count_queries(client, t3.get_panduan_url())


def test_list_shows_cards_with_facts_and_paginates(client, pos_a):
    for i in range(14):
        f.teknologi(f"Alat Nomor {i:02d}", harga_min=1_500_000, harga_max=2_000_000)
    body = html(client.get("/teknologi/"))
    assert "14 teknologi" in body
    assert "Rp1.500.000–Rp2.000.000" in body
    assert "Halaman 1 dari 2" in body
    assert 'href="?page=2" rel="next"' in body  # the one page parameter of every list
    page2 = html(client.get("/teknologi/?page=2"))
    assert "Alat Nomor 13" in page2 and "Alat Nomor 00" not in page2
    lama = html(client.get("/teknologi/?halaman=2"))  # a link shared before the parameter was unified
    assert "Alat Nomor 13" in lama and "Alat Nomor 00" not in lama and "Halaman 2 dari 2" in lama
    assert client.get("/teknologi/?page=999").status_code == 200  # last page, never a 500


def test_list_keeps_query_in_facet_and_page_links(client, wilayah):
    f.teknologi("Alat Pemeras Santan")
    body = html(client.get("/teknologi/?q=santan"))
    assert re.search(r'href="\?q=santan&amp;bidang=pangan"', body)


def test_empty_result_helps_the_visitor(client, wilayah):
    body = html(client.get("/teknologi/?q=roket+luar+angkasa"))
    assert "Belum ada teknologi yang cocok dengan “roket luar angkasa”" in body
    assert "/pos/" in body


def test_detail_shows_specs_supplier_award_demos_adoption_and_reviews(client, pos_a):
    t = _lengkap(
        "Alat Pemeras Santan",
        pos_a,
        n_adopsi=2,
        kapasitas="5–8 kg/jam",
        daya="Manual",
        dimensi="45 × 35 × 90 cm",
        harga_min=1_750_000,
        harga_max=4_500_000,
        pembuat_nama="Bengkel Sinar Jaya",
        pembuat_tempat="Jakarta Timur",
        penghargaan="unggulan",
        penghargaan_tahun=2023,
        penghargaan_tingkat="provinsi",
        penghargaan_juara="Juara II",
        video_url="https://www.youtube.com/watch?v=abc",
    )
    body = html(client.get(t.get_absolute_url()))
    for text in [
        "5–8 kg/jam",
        "45 × 35 × 90 cm",
        "Rp1.750.000–Rp4.500.000",
        "Bengkel Sinar Jaya, Jakarta Timur",
        "TTG Unggulan, Juara II",
        "2 UKM memakai alat ini",
        "Penilaian rata-rata 4,0 dari 5",
        "Gambir",
        "ada unit demo",
        "Baca panduan pemakaian",
        "Usaha Alat Pemeras Santan 0",
        "Tonton video",
    ]:
        assert text in body, text


def test_pending_reviews_are_not_shown(client, pos_a, pemilik_ukm):
    t = f.teknologi()
    services.adopsi_catat(
        teknologi=t,
        pos=pos_a,
        nama_usaha="Warung Menunggu",
        oleh=pemilik_ukm,
        pemilik=pemilik_ukm,
        catatan="Rahasia sampai disetujui",
    )
    body = html(client.get(t.get_absolute_url()))
    assert "Warung Menunggu" not in body and "Rahasia sampai disetujui" not in body
    assert "Belum ada UKM yang tercatat memakai alat ini." in body


def test_detail_related_technologies_are_same_bidang_and_published(client, wilayah):
    t = f.teknologi("Alat Pemeras Santan")
    f.teknologi("Mesin Parut Kelapa")
    f.teknologi("Mesin Parut Draf", status="draft")
    f.teknologi("Pompa Hidram", bidang="air")
    body = html(client.get(t.get_absolute_url()))
    related = body[body.index("Teknologi terkait") :]
    assert "Mesin Parut Kelapa" in related
    assert "Mesin Parut Draf" not in related and "Pompa Hidram" not in related


@pytest.mark.parametrize("status", ["draft", "diajukan"])
def test_unpublished_technology_is_never_public(client, pos_a, status):
    t = f.teknologi("Alat Rahasia Draf", status=status)
    p = f.panduan(t)
    p.pdf.save("p.pdf", ContentFile(VALID_PDF))
    services.peraga_simpan(pos=pos_a, teknologi=f.teknologi("Alat Terbit"), ada_unit_demo=True)
    # A post demonstrating a draft (published earlier, then taken back) must not show it either.
    Teknologi.objects.filter(pk=t.pk).update(status="terbit")
    t.refresh_from_db()
    services.peraga_simpan(pos=pos_a, teknologi=t, ada_unit_demo=True)
    Teknologi.objects.filter(pk=t.pk).update(status=status)
    slug = t.slug
    for url in [
        f"/teknologi/{slug}/",
        f"/teknologi/{slug}/panduan/",
        f"/teknologi/{slug}/panduan/qr.svg",
        f"/teknologi/{slug}/panduan/unduh.pdf",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        "/teknologi/",
        "/teknologi/?q=rahasia",
        "/teknologi/?q=alat+rahasia+draf",
        "/",
        "/pos/gambir/",
        "/teknologi/?kecamatan=gambir",
        "/teknologi/?urut=terbaru",
    ]:
        assert "Alat Rahasia Draf" not in html(client.get(url)), url


def test_english_name_and_summary_follow_the_chosen_language(client, wilayah):
    t = f.teknologi("Alat Pemeras Santan", nama_en="Coconut Milk Press", ringkasan_en="Presses grated coconut.")
    assert "Alat Pemeras Santan" in html(client.get(t.get_absolute_url()))
    client.cookies["django_language"] = "en"
    body = html(client.get(t.get_absolute_url()))
    assert "<h1>Coconut Milk Press" in body and "Presses grated coconut." in body
    u = f.teknologi("Pompa Hidram")  # no English name: the Indonesian one stays
    assert '<h1><span lang="id">Pompa Hidram</span>' in html(client.get(u.get_absolute_url()))  # marked Indonesian
    with translation.override("id"):
        assert t.nama_tampil == "Alat Pemeras Santan"


def test_guide_page_has_steps_safety_maintenance_troubleshooting_qr_and_print_button(client, wilayah, settings):
    settings.PORTAL_BASE_URL = "https://posyantek.jakarta.go.id"
    t = f.teknologi()
    f.panduan(t)
    body = html(client.get(t.get_panduan_url()))
    for text in [
        "Langkah nomor 1.",
        "Langkah nomor 3.",
        "Cabut steker sebelum membersihkan.",
        "Setiap hari",
        "Masalah 2",
        "Penyebab 2",
        "Solusi 2",
        "data-print",
        f"/teknologi/{t.slug}/panduan/qr.svg",
        f"https://posyantek.jakarta.go.id/teknologi/{t.slug}/panduan/",
        "css/teknologi.css",
    ]:
        assert text in body, text
    assert "style=" not in body and "<script>" not in body


def test_qr_code_is_server_side_svg_pointing_to_the_guide(client, wilayah, settings):
    settings.PORTAL_BASE_URL = "https://posyantek.jakarta.go.id"
    t = f.teknologi()
    f.panduan(t)
    response = client.get(f"/teknologi/{t.slug}/panduan/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<path" in svg and "style=" not in svg and "<script" not in svg
    # Decode it back: the QR holds the guide's absolute URL.
    import qrcode

    expected = qrcode.QRCode(border=2, box_size=10)
    expected.add_data(f"https://posyantek.jakarta.go.id/teknologi/{t.slug}/panduan/")
    expected.make(fit=True)
    import qrcode.image.svg

    assert svg == expected.make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")


def test_guide_without_steps_or_technology_without_guide_is_404(client, wilayah):
    t = f.teknologi()
    assert client.get(t.get_panduan_url()).status_code == 404
    assert client.get(f"/teknologi/{t.slug}/panduan/qr.svg").status_code == 404
    assert client.get(f"/teknologi/{t.slug}/panduan/unduh.pdf").status_code == 404


def test_pdf_is_served_as_an_attachment_never_inline(client, wilayah):
    t = f.teknologi()
    p = f.panduan(t)
    p.pdf.save("panduan.pdf", ContentFile(VALID_PDF))
    response = client.get(f"/teknologi/{t.slug}/panduan/unduh.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"panduan-{t.slug}.pdf" in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == VALID_PDF
