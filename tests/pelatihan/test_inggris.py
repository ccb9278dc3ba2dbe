"""Trainings', programmes' and news titles' English (#14.3): shown to English visitors when written,
else the Indonesian text marked lang="id"."""

import pytest

from tests.pelatihan.factories import JadwalFactory, ProgramFactory
from tests.posyantek.factories import KabarFactory

pytestmark = pytest.mark.django_db


def _en(client, url) -> str:
    client.cookies["django_language"] = "en"
    return client.get(url).content.decode()


def test_a_session_and_its_programme_read_in_english(client, pos_a):
    program = ProgramFactory(
        nama="Belajar Jualan Daring", nama_en="Selling Online", deskripsi="Materi dasar.", deskripsi_en="The basics."
    )
    jadwal = JadwalFactory(pos=pos_a, program=program, deskripsi="Bawa HP.", deskripsi_en="Bring your phone.")
    body = _en(client, jadwal.get_absolute_url())
    assert "<h1>Selling Online</h1>" in body and "Bring your phone." in body and "The basics." in body
    assert "Belajar Jualan Daring" not in body and "Bawa HP." not in body
    lst = _en(client, "/pelatihan/")
    assert ">Selling Online</a>" in lst


def test_untranslated_session_text_is_marked_indonesian(client, pos_a):
    jadwal = JadwalFactory(pos=pos_a, program=ProgramFactory(nama="Kelas Internet Sehat"), deskripsi="Bawa HP.")
    body = _en(client, jadwal.get_absolute_url())
    assert '<h1 lang="id">Kelas Internet Sehat</h1>' in body and '<div lang="id"><p>Bawa HP.</p></div>' in body
    client.cookies["django_language"] = "id"
    assert "<h1>Kelas Internet Sehat</h1>" in client.get(jadwal.get_absolute_url()).content.decode()


def test_news_titles_read_in_english(client, pos_a):
    kabar = KabarFactory(pos=pos_a, judul="Pelatihan pengemasan", judul_en="Packaging workshop")
    lain = KabarFactory(pos=pos_a, judul="Kunjungan UKM")
    body = _en(client, kabar.get_absolute_url())
    assert "Packaging workshop" in body
    daftar = _en(client, f"/pos/{pos_a.slug}/kabar/")
    assert "Packaging workshop" in daftar and '<span lang="id">Kunjungan UKM</span>' in daftar
    assert lain.judul_en == ""
