"""Journeys of the Lomba in Chromium: a juri scores, the admin finalises and announces, the public
sees the ranking, and a frozen score stays frozen."""

from decimal import Decimal

from playwright.sync_api import expect

from lomba import services
from lomba.models import Kriteria, Nilai
from posyantek.models import Pos, User
from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory

JURI2_NILAI = Decimal("93.41")


def siapkan(*, semua_dinilai: bool):
    """Gambir and Tambora in a provincial competition being scored by juri1 and juri2.

    juri2 has scored both; juri1 has scored Tambora only, or both when ``semua_dinilai``."""
    admin = UserFactory(email="admin@posyantek.test", nama="Admin Provinsi", is_admin_provinsi=True)
    juri1 = UserFactory(email="juri1@posyantek.test", nama="Juri Satu", is_juri=True)
    juri2 = UserFactory(email="juri2@posyantek.test", nama="Juri Dua", is_juri=True)
    lomba = services.lomba_buat(tahun=2025, kategori="posyantek_berprestasi", tingkat="provinsi", oleh=admin)
    gambir = services.peserta_pos_buat(lomba=lomba, pos=Pos.objects.get(slug="gambir"), oleh=admin)
    tambora = services.peserta_pos_buat(lomba=lomba, pos=Pos.objects.get(slug="tambora"), oleh=admin)
    for j in (juri1, juri2):
        services.penugasan_buat(lomba=lomba, juri=j, oleh=admin)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin)
    ids = list(Kriteria.objects.filter(tahap__lomba=lomba).values_list("pk", flat=True))
    services.nilai_simpan(oleh=juri2, peserta=gambir, nilai={k: JURI2_NILAI for k in ids})
    services.nilai_simpan(oleh=juri2, peserta=tambora, nilai={k: Decimal(70) for k in ids})
    services.nilai_simpan(oleh=juri1, peserta=tambora, nilai={k: Decimal(72) for k in ids})
    if semua_dinilai:
        services.nilai_simpan(oleh=juri1, peserta=gambir, nilai={k: Decimal(88) for k in ids})
    return lomba, gambir, tambora


def test_juri_scores_an_entry_and_cannot_open_another_juri_scores(page, site, login):
    lomba, gambir, _tambora = siapkan(semua_dinilai=False)
    login("juri1@posyantek.test")
    page.goto(f"{site}/kelola/")
    page.get_by_role("link", name="Lomba yang saya nilai").click()
    page.get_by_role("link", name=lomba.nama).click()
    expect(page.get_by_role("heading", name="Peserta yang saya nilai")).to_be_visible()
    page.get_by_role("link", name="Nilai Posyantek Kecamatan Gambir").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Nilai untuk Posyantek Kecamatan Gambir")
    inputs = page.locator("form.nilai-form input[inputmode=decimal]")
    assert inputs.count() == 15
    for i in range(15):
        inputs.nth(i).fill(str(80 + i % 5))
    page.get_by_role("button", name="Simpan nilai").click()
    expect(page.get_by_text("Nilai untuk Posyantek Kecamatan Gambir disimpan (15 perubahan).")).to_be_visible()
    item = page.get_by_role("listitem").filter(has_text="Posyantek Kecamatan Gambir")
    expect(item).to_contain_text("15/15 kriteria dinilai")
    assert sorted(
        set(Nilai.objects.filter(juri__email="juri1@posyantek.test", peserta=gambir).values_list("nilai", flat=True))
    ) == [80, 81, 82, 83, 84]

    # The entry's page shows juri1's own scores only; juri2's 93,41 is nowhere.
    page.get_by_role("link", name="Posyantek Kecamatan Gambir", exact=True).click()
    expect(page.get_by_role("heading", name="Nilai saya")).to_be_visible()
    expect(page.get_by_text("Nilai juri lain tidak ditampilkan sampai lomba final.")).to_be_visible()
    assert "93,41" not in page.content() and "93.41" not in page.content() and "Juri Dua" not in page.content()
    # Nor through the ranking, the matrix or the CSV.
    for path in ("hasil/", "matriks/", "hasil/unduh/"):
        response = page.goto(f"{site}/kelola/lomba/{lomba.pk}/{path}")
        assert response.status == 403, path
    expect(page.get_by_role("heading", level=1)).to_have_text("Akses ditolak")


