"""The yearly reports (#14.1): a post's PDF and DOCX say the numbers of its records for the year, and
nothing of another year or another post; the province's ranks the posts; attaching to a Lomba entry
is one step and never doubles; hostile years and other posts' operators get 404."""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lomba.models import DokumenPeserta, Kategori, Peserta, Status
from pelatihan.models import Jadwal, Pendaftaran
from posyantek import laporan
from posyantek.models import Jabatan, JenisLayanan
from teknologi.models import Adopsi, StatusAdopsi
from tests.lomba.factories import LombaFactory
from tests.pdf_check import A4, sama_ukuran, teks, ukuran_halaman
from tests.pelatihan.factories import AktivitasFactory, JadwalFactory, PendaftaranFactory, RelawanFactory
from tests.posyantek.factories import (
    KabarFactory,
    KabarFotoFactory,
    KepengurusanFactory,
    LogLayananFactory,
    MitraFactory,
    PengurusFactory,
)
from tests.teknologi import factories as tf
from tests.ukm.factories import UkmFactory, kelurahan
from ukm.models import Ukm

pytestmark = pytest.mark.django_db

TAHUN = 2025


def _waktu(bulan: int, hari: int, jam: int = 9):
    return timezone.make_aware(datetime(TAHUN, bulan, hari, jam))


@pytest.fixture
def catatan(pos_a, pos_b):
    """Gambir's 2025, with records of 2024 and of Tambora around it that must not count."""
    periode = KepengurusanFactory(pos=pos_a, mulai=date(2024, 4, 1), selesai=date(2027, 3, 31))
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.KETUA, nama="Siti Aminah")
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.SEKRETARIS, nama="Budi Rahman")

    mikro = UkmFactory(nama="Keripik Mikro", kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=100_000_000)
    kecil = UkmFactory(nama="Kopi Kecil", kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=5 * 10**9)
    Ukm.objects.filter(pk__in=[mikro.pk, kecil.pk]).update(created_at=_waktu(4, 2))
    santan = tf.teknologi("Alat Pemeras Santan")

    kel = pos_a.kecamatan.kelurahan_set.first()
    for hari, jenis, n, ukm in ((3, "teknis", 4, None), (10, "teknis", 4, kecil), (17, "informasi", 2, None)):
        LogLayananFactory(
            pos=pos_a, kelurahan=kel, tanggal=date(TAHUN, 3, hari), jenis=jenis, jumlah_penerima=n, ukm=ukm
        )
    for hari, jenis, n in ((5, JenisLayanan.PROMOSI, 5), (20, JenisLayanan.ORIENTASI, 1)):
        LogLayananFactory(
            pos=pos_a,
            kelurahan=kel,
            tanggal=date(TAHUN, 5, hari),
            jenis=jenis,
            jumlah_penerima=n,
            ukm=mikro,
            teknologi=santan,
        )
    LogLayananFactory(pos=pos_a, kelurahan=kel, tanggal=date(2024, 12, 31), jumlah_penerima=50)
    LogLayananFactory(
        pos=pos_b, kelurahan=pos_b.kecamatan.kelurahan_set.first(), tanggal=date(TAHUN, 3, 3), jumlah_penerima=7
    )

    for nama, sejak in (("Keripik Mikro", date(TAHUN, 6, 1)), ("Usaha Lama", date(2024, 6, 1))):
        Adopsi.objects.create(teknologi=santan, pos=pos_a, nama_usaha=nama, sejak=sejak, status=StatusAdopsi.DISETUJUI)
    Adopsi.objects.create(
        teknologi=santan, pos=pos_a, nama_usaha="Belum", sejak=date(TAHUN, 7, 1), status=StatusAdopsi.MENUNGGU
    )

    sesi = JadwalFactory(pos=pos_a, mulai=_waktu(8, 10), selesai=_waktu(8, 10, 12), kapasitas=10)
    for i in range(4):
        PendaftaranFactory(jadwal=sesi, hadir=i < 3)
    PendaftaranFactory(jadwal=sesi, status=Pendaftaran.Status.DIBATALKAN)
    JadwalFactory(pos=pos_a, mulai=_waktu(9, 1), selesai=_waktu(9, 1, 12), status=Jadwal.Status.DIBATALKAN)

    relawan = RelawanFactory(pos=[pos_a])
    AktivitasFactory(relawan=relawan, pos=pos_a, tanggal=date(TAHUN, 2, 3), jam=Decimal("2.5"), status="dikonfirmasi")
    AktivitasFactory(relawan=relawan, pos=pos_a, tanggal=date(TAHUN, 2, 10), jam=3, status="dikonfirmasi")
    AktivitasFactory(relawan=relawan, pos=pos_a, tanggal=date(TAHUN, 2, 11), jam=4, status="diajukan")

    MitraFactory(pos=pos_a, nama="Universitas Kemasan", mulai=date(2024, 1, 1))
    MitraFactory(pos=pos_a, nama="Mitra Lama", mulai=date(2020, 1, 1), selesai=date(2023, 12, 31))

    kabar = KabarFactory(pos=pos_a, judul="Pelatihan kemasan 2025", tanggal=date(TAHUN, 9, 1))
    KabarFotoFactory(kabar=kabar)
    KabarFactory(pos=pos_a, judul="Draf kabar", tanggal=date(TAHUN, 9, 2), is_terbit=False)

    lomba = LombaFactory(tahun=TAHUN, status=Status.DIUMUMKAN, nama="Lomba Posyantek DKI 2025")
    Peserta.objects.create(lomba=lomba, pos=pos_a, peringkat=2, nilai_akhir=Decimal("87.5"))
    return {"periode": periode}


