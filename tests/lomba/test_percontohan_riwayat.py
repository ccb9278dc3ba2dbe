"""Making winners model posts keeps a post's earlier designation on record instead of writing over
it (issue 16): Kramat Jati, a model post since 2009, stays "2009" in its history after a 2025 win."""

import pytest
from django.core.exceptions import ValidationError

from lomba import services
from posyantek import services as pos_services
from posyantek.models import PenetapanPercontohan, Pos
from tests.factories import UserFactory
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db

ALASAN_2009 = "Satu dari lima pos percontohan DKI 2009: sekretariat permanen, pengurus aktif"


def riwayat(pos: Pos) -> list[tuple[int, str]]:
    return list(PenetapanPercontohan.objects.filter(pos=pos).values_list("tahun", "alasan"))


def finalised(penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for j in (juri, juri2):
        for p, v in zip(peserta, [70, 90, 80], strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    return lomba, peserta


def test_lomba_percontohan_keeps_an_earlier_designation(penilaian, admin_provinsi, juri, juri2, pos_b):
    # Marked before the history existed: only the post's own fields carry the 2009 designation.
    Pos.objects.filter(pk=pos_b.pk).update(is_percontohan=True, percontohan_tahun=2009, percontohan_alasan=ALASAN_2009)
    lomba, peserta = finalised(penilaian, admin_provinsi, juri, juri2)
    services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[1].pk], oleh=admin_provinsi)
    pos_b.refresh_from_db()
    assert (pos_b.is_percontohan, pos_b.percontohan_tahun, pos_b.percontohan_alasan) == (
        True,
        2025,
        f"Juara I — {lomba.nama}",
    )
    assert riwayat(pos_b) == [(2025, f"Juara I — {lomba.nama}"), (2009, ALASAN_2009)]
    # The same step twice adds nothing.
    services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[1].pk], oleh=admin_provinsi)
    assert riwayat(pos_b) == [(2025, f"Juara I — {lomba.nama}"), (2009, ALASAN_2009)]


def test_pos_page_lists_every_designation(client, penilaian, admin_provinsi, juri, juri2, pos_b):
    Pos.objects.filter(pk=pos_b.pk).update(is_percontohan=True, percontohan_tahun=2009, percontohan_alasan=ALASAN_2009)
    lomba, peserta = finalised(penilaian, admin_provinsi, juri, juri2)
    services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[1].pk], oleh=admin_provinsi)
    body = client.get(f"/pos/{pos_b.slug}/").content.decode()
    assert f"<li>2025 — Juara I — {lomba.nama}</li>" in body
    assert f"<li>2009 — {ALASAN_2009}</li>" in body


def test_admin_form_corrects_the_current_year_and_adds_another(admin_provinsi, pos_a):
    pos_services.pos_percontohan_ubah(
        pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2009, alasan="Sekretariat permanen"
    )
    pos_services.pos_percontohan_ubah(
        pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2009, alasan="Sekretariat permanen, pengurus aktif"
    )
    assert riwayat(pos_a) == [(2009, "Sekretariat permanen, pengurus aktif")]
    pos_services.pos_percontohan_ubah(
        pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2024, alasan="Juara Umum"
    )
    assert riwayat(pos_a) == [(2024, "Juara Umum"), (2009, "Sekretariat permanen, pengurus aktif")]
    pos_services.pos_percontohan_ubah(pos=pos_a, oleh=admin_provinsi, is_percontohan=False, tahun=None, alasan="")
    pos_a.refresh_from_db()
    assert (pos_a.is_percontohan, pos_a.percontohan_tahun, pos_a.percontohan_alasan) == (False, None, "")
    assert riwayat(pos_a) == [(2024, "Juara Umum"), (2009, "Sekretariat permanen, pengurus aktif")]  # ended, not erased


def test_percontohan_refusal_writes_nothing(admin_provinsi, pos_a):
    pos_services.pos_percontohan_ubah(
        pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2009, alasan="Sekretariat permanen"
    )
    with pytest.raises(ValidationError):
        pos_services.pos_percontohan_ubah(
            pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=1990, alasan="Tahun salah"
        )
    pos_a.refresh_from_db()
    assert (pos_a.percontohan_tahun, pos_a.percontohan_alasan) == (2009, "Sekretariat permanen")
    assert riwayat(pos_a) == [(2009, "Sekretariat permanen")]
    operator = UserFactory(email="op@contoh.test")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        pos_services.pos_percontohan_ubah(
            pos=pos_a, oleh=operator, is_percontohan=True, tahun=2026, alasan="Saya sendiri"
        )
    assert riwayat(pos_a) == [(2009, "Sekretariat permanen")]


def test_the_lomba_step_goes_through_the_one_rule(penilaian, admin_provinsi, operator_a, juri, juri2, pos_b):
    """Marking winners is the posyantek rule, not a second copy: an operator is refused there too
    (the Lomba's copy checked only the reason), and a reason over 255 characters is refused."""
    from django.core.exceptions import PermissionDenied

    lomba, peserta = finalised(penilaian, admin_provinsi, juri, juri2)
    assert not hasattr(services, "pos_percontohan_tandai")
    with pytest.raises(PermissionDenied):
        services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[1].pk], oleh=operator_a)
    with pytest.raises(ValidationError, match="paling banyak 255"):
        services.lomba_percontohan_tandai(
            lomba=lomba, peserta_ids=[peserta[1].pk], oleh=admin_provinsi, alasan="x" * 256
        )
    assert riwayat(peserta[1].pos) == []
