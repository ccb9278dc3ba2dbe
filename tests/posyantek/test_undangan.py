"""Invitations of operators, juri and admins provinsi; the people list; removing and deactivating."""

import re
from io import StringIO
from smtplib import SMTPException

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import TestCase
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from posyantek import services
from posyantek.models import OperatorPos, Peran, Surel, Undangan, User
from posyantek.tokens import undangan_token
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SANDI = "sandi-operator-baru-2026"


class RusakBackend(BaseEmailBackend):
    """An SMTP server that does not answer (e-mail is what leaves the machine)."""

    def send_messages(self, messages):
        raise SMTPException("server tidak menjawab")


def link_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/akun/undangan/\S+)", mail.body).group(1)


def invite(client, **data):
    payload = {"email": "baru@contoh.test", "nama": "Operator Baru", "peran": "operator", **data}
    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox delivers at commit
        return client.post("/kelola/pengguna/undang/", payload)


def commit():
    """The test's writes never commit; this runs what a commit would (the outbox's delivery)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def counts():
    return (User.objects.count(), OperatorPos.objects.count(), Undangan.objects.count(), EmailAddress.objects.count())


# The whole journey -------------------------------------------------------------------------------


def test_invited_operator_sets_password_through_one_time_link(client, admin_provinsi, pos_a, mailoutbox):
    client.force_login(admin_provinsi)
    response = invite(client, pos=[pos_a.pk])
    assert response.status_code == 302 and response["Location"] == "/kelola/pengguna/"
    user = User.objects.get(email="baru@contoh.test")
    assert not user.has_usable_password()
    assert list(user.pos_dikelola.all()) == [pos_a]
    undangan = Undangan.objects.get(user=user)
    assert (undangan.peran, undangan.dikirim_oleh, list(undangan.pos.all()), undangan.diterima_pada) == (
        Peran.OPERATOR,
        admin_provinsi,
        [pos_a],
        None,
    )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["baru@contoh.test"] and "Operator pos" in mail.subject
    assert "Posyantek Kecamatan Gambir" in mail.body and "sekali" in mail.body

    client.logout()
    path = link_path(mail)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].endswith("/atur-sandi/")  # token leaves the URL
    form_page = client.get(response["Location"])
    assert "Buat kata sandi Anda" in form_page.content.decode()
    response = client.post(response["Location"], {"new_password1": SANDI, "new_password2": SANDI})
    assert response.status_code == 302 and response["Location"] == "/kelola/"
    assert client.get("/kelola/")["Location"] == "/kelola/gambir/"  # lands in their post

    user.refresh_from_db()
    assert user.check_password(SANDI)
    assert EmailAddress.objects.get(user=user).verified
    assert Undangan.objects.get(user=user).diterima_pada is not None

    # The same link a second time: a clear message, no form.
    client.logout()
    again = client.get(path)
    assert again.status_code == 200
    body = again.content.decode()
    assert "Tautan undangan tidak berlaku" in body and "new_password1" not in body


def test_invitation_link_refuses_a_weak_password_and_stays_usable(client, admin_provinsi, pos_a, mailoutbox):
    with commit():
        services.undangan_kirim(
            email="baru@contoh.test", nama="Baru", peran="operator", pos_list=[pos_a], oleh=admin_provinsi
        )
    form_url = client.get(link_path(mailoutbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "pendek", "new_password2": "pendek"})
    assert response.status_code == 200
    assert "setidaknya 12 karakter" in response.content.decode()
    user = User.objects.get(email="baru@contoh.test")
    assert not user.has_usable_password() and "_auth_user_id" not in client.session
    response = client.post(form_url, {"new_password1": SANDI, "new_password2": SANDI})
    assert response.status_code == 302


def test_expired_invitation_link_is_refused(client, admin_provinsi, settings):
    undangan = services.undangan_kirim(email="baru@contoh.test", nama="Baru", peran="juri", oleh=admin_provinsi)
    user = undangan.user
    delapan_hari_lalu = undangan_token._num_seconds(undangan_token._now()) - 8 * 24 * 3600
    token = undangan_token._make_token_with_timestamp(user, delapan_hari_lalu, undangan_token.secret)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/akun/undangan/{uid}/{token}/")
    assert response.status_code == 200 and "Tautan undangan tidak berlaku" in response.content.decode()
    settings.INVITATION_TIMEOUT = 9 * 24 * 3600
    assert client.get(f"/akun/undangan/{uid}/{token}/").status_code == 302


@pytest.mark.parametrize("kind", ["password-reset", "tampered", "other-user"])
def test_other_tokens_are_not_invitations(client, admin_provinsi, kind):
    user = services.undangan_kirim(email="baru@contoh.test", nama="Baru", peran="juri", oleh=admin_provinsi).user
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    if kind == "password-reset":
        token = default_token_generator.make_token(user)
    elif kind == "tampered":
        good = undangan_token.make_token(user)
        token = good[:-1] + ("a" if good[-1] != "a" else "b")
    else:
        token = undangan_token.make_token(admin_provinsi)
    response = client.get(f"/akun/undangan/{uid}/{token}/")
    assert "Tautan undangan tidak berlaku" in response.content.decode()


def test_deactivation_voids_an_open_invitation(client, admin_provinsi, mailoutbox):
    with commit():
        user = services.undangan_kirim(email="baru@contoh.test", nama="Baru", peran="juri", oleh=admin_provinsi).user
    services.pengguna_nonaktifkan(pengguna=user, oleh=admin_provinsi)
    assert "Tautan undangan tidak berlaku" in client.get(link_path(mailoutbox[0])).content.decode()


def test_reactivation_does_not_revive_a_revoked_invitation(client, admin_provinsi, pos_a, mailoutbox):
    with commit():
        user = services.undangan_kirim(
            email="baru@contoh.test", nama="Baru", peran="operator", pos_list=[pos_a], oleh=admin_provinsi
        ).user
    services.pengguna_nonaktifkan(pengguna=user, oleh=admin_provinsi)
    services.pengguna_aktifkan(pengguna=user, oleh=admin_provinsi)
    response = client.get(link_path(mailoutbox[0]), follow=True)
    assert "Tautan undangan tidak berlaku" in response.content.decode()
    assert "new_password1" not in response.content.decode()
    user.refresh_from_db()
    assert user.has_usable_password() is False
    # A new invitation is the way back, and it works.
    with commit():
        services.undangan_kirim_ulang(pengguna=user, oleh=admin_provinsi)
    response = client.get(link_path(mailoutbox[1]), follow=True)
    assert "new_password1" in response.content.decode()
    client.post(response.redirect_chain[-1][0], {"new_password1": SANDI, "new_password2": SANDI})
    user.refresh_from_db()
    assert user.check_password(SANDI) is True


def test_deactivation_in_the_django_admin_also_revokes_for_good(client, admin_provinsi, mailoutbox):
    with commit():
        user = services.undangan_kirim(email="baru@contoh.test", nama="Baru", peran="juri", oleh=admin_provinsi).user
    root = User.objects.create_superuser("root@contoh.test", TEST_PASSWORD)
    client.force_login(root)
    form = {
        "email": user.email,
        "nama": user.nama,
        "telepon": "",
        "is_juri": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }
    response = client.post(f"/admin/posyantek/user/{user.pk}/change/", form)
    assert response.status_code == 302
    client.post(f"/admin/posyantek/user/{user.pk}/change/", {**form, "is_active": "on"})
    user.refresh_from_db()
    assert user.is_active is True
    client.logout()
    assert "Tautan undangan tidak berlaku" in client.get(link_path(mailoutbox[0]), follow=True).content.decode()


def test_reactivation_keeps_a_password_already_set(admin_provinsi, operator_a):
    services.pengguna_nonaktifkan(pengguna=operator_a, oleh=admin_provinsi)
    services.pengguna_aktifkan(pengguna=operator_a, oleh=admin_provinsi)
    operator_a.refresh_from_db()
    assert operator_a.check_password(TEST_PASSWORD) is True


# Who may invite, and what is refused -------------------------------------------------------------


def test_operator_cannot_invite(client_as, operator_a, pos_a, mailoutbox):
    before = counts()
    assert invite(client_as(operator_a), pos=[pos_a.pk]).status_code == 403
    assert counts() == before and mailoutbox == []


def test_service_refuses_invitations_from_non_admins(operator_a, pos_b, mailoutbox):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.undangan_kirim(email="x@contoh.test", nama="X", peran="admin_provinsi", oleh=operator_a)
    with pytest.raises(PermissionDenied):
        services.operator_tetapkan(pos=pos_b, pengguna=operator_a, oleh=operator_a)
    assert counts() == before and mailoutbox == []


@pytest.mark.parametrize(
    "data,message",
    [
        ({"pos": []}, "Pilih minimal satu pos"),
        ({"email": "bukan-email", "pos": ["1"]}, "alamat email yang valid"),
        ({"peran": "superuser"}, "Masukkan pilihan yang valid"),
        ({"nama": "x" * 151}, "paling banyak 150"),
        ({"pos": ["999999"]}, "Masukkan pilihan yang valid"),
        ({"pos": ["abc"]}, "bukan nilai yang valid"),
        ({"nama": ""}, "Nama wajib diisi"),
    ],
)
def test_invitation_hostile_input_is_refused_and_writes_nothing(
    client_as, admin_provinsi, pos_a, mailoutbox, data, message
):
    payload = {"pos": [pos_a.pk], **data}
    before = counts()
    response = invite(client_as(admin_provinsi), **payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before and mailoutbox == []


def test_invitation_escapes_html_in_names(client_as, admin_provinsi, pos_a, mailoutbox):
    client = client_as(admin_provinsi)
    invite(client, nama="<script>alert(1)</script>", pos=[pos_a.pk])
    body = client.get("/kelola/pengguna/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_invitation_saved_and_mail_waits_when_mail_server_is_down(
    client_as, admin_provinsi, pos_a, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.posyantek.test_undangan.RusakBackend"
    before = counts()
    response = invite(client_as(admin_provinsi), pos=[pos_a.pk])
    assert response.status_code == 302
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    surel = Surel.objects.get()
    assert (surel.penerima, surel.status, surel.percobaan, mailoutbox) == (["baru@contoh.test"], "menunggu", 1, [])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.surel_antrean_kirim() == 1
    assert [m.to for m in mailoutbox] == [["baru@contoh.test"]]


def test_inviting_an_existing_account_grants_the_role_and_sends_a_notice(admin_provinsi, pemilik_ukm, mailoutbox):
    with commit():
        services.undangan_kirim(email="UKM1@posyantek.test", nama="", peran="juri", oleh=admin_provinsi)
    pemilik_ukm.refresh_from_db()
    assert pemilik_ukm.is_juri and pemilik_ukm.is_pemilik_ukm and pemilik_ukm.check_password(TEST_PASSWORD)
    assert "/akun/undangan/" not in mailoutbox[0].body
    assert "/akun/login/" in mailoutbox[0].body


def test_inviting_a_deactivated_account_is_refused(admin_provinsi, mailoutbox):
    UserFactory(email="lama@contoh.test", is_active=False)
    with pytest.raises(ValidationError, match="dinonaktifkan"):
        services.undangan_kirim(email="lama@contoh.test", nama="Lama", peran="juri", oleh=admin_provinsi)
    assert not Undangan.objects.exists() and mailoutbox == []


def test_invited_juri_and_admin_get_their_role(admin_provinsi, mailoutbox):
    juri = services.undangan_kirim(email="j@contoh.test", nama="Juri", peran="juri", oleh=admin_provinsi).user
    admin = services.undangan_kirim(
        email="a@contoh.test", nama="Admin", peran="admin_provinsi", oleh=admin_provinsi
    ).user
    assert (juri.is_juri, juri.is_admin_provinsi, admin.is_admin_provinsi, admin.is_juri) == (True, False, True, False)
    assert not OperatorPos.objects.filter(user__in=[juri, admin]).exists()


def test_undang_admin_command_prints_a_working_link(client, db, mailoutbox):
    out = StringIO()
    with commit():
        call_command("undang_admin", "pertama@contoh.test", nama="Admin Pertama", stdout=out)
    user = User.objects.get(email="pertama@contoh.test")
    assert user.is_admin_provinsi and not user.has_usable_password()
    path = re.search(r"(/akun/undangan/\S+)", out.getvalue()).group(1)
    assert client.get(path).status_code == 302
    assert len(mailoutbox) == 1


# Resend, remove, deactivate ----------------------------------------------------------------------


def test_resend_sends_a_new_link_only_while_no_password_is_set(client_as, admin_provinsi, pos_a, mailoutbox):
    client = client_as(admin_provinsi)
    with commit():
        user = services.undangan_kirim(
            email="b@contoh.test", nama="B", peran="operator", pos_list=[pos_a], oleh=admin_provinsi
        ).user
        client.post(f"/kelola/pengguna/{user.pk}/kirim-ulang/")
    assert len(mailoutbox) == 2 and Undangan.objects.filter(user=user).count() == 2
    assert list(Undangan.objects.filter(user=user).first().pos.all()) == [pos_a]
    services.undangan_terima(oleh=user, password=SANDI)
    with commit():
        response = client.post(f"/kelola/pengguna/{user.pk}/kirim-ulang/", follow=True)
    assert "sudah mengatur kata sandinya" in response.content.decode()
    assert len(mailoutbox) == 2


def test_admin_removes_operator_from_post(client_as, admin_provinsi, operator_a, pos_a):
    client = client_as(admin_provinsi)
    response = client.post(f"/kelola/gambir/operator/{operator_a.pk}/hapus/")
    assert response["Location"] == "/kelola/gambir/operator/"
    assert not OperatorPos.objects.filter(user=operator_a).exists()
    assert OperatorPos.history.filter(user_id=operator_a.pk, history_type="-").count() == 1
    client.force_login(operator_a)
    assert client.get("/kelola/gambir/").status_code == 404


def test_removing_from_another_post_or_a_non_operator_is_404(client_as, admin_provinsi, operator_a, operator_b):
    client = client_as(admin_provinsi)
    assert client.post(f"/kelola/tambora/operator/{operator_a.pk}/hapus/").status_code == 404
    assert OperatorPos.objects.filter(user=operator_a).count() == 1


def test_operator_cannot_remove_operators(client_as, operator_a, operator_b):
    assert client_as(operator_a).post(f"/kelola/gambir/operator/{operator_a.pk}/hapus/").status_code == 403
    assert client_as(operator_a).post(f"/kelola/tambora/operator/{operator_b.pk}/hapus/").status_code == 404
    assert OperatorPos.objects.count() == 2


def test_remove_redirects_back_only_within_the_site(client_as, admin_provinsi, operator_a):
    client = client_as(admin_provinsi)
    response = client.post(f"/kelola/gambir/operator/{operator_a.pk}/hapus/", {"next": "https://jahat.example/"})
    assert response["Location"] == "/kelola/gambir/operator/"


def test_deactivate_and_reactivate(client_as, admin_provinsi, operator_a):
    client = client_as(admin_provinsi)
    client.post(f"/kelola/pengguna/{operator_a.pk}/nonaktifkan/")
    operator_a.refresh_from_db()
    assert not operator_a.is_active
    client.post(f"/kelola/pengguna/{operator_a.pk}/aktifkan/")
    operator_a.refresh_from_db()
    assert operator_a.is_active and operator_a.pos_dikelola.count() == 1


def test_admin_cannot_deactivate_themselves(client_as, admin_provinsi):
    response = client_as(admin_provinsi).post(f"/kelola/pengguna/{admin_provinsi.pk}/nonaktifkan/", follow=True)
    assert "akun Anda sendiri" in response.content.decode()
    admin_provinsi.refresh_from_db()
    assert admin_provinsi.is_active


def test_admin_provinsi_cannot_deactivate_a_superuser(admin_provinsi):
    root = User.objects.create_superuser("root@contoh.test", TEST_PASSWORD)
    with pytest.raises(ValidationError):
        services.pengguna_nonaktifkan(pengguna=root, oleh=admin_provinsi)
    root.refresh_from_db()
    assert root.is_active


# The people list and the post's operator page ----------------------------------------------------


def test_people_list_shows_managing_users_not_ukm_owners(client_as, admin_provinsi, operator_a, pemilik_ukm, juri):
    body = client_as(admin_provinsi).get("/kelola/pengguna/").content.decode()
    assert "operator.gambir@posyantek.test" in body and "juri1@posyantek.test" in body
    assert "ukm1@posyantek.test" not in body


def test_people_list_filters(client_as, admin_provinsi, operator_a, juri, mailoutbox):
    services.undangan_kirim(email="menunggu@contoh.test", nama="Menunggu", peran="juri", oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    menunggu = client.get("/kelola/pengguna/?status=menunggu").content.decode()
    assert "menunggu@contoh.test" in menunggu and "operator.gambir@posyantek.test" not in menunggu
    operator = client.get("/kelola/pengguna/?peran=operator").content.decode()
    assert "operator.gambir@posyantek.test" in operator and "juri1@posyantek.test" not in operator
    cari = client.get("/kelola/pengguna/?q=gambir").content.decode()
    assert "operator.gambir@posyantek.test" in cari and "juri1@posyantek.test" not in cari


@pytest.mark.parametrize("n", [1, 3])
def test_people_list_query_count_is_constant(client_as, admin_provinsi, pos_a, pos_b, django_assert_num_queries, n):
    client = client_as(admin_provinsi)
    for i in range(n):
        user = UserFactory(email=f"op{i}@contoh.test")
        services.operator_tetapkan(pos=pos_a, pengguna=user)
        services.operator_tetapkan(pos=pos_b, pengguna=user)
        services.undangan_kirim(email=f"j{i}@contoh.test", nama="J", peran="juri", oleh=admin_provinsi)
    client.get("/kelola/pengguna/")  # warm the session and the caches
    # session, user, count, page of users, their posts, their invitations (the warm-up request already
    # saved the idle timeout; posyantek/middleware.py rewrites it at most once a minute).
    with django_assert_num_queries(6):
        response = client.get("/kelola/pengguna/")
    assert response.content.decode().count("op0@contoh.test") == 1


def test_post_operator_page_lists_only_that_posts_operators(client_as, admin_provinsi, operator_a, operator_b):
    body = client_as(admin_provinsi).get("/kelola/gambir/operator/").content.decode()
    assert "operator.gambir@posyantek.test" in body and "operator.tambora@posyantek.test" not in body


def test_post_operator_page_invites_to_that_post(client_as, admin_provinsi, pos_a, mailoutbox):
    with commit():
        response = client_as(admin_provinsi).post("/kelola/gambir/operator/", {"email": "c@contoh.test", "nama": "C"})
    assert response["Location"] == "/kelola/gambir/operator/"
    assert list(User.objects.get(email="c@contoh.test").pos_dikelola.all()) == [pos_a]
    assert len(mailoutbox) == 1


def test_operator_remove_refuses_someone_who_is_not_the_posts_operator(admin_provinsi, operator_b, pos_a):
    with pytest.raises(ValidationError, match="bukan operator"):
        services.operator_hapus(pos=pos_a, pengguna=operator_b, oleh=admin_provinsi)
    assert OperatorPos.objects.filter(user=operator_b).count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_post_operator_page_query_count_is_constant(client_as, admin_provinsi, pos_a, django_assert_num_queries, n):
    for i in range(n):
        services.operator_tetapkan(pos=pos_a, pengguna=UserFactory(email=f"op{i}@contoh.test"), oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    client.get("/kelola/gambir/operator/")
    with django_assert_num_queries(5):  # + the data version (the post's menu is a cached fragment)
        response = client.get("/kelola/gambir/operator/")
    assert len(response.context["operator_list"]) == n
