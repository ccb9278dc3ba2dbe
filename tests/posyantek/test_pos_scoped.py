"""One meaning per name (#13.5): ``for_pos`` is "rows the post owns and may change", on every model
through the shared ``PosScopedQuerySet``; rows a post only reads are ``terbaca_pos``."""

import pytest
from django.apps import apps

from pelatihan.models import Pendaftaran, Program
from posyantek.models import Pos, PosScopedQuerySet
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory, ProgramFactory

# Models with a foreign key to a post whose rows the post does NOT own (the admin provinsi writes
# them, or the key names something else than the owner), and why.
TIDAK_DIMILIKI_POS = {
    "posyantek.PenetapanPercontohan": "set by the admin provinsi",
    "posyantek.OperatorPos": "set by the admin provinsi",
    "lomba.JuriPos": "a judge's conflict of interest, set by the admin provinsi",
    "ukm.ImporBatch": "scoped to the user who imported it; pos empty for a provincial import",
    "teknologi.Teknologi": "proposed by a post, curated by the province: terbaca_pos",
    "pelatihan.PenugasanRelawan": "set by the admin provinsi",
}


def model_dengan_pos():
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        if any(f.many_to_one and f.concrete and f.related_model is Pos for f in model._meta.get_fields()):
            yield model


def test_every_model_owned_by_a_post_uses_the_shared_queryset():
    tidak = [
        m._meta.label
        for m in model_dengan_pos()
        if m._meta.label not in TIDAK_DIMILIKI_POS and not isinstance(m._default_manager.all(), PosScopedQuerySet)
    ]
    assert tidak == []
    assert {m._meta.label for m in model_dengan_pos()} >= set(TIDAK_DIMILIKI_POS)


def test_no_queryset_gives_for_pos_another_meaning():
    """``for_pos`` is defined once, on PosScopedQuerySet; a model changes only which lookup owns it."""
    lain = [
        m._meta.label
        for m in apps.get_models()
        if hasattr(m._default_manager.all(), "for_pos")
        and type(m._default_manager.all()).for_pos is not PosScopedQuerySet.for_pos
    ]
    assert lain == []


@pytest.mark.django_db
def test_program_for_pos_is_its_own_and_terbaca_pos_adds_the_provincial_ones(pos_a, pos_b):
    milik_a = ProgramFactory(pos=pos_a)
    milik_b = ProgramFactory(pos=pos_b)
    provinsi = ProgramFactory(pos=None)
    assert list(Program.objects.for_pos(pos_a)) == [milik_a]
    assert set(Program.objects.terbaca_pos(pos_a)) == {milik_a, provinsi}
    assert milik_b not in Program.objects.terbaca_pos(pos_a)


@pytest.mark.django_db
def test_registrations_belong_to_the_post_of_their_session(pos_a, pos_b):
    di_a = PendaftaranFactory(jadwal=JadwalFactory(pos=pos_a))
    PendaftaranFactory(jadwal=JadwalFactory(pos=pos_b))
    assert list(Pendaftaran.objects.for_pos(pos_a)) == [di_a]
