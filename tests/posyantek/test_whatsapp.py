"""WhatsApp click-to-chat and share links (#15.2): their format, and that a phone number travels in a
wa.me link only to those who may already see it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from pelatihan.models import Pendaftaran
from posyantek.whatsapp import nomor_wa, tautan_bagi_wa, tautan_wa
from teknologi import services as teknologi_services
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory, RelawanFactory
from tests.posyantek.factories import KabarFactory
from tests.teknologi.factories import kampanye, panduan, teknologi


@pytest.mark.parametrize(
    ("telepon", "nomor"),
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("62 812 3456 7890", "6281234567890"),
        ("(021) 345-6789", "62213456789"),
        ("", ""),
        (None, ""),
        ("12345", ""),
        ("+1 415 555 0100", ""),
        ("08123", ""),
        ("0812345678901234567", ""),
    ],
)
def test_nomor_wa_digits_only_with_62(telepon, nomor):
    assert nomor_wa(telepon) == nomor


def test_tautan_wa_encodes_the_message():
    url = tautan_wa(telepon="0812-3456-7890", pesan='Halo Bu Siti, pelatihan "Jualan Daring" & ?')
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281234567890")
    assert "+" not in parts.path and " " not in url
    assert parse_qs(parts.query) == {"text": ['Halo Bu Siti, pelatihan "Jualan Daring" & ?']}
    assert tautan_wa(telepon="0812-3456-7890") == "https://wa.me/6281234567890"
    assert tautan_wa(telepon="bukan nomor", pesan="x") == ""


def test_tautan_bagi_wa_has_title_and_absolute_url(settings):
    settings.PORTAL_BASE_URL = "https://posyantek.jakarta.go.id/"
    url = tautan_bagi_wa(judul="Kelas Jualan Daring", path="/pelatihan/jadwal/7/")
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("wa.me", "/")
    assert parse_qs(parts.query) == {
        "text": ["Kelas Jualan Daring\nhttps://posyantek.jakarta.go.id/pelatihan/jadwal/7/"]
    }


def _wa_links(html: str) -> list[str]:
    import re

    return re.findall(r'href="(https://wa\.me/[^"]*)"', html)


@pytest.mark.django_db
def test_operator_gets_participant_chat_link_other_post_and_public_do_not(
    client, client_as, pos_a, operator_a, operator_b
):
    jadwal = JadwalFactory(pos=pos_a, judul="Jualan Daring")
    PendaftaranFactory(jadwal=jadwal, user=None, nama="Bu Siti", telepon="081298765432")
    kelola_url = reverse("pelatihan:kelola-jadwal-detail", args=[pos_a.slug, jadwal.pk])

    html = client_as(operator_a).get(kelola_url).content.decode()
    chat = [u for u in _wa_links(html) if u.startswith("https://wa.me/6281298765432?text=")]
    assert len(chat) == 1
    teks = parse_qs(urlsplit(chat[0].replace("&amp;", "&")).query)["text"][0]
    assert teks.startswith("Halo Bu Siti, kami dari ") and "Jualan Daring" in teks
    assert 'rel="noopener noreferrer"' in html

    client.logout()
    response = client_as(operator_b).get(kelola_url)
    assert response.status_code == 404 and "6281298765432" not in response.content.decode()
    client.logout()
    assert "6281298765432" not in client.get(kelola_url).content.decode()
    public = client.get(jadwal.get_absolute_url()).content.decode()
    assert "6281298765432" not in public and "081298765432" not in public


@pytest.mark.django_db
def test_volunteer_chat_link_only_in_own_post_list(client, client_as, pos_a, pos_b, operator_a, operator_b):
    RelawanFactory(user=UserFactory(email="r@contoh.test", nama="Rina"), telepon="0813-1111-2222", pos=[pos_a])
    url_a = reverse("pelatihan:kelola-relawan-list", args=[pos_a.slug])
    assert any(
        u.startswith("https://wa.me/6281311112222?text=")
        for u in _wa_links(client_as(operator_a).get(url_a).content.decode())
    )
    client.logout()
    html_b = client_as(operator_b).get(reverse("pelatihan:kelola-relawan-list", args=[pos_b.slug])).content.decode()
    assert "6281311112222" not in html_b
    assert client.get(url_a).status_code == 404


@pytest.mark.django_db
def test_pledger_chat_link_for_campaign_operator_only(client, client_as, pos_a, operator_a, operator_b):
    k = kampanye(teknologi(), pos_a)
    penjanji = UserFactory(email="p@contoh.test", nama="Pak Joko", telepon="0857 0000 1234", is_pemilik_ukm=True)
    teknologi_services.janji_simpan(kampanye=k, oleh=penjanji, jumlah=1)
    url = reverse("teknologi:kelola-kampanye-detail", args=[pos_a.slug, k.pk])
    links = _wa_links(client_as(operator_a).get(url).content.decode())
    assert any(u.startswith("https://wa.me/6285700001234?text=") for u in links)
    client.logout()
    assert client_as(operator_b).get(url).status_code == 404
    client.logout()
    assert "6285700001234" not in client.get(k.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_visitor_can_chat_with_a_post_by_its_public_number(client, pos_a):
    pos_a.telepon = "021-3456789"
    pos_a.save()
    links = _wa_links(client.get(pos_a.get_absolute_url()).content.decode())
    assert any(u.startswith("https://wa.me/62213456789?text=") for u in links)


@pytest.mark.django_db
def test_share_links_on_session_guide_campaign_and_news(client, settings, pos_a):
    settings.PORTAL_BASE_URL = "https://portal.test"
    jadwal = JadwalFactory(pos=pos_a, judul="Kelas Jualan")
    t = teknologi("Alat Pengering")
    panduan(t)
    k = kampanye(t, pos_a, judul="Urun beli pengering")
    kabar = KabarFactory(pos=pos_a, judul="Pelatihan sukses")
    pages = [
        (jadwal.get_absolute_url(), "Kelas Jualan"),
        (reverse("teknologi:panduan-detail", args=[t.slug]), "Alat Pengering"),
        (k.get_absolute_url(), "Urun beli pengering"),
        (kabar.get_absolute_url(), "Pelatihan sukses"),
    ]
    for path, judul in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        share = [u for u in _wa_links(response.content.decode()) if u.startswith("https://wa.me/?text=")]
        assert len(share) == 1, (path, share)
        teks = parse_qs(urlsplit(share[0]).query)["text"][0]
        # the session page builds its address from the request (as its calendar link), the others from PORTAL_BASE_URL
        base = "http://testserver" if path == jadwal.get_absolute_url() else "https://portal.test"
        assert judul in teks and teks.endswith("\n" + base + path), teks
        assert "wa.me" not in response.headers.get("Content-Security-Policy", "")


@pytest.mark.django_db
def test_pendaftaran_status_unchanged_by_rendering(client_as, pos_a, operator_a):
    """The list with chat links is a GET: it writes nothing."""
    jadwal = JadwalFactory(pos=pos_a)
    PendaftaranFactory(jadwal=jadwal, user=None, nama="A", telepon="081200000001")
    before = list(Pendaftaran.objects.values_list("pk", "status", "telepon"))
    client_as(operator_a).get(reverse("pelatihan:kelola-jadwal-detail", args=[pos_a.slug, jadwal.pk]))
    assert list(Pendaftaran.objects.values_list("pk", "status", "telepon")) == before


@pytest.mark.django_db
def test_prefilled_message_stays_indonesian_in_the_english_interface(client_as, pos_a, operator_a):
    jadwal = JadwalFactory(pos=pos_a, judul="Jualan Daring")
    PendaftaranFactory(jadwal=jadwal, user=None, nama="Bu Siti", telepon="081298765432")
    client = client_as(operator_a)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("pelatihan:kelola-jadwal-detail", args=[pos_a.slug, jadwal.pk])).content.decode()
    assert 'lang="en"' in html
    chat = [u for u in _wa_links(html) if u.startswith("https://wa.me/6281298765432?text=")]
    teks = parse_qs(urlsplit(chat[0].replace("&amp;", "&")).query)["text"][0]
    assert teks.startswith("Halo Bu Siti, kami dari ")