EXPECTED = {
    "Pengurus": "2",
    "Layanan dicatat": "5",
    "Penerima layanan": "16",
    "UKM dilayani": "2",
    "UKM baru terdaftar": "2",
    "Peragaan teknologi": "2",
    "Teknologi diadopsi UKM": "1",
    "Teknologi peraga di pos": "0",
    "Sesi pelatihan": "1",
    "Peserta pelatihan": "4",
    "Peserta hadir": "3",
    "Jam relawan TIK": "5,5",
    "Relawan TIK aktif": "1",
    "Mitra": "1",
    "Kabar kegiatan": "1",
    "Lomba diikuti": "1",
    "Juara 1–3": "1",
}


def test_the_summary_numbers_are_the_records_of_that_year_and_post(catatan, pos_a):
    konteks = laporan.konteks_pos(pos_a, TAHUN)
    assert dict(konteks["ringkasan"]) == EXPECTED
    isi = {b.kunci: i for b, i in konteks["bagian"]}
    jenis = {row[0]: row[1:] for row in isi["layanan"].tabel[0].baris}
    assert jenis[str(JenisLayanan.TEKNIS.label)] == [2, 8]
    assert jenis["Jumlah"] == [5, 16]
    bulan = {b.label: b.value for b in isi["layanan"].grafik[0].batang}
    assert (bulan["Mar 2025"], bulan["Mei 2025"], bulan["Des 2025"]) == (3, 2, 0)
    kelas = dict(isi["ukm"].tabel[0].baris)
    assert (kelas["Mikro"], kelas["Kecil"]) == (1, 1)
    assert [row[1:] for row in isi["pelatihan"].tabel[0].baris][:1] == [
        [JadwalFactory._meta.model.objects.get(mulai=_waktu(8, 10)).nama, 4, 3]
    ]


