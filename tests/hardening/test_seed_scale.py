"""seed_scale: volume through bulk inserts, per-app hooks, refuses production and a second run."""

import io
import random

import pytest
from django.core.management import CommandError, call_command

from posyantek.models import Kecamatan, OperatorPos, Pos, User
from posyantek.scale import BENCH_ADMIN_EMAIL, BENCH_OPERATOR_EMAIL, ScaleContext, Sizes

pytestmark = pytest.mark.django_db


def test_seed_scale_creates_bench_accounts_and_operators(wilayah):
    out = io.StringIO()
    call_command("seed_scale", ukm=10, teknologi=5, sesi=2, pendaftaran=3, relawan=1, stdout=out)
    admin = User.objects.get(email=BENCH_ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff and admin.is_admin_provinsi
    operator = User.objects.get(email=BENCH_OPERATOR_EMAIL)
    assert list(Pos.objects.for_user(operator).values_list("slug", flat=True)) == ["gambir"]
    assert (
        OperatorPos.objects.filter(
            user__email__startswith="operator.", user__email__endswith="skala.posyantek.test"
        ).count()
        == 44
    )
    assert operator.emailaddress_set.get().verified
    assert "ukm=10" in out.getvalue() and "Data skala siap" in out.getvalue()


def test_seed_scale_refuses_a_second_run(wilayah):
    call_command("seed_scale", ukm=1, stdout=io.StringIO())
    users = User.objects.count()
    with pytest.raises(CommandError, match="sudah berisi data skala"):
        call_command("seed_scale", ukm=1, stdout=io.StringIO())
    assert User.objects.count() == users


def test_seed_scale_refuses_production(wilayah, settings):
    settings.DEBUG = settings.TESTING = False
    with pytest.raises(CommandError, match="Konfigurasi produksi"):
        call_command("seed_scale", stdout=io.StringIO())
    assert not User.objects.filter(email=BENCH_ADMIN_EMAIL).exists()


def test_insert_assigns_keys_and_keeps_every_kind_of_value(wilayah):
    """The COPY path (PostgreSQL) and bulk_create (SQLite) store the same values, keys assigned."""
    ctx = ScaleContext(sizes=Sizes(), stdout=io.StringIO(), password_hash="!", batch_size=3, rng=random.Random(1))
    awkward = 'Tab\there, "quote", back\\slash,\nnew line, café — ü'
    users = ctx.insert(
        User,
        (
            User(
                email=f"u{i}@contoh.test",
                nama=awkward if i == 0 else f"U {i}",
                telepon="",
                is_juri=(i % 2 == 0),
                password="!",
            )
            for i in range(7)
        ),
    )
    assert [u.pk for u in users] == sorted(u.pk for u in users) and len({u.pk for u in users}) == 7
    stored = User.objects.get(pk=users[0].pk)
    assert (stored.nama, stored.telepon, stored.is_juri, stored.last_login) == (awkward, "", True, None)
    assert stored.date_joined is not None
    kec_ids = ctx.insert(
        Kecamatan,
        [
            Kecamatan(
                kota_id=Kecamatan.objects.first().kota_id,
                kode="99.99.99",
                nama="Uji",
                slug="uji-skala",
                alias=["A b", 'c"d'],
                kunci=[],
            )
        ],
        keep=False,
    )
    assert Kecamatan.objects.get(pk=kec_ids[0]).alias == ["A b", 'c"d']
    # The sequence follows, so ordinary saves after a bulk insert do not collide.
    assert User.objects.create(email="sesudah@contoh.test").pk > users[-1].pk


def test_make_users_share_one_hash_and_verified_email(wilayah):
    from django.contrib.auth.hashers import make_password

    ctx = ScaleContext(sizes=Sizes(), stdout=io.StringIO(), password_hash=make_password("kata-sandi-skala-1"))
    ids = ctx.make_users(5, prefix="pemilik", is_pemilik_ukm=True)
    assert len(ids) == 5
    users = User.objects.filter(pk__in=ids)
    assert users.count() == 5 and all(u.is_pemilik_ukm for u in users)
    assert users.get(email="pemilik.3@skala.posyantek.test").check_password("kata-sandi-skala-1")
    assert all(u.emailaddress_set.get().verified for u in users)


def test_insert_rows_fills_defaults_and_returns_keys(wilayah):
    from django.utils import timezone

    from posyantek.models import Pos

    ctx = ScaleContext(sizes=Sizes(), stdout=io.StringIO(), password_hash="!", batch_size=2)
    gambir = Pos.objects.get(slug="gambir")
    ids = ctx.insert_rows(
        User, ["email", "nama", "password"], [(f"baris{i}@contoh.test", f"Baris\t{i}", "!") for i in range(5)]
    )
    assert len(ids) == 5 and ids == sorted(ids)
    row = User.objects.get(pk=ids[1])
    assert (row.nama, row.telepon, row.is_active, row.is_staff, row.last_login) == ("Baris\t1", "", True, False, None)
    assert abs((row.date_joined - timezone.now()).total_seconds()) < 60
    op_ids = ctx.insert_rows(OperatorPos, ["user", "pos_id"], [(ids[0], gambir.pk)])
    assert OperatorPos.objects.get(pk=op_ids[0]).pos == gambir
    assert OperatorPos.objects.get(pk=op_ids[0]).created_at is not None
    with pytest.raises(ValueError, match="has no default"):
        ctx.insert_rows(OperatorPos, ["user"], [(ids[1],)])
    assert User.objects.create(email="sesudah2@contoh.test").pk > ids[-1]


def test_seed_scale_fills_the_lomba_with_ten_announced_years_and_one_being_scored(wilayah, client):
    """The benchmark's /lomba/ page measures real results: without lomba/scale.py it is empty."""
    from django.utils import timezone

    from lomba import selectors
    from lomba.models import Kategori, Lomba, Status, Tingkat

    call_command("seed_scale", ukm=10, teknologi=5, sesi=2, pendaftaran=3, relawan=1, stdout=io.StringIO())
    tahun = timezone.localdate().year
    diumumkan = Lomba.objects.published()
    provinsi = diumumkan.filter(tingkat=Tingkat.PROVINSI, kategori=Kategori.POSYANTEK_BERPRESTASI)
    assert sorted(provinsi.values_list("tahun", flat=True)) == list(range(tahun - 10, tahun))
    assert diumumkan.filter(tingkat=Tingkat.NASIONAL).count() == 10
    lalu = provinsi.get(tahun=tahun - 1)
    assert lalu.difinalkan_at < lalu.diumumkan_at and lalu.seri_tahap and lalu.seri_kriteria
    assert sorted(lalu.peserta_set.values_list("peringkat", flat=True)) == list(range(1, 45))
    assert lalu.penugasan_set.count() == 4 and lalu.peserta_set.filter(is_favorit=True, peringkat__gt=6).count() == 1
    # The stored result is what finalising would store from the inserted scores.
    assert selectors.hasil_lomba(lomba=lalu).sama_dengan_tersimpan()
    juara = lalu.peserta_set.select_related("pos").get(peringkat=1)
    assert juara.pos.is_percontohan and juara.pos.percontohan_tahun == tahun - 1
    dki = Lomba.objects.get(tahun=tahun - 1, tingkat=Tingkat.NASIONAL).peserta_set.get(dari_dki=True)
    assert dki.asal == juara and dki.pos == juara.pos and dki.peringkat and dki.nilai_akhir
    assert len(selectors.riwayat_nasional_dki()) == 10

    kini = Lomba.objects.get(tahun=tahun, tingkat=Tingkat.PROVINSI, kategori=Kategori.POSYANTEK_BERPRESTASI)
    assert kini.status == Status.PENILAIAN and not kini.peserta_set.filter(peringkat__isnull=False).exists()
    matriks = selectors.matriks_penilaian(lomba=kini)
    assert 50 < matriks.persen < 100 and [b.kurang_peserta > 0 for b in matriks.baris].count(True) == 1

    page = client.get("/lomba/").content.decode()
    # Every announced competition shows its winners, from the oldest year to the newest.
    assert page.count("award award-juara_1") == page.count("award award-juara_3") == diumumkan.count() == 25
    assert f"Tahun {tahun - 10}" in page and f"Tahun {tahun - 1}" in page and f"Tahun {tahun}<" not in page
    assert juara.pos.nama in page and str(kini.nama) not in page
    detail = client.get(lalu.get_absolute_url()).content.decode()
    assert detail.count('<td class="rank">') == 44 and "award award-harapan_3" in detail and juara.pos.nama in detail
    pos = client.get("/pos/gambir/").content.decode()
    assert "Penghargaan Lomba Posyantek" in pos


def test_seed_scale_after_seed_demo_keeps_the_demo_competitions(wilayah):
    """The CI restore drill: seed_demo, then seed_scale on the same database (year, category and level
    are unique for a competition, so the demo's are kept and only the missing ones are made)."""
    from django.utils import timezone

    from lomba import selectors
    from lomba.models import Lomba, Tingkat

    call_command("seed_demo", password="demo-password-panjang-1", stdout=io.StringIO())
    demo = set(Lomba.objects.values_list("pk", "nama", "status"))
    call_command("seed_scale", ukm=10, teknologi=5, sesi=2, pendaftaran=3, relawan=1, stdout=io.StringIO())
    assert demo < set(Lomba.objects.values_list("pk", "nama", "status"))
    tahun = timezone.localdate().year
    provinsi = Lomba.objects.published().filter(tingkat=Tingkat.PROVINSI, kategori="posyantek_berprestasi")
    assert sorted(provinsi.values_list("tahun", flat=True)) == list(range(tahun - 10, tahun))
    assert provinsi.get(tahun=tahun - 1).nama.startswith("[DEMO]")
    assert sorted(r.tahun for r in selectors.riwayat_nasional_dki()) == list(range(tahun - 10, tahun))
    for lomba in Lomba.objects.selesai().exclude(sumber_hasil="impor"):
        assert selectors.hasil_lomba(lomba=lomba).sama_dengan_tersimpan(), lomba.nama
