import pytest
from django.core.management import CommandError, call_command

from posyantek.models import OperatorPos, User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_role_accounts_and_is_repeatable(wilayah, capsys):
    call_command("seed_demo", password="demo-password-panjang-1")
    call_command("seed_demo", password="demo-password-panjang-1")
    admin = User.objects.get(email="admin@posyantek.test")
    assert admin.is_admin_provinsi and admin.check_password("demo-password-panjang-1")
    assert OperatorPos.objects.filter(user__email__startswith="operator.").count() == 44
    assert OperatorPos.objects.get(user__email="operator.gambir@posyantek.test").pos.slug == "gambir"
    assert User.objects.get(email="juri1@posyantek.test").is_juri
    assert User.objects.get(email="ukm1@posyantek.test").is_pemilik_ukm
    assert User.objects.filter(email="relawan1@posyantek.test").exists()


def test_seed_demo_generates_and_prints_password_once(wilayah, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    line = [row for row in out.splitlines() if row.startswith("Kata sandi (dibuat otomatis")][0]
    password = line.split(": ", 1)[1]
    assert User.objects.get(email="juri1@posyantek.test").check_password(password)


def test_seed_demo_refuses_production(wilayah, settings):
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError, match="Konfigurasi produksi"):
        call_command("seed_demo", password="demo-password-panjang-1")
    assert not User.objects.filter(email="admin@posyantek.test").exists()
