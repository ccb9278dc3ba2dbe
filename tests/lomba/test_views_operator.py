"""The operator's side: their own post's entries only, documents checked by content, no scores
until announced."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from lomba import services
from lomba.models import DokumenPeserta, Peserta
from tests.hostile_files import CLEANED_DOCUMENTS, HOSTILE_DOCUMENTS, VALID_JPEG, VALID_PDF, upload
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def detail_url(pos, peserta):
    return reverse("lomba:pos-peserta-detail", kwargs={"pos_slug": pos.slug, "peserta_pk": peserta.pk})


def test_operator_sees_own_entries_only(client_as, penilaian, operator_a, operator_b, pos_a, pos_b, admin_provinsi):
    lomba, (gambir, tambora, _menteng) = penilaian
    services.peserta_ubah(peserta=tambora, judul="Rahasia Tambora", tautan_video="", oleh=admin_provinsi)
    services.dokumen_unggah(
        peserta=tambora, judul="Dokumen Tambora", oleh=admin_provinsi, berkas=ContentFile(VALID_PDF, name="t.pdf")
    )
    client = client_as(operator_a)
    page = body(client.get(reverse("lomba:pos-peserta-list", kwargs={"pos_slug": pos_a.slug})))
    assert lomba.nama in page and "Rahasia Tambora" not in page
    # Tambora's entry through Gambir's URL, and Tambora's own URL: both 404.
    assert client.get(detail_url(pos_a, tambora)).status_code == 404
    assert client.get(detail_url(pos_b, tambora)).status_code == 404
    dokumen = tambora.dokumen_set.get()
    for kwargs in (
        {"pos_slug": pos_a.slug, "peserta_pk": tambora.pk, "dokumen_pk": dokumen.pk},
        {"pos_slug": pos_a.slug, "peserta_pk": gambir.pk, "dokumen_pk": dokumen.pk},
    ):
        assert client.get(reverse("lomba:pos-dokumen-unduh", kwargs=kwargs)).status_code == 404
        assert client.post(reverse("lomba:pos-dokumen-delete", kwargs=kwargs)).status_code == 404
    assert DokumenPeserta.objects.filter(pk=dokumen.pk).exists()
    # Nor can Gambir's operator write Tambora's entry.
    assert client.post(detail_url(pos_a, tambora), {"aksi": "profil", "profil-judul": "x"}).status_code == 404
    assert Peserta.objects.get(pk=tambora.pk).judul == "Rahasia Tambora"
    # The juri and admin area is closed to operators.
    assert client.get(lomba.get_kelola_url()).status_code == 403


def test_operator_sees_no_rank_until_announced(client_as, penilaian, operator_a, pos_a, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for j in (juri, juri2):
        for p, v in zip(peserta, (77.77, 66.66, 55.55), strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    client = client_as(operator_a)
    urls = [
        reverse("lomba:pos-peserta-list", kwargs={"pos_slug": pos_a.slug}),
        detail_url(pos_a, peserta[0]),
        reverse("kelola:pos-dasbor", kwargs={"pos_slug": pos_a.slug}),
        reverse("kelola:pos-ringkasan", kwargs={"pos_slug": pos_a.slug}),
    ]
    for url in urls:
        page = body(client.get(url))
        assert "77,77" not in page and "Juara I" not in page, url
    services.lomba_umumkan(lomba=lomba, oleh=admin_provinsi)
    for url in urls:
        assert "Juara I" in body(client.get(url)), url
    assert "77,77" in body(client.get(urls[0]))


def test_operator_uploads_downloads_and_deletes_a_document(client_as, penilaian, operator_a, pos_a):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(operator_a)
    response = client.post(
        detail_url(pos_a, gambir),
        {
            "aksi": "dokumen",
            "dokumen-judul": "  SK   pembentukan ",
            "dokumen-berkas": upload("sk.pdf", VALID_PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    dokumen = gambir.dokumen_set.get()
    assert (
        dokumen.judul == "SK pembentukan" and dokumen.berkas.name.endswith(".pdf") and dokumen.ukuran == len(VALID_PDF)
    )
    unduh = client.get(
        reverse(
            "lomba:pos-dokumen-unduh",
            kwargs={"pos_slug": pos_a.slug, "peserta_pk": gambir.pk, "dokumen_pk": dokumen.pk},
        )
    )
    assert unduh["Content-Disposition"].startswith("attachment")
    assert b"".join(unduh.streaming_content) == VALID_PDF
    photo = client.post(
        detail_url(pos_a, gambir),
        {
            "aksi": "dokumen",
            "dokumen-judul": "Foto sekretariat",
            "dokumen-berkas": upload("foto.jpg", VALID_JPEG, "image/jpeg"),
        },
    )
    assert photo.status_code == 302 and gambir.dokumen_set.count() == 2
    client.post(
        reverse(
            "lomba:pos-dokumen-delete",
            kwargs={"pos_slug": pos_a.slug, "peserta_pk": gambir.pk, "dokumen_pk": dokumen.pk},
        )
    )
    assert list(gambir.dokumen_set.values_list("judul", flat=True)) == ["Foto sekretariat"]


@pytest.mark.parametrize("name,content,ctype", HOSTILE_DOCUMENTS, ids=[h[0] for h in HOSTILE_DOCUMENTS])
def test_hostile_documents_are_refused_or_cleaned(client_as, penilaian, operator_a, pos_a, name, content, ctype):
    lomba, (gambir, *_rest) = penilaian
    response = client_as(operator_a).post(
        detail_url(pos_a, gambir),
        {
            "aksi": "dokumen",
            "dokumen-judul": "Dokumen",
            "dokumen-berkas": upload(name, content, ctype),
        },
    )
    if name in CLEANED_DOCUMENTS:
        assert response.status_code == 302
        stored = gambir.dokumen_set.get().berkas.name
        assert ".." not in stored and "rahasia" in stored and stored.endswith(".pdf")
    else:
        assert response.status_code == 200
        page = body(response)
        assert any(
            m in page
            for m in (
                "Dokumen harus berupa PDF atau gambar",
                "Berkas PDF terlalu besar",
                "Berkas bukan PDF yang valid",
                "Berkas kosong",
                "Berkas yang dikirimkan kosong",
                "Ukuran gambar terlalu besar",
            )
        ), page[:200]
        assert not gambir.dokumen_set.exists()


def test_document_form_refuses_missing_title_and_file(client_as, penilaian, operator_a, pos_a):
    lomba, (gambir, *_rest) = penilaian
    response = client_as(operator_a).post(detail_url(pos_a, gambir), {"aksi": "dokumen", "dokumen-judul": "   "})
    page = body(response)
    assert "Bidang ini tidak boleh kosong." in page
    assert not gambir.dokumen_set.exists()


def test_profile_form_refuses_hostile_links(client_as, penilaian, operator_a, pos_a):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(operator_a)
    for value, message in (
        ("javascript:alert(1)", "URL yang valid"),
        ("https://x.id/" + "a" * 300, "paling banyak 300"),
    ):
        response = client.post(
            detail_url(pos_a, gambir), {"aksi": "profil", "profil-judul": "Baru", "profil-tautan_video": value}
        )
        assert message in body(response)
    assert Peserta.objects.get(pk=gambir.pk).judul == ""
    ok = client.post(
        detail_url(pos_a, gambir),
        {"aksi": "profil", "profil-judul": "<b>TTG</b>", "profil-tautan_video": "https://youtu.be/abc"},
    )
    assert ok.status_code == 302
    page = body(client.get(detail_url(pos_a, gambir)))
    assert "&lt;b&gt;TTG&lt;/b&gt;" in page


def test_final_competition_cannot_be_changed_by_the_operator(
    client_as, penilaian, operator_a, pos_a, admin_provinsi, juri, juri2
):
    lomba, peserta = penilaian
    services.dokumen_unggah(
        peserta=peserta[0], judul="SK", oleh=admin_provinsi, berkas=ContentFile(VALID_PDF, name="sk.pdf")
    )
    for j in (juri, juri2):
        for p in peserta:
            nilai_semua(juri=j, peserta=p, nilai=80)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    client = client_as(operator_a)
    page = body(client.get(detail_url(pos_a, peserta[0])))
    assert "tidak dapat diubah lagi" in page and 'name="aksi"' not in page
    response = client.post(
        detail_url(pos_a, peserta[0]),
        {"aksi": "dokumen", "dokumen-judul": "Baru", "dokumen-berkas": upload("b.pdf", VALID_PDF, "application/pdf")},
        follow=True,
    )
    assert "Lomba sudah final: data dan dokumen tidak dapat diubah lagi." in body(response)
    response = client.post(detail_url(pos_a, peserta[0]), {"aksi": "profil", "profil-judul": "Baru"}, follow=True)
    assert "Lomba sudah final: data dan dokumen tidak dapat diubah lagi." in body(response)
    assert Peserta.objects.get(pk=peserta[0].pk).judul == ""
    dokumen = peserta[0].dokumen_set.get()
    response = client.post(
        reverse(
            "lomba:pos-dokumen-delete",
            kwargs={"pos_slug": pos_a.slug, "peserta_pk": peserta[0].pk, "dokumen_pk": dokumen.pk},
        ),
        follow=True,
    )
    assert "dokumen tidak dapat ditambah atau dihapus" in body(response)
    assert peserta[0].dokumen_set.count() == 1
