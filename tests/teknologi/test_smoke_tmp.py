import pytest
from tests.teknologi import factories as f

@pytest.mark.django_db
def test_smoke(client, pos_a, operator_a, admin_provinsi, pemilik_ukm):
    t = f.teknologi()
    f.panduan(t)
    k = f.kampanye(t, pos_a)
    for url in ["/teknologi/", "/teknologi/?q=pemeras+santen", f"/teknologi/{t.slug}/", f"/teknologi/{t.slug}/panduan/",
                f"/teknologi/{t.slug}/panduan/qr.svg", "/urun-beli/", f"/urun-beli/{k.pk}/", "/", "/pos/gambir/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    client.force_login(operator_a)
    for url in ["/kelola/gambir/teknologi/", "/kelola/gambir/teknologi/tambah/", "/kelola/gambir/teknologi/peraga/",
                "/kelola/gambir/teknologi/pemakaian/", "/kelola/gambir/urun-beli/", "/kelola/gambir/urun-beli/tambah/",
                f"/kelola/gambir/urun-beli/{k.pk}/", "/kelola/gambir/", "/kelola/gambir/ringkasan/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    client.force_login(admin_provinsi)
    for url in ["/kelola/teknologi/", f"/kelola/teknologi/{t.slug}/", f"/kelola/teknologi/{t.slug}/ubah/",
                f"/kelola/teknologi/{t.slug}/panduan/", f"/kelola/teknologi/{t.slug}/riwayat/", "/kelola/ringkasan/", "/kelola/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    client.force_login(pemilik_ukm)
    for url in [f"/teknologi/{t.slug}/saya-pakai/", "/akun/saya/", f"/urun-beli/{k.pk}/"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
