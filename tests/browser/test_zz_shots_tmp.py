import os
from tests.browser.test_teknologi_journeys import katalog
from tests.factories import UserFactory

def test_shots(page, site, login):
    santan = katalog()
    from posyantek.models import Pos
    from posyantek.services import operator_assign
    from tests.teknologi import factories as f
    k = f.kampanye(santan, Pos.objects.get(slug="gambir"), target=10)
    for w in (360, 1280):
        page.set_viewport_size({"width": w, "height": 900})
        for name, url in [("list", "/teknologi/?q=pemeras+santen"), ("detail", f"/teknologi/{santan.slug}/"),
                          ("panduan", f"/teknologi/{santan.slug}/panduan/"), ("kampanye", f"/urun-beli/{k.pk}/"), ("home", "/")]:
            page.goto(site + url)
            page.screenshot(path=f"/tmp/shot-{name}-{w}.png", full_page=True)
            ov = page.evaluate("""() => { const W = document.documentElement.clientWidth; return [...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > W + 1).slice(0,5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)); }""")
            print(name, w, ov)
    operator = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_assign(pos=Pos.objects.get(slug="gambir"), user=operator)
    login("operator.gambir@posyantek.test")
    page.goto(site + "/kelola/gambir/teknologi/tambah/")
    page.screenshot(path="/tmp/shot-tambah-1280.png", full_page=True)
    print(page.locator("label").all_inner_texts()[:6])
