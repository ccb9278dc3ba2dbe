from django.core.management import call_command

def test_shots(page, site, login):
    call_command("seed_demo", password="demo-password-panjang-1")
    from teknologi.models import KampanyeUrunBeli
    k = KampanyeUrunBeli.objects.order_by("pk").first()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/teknologi/alat-pemeras-santan/panduan/")
    page.emulate_media(media="print")
    open("/tmp/panduan.pdf", "wb").write(page.pdf(prefer_css_page_size=True))
    page.emulate_media(media="screen")
    for w in (360, 1280):
        page.set_viewport_size({"width": w, "height": 900})
        for name, url in [("list", "/teknologi/"), ("kampanye", f"/urun-beli/{k.pk}/"), ("home", "/"), ("detail", "/teknologi/alat-pemeras-santan/")]:
            page.goto(site + url)
            page.screenshot(path=f"/tmp/shot-{name}-{w}.png", full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(site + "/teknologi/?q=pemeras+santen")
    page.screenshot(path="/tmp/shot-list-en-360.png", full_page=True)
    page.goto(site + "/teknologi/alat-pemeras-santan/")
    page.screenshot(path="/tmp/shot-detail-en-360.png", full_page=True)
    login("admin@posyantek.test", "demo-password-panjang-1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/kelola/teknologi/")
    page.screenshot(path="/tmp/shot-kurasi-1280.png", full_page=True)
    page.goto(site + "/kelola/pademangan/urun-beli/" + str(k.pk) + "/")
    page.screenshot(path="/tmp/shot-kelola-kampanye-1280.png", full_page=True)
    page.goto(site + "/kelola/gambir/teknologi/alat-pemeras-santan/")
    page.goto(site + "/kelola/teknologi/alat-pemeras-santan/panduan/")
    page.screenshot(path="/tmp/shot-panduan-form-1280.png", full_page=False)