def test_the_pdf_says_the_same_numbers_on_a4(catatan, client_as, operator_a):
    response = client_as(operator_a).get(f"/kelola/gambir/laporan/{TAHUN}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert all(sama_ukuran(u, A4) for u in ukuran_halaman(pdf))
    text = teks(pdf)
    for label, value in EXPECTED.items():
        assert re.search(rf"(?<![\d,.]){re.escape(value)} {re.escape(label)}", text), (label, value)
    for word in ("Siti Aminah", "Universitas Kemasan", "Pelatihan kemasan 2025", "Lomba Posyantek DKI 2025", "87,5"):
        assert word in text
    for absent in ("Mitra Lama", "Draf kabar"):
        assert absent not in text
    assert "Portal Posyantek DKI Jakarta" in text  # the footer


def test_the_docx_says_the_same_numbers(catatan, client_as, operator_a):
    from docx import Document

    response = client_as(operator_a).get(f"/kelola/gambir/laporan/{TAHUN}.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="laporan-tahunan-gambir-{TAHUN}.docx"'
    doc = Document(io.BytesIO(response.content))
    ringkasan = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}
    assert ringkasan == EXPECTED
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    semua = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "Siti Aminah" in semua and "Mitra Lama" not in semua
    assert len(doc.inline_shapes) == 1  # the news photo


def test_another_posts_operator_gets_404_and_its_own_report_holds_none_of_this(catatan, client_as, operator_b):
    client = client_as(operator_b)
    for path in ("", f"{TAHUN}.pdf", f"{TAHUN}.docx"):
        assert client.get(f"/kelola/gambir/laporan/{path}").status_code == 404
    text = teks(client.get(f"/kelola/tambora/laporan/{TAHUN}.pdf").content)
    assert "Siti Aminah" not in text and "Universitas Kemasan" not in text
    assert re.search(r"(?<![\d,.])1 Layanan dicatat", text)


@pytest.mark.parametrize("tahun", ["2014", "0", "99999999999", "next"])
def test_a_year_outside_the_records_range_is_404(client_as, operator_a, admin_provinsi, tahun):
    if tahun == "next":
        tahun = str(timezone.localdate().year + 1)
    assert client_as(operator_a).get(f"/kelola/gambir/laporan/{tahun}.pdf").status_code == 404
    assert client_as(operator_a).get(f"/kelola/gambir/laporan/{tahun}.docx").status_code == 404
    assert client_as(admin_provinsi).get(f"/kelola/laporan/{tahun}.pdf").status_code == 404
    assert client_as(operator_a).get("/kelola/gambir/laporan/abc.pdf").status_code == 404


def test_the_index_lists_the_years_back_to_the_first_record(catatan, client_as, operator_a):
    html = client_as(operator_a).get("/kelola/gambir/laporan/").content.decode()
    ini = timezone.localdate().year
    for tahun in range(2024, ini + 1):
        assert f"/kelola/gambir/laporan/{tahun}.pdf" in html
    assert "/kelola/gambir/laporan/2023.pdf" not in html


def test_the_province_report_ranks_the_posts_by_activity(catatan, client_as, admin_provinsi, operator_a):
    peringkat = laporan.peringkat_pos(TAHUN)
    assert (peringkat[0].pos.slug, peringkat[0].skor) == ("gambir", Decimal("13.5"))  # 5 + 3 + 5.5
    tambora = next(r for r in peringkat if r.pos.slug == "tambora")
    assert tambora.skor == 1 and peringkat.index(tambora) == 1
    response = client_as(admin_provinsi).get(f"/kelola/laporan/{TAHUN}.pdf")
    assert response.status_code == 200
    pdf = response.content
    assert all(sama_ukuran(u, A4) for u in ukuran_halaman(pdf))
    text = teks(pdf)
    assert text.index("Posyantek Kecamatan Gambir") < text.index("Posyantek Kecamatan Tambora")
    assert re.search(r"(?<![\d,.])6 Layanan dicatat", text)  # the province: Gambir's 5 + Tambora's 1
    assert "Kota Administrasi Jakarta Pusat" in text and "Kota Administrasi Jakarta Barat" in text
    assert client_as(admin_provinsi).get(f"/kelola/laporan/{TAHUN}.docx").status_code == 200
    assert client_as(operator_a).get(f"/kelola/laporan/{TAHUN}.pdf").status_code == 403


@pytest.fixture
def entri(catatan, pos_a):
    lomba = LombaFactory(tahun=TAHUN, status=Status.DRAFT, nama="Lomba Terbuka 2025", kategori=Kategori.INOVASI_TTG)
    return Peserta.objects.create(lomba=lomba, pos=pos_a)


def test_attaching_the_report_is_one_step_and_never_doubles(entri, client_as, operator_a):
    from django.core.files.storage import default_storage

    client = client_as(operator_a)
    html = client.get("/kelola/gambir/laporan/").content.decode()
    assert "Lampirkan ke Lomba Terbuka 2025" in html
    url = f"/kelola/gambir/laporan/lampirkan/{entri.pk}/"
    response = client.post(url, follow=True)
    assert "dilampirkan" in response.content.decode()
    dokumen = DokumenPeserta.objects.get(peserta=entri)
    assert dokumen.judul == f"Laporan tahunan {TAHUN}"
    with dokumen.berkas.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF") and "5 Layanan dicatat" in teks(data)
    assert dokumen.berkas.storage is not default_storage  # private storage, never public media
    client.post(url)
    assert DokumenPeserta.objects.filter(peserta=entri).count() == 1
    assert DokumenPeserta.objects.get(peserta=entri).pk != dokumen.pk
    assert "Perbarui lampiran di Lomba Terbuka 2025" in client.get("/kelola/gambir/laporan/").content.decode()


def test_attaching_to_a_final_competition_is_refused_and_writes_nothing(entri, client_as, operator_a):
    type(entri.lomba).objects.filter(pk=entri.lomba_id).update(status=Status.FINAL)
    response = client_as(operator_a).post(f"/kelola/gambir/laporan/lampirkan/{entri.pk}/", follow=True)
    assert "Lomba sudah final" in response.content.decode()
    assert not DokumenPeserta.objects.filter(peserta=entri).exists()


def test_another_posts_operator_cannot_attach(entri, client_as, operator_b):
    assert client_as(operator_b).post(f"/kelola/gambir/laporan/lampirkan/{entri.pk}/").status_code == 404
    assert client_as(operator_b).post(f"/kelola/tambora/laporan/lampirkan/{entri.pk}/").status_code == 404
    assert not DokumenPeserta.objects.exists()


def test_a_section_key_registered_twice_is_refused(monkeypatch):
    import types

    from django.core.exceptions import ImproperlyConfigured

    dua = types.SimpleNamespace(BAGIAN=[laporan.Bagian("layanan", "x", 1, lambda lingkup, tahun: laporan.Isi())])
    laporan.bagian_semua.cache_clear()
    monkeypatch.setattr("posyantek.extensions.import_module", lambda name: dua)
    try:
        with pytest.raises(ImproperlyConfigured, match="dua kali"):
            laporan.bagian_semua()
    finally:
        monkeypatch.undo()
        laporan.bagian_semua.cache_clear()


def test_a_session_counts_once_it_has_started(pos_a):
    from datetime import timedelta

    ini = timezone.localdate().year
    JadwalFactory(pos=pos_a)  # in three days: not held yet
    assert dict(laporan.konteks_pos(pos_a, ini)["ringkasan"])["Sesi pelatihan"] == "0"
    mulai = timezone.now() - timedelta(minutes=1)
    JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))
    assert dict(laporan.konteks_pos(pos_a, ini)["ringkasan"])["Sesi pelatihan"] == "1"
