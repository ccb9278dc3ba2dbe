"""The post's document archive: uploads checked by content, private storage, downloads only."""

import datetime
from pathlib import Path

import pytest

from posyantek.models import Dokumen
from tests.hostile_files import CLEANED_DOCUMENTS, HOSTILE_DOCUMENTS, VALID_JPEG, VALID_PDF, upload
from tests.posyantek.factories import DokumenFactory

pytestmark = pytest.mark.django_db


def data(berkas, **extra) -> dict:
    return {
        "judul": "SK Camat tentang Pengurus",
        "kategori": "sk",
        "nomor": "12/2025",
        "tanggal": "2025-02-01",
        "keterangan": "",
        "berkas_baru": berkas,
        **extra,
    }


def stored_files(root) -> list[Path]:
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_operator_uploads_a_pdf_into_private_storage(client_as, operator_a, pos_a, settings):
    response = client_as(operator_a).post(
        "/kelola/gambir/arsip/tambah/", data(upload("sk.pdf", VALID_PDF, "application/pdf"))
    )
    assert response["Location"] == "/kelola/gambir/arsip/"
    dok = Dokumen.objects.get()
    assert (dok.pos, dok.kategori, dok.ukuran, dok.diunggah_oleh, dok.jenis_berkas) == (
        pos_a,
        "sk",
        len(VALID_PDF),
        operator_a,
        "PDF",
    )
    assert dok.berkas.name.startswith("arsip/gambir/2025/sk-")
    assert [p.read_bytes() for p in stored_files(settings.PRIVATE_MEDIA_ROOT)] == [VALID_PDF]
    assert stored_files(settings.MEDIA_ROOT) == []  # never where the web server serves /media/
    with pytest.raises(ValueError):
        _ = dok.berkas.url  # a private file has no public URL


def test_a_scanned_letter_as_image_is_accepted(client_as, operator_a):
    client_as(operator_a).post(
        "/kelola/gambir/arsip/tambah/", data(upload("surat.jpg", VALID_JPEG, "image/jpeg"), kategori="surat_masuk")
    )
    assert Dokumen.objects.get().jenis_berkas == "JPG"


@pytest.mark.parametrize("name,content,ctype", HOSTILE_DOCUMENTS, ids=[h[0] for h in HOSTILE_DOCUMENTS])
def test_hostile_documents_are_refused_or_stored_safely(client_as, operator_a, settings, name, content, ctype):
    response = client_as(operator_a).post("/kelola/gambir/arsip/tambah/", data(upload(name, content, ctype)))
    if name in CLEANED_DOCUMENTS:
        assert response.status_code == 302
        stored = Dokumen.objects.get().berkas.name
        assert ".." not in stored and stored.startswith("arsip/gambir/") and stored.endswith(".pdf")
    else:
        assert response.status_code == 200
        body = response.content.decode()
        assert "field-error" in body and ("PDF" in body or "kosong" in body or "besar" in body)
        assert not Dokumen.objects.exists()
        assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"kategori": "rahasia"}, "Pilih salah satu dari daftar"),
        ({"judul": ""}, "di sini."),
        ({"tanggal": "32-01-2025"}, "Pilih tanggal dari kalender"),
        ({"judul": "x" * 201}, "paling banyak 200"),
    ],
)
def test_hostile_details_are_refused_and_nothing_is_stored(client_as, operator_a, settings, extra, message):
    response = client_as(operator_a).post(
        "/kelola/gambir/arsip/tambah/", data(upload("sk.pdf", VALID_PDF, "application/pdf"), **extra)
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Dokumen.objects.exists() and stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_missing_file_is_refused(client_as, operator_a):
    response = client_as(operator_a).post("/kelola/gambir/arsip/tambah/", data(""))
    assert response.status_code == 200 and "Pilih berkas untuk berkas (PDF" in response.content.decode()


def test_download_is_an_attachment_that_never_renders_inline(client_as, operator_a, pos_a):
    dok = DokumenFactory(pos=pos_a, judul="Laporan <Triwulan> I")
    response = client_as(operator_a).get(f"/kelola/gambir/arsip/{dok.pk}/unduh/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="laporan-triwulan-i.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == VALID_PDF


def test_other_posts_documents_never_leak(client_as, operator_a, pos_b):
    rahasia = DokumenFactory(pos=pos_b, judul="SK Rahasia Tambora")
    client = client_as(operator_a)
    assert "SK Rahasia Tambora" not in client.get("/kelola/gambir/arsip/").content.decode()
    assert "SK Rahasia Tambora" not in client.get("/kelola/gambir/arsip/?q=Rahasia").content.decode()
    assert client.get(f"/kelola/gambir/arsip/{rahasia.pk}/unduh/").status_code == 404
    assert client.get(f"/kelola/tambora/arsip/{rahasia.pk}/unduh/").status_code == 404
    assert client.post(f"/kelola/gambir/arsip/{rahasia.pk}/hapus/").status_code == 404
    assert Dokumen.objects.filter(pk=rahasia.pk).exists()


def test_archive_is_not_public(client, pos_a):
    dok = DokumenFactory(pos=pos_a, judul="SK Internal")
    assert client.get(f"/kelola/gambir/arsip/{dok.pk}/unduh/")["Location"].startswith("/akun/login/")
    assert "SK Internal" not in client.get("/pos/gambir/").content.decode()


def test_search_by_words_category_and_year(client_as, operator_a, pos_a):
    DokumenFactory(pos=pos_a, judul="Laporan pelatihan kemasan", kategori="laporan", tanggal=datetime.date(2025, 5, 1))
    DokumenFactory(
        pos=pos_a,
        judul="Surat undangan rapat",
        kategori="surat_masuk",
        nomor="005/UND/2024",
        tanggal=datetime.date(2024, 3, 1),
    )
    client = client_as(operator_a)

    def titles(query: str) -> set[str]:
        return {d.judul for d in client.get(f"/kelola/gambir/arsip/?{query}").context["dokumen_list"]}

    assert titles("q=kemasan+laporan") == {"Laporan pelatihan kemasan"}
    assert titles("q=005%2FUND") == {"Surat undangan rapat"}
    assert titles("kategori=surat_masuk") == {"Surat undangan rapat"}
    assert titles("tahun=2025") == {"Laporan pelatihan kemasan"}
    assert titles("q=tidak+ada") == set()
    assert "Tidak ada dokumen yang cocok" in client.get("/kelola/gambir/arsip/?q=tidak+ada").content.decode()


def test_replacing_and_deleting_remove_the_old_files(
    client_as, operator_a, pos_a, settings, django_capture_on_commit_callbacks
):
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/kelola/gambir/arsip/tambah/", data(upload("sk.pdf", VALID_PDF, "application/pdf")))
    dok = Dokumen.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kelola/gambir/arsip/{dok.pk}/ubah/",
            data(upload("scan.jpg", VALID_JPEG, "image/jpeg"), judul="SK (pindaian)"),
        )
    dok.refresh_from_db()
    assert dok.judul == "SK (pindaian)" and dok.jenis_berkas == "JPG"
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/gambir/arsip/{dok.pk}/ubah/", data("", judul="SK final"))
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/gambir/arsip/{dok.pk}/hapus/")
    assert not Dokumen.objects.exists() and stored_files(settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    DokumenFactory.create_batch(n, pos=pos_a)
    client = client_as(operator_a)
    client.get("/kelola/gambir/arsip/")
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        response = client.get("/kelola/gambir/arsip/")
    assert len(response.context["dokumen_list"]) == n
