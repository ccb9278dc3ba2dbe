import pytest

from posyantek.models import Pos
from tests.lomba.factories import JuriFactory, lomba_penilaian


@pytest.fixture
def juri2(db):
    return JuriFactory(email="juri2@posyantek.test", nama="Juri Dua")


@pytest.fixture
def juri3(db):
    return JuriFactory(email="juri3@posyantek.test", nama="Juri Tiga")


@pytest.fixture
def pos_c(wilayah):
    return Pos.objects.get(slug="menteng")


@pytest.fixture
def penilaian(admin_provinsi, pos_a, pos_b, pos_c, juri, juri2):
    """A provincial competition in penilaian: Gambir, Tambora and Menteng entered; juri1 and juri2."""
    lomba, peserta = lomba_penilaian(oleh=admin_provinsi, pos_list=[pos_a, pos_b, pos_c], juri_list=[juri, juri2])
    return lomba, peserta
