"""The tie-break rules printed on results pages and the berita acara read correctly whatever
tie-break stage and criterion exist (none, one, or both)."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from lomba import services
from lomba.models import Lomba
from tests.lomba.factories import lomba_dengan_templat

pytestmark = pytest.mark.django_db

ABJAD = (
    "urutan abjad nama peserta (A–Z, huruf besar dan kecil tidak dibedakan), lalu nama provinsi, lalu nomor "
    "pendaftaran peserta."
)


def aturan_seri(lomba) -> list[str]:
    with translation.override("id"):
        html = render_to_string(
            "lomba/_rumus.html", {"lomba": Lomba.objects.get(pk=lomba.pk), "tahap_list": None, "buka": True}
        )
    daftar = html.split("Bila nilai akhir sama")[1].split("</ol>")[0]
    return [" ".join(re.sub(r"<[^>]+>", "", li).split()) for li in re.findall(r"<li>(.*?)</li>", daftar, re.S)]


def test_rumus_lists_both_default_tie_breaks(admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    assert aturan_seri(lomba) == [
        "nilai tahap Paparan yang lebih tinggi berada di atas;",
        "bila masih sama, rata-rata kriteria Inovasi dan TTG (tahap Paparan) yang lebih tinggi berada di atas;",
        "bila masih sama, " + ABJAD,
    ]


def test_rumus_without_the_deleted_default_tie_break_stage_starts_with_the_names(admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    services.tahap_hapus(tahap=lomba.tahap_set.get(nama="Paparan"), oleh=admin_provinsi)
    assert aturan_seri(lomba) == [ABJAD]


def test_rumus_with_only_a_tie_break_criterion_starts_with_it(admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    Lomba.objects.filter(pk=lomba.pk).update(seri_tahap=None)
    assert aturan_seri(lomba) == [
        "rata-rata kriteria Inovasi dan TTG (tahap Paparan) yang lebih tinggi berada di atas;",
        "bila masih sama, " + ABJAD,
    ]


def test_seri_note_without_a_tie_break_stage_does_not_mention_it(admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    Lomba.objects.filter(pk=lomba.pk).update(seri_tahap=None)
    with translation.override("id"):
        html = render_to_string("lomba/_seri.html", {"lomba": Lomba.objects.get(pk=lomba.pk), "kode": "kriteria"})
    assert re.sub(r"<[^>]+>", "", html).strip() == (
        "Nilai akhir sama dengan peserta di atasnya; diputus oleh rata-rata kriteria Inovasi dan TTG."
    )
