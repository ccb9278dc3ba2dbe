"""Layout found in the audit, at 360 px: long unbreakable names wrap, chart labels are not cut off."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.browser.test_ukm_journeys import make_operator, ukm

# Every text of every chart, measured in the SVG's own units against its viewBox.
CLIPPED_CHART_TEXT_JS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.bar-chart")) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll("text")) {
      const b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5) {
        out.push(`${t.textContent} [${Math.round(b.x)}, ${Math.round(b.x + b.width)}] in ${vb.width}`);
      }
    }
  }
  return out;
}"""


def test_long_unbreakable_ukm_name_wraps_at_360px(page, site):
    from tests.ukm.factories import ProdukFactory

    nama = "KeripikSingkongBaladoPedasManisKhasBetawiMpokNoriAsliGambir"
    published = ukm(
        nama=nama, kel="Cideng", tampil_publik=True, verified_at=timezone.now(), deskripsi="Pesan:" + "x" * 90
    )
    ProdukFactory(ukm=published, nama="DodolKetanDurianSuperJumboUkuranKeluarga", harga=40000)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/ukm/{published.pk}/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(nama)
    assert horizontal_overflow(page) <= 0
    assert heading.bounding_box()["width"] <= 360
    page.goto(f"{site}/ukm/")
    expect(page.locator(".direktori-kartu h2")).to_have_text([nama])
    assert horizontal_overflow(page) <= 0


def test_ringkasan_chart_labels_are_not_clipped_at_360px(page, site, login):
    from posyantek.models import Pos
    from teknologi import services
    from tests.teknologi import factories as f

    operator = make_operator("gambir")
    gambir = Pos.objects.get(slug="gambir")
    for i, nama in enumerate(
        [
            "Komposter Rumah Tangga (Takakura) Komunal Mandiri",
            "Alat Pemeras Santan",
            "Pengolah Limbah Plastik Menjadi Bahan Bakar Minyak",
        ]
    ):
        teknologi = f.teknologi(nama)
        for n in range(i + 1):
            services.adopsi_catat(
                teknologi=teknologi, pos=gambir, nama_usaha=f"Usaha {i}-{n}", oleh=operator, sejak=date(2024, 1, 1)
            )
    login("operator.gambir@posyantek.test")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/kelola/gambir/ringkasan/")
    expect(page.get_by_text("Pemakaian TTG per teknologi").first).to_be_visible()
    assert page.locator("svg.bar-chart text", has_text="Komposter Rumah Tangga").count() == 1
    assert page.evaluate(CLIPPED_CHART_TEXT_JS) == []
    assert horizontal_overflow(page) <= 0
