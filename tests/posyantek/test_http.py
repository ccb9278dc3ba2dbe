"""The client's address behind the proxy (posyantek.http.client_ip), and the limits that count per
client through it: allauth's login, sign-up and password-reset limits."""

import pytest
from django.test import Client, RequestFactory

from posyantek.http import client_ip
from tests.factories import TEST_PASSWORD, UserFactory

PROXY = "127.0.0.1"


def request_with(remote: str = PROXY, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        # No proxy (the default): the header is anyone's to write, so it is ignored.
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        (0, "203.0.113.5", None, "203.0.113.5"),
        # One proxy (nginx): the entry it appended, the right-most one, whatever the client sent before it.
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "10.0.0.1, 192.0.2.9 ,203.0.113.5", "203.0.113.5"),
        (1, PROXY, " 2001:db8::7 ", "2001:db8::7"),
        # Two proxies (a load balancer, then nginx): the second entry from the right.
        (2, PROXY, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Not through the proxies as configured, or garbage: the socket address, never a guess.
        (1, PROXY, None, PROXY),
        (1, PROXY, "", PROXY),
        (2, PROXY, "203.0.113.5", PROXY),
        (1, PROXY, "1.2.3.4, bukan-alamat", PROXY),
        (1, PROXY, "1.2.3.4, 203.0.113.5:443", PROXY),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_with(remote, forwarded)) == expected


def test_client_ip_setting_is_handed_to_allauth(settings):
    from django.conf import settings as live

    assert live.ALLAUTH_TRUSTED_PROXY_COUNT == live.TRUSTED_PROXY_COUNT


# Login limits behind one proxy (settings as docs/deploy.md sets them) --------------------------------


def behind_proxy(address: str, *, forged: str = "") -> Client:
    """A browser at ``address`` reaching the portal through nginx, which appends what it saw."""
    forwarded = f"{forged}, {address}" if forged else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def login(client, email: str, password: str = TEST_PASSWORD):
    return client.post("/akun/login/", {"login": email, "password": password})


@pytest.fixture
def one_proxy(settings):
    # Only our setting: allauth's limits must follow it through the account adapter.
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.django_db
def test_login_failures_of_one_client_never_lock_out_another_behind_the_same_proxy(one_proxy, operator_a):
    attacker = behind_proxy("203.0.113.66")
    for i in range(8):
        login(attacker, f"tebakan{i}@contoh.test", "salah-salah-salah")
    assert "Terlalu banyak" in login(attacker, "tebakan99@contoh.test", "salah-salah-salah").content.decode()
    operator = behind_proxy("198.51.100.20")
    response = login(operator, "operator.gambir@posyantek.test")
    assert response.status_code == 302
    assert operator.session["_auth_user_id"] == str(operator_a.pk)


@pytest.mark.django_db
def test_login_limit_is_not_bypassed_by_a_forged_forwarded_header(one_proxy, operator_a):
    for i in range(5):
        attacker = behind_proxy("203.0.113.66", forged=f"10.0.{i}.1")
        login(attacker, f"tebakan{i}@contoh.test", "salah-salah-salah")
    attacker = behind_proxy("203.0.113.66", forged="192.0.2.200")
    response = login(attacker, "operator.gambir@posyantek.test")
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in attacker.session


@pytest.mark.django_db
def test_login_limit_per_account_holds_when_the_attacker_rotates_addresses(one_proxy, operator_a):
    for i in range(5):
        login(behind_proxy(f"203.0.113.{i + 1}"), "operator.gambir@posyantek.test", "salah-salah-salah")
    attacker = behind_proxy("203.0.113.99")
    response = login(attacker, "operator.gambir@posyantek.test")
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in attacker.session


@pytest.mark.django_db
def test_login_without_forwarded_header_behind_a_configured_proxy_still_works(one_proxy, operator_a):
    # allauth alone answers 500 (ImproperlyConfigured) when the header is shorter than the count.
    direct = Client(REMOTE_ADDR=PROXY)
    response = login(direct, "operator.gambir@posyantek.test")
    assert response.status_code == 302
    assert direct.session["_auth_user_id"] == str(operator_a.pk)


@pytest.mark.django_db
def test_signup_limit_counts_per_client_behind_the_proxy(one_proxy, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}

    def signup(client, n):
        password = "sandi-baru-yang-cukup-panjang-7"
        return client.post(
            "/akun/signup/",
            {
                "nama": "Warga",
                "email": f"warga{n}@contoh.test",
                "password1": password,
                "password2": password,
                "peran": "pemilik_ukm",
            },
        )

    busy = behind_proxy("203.0.113.66")
    assert [signup(busy, n).status_code for n in range(3)] == [302, 302, 429]
    assert signup(behind_proxy("198.51.100.20"), 9).status_code == 302


@pytest.mark.django_db
def test_password_reset_limit_counts_per_client_behind_the_proxy(one_proxy, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "2/m/ip"}
    UserFactory(email="warga@contoh.test")
    busy = behind_proxy("203.0.113.66")
    codes = [busy.post("/akun/password/reset/", {"email": "warga@contoh.test"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    other = behind_proxy("198.51.100.20")
    assert other.post("/akun/password/reset/", {"email": "warga@contoh.test"}).status_code == 302
