import pytest
from django.core.management import CommandError, call_command

from posyantek.demo import DEMO_MARK
from posyantek.models import (
    Dokumen,
    Inventaris,
    Kabar,
    Kepengurusan,
    LogLayanan,
    Mitra,
    OperatorPos,
    Pengurus,
    Pos,
    User,
)

pytestmark = pytest.mark.django_db

DEMO_EMAILS = ["admin@posyantek.test", "juri1@posyantek.test", "ukm1@posyantek.test", "relawan1@posyantek.test"]


def snapshot() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in [User, OperatorPos, Kepengurusan, Pengurus, Inventaris, LogLayanan, Mitra, Dokumen, Kabar]
    }


def gambir_content(pos) -> dict:
    return {
        "pengurus": sorted(Pengurus.objects.filter(kepengurusan__pos=pos).values_list("jabatan", "nama", "telepon")),
        "layanan": sorted(pos.loglayanan_set.values_list("tanggal", "jenis", "topik", "penerima")),
        "inventaris": sorted(pos.inventaris_set.values_list("nama", "kondisi", "tanggal_perolehan")),
        "mitra": sorted(pos.mitra_set.values_list("nama", "kontak_nama")),
        "kabar": sorted(pos.kabar_set.values_list("judul", "tanggal")),
    }


def test_seed_demo_builds_accounts_and_content_repeatably(wilayah, client):
    """One seed (seeding is the slow part), many checks: accounts, one password hash, content for
    every post marked as demo, nothing duplicated on a second run, the same content again after
    a post's content is removed."""
    call_command("seed_demo", password="demo-password-panjang-1")
    first = snapshot()

    admin = User.objects.get(email="admin@posyantek.test")
    assert admin.is_admin_provinsi and admin.check_password("demo-password-panjang-1")
    assert OperatorPos.objects.filter(user__email__startswith="operator.").count() == 44
    assert OperatorPos.objects.get(user__email="operator.gambir@posyantek.test").pos.slug == "gambir"
    assert User.objects.get(email="juri1@posyantek.test").is_juri
    assert User.objects.get(email="ukm1@posyantek.test").is_pemilik_ukm
    assert User.objects.filter(email="relawan1@posyantek.test").exists()
    # Hashing is deliberately slow: the demo hashes its one password once for all 48 accounts.
    # (Accounts that never log in, such as the training demo's participants, have no usable password.)
    hashes = set(User.objects.filter(email__endswith="@posyantek.test").values_list("password", flat=True))
    assert len({h for h in hashes if not h.startswith("!")}) == 1

    for pos in Pos.objects.all():
        assert (
            pos.kepengurusan_set.count(),
            pos.inventaris_set.count(),
            pos.loglayanan_set.count(),
            pos.mitra_set.count(),
            pos.dokumen_set.count(),
            pos.kabar_set.count(),
        ) == (2, 4, 8, 2, 1, 2), pos
        assert pos.deskripsi.startswith(DEMO_MARK)
    assert all(k.judul.startswith(DEMO_MARK) for k in Kabar.objects.all())
    assert all(DEMO_MARK in m.nama for m in Mitra.objects.all())
    assert set(Pos.objects.filter(is_percontohan=True).values_list("slug", flat=True)) == {
        "cempaka-putih",
        "pademangan",
        "kebon-jeruk",
        "pancoran",
        "kramatjati",
    }
    body = client.get("/pos/gambir/").content.decode()
    assert DEMO_MARK in body and "Ketua" in body
    assert client.get("/pos/gambir/kabar.atom").status_code == 200

    gambir = Pos.objects.get(slug="gambir")
    before = gambir_content(gambir)
    call_command("seed_demo", password="demo-password-panjang-1")
    assert snapshot() == first  # safe to run twice: nothing duplicated

    for model in [Kepengurusan, Inventaris, LogLayanan, Mitra, Dokumen, Kabar]:
        model.objects.filter(pos=gambir).delete()
    call_command("seed_demo", password="demo-password-panjang-1")
    assert gambir_content(gambir) == before  # deterministic
    assert snapshot() == first


def test_seed_demo_generates_and_prints_password_once(wilayah, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    lines = [row for row in out.splitlines() if row.startswith("Kata sandi (dibuat otomatis")]
    assert len(lines) == 1
    password = lines[0].split(": ", 1)[1]
    assert len(password) >= 12
    assert User.objects.get(email="juri1@posyantek.test").check_password(password)


def test_seed_demo_uses_demo_password_from_the_environment(wilayah, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "dari-lingkungan-panjang")
    call_command("seed_demo")
    assert "dibuat otomatis" not in capsys.readouterr().out
    assert User.objects.get(email="ukm1@posyantek.test").check_password("dari-lingkungan-panjang")


def test_seed_demo_refuses_production(wilayah, settings):
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError, match="Konfigurasi produksi"):
        call_command("seed_demo", password="demo-password-panjang-1")
    assert not User.objects.filter(email="admin@posyantek.test").exists()


def test_seed_demo_runs_in_production_with_force(wilayah, settings):
    settings.DEBUG = False
    settings.TESTING = False
    call_command("seed_demo", password="demo-password-panjang-1", force=True)
    assert User.objects.filter(email="admin@posyantek.test").exists()
