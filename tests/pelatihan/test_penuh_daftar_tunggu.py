"""A full session says so properly: no "0 orang di daftar tunggu" while nobody waits."""

import re

import pytest

from pelatihan import services
from tests.pelatihan.factories import JadwalFactory

pytestmark = pytest.mark.django_db


def teks(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_full_session_without_waiting_list_says_nobody_waits_yet(client, pos_a, peserta):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=1)
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    for url in (f"/pelatihan/jadwal/{jadwal.pk}/", "/pelatihan/"):
        page = teks(client.get(url).content.decode())
        assert "Penuh — belum ada yang di daftar tunggu" in page, url
        assert "0 orang di daftar tunggu" not in page
    services.pendaftaran_buat(jadwal=jadwal, oleh=b)
    for url in (f"/pelatihan/jadwal/{jadwal.pk}/", "/pelatihan/"):
        assert "Penuh — 1 orang di daftar tunggu" in teks(client.get(url).content.decode()), url
