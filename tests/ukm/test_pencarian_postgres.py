"""On PostgreSQL the search is answered by a trigram index on the normalised search key."""

import pytest
from django.conf import settings
from django.db import connection

from ukm.models import Ukm
from ukm.selectors import ukm_list_kelola
from ukm.services import ukm_lengkapi

from .factories import kelurahan

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="pg_trgm and its GIN index exist on PostgreSQL only"),
    pytest.mark.django_db,
]


@pytest.mark.parametrize(
    "name,column", [("ukm_ukm_search_text_trgm", "search_text"), ("ukm_ukm_search_publik_trgm", "search_publik")]
)
def test_trigram_indexes_exist(name, column):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        (definition,) = cursor.fetchone()
    assert "gin" in definition and f"{column} gin_trgm_ops" in definition


def test_search_query_is_answerable_by_the_trigram_index(wilayah):
    """The index matches the query's shape (plain LIKE on the stored key, no function around it).

    Whether the planner picks it depends on the table's size and statistics; forced, it must."""
    kel = [kelurahan(n) for n in ("Cideng", "Gambir", "Angke", "Kali Anyar", "Serdang")]
    rows = []
    for i in range(2000):
        ukm = Ukm(
            nama=f"Usaha Nomor {i} Sentosa",
            pemilik_nama=f"Pemilik {i}",
            kelurahan=kel[i % 5],
            bidang="kuliner",
            nib=f"{9120000000000 + i}",
        )
        ukm_lengkapi(ukm=ukm)
        rows.append(ukm)
    rows.append(Ukm(nama="Rendang Padang Uni Upik", pemilik_nama="Upik", kelurahan=kel[0], bidang="kuliner"))
    ukm_lengkapi(ukm=rows[-1])
    Ukm.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ukm_ukm")
        # Without sequential or plain index scans, only a bitmap scan on an index condition is left:
        # the search predicate must be one the trigram index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    qs = ukm_list_kelola(pos=None, params={"q": "rendang upik"})
    plan = qs.explain()
    assert "ukm_ukm_search_text_trgm" in plan, plan
    assert [u.nama for u in qs] == ["Rendang Padang Uni Upik"]
    assert "ukm_ukm_search_publik_trgm" in Ukm.objects.filter(search_publik__contains="rendang").explain()
