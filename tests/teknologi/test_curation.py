"""Curation: operators propose and write guides, the admin provinsi publishes; uploads are hostile-proof."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from teknologi.models import FotoTeknologi, LangkahPanduan, Panduan, StatusTeknologi, Teknologi
from tests.hostile_files import (
    CLEANED,
    CLEANED_DOCUMENTS,
    HOSTILE_DOCUMENTS,
    HOSTILE_IMAGES,
    VALID_JPEG,
    VALID_PDF,
    upload,
)
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db

DATA = {
    "nama": "Alat Pengering Kerupuk",
    "bidang": "pangan",
    "ringkasan": "Mengeringkan kerupuk di musim hujan.",
    "deskripsi": "Pengering tipe rak dengan udara panas.",
    "harga_min": "9000000",
    "harga_max": "22000000",
}


def panduan_post(**extra):
    data = {
        "pengantar": "Untuk pemilik usaha kerupuk.",
        "keselamatan": "Periksa kebocoran gas.\nJangan menyalakan pemanas tanpa kipas.",
        "langkah-TOTAL_FORMS": "2",
        "langkah-INITIAL_FORMS": "0",
        "langkah-MIN_NUM_FORMS": "0",
        "langkah-MAX_NUM_FORMS": "1000",
        "langkah-0-teks": "Susun kerupuk di rak.",
        "langkah-0-ORDER": "2",
        "langkah-1-teks": "Nyalakan kipas lalu pemanas.",
        "langkah-1-ORDER": "1",
        "perawatan-TOTAL_FORMS": "1",
        "perawatan-INITIAL_FORMS": "0",
        "perawatan-MIN_NUM_FORMS": "0",
        "perawatan-MAX_NUM_FORMS": "1000",
        "perawatan-0-frekuensi": "bulanan",
        "perawatan-0-kegiatan": "Periksa kipas.",
        "masalah-TOTAL_FORMS": "1",
        "masalah-INITIAL_FORMS": "0",
        "masalah-MIN_NUM_FORMS": "0",
        "masalah-MAX_NUM_FORMS": "1000",
        "masalah-0-masalah": "Kering tidak merata",
        "masalah-0-penyebab": "Rak tidak ditukar",
        "masalah-0-solusi": "Tukar rak",
    }
    data.update(extra)
    return data


def test_operator_proposes_writes_guide_submits_and_admin_publishes(client_as, operator_a, admin_provinsi, pos_a):
    client = client_as(operator_a)
    response = client.post("/kelola/gambir/teknologi/tambah/", DATA)
    t = Teknologi.objects.get(nama="Alat Pengering Kerupuk")
    assert response["Location"] == f"/kelola/gambir/teknologi/{t.slug}/panduan/"
    assert (t.status, t.diusulkan_pos, t.diusulkan_oleh) == (StatusTeknologi.DRAFT, pos_a, operator_a)
    assert client.get(t.get_absolute_url()).status_code == 404

    response = client.post(f"/kelola/gambir/teknologi/{t.slug}/panduan/", panduan_post())
    assert response.status_code == 302
    assert [s.teks for s in LangkahPanduan.objects.filter(panduan__teknologi=t)] == [
        "Nyalakan kipas lalu pemanas.",
        "Susun kerupuk di rak.",
    ]  # reordered by "Urutan"

    client.post(f"/kelola/gambir/teknologi/{t.slug}/ajukan/")
    t.refresh_from_db()
    assert t.status == StatusTeknologi.DIAJUKAN

    admin = client_as(admin_provinsi)
    assert "1 usulan menunggu diterbitkan" in admin.get("/kelola/teknologi/").content.decode()
    admin.post(f"/kelola/teknologi/{t.slug}/terbitkan/")
    t.refresh_from_db()
    assert (t.status, t.diterbitkan_oleh) == (StatusTeknologi.TERBIT, admin_provinsi)
    client.logout()
    assert client.get(t.get_absolute_url()).status_code == 200
    assert "Susun kerupuk di rak." in client.get(t.get_panduan_url()).content.decode()


def test_operator_cannot_edit_after_publication_but_admin_can(client_as, operator_a, admin_provinsi, pos_a):
    t = f.teknologi("Alat Gambir", pos=pos_a, oleh=operator_a)  # published
    client = client_as(operator_a)
    response = client.get(f"/kelola/gambir/teknologi/{t.slug}/ubah/")
    assert response.status_code == 302
    response = client.post(f"/kelola/gambir/teknologi/{t.slug}/ubah/", {**DATA, "nama": "Diubah operator"})
    assert response.status_code == 403
    t.refresh_from_db()
    assert t.nama == "Alat Gambir"
    client_as(admin_provinsi).post(f"/kelola/teknologi/{t.slug}/ubah/", {**DATA, "nama": "Diubah kurator"})
    t.refresh_from_db()
    assert t.nama == "Diubah kurator" and t.status == StatusTeknologi.TERBIT
    assert "diubah kurator" in t.cari_nama


def test_operator_never_reaches_another_posts_proposal(client_as, operator_a, operator_b, pos_b):
    t = f.teknologi("Usulan Tambora", status="draft", pos=pos_b, oleh=operator_b)
    f.panduan(t)
    client = client_as(operator_a)
    # Under their own post, the other post's proposal does not exist; under the other post, 404 too.
    for url in [
        f"/kelola/gambir/teknologi/{t.slug}/",
        f"/kelola/gambir/teknologi/{t.slug}/ubah/",
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        f"/kelola/tambora/teknologi/{t.slug}/ubah/",
        "/kelola/tambora/teknologi/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/kelola/gambir/teknologi/{t.slug}/ubah/", {**DATA, "nama": "Dibajak"}).status_code == 404
    assert client.post(f"/kelola/gambir/teknologi/{t.slug}/ajukan/").status_code == 404
    assert client.post(f"/kelola/gambir/teknologi/{t.slug}/panduan/", panduan_post()).status_code == 404
    assert "Usulan Tambora" not in client.get("/kelola/gambir/teknologi/").content.decode()
    t.refresh_from_db()
    assert (t.nama, t.status) == ("Usulan Tambora", "draft")
    assert LangkahPanduan.objects.filter(panduan__teknologi=t).count() == 3


def test_admin_returns_a_proposal_with_a_note_and_unpublishes(client_as, admin_provinsi, operator_a, pos_a):
    t = f.teknologi("Alat Usulan", status="diajukan", pos=pos_a, oleh=operator_a)
    admin = client_as(admin_provinsi)
    admin.post(f"/kelola/teknologi/{t.slug}/kembalikan/", {"catatan": "Lengkapi spesifikasi daya."})
    t.refresh_from_db()
    assert (t.status, t.catatan_kurasi) == ("draft", "Lengkapi spesifikasi daya.")
    assert (
        "Lengkapi spesifikasi daya."
        in client_as(operator_a).get(f"/kelola/gambir/teknologi/{t.slug}/").content.decode()
    )


def test_unpublish_is_refused_while_a_campaign_runs(client_as, admin_provinsi, pos_a):
    t = f.teknologi()
    f.kampanye(t, pos_a)
    response = client_as(admin_provinsi).post(f"/kelola/teknologi/{t.slug}/kembalikan/", {"catatan": ""}, follow=True)
    assert "Masih ada kampanye urun beli yang berjalan" in response.content.decode()
    t.refresh_from_db()
    assert t.status == "terbit"


def test_submit_refused_without_description_writes_nothing(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Kosong", status="draft", pos=pos_a, oleh=operator_a, deskripsi="")
    response = client_as(operator_a).post(f"/kelola/gambir/teknologi/{t.slug}/ajukan/", follow=True)
    assert "Lengkapi ringkasan dan deskripsi" in response.content.decode()
    t.refresh_from_db()
    assert t.status == "draft"


def test_history_records_who_changed_what(client_as, admin_provinsi, kurator):
    t = f.teknologi("Alat Riwayat", oleh=kurator)
    client = client_as(admin_provinsi)
    client.post(f"/kelola/teknologi/{t.slug}/ubah/", {**DATA, "nama": "Alat Riwayat Baru", "kapasitas": "50 kg/jam"})
    body = client.get(f"/kelola/teknologi/{t.slug}/riwayat/").content.decode()
    assert "Admin Provinsi" in body
    assert "Alat Riwayat" in body and "Alat Riwayat Baru" in body and "50 kg/jam" in body
    assert t.history.count() >= 2


@pytest.mark.parametrize(
    "data,message",
    [
        ({"nama": ""}, "tidak boleh kosong"),
        ({"nama": "   "}, "tidak boleh kosong"),
        ({"nama": "x" * 200}, "paling banyak 120"),
        ({"bidang": "roket"}, "Masukkan pilihan yang valid"),
        ({"harga_min": "-5"}, "Tidak boleh negatif."),
        ({"harga_min": "abc"}, "Masukkan angka, misalnya 1.500.000."),
        ({"harga_min": "5000000", "harga_max": "1000000"}, "Harga tertinggi tidak boleh lebih kecil"),
        ({"harga_max": "99999999999999"}, "Harga terlalu besar"),
        ({"video_url": "javascript:alert(1)"}, "URL yang valid"),
        ({"video_url": "http://contoh.id/video"}, "harus diawali https://"),
        ({"penghargaan": "inovasi"}, "Isi tahun penghargaan"),
        (
            {"penghargaan": "inovasi", "penghargaan_tahun": "1800", "penghargaan_tingkat": "kota"},
            "Nilai harus antara 1990 dan 2100.",
        ),
    ],
)
def test_technology_form_refuses_hostile_input_and_writes_nothing(client_as, operator_a, data, message):
    response = client_as(operator_a).post("/kelola/gambir/teknologi/tambah/", {**DATA, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Teknologi.objects.exists()


def test_html_in_text_is_escaped_on_public_pages(client_as, admin_provinsi, client):
    client_as(admin_provinsi).post(
        "/kelola/teknologi/tambah/",
        {**DATA, "nama": "<script>alert(1)</script> Alat", "deskripsi": "<img src=x onerror=alert(1)>"},
    )
    t = Teknologi.objects.get()
    t.status = "terbit"
    t.save()
    client.logout()
    body = client.get(t.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES, ids=[h[0] for h in HOSTILE_IMAGES])
def test_photo_uploads_refuse_or_clean_every_hostile_file(client_as, operator_a, name, content, ctype):
    response = client_as(operator_a).post(
        "/kelola/gambir/teknologi/tambah/", {**DATA, "foto_baru": upload(name, content, ctype)}
    )
    if name in CLEANED:
        assert response.status_code == 302
        t = Teknologi.objects.get()
        assert "/" not in t.foto.name.removeprefix("teknologi/foto/") and ".." not in t.foto.name
        with Image.open(t.foto.path) as image:
            assert image.format in {"JPEG", "PNG", "WEBP"} and not image.getexif()
        assert b"<script>" not in open(t.foto.path, "rb").read()
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["foto_baru"]
        assert not Teknologi.objects.exists()


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES[:8], ids=[h[0] for h in HOSTILE_IMAGES[:8]])
def test_gallery_photo_upload_refuses_hostile_files_and_changes_nothing(
    client_as, operator_a, pos_a, name, content, ctype
):
    t = f.teknologi("Alat Galeri", status="draft", pos=pos_a, oleh=operator_a)
    response = client_as(operator_a).post(
        f"/kelola/gambir/teknologi/{t.slug}/ubah/",
        {**DATA, "nama": "Nama Baru", "foto_tambahan": upload(name, content, ctype)},
    )
    if name in CLEANED:
        assert response.status_code == 302
    else:
        assert response.status_code == 200 and response.context["form"].errors["foto_tambahan"]
        t.refresh_from_db()
        assert t.nama == "Alat Galeri" and not FotoTeknologi.objects.exists()


def test_gallery_photos_are_added_and_removed(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Galeri", status="draft", pos=pos_a, oleh=operator_a)
    client = client_as(operator_a)
    client.post(
        f"/kelola/gambir/teknologi/{t.slug}/ubah/",
        {
            **DATA,
            "foto_tambahan": upload("a.jpg", VALID_JPEG, "image/jpeg"),
            "foto_tambahan_keterangan": "Tampak depan",
        },
    )
    foto = FotoTeknologi.objects.get()
    assert foto.keterangan == "Tampak depan"
    other = FotoTeknologi.objects.create(teknologi=f.teknologi("Lain"), foto=ContentFile(VALID_JPEG, name="b.jpg"))
    response = client.post(f"/kelola/gambir/teknologi/{t.slug}/ubah/", {**DATA, "hapus_foto": [other.pk]})
    assert response.status_code == 200 and "Masukkan pilihan yang valid" in response.content.decode()
    client.post(f"/kelola/gambir/teknologi/{t.slug}/ubah/", {**DATA, "hapus_foto": [foto.pk]})
    assert list(FotoTeknologi.objects.all()) == [other]


@pytest.mark.parametrize("name,content,ctype", HOSTILE_DOCUMENTS, ids=[h[0] for h in HOSTILE_DOCUMENTS])
def test_guide_pdf_upload_refuses_or_cleans_every_hostile_file(client_as, operator_a, pos_a, name, content, ctype):
    t = f.teknologi("Alat PDF", status="draft", pos=pos_a, oleh=operator_a)
    response = client_as(operator_a).post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/", {**panduan_post(), "pdf": upload(name, content, ctype)}
    )
    if name in CLEANED_DOCUMENTS:
        assert response.status_code == 302
        pdf = Panduan.objects.get().pdf
        assert pdf.name.startswith("teknologi/panduan/rahasia-") and pdf.name.endswith(".pdf")
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["pdf"]
        assert not Panduan.objects.exists() and not LangkahPanduan.objects.exists()


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES[:8], ids=[h[0] for h in HOSTILE_IMAGES[:8]])
def test_step_photo_upload_refuses_hostile_files_and_writes_nothing(client_as, operator_a, pos_a, name, content, ctype):
    t = f.teknologi("Alat Langkah", status="draft", pos=pos_a, oleh=operator_a)
    response = client_as(operator_a).post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        {**panduan_post(), "langkah-0-foto": upload(name, content, ctype)},
    )
    if name in CLEANED:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert "langkah-0-foto" in response.content.decode()
        assert response.context["langkah_formset"].forms[0].errors["foto"]
        assert not Panduan.objects.exists()


def test_step_photos_are_kept_on_edit_and_forged_paths_are_ignored(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Langkah", status="draft", pos=pos_a, oleh=operator_a)
    client = client_as(operator_a)
    client.post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        {**panduan_post(), "langkah-1-foto": upload("langkah.jpg", VALID_JPEG, "image/jpeg")},
    )
    first = LangkahPanduan.objects.get(urutan=1)
    assert first.foto.name.startswith("teknologi/langkah/langkah-")
    kept = first.foto.name
    # Edit: the form carries the stored name back; a forged name (someone else's file) is dropped.
    response = client.post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        panduan_post(
            **{
                "langkah-0-ORDER": "1",
                "langkah-1-ORDER": "2",
                "langkah-0-foto_lama": kept,
                "langkah-1-foto_lama": "../../settings.py",
            }
        ),
    )
    assert response.status_code == 302
    steps = list(LangkahPanduan.objects.all())
    assert [s.foto.name for s in steps] == [kept, ""]


def test_guide_needs_at_least_one_step_and_rejects_overlong_rows(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Kosong", status="draft", pos=pos_a, oleh=operator_a)
    client = client_as(operator_a)
    response = client.post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        panduan_post(**{"langkah-0-teks": "", "langkah-1-teks": "", "langkah-0-ORDER": "", "langkah-1-ORDER": ""}),
    )
    assert "sedikitnya satu langkah" in response.content.decode()
    response = client.post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/", panduan_post(**{"masalah-0-solusi": "x" * 600})
    )
    assert "paling banyak 500" in response.content.decode()
    response = client.post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/", panduan_post(**{"perawatan-0-frekuensi": "abad"})
    )
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Panduan.objects.exists()


def test_a_forged_form_count_builds_no_more_than_the_maximum(client_as, operator_a, pos_a):
    """TOTAL_FORMS=100000 must not make the server build (and render) a form per claimed row."""
    t = f.teknologi("Alat Banjir", status="draft", pos=pos_a, oleh=operator_a)
    response = client_as(operator_a).post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/",
        panduan_post(**{"langkah-TOTAL_FORMS": "100000", "masalah-TOTAL_FORMS": "5000"}),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('name="langkah-39-teks"') == 1 and 'name="langkah-40-teks"' not in body
    assert 'name="masalah-30-masalah"' not in body
    assert "40" in body and not Panduan.objects.exists()


def test_deleted_rows_are_dropped_from_the_guide(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Hapus", status="draft", pos=pos_a, oleh=operator_a)
    client_as(operator_a).post(
        f"/kelola/gambir/teknologi/{t.slug}/panduan/", panduan_post(**{"langkah-1-DELETE": "on"})
    )
    assert [s.teks for s in LangkahPanduan.objects.all()] == ["Susun kerupuk di rak."]


def test_reserved_words_never_become_slugs(kurator):
    assert f.teknologi("Tambah").slug == "tambah-ttg"
    assert f.teknologi("Tambah").slug == "tambah-ttg-2"


def test_photo_is_shrunk_to_1600(client_as, operator_a):
    buf = io.BytesIO()
    Image.new("RGB", (3000, 2000), (1, 2, 3)).save(buf, "JPEG")
    client_as(operator_a).post(
        "/kelola/gambir/teknologi/tambah/", {**DATA, "foto_baru": upload("besar.jpg", buf.getvalue(), "image/jpeg")}
    )
    with Image.open(Teknologi.objects.get().foto.path) as image:
        assert max(image.size) == 1600


def test_valid_pdf_replaces_and_can_be_removed(client_as, admin_provinsi):
    t = f.teknologi()
    client = client_as(admin_provinsi)
    client.post(
        f"/kelola/teknologi/{t.slug}/panduan/", {**panduan_post(), "pdf": upload("p.pdf", VALID_PDF, "application/pdf")}
    )
    assert Panduan.objects.get().pdf
    client.post(f"/kelola/teknologi/{t.slug}/panduan/", {**panduan_post(), "hapus_pdf": "on"})
    assert not Panduan.objects.get().pdf


def test_untouched_extra_rows_of_the_guide_form_are_skipped(client_as, operator_a, pos_a):
    t = f.teknologi("Alat Baris Kosong", status="draft", pos=pos_a, oleh=operator_a)
    data = panduan_post(
        **{
            "perawatan-TOTAL_FORMS": "3",
            "perawatan-1-frekuensi": "",
            "perawatan-1-kegiatan": "",
            "masalah-TOTAL_FORMS": "2",
        }
    )
    assert client_as(operator_a).post(f"/kelola/gambir/teknologi/{t.slug}/panduan/", data).status_code == 302
    assert Panduan.objects.get().perawatan_set.count() == 1


def test_history_shows_labels_and_names_not_raw_values(client_as, admin_provinsi, operator_a, pos_a):
    t = f.teknologi("Alat Label", status="diajukan", pos=pos_a, oleh=operator_a)
    client = client_as(admin_provinsi)
    client.post(f"/kelola/teknologi/{t.slug}/terbitkan/")
    body = client.get(f"/kelola/teknologi/{t.slug}/riwayat/").content.decode()
    assert "Draf</del> → <ins>Terbit" in body  # the factory set "diajukan" without a history row
    assert "→ <ins>Admin Provinsi</ins>" in body
