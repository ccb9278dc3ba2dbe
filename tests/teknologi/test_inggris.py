"""Everything a visitor reads has English (#14.3), for a technology and its guide: the English text
when an operator wrote it, else the Indonesian text marked lang="id"; operators see what lacks English."""

import re
from html.parser import HTMLParser

import pytest

from teknologi import services
from teknologi.models import Teknologi
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db

# Common Indonesian words that no English sentence of the page should contain.
KATA_INDONESIA = {
    "dan", "yang", "untuk", "dengan", "dari", "atau", "ini", "itu", "langkah", "keselamatan", "perawatan",
    "masalah", "penyebab", "solusi", "setiap", "kapan", "kegiatan", "panduan", "pemakaian", "pindai",
    "diperbarui", "butuh", "bantuan", "cetak", "unduh", "alat", "pakai", "sebelum", "sesudah", "hari",
    "minggu", "bulan", "bagikan", "kecamatan", "datangi", "spesifikasi", "pemasok", "tentang", "cara", "kerja",
}  # fmt: skip


class _Teks(HTMLParser):
    """The visible text of the guide's <article>, without URLs shown as text and without what is
    marked lang="id" (collected apart)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # tag, inside lang=id, hidden
        self.inggris: list[str] = []
        self.indonesia: list[str] = []
        self.di_artikel = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        kelas = attrs.get("class") or ""
        if tag == "article" and "ttg-panduan" in kelas:
            self.di_artikel += 1
        lang_id = (self.stack[-1][1] if self.stack else False) or attrs.get("lang") == "id"
        hidden = (self.stack[-1][2] if self.stack else False) or "ttg-url" in kelas or tag in ("script", "style")
        if tag not in ("img", "br", "wbr", "input", "meta", "link"):
            self.stack.append((tag, lang_id, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article" and self.di_artikel:
            self.di_artikel -= 1

    def handle_data(self, data):
        if not self.di_artikel or not data.strip() or (self.stack and self.stack[-1][2]):
            return
        (self.indonesia if self.stack and self.stack[-1][1] else self.inggris).append(data.strip())


def _baca(client, url) -> _Teks:
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    parser = _Teks()
    parser.feed(response.content.decode())
    return parser


def _kata(teks: list[str]) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", " ".join(teks))}


@pytest.fixture
def alat():
    t = f.teknologi(
        "Alat Pemeras Santan",
        nama_en="Coconut Milk Press",
        ringkasan_en="Presses grated coconut into milk for small food businesses.",
        deskripsi="Alat untuk memeras kelapa parut.",
        deskripsi_en="A press for grated coconut.",
        cara_kerja="Diputar dengan tangan.",
        cara_kerja_en="Turned by hand.",
        spesifikasi_lain="Rangka baja\nWadah tahan karat",
        spesifikasi_lain_en="Steel frame\nStainless container",
        kapasitas="30 liter per jam",
        kapasitas_en="30 litres an hour",
        daya="Listrik 220 V",
        daya_en="Electric, 220 V",
    )
    return Teknologi.objects.get(pk=t.pk)


def _panduan_inggris(t):
    return services.panduan_simpan(
        teknologi=t,
        data={
            "pengantar": "Untuk pemilik usaha.",
            "pengantar_en": "For business owners.",
            "keselamatan": "Cabut steker sebelum membersihkan.\nPakai sarung tangan.",
            "keselamatan_en": "Unplug before cleaning.\nWear gloves.",
        },
        langkah=[{"teks": f"Langkah nomor {i}.", "teks_en": f"Step number {i}."} for i in (1, 2, 3)],
        perawatan=[{"frekuensi": "harian", "kegiatan": "Bersihkan wadah", "kegiatan_en": "Clean the container"}],
        masalah=[
            {
                "masalah": "Santan encer",
                "penyebab": "Kelapa muda",
                "solusi": "Pakai kelapa tua",
                "masalah_en": "Thin milk",
                "penyebab_en": "Young coconut",
                "solusi_en": "Use mature coconut",
            }
        ],
    )


def test_in_english_a_guide_page_has_no_indonesian_text(client, alat):
    _panduan_inggris(alat)
    teks = _baca(client, alat.get_panduan_url())
    assert teks.indonesia == []  # everything was translated: nothing falls back
    sisa = _kata(teks.inggris) & KATA_INDONESIA
    assert sisa == set(), f"Indonesian words on the English guide: {sorted(sisa)}"
    semua = " ".join(teks.inggris)
    assert "Coconut Milk Press" in semua and "Step number 2." in semua and "Wear gloves." in semua
    assert "Clean the container" in semua and "Use mature coconut" in semua and "Daily" in semua


def test_untranslated_fields_show_the_indonesian_text_marked_lang_id(client, alat):
    f.panduan(alat)  # Indonesian only
    teks = _baca(client, alat.get_panduan_url())
    assert "Langkah nomor 1." in teks.indonesia and "Pakai sarung tangan." in teks.indonesia
    assert "Solusi 1" in teks.indonesia and "Untuk pemilik usaha." in teks.indonesia
    sisa = _kata(teks.inggris) & KATA_INDONESIA
    assert sisa == set(), f"Indonesian words outside lang=id: {sorted(sisa)}"


def test_the_technology_page_in_english_uses_the_english_fields(client, alat):
    client.cookies["django_language"] = "en"
    body = client.get(alat.get_absolute_url()).content.decode()
    assert "A press for grated coconut." in body and "Turned by hand." in body and "Stainless container" in body
    assert "30 litres an hour" in body and "Electric, 220 V" in body and "Listrik" not in body
    assert "Alat untuk memeras kelapa parut." not in body and "Rangka baja" not in body
    client.cookies["django_language"] = "id"
    body = client.get(alat.get_absolute_url()).content.decode()
    assert "Alat untuk memeras kelapa parut." in body and "Rangka baja" in body


def test_the_award_line_reads_naturally_in_english(client):
    t = f.teknologi("Alat Juara", penghargaan="unggulan", penghargaan_tingkat="kota", penghargaan_tahun=2024)
    client.cookies["django_language"] = "en"
    body = client.get(t.get_absolute_url()).content.decode()
    assert "level city/regency" not in body and re.search(r"city/regency level", body), re.findall(r"—[^<]*20", body)


def test_curators_and_operators_see_what_lacks_english(client, admin_provinsi, alat):
    f.teknologi("Tanpa Terjemahan", deskripsi="Hanya bahasa Indonesia.")
    client.force_login(admin_provinsi)
    semua = client.get("/kelola/teknologi/").content.decode()
    assert semua.count("belum ada bahasa Inggris") == 1  # the untranslated one only
    belum = client.get("/kelola/teknologi/?inggris=belum").content.decode()
    assert "Tanpa Terjemahan" in belum and "Alat Pemeras Santan" not in belum


def test_english_fields_are_saved_through_the_operators_guide_form(client, operator_a, pos_a):
    t = f.teknologi("Usulan Gambir", status="draft", pos=pos_a, oleh=operator_a)
    client.force_login(operator_a)
    data = {
        "pengantar": "Untuk UKM.",
        "pengantar_en": "For small businesses.",
        "keselamatan": "",
        "keselamatan_en": "",
        "langkah-TOTAL_FORMS": "1",
        "langkah-INITIAL_FORMS": "0",
        "langkah-0-teks": "Nyalakan mesin.",
        "langkah-0-teks_en": "Start the machine.",
        "langkah-0-ORDER": "1",
        "perawatan-TOTAL_FORMS": "0",
        "perawatan-INITIAL_FORMS": "0",
        "masalah-TOTAL_FORMS": "0",
        "masalah-INITIAL_FORMS": "0",
    }
    response = client.post(f"/kelola/{pos_a.slug}/teknologi/{t.slug}/panduan/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    t.refresh_from_db()
    assert t.panduan.pengantar_en == "For small businesses."
    assert t.panduan.langkah_set.get().teks_en == "Start the machine."
