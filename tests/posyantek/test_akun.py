"""Accounts: self-sign-up gives only public roles, passwords, e-mail verification, password reset,
login rate limits, the Django admin behind allauth, and the idle timeout of managing users."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import TestCase
from django.utils import timezone

from posyantek import services
from posyantek.models import OperatorPos, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD_BARU = "sandi-baru-yang-cukup-panjang-7"


def signup(client, **extra):
    data = {
        "nama": "Warung Bu Sari",
        "email": "sari@contoh.test",
        "password1": PASSWORD_BARU,
        "password2": PASSWORD_BARU,
        "peran": "pemilik_ukm",
        **extra,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox delivers at commit
        return client.post("/akun/signup/", data)


def reset(client, email: str):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/akun/password/reset/", {"email": email})


def link_from(mail) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def login(client, email: str, password: str = TEST_PASSWORD):
    return client.post("/akun/login/", {"login": email, "password": password})


# Self-sign-up ----------------------------------------------------------------------------------


def test_signup_gives_only_public_roles_whatever_the_post_carries(client, wilayah, mailoutbox):
    response = signup(
        client,
        is_admin_provinsi="on",
        is_juri="on",
        is_staff="on",
        is_superuser="on",
        pos="1",
        operatorpos="1",
        is_active="on",
    )
    assert response.status_code == 302
    user = User.objects.get(email="sari@contoh.test")
    assert (user.is_pemilik_ukm, user.is_admin_provinsi, user.is_juri, user.is_staff, user.is_superuser) == (
        True,
        False,
        False,
        False,
        False,
    )
    assert not OperatorPos.objects.filter(user=user).exists()
    assert user.nama == "Warung Bu Sari"


def test_signup_as_relawan_applicant_is_not_an_ukm_owner(client, db, mailoutbox):
    signup(client, peran="relawan")
    user = User.objects.get(email="sari@contoh.test")
    assert (user.is_pemilik_ukm, user.is_admin_provinsi, user.is_juri) == (False, False, False)


@pytest.mark.parametrize("peran", ["admin_provinsi", "operator", "juri", ""])
def test_signup_with_a_managing_role_is_refused_and_writes_nothing(client, db, mailoutbox, peran):
    response = signup(client, peran=peran)
    assert response.status_code == 200
    assert not User.objects.filter(email="sari@contoh.test").exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    "password,message",
    [
        ("pendek-11ch", "setidaknya 12 karakter"),
        ("password1234", "terlalu umum"),
        ("839201746512", "hanya berisi angka"),
        ("sari@contoh.test", "terlalu mirip"),
    ],
)
def test_signup_password_policy(client, db, mailoutbox, password, message):
    response = signup(client, password1=password, password2=password)
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not User.objects.filter(email="sari@contoh.test").exists()


def test_signup_requires_email_verification_before_login(client, db, mailoutbox):
    response = signup(client)
    assert response["Location"] == "/akun/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sari@contoh.test"]

    # Logging in before confirming only sends the person back to the verification page.
    response = login(client, "sari@contoh.test", PASSWORD_BARU)
    assert response["Location"] == "/akun/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email="sari@contoh.test").verified

    confirm = link_from(mailoutbox[0])
    assert client.get(confirm).status_code == 200  # GET shows a confirm button, it does not confirm
    assert not EmailAddress.objects.get(email="sari@contoh.test").verified
    response = client.post(confirm)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="sari@contoh.test").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(email="sari@contoh.test").pk)


# Password reset ----------------------------------------------------------------------------------


def test_password_reset_mail_link_sets_a_new_password(client, pemilik_ukm, mailoutbox):
    response = reset(client, "ukm1@posyantek.test")
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    key_url = client.get(link_from(mailoutbox[0]))["Location"]  # the key moves out of the URL
    response = client.post(key_url, {"password1": PASSWORD_BARU, "password2": PASSWORD_BARU})
    assert response.status_code == 302
    pemilik_ukm.refresh_from_db()
    assert pemilik_ukm.check_password(PASSWORD_BARU)
    client.logout()
    assert login(client, "ukm1@posyantek.test", PASSWORD_BARU)["Location"] == "/"


def test_password_reset_refuses_a_weak_password(client, pemilik_ukm, mailoutbox):
    reset(client, "ukm1@posyantek.test")
    key_url = client.get(link_from(mailoutbox[0]))["Location"]
    response = client.post(key_url, {"password1": "pendek", "password2": "pendek"})
    assert response.status_code == 200
    pemilik_ukm.refresh_from_db()
    assert pemilik_ukm.check_password(TEST_PASSWORD)


# Login rate limits -------------------------------------------------------------------------------


def test_rate_limits_use_a_shared_database_cache():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "5/5m/ip,5/5m/key"


def test_login_sixth_failed_attempt_within_five_minutes_is_refused(client, operator_a):
    for _ in range(5):
        response = login(client, "operator.gambir@posyantek.test", "salah-salah-salah")
        assert response.status_code == 200
        assert "tidak benar" in response.content.decode()
    # Even the right password is refused now: the limit holds, whatever is tried.
    response = login(client, "operator.gambir@posyantek.test")
    assert response.status_code in (200, 429)
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_limit_counts_per_account_across_addresses(client, operator_a):
    for _attempt in range(5):
        login(client, "operator.gambir@posyantek.test", "salah-salah-salah")
        client.logout()
    other_ip = client.post(
        "/akun/login/", {"login": "operator.gambir@posyantek.test", "password": TEST_PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert "_auth_user_id" not in client.session
    assert "Terlalu banyak" in other_ip.content.decode()


def test_login_succeeds_under_the_limit(client, operator_a):
    for _ in range(4):
        login(client, "operator.gambir@posyantek.test", "salah-salah-salah")
    response = login(client, "operator.gambir@posyantek.test")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(operator_a.pk)


# The Django admin logs in through allauth --------------------------------------------------------


def test_admin_login_redirects_to_the_allauth_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_admin_login_form_is_never_served_to_anonymous_posts(client, db):
    superuser = User.objects.create_superuser("root@contoh.test", TEST_PASSWORD)
    response = client.post("/admin/login/", {"username": superuser.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")
    assert "_auth_user_id" not in client.session


def test_admin_for_non_staff_is_forbidden(client_as, operator_a):
    assert client_as(operator_a).get("/admin/login/").status_code == 403


def test_admin_for_staff_after_allauth_login(client, db):
    superuser = User.objects.create_superuser("root@contoh.test", TEST_PASSWORD)
    EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    login(client, "root@contoh.test")
    assert client.get("/admin/").status_code == 200


# Idle timeout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_a", "admin_provinsi", "juri"])
def test_managing_users_sessions_end_after_30_minutes_idle(client, request, persona):
    user = request.getfixturevalue(persona)
    login(client, user.email)
    client.get("/akun/saya/")
    assert client.session.get_expiry_age() == 1800
    # Half an hour later without a request: the session is gone, the next page asks to log in.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/kelola/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


def test_idle_window_slides_once_the_refresh_interval_has_passed(client, operator_a, monkeypatch):
    """The session is rewritten at most once per IDLE_REFRESH_SECONDS (posyantek/middleware.py), so
    the window slides on the first request after that interval."""
    import time as real_time

    from posyantek.middleware import OperatorIdleTimeoutMiddleware

    login(client, operator_a.email)
    first = Session.objects.get(session_key=client.session.session_key).expire_date
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=first - timedelta(minutes=20))
    later = real_time.time() + OperatorIdleTimeoutMiddleware.IDLE_REFRESH_SECONDS + 5
    monkeypatch.setattr("posyantek.middleware.time.time", lambda: later)
    client.get("/kelola/gambir/")
    later = Session.objects.get(session_key=client.session.session_key).expire_date
    assert later >= first - timedelta(seconds=5)


def test_ukm_owner_keeps_the_long_session(client, pemilik_ukm):
    login(client, pemilik_ukm.email)
    client.get("/akun/saya/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600


def test_deactivated_user_is_logged_out_at_the_next_request(client, operator_a, admin_provinsi):
    login(client, operator_a.email)
    assert client.get("/kelola/gambir/").status_code == 200
    services.pengguna_nonaktifkan(pengguna=operator_a, oleh=admin_provinsi)
    response = client.get("/kelola/gambir/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")
    assert login(client, operator_a.email)["Location"] == "/akun/inactive/"
    assert client.get("/kelola/gambir/")["Location"].startswith("/akun/login/")


def test_login_redirects_operators_to_their_post(client, operator_a):
    response = login(client, operator_a.email)
    assert response["Location"] == "/kelola/"
    assert client.get("/kelola/")["Location"] == "/kelola/gambir/"


def test_factory_users_have_verified_email(db):
    user = UserFactory()
    assert EmailAddress.objects.get(user=user).verified


def test_idle_timeout_holds_from_the_login_request_itself(client, operator_a):
    login(client, operator_a.email)
    expire = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expire <= timezone.now() + timedelta(seconds=1800)