def test_admin_finalises_and_announces_and_the_public_sees_the_ranking(page, site, login):
    lomba, gambir, tambora = siapkan(semua_dinilai=True)
    page.on("dialog", lambda dialog: dialog.accept())
    login("admin@posyantek.test")
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/")
    page.get_by_role("link", name="Lihat siapa menilai apa").click()
    expect(page.get_by_text("Semua penilaian lengkap: lomba siap difinalkan.")).to_be_visible()
    page.get_by_role("link", name="Ringkasan", exact=True).click()
    page.get_by_label("Saya paham: setelah final semua nilai dibekukan dan tidak dapat diubah.").check()
    page.get_by_role("button", name="Finalkan").click()
    expect(page.get_by_text("Lomba difinalkan: peringkat ditetapkan dan semua nilai dibekukan.")).to_be_visible()
    page.get_by_label("Umumkan hasil ini ke halaman publik.").check()
    page.get_by_role("button", name="Umumkan").click()
    expect(page.get_by_text("Hasil lomba diumumkan dan tampil di halaman publik.")).to_be_visible()

    page.get_by_role("button", name="Keluar").click()
    page.goto(f"{site}/")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Lomba").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil Lomba Posyantek")
    page.get_by_role("link", name=lomba.nama).first.click()
    rows = page.locator("table.peringkat-table tbody tr")
    expect(rows).to_have_count(2)
    # Gambir: (93.41 + 88) / 2 = 90.705 → 90.71 on every criterion; Tambora: (72 + 70) / 2 = 71.00.
    expect(rows.nth(0)).to_contain_text("Posyantek Kecamatan Gambir")
    expect(rows.nth(0)).to_contain_text("Juara I")
    expect(rows.nth(0)).to_contain_text("90,71")
    expect(rows.nth(1)).to_contain_text("Posyantek Kecamatan Tambora")
    expect(rows.nth(1)).to_contain_text("71,00")
    page.get_by_text("Cara menghitung peringkat").click()
    expect(
        page.get_by_text("Nilai akhir: jumlah (bobot tahap ÷ 100 × nilai tahap), dibulatkan 2 desimal.")
    ).to_be_visible()


def test_a_finalised_score_cannot_be_changed(page, site, login):
    lomba, gambir, _tambora = siapkan(semua_dinilai=True)
    admin = User.objects.get(email="admin@posyantek.test")
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    before = sorted(Nilai.objects.values_list("pk", "nilai"))
    login("juri1@posyantek.test")
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/peserta/{gambir.pk}/nilai/")
    expect(page.get_by_text("Lomba sudah final: nilai dibekukan dan tidak dapat diubah.")).to_be_visible()
    inputs = page.locator("form.nilai-form input[inputmode=decimal]")
    assert inputs.count() == 15
    for i in range(15):
        expect(inputs.nth(i)).to_be_disabled()
    expect(page.get_by_role("button", name="Simpan nilai")).to_have_count(0)
    # Even a crafted submission is refused, with the reason.
    page.evaluate("""() => {
        const form = document.querySelector('form.nilai-form');
        form.querySelectorAll('input[inputmode=decimal]').forEach(i => { i.disabled = false; i.value = '100'; });
        form.submit();
    }""")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Lomba sudah final: semua nilai dibekukan dan tidak dapat diubah lagi.")).to_be_visible()
    assert sorted(Nilai.objects.values_list("pk", "nilai")) == before
    # After final the juri may open the ranking.
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/hasil/")
    expect(page.get_by_role("heading", name="Peringkat yang ditetapkan")).to_be_visible()


def test_scoring_and_results_at_360px(page, site, login):
    lomba, gambir, _tambora = siapkan(semua_dinilai=True)
    admin = User.objects.get(email="admin@posyantek.test")
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    services.lomba_umumkan(lomba=lomba, oleh=admin)
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/lomba/", f"/lomba/{lomba.pk}/"):
        page.goto(f"{site}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert horizontal_overflow(page) <= 0, path
    login("juri1@posyantek.test")
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/peserta/{gambir.pk}/nilai/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Posyantek Kecamatan Gambir")
    assert horizontal_overflow(page) <= 0
