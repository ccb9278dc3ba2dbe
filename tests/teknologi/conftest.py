import pytest
from django.db import connection

from tests.factories import UserFactory


@pytest.fixture
def kurator(db):
    return UserFactory(email="kurator@posyantek.test", is_admin_provinsi=True, nama="Kurator")


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL (pg_trgm, full-text search, row locks)")


@pytest.fixture
def katalog(wilayah, kurator):
    """A small catalogue of real names, for search tests."""
    from tests.teknologi import factories as f

    rows = [
        ("Alat Pemeras Santan", "pangan", "Memeras parutan kelapa menjadi santan.", "pres santan, peras kelapa"),
        ("Mesin Parut Kelapa", "pangan", "Memarut kelapa untuk santan dan kue.", "parut kelapa"),
        ("Pengering Ikan Tenaga Surya", "perikanan", "Mengeringkan ikan asin dengan panas matahari.", "solar dryer"),
        ("Alat Pengasap Ikan", "perikanan", "Mengasapi ikan dalam lemari asap.", ""),
        ("Mesin Pencacah Plastik", "lingkungan", "Mencacah botol plastik bekas.", "crusher plastik"),
        ("Komposter Rumah Tangga", "lingkungan", "Mengubah sampah dapur menjadi kompos.", "takakura"),
        ("Mesin Penepung", "pangan", "Menggiling beras dan jagung menjadi tepung.", "disk mill"),
        ("Pompa Hidram", "air", "Menaikkan air tanpa listrik.", "hydraulic ram"),
    ]
    return {
        nama: f.teknologi(nama, bidang=bidang, ringkasan=ringkasan, alias=alias, oleh=kurator)
        for nama, bidang, ringkasan, alias in rows
    }
