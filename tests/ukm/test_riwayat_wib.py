"""The history of a business shows every date-time in WIB, the diffs as well as the entry headers."""

from datetime import UTC, datetime

import pytest

from ukm.riwayat import riwayat_ukm

pytestmark = pytest.mark.django_db


def test_riwayat_shows_changed_datetimes_in_wib(client_as, operator_a, ukm_a):
    # 20.30 UTC on 1 January is 03.30 WIB on 2 January.
    ukm_a.verified_at = datetime(2025, 1, 1, 20, 30, tzinfo=UTC)
    ukm_a._history_user = operator_a
    ukm_a.save()
    entri = riwayat_ukm(ukm_a)[0]
    assert [(p.label, p.baru) for p in entri.perubahan if p.label == "diverifikasi pada"] == [
        ("diverifikasi pada", "02-01-2025 03:30")
    ]
    page = client_as(operator_a).get(f"/kelola/gambir/ukm/{ukm_a.pk}/riwayat/").content.decode()
    assert "02-01-2025 03:30" in page and "01-01-2025 20:30" not in page
