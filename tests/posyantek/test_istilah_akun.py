"""The account pages use the menu's words, in both languages: "Masuk"/"Log in", "Daftar"/"Sign up",
"Keluar"/"Log out", and "kata sandi Anda" in the password rules (issue 16)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def page(client, url: str, lang: str) -> tuple[str, str, str]:
    """(title, h1, visible text) of a page in ``lang``."""
    client.cookies["django_language"] = lang
    body = client.get(url).content.decode()
    title = " ".join(re.search(r"<title>(.*?)</title>", body, re.S).group(1).split())
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1)).strip()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    return title, h1, text


@pytest.mark.parametrize(
    "url,lang,word",
    [
        ("/akun/login/", "id", "Masuk"),
        ("/akun/login/", "en", "Log in"),
        ("/akun/signup/", "id", "Daftar"),
        ("/akun/signup/", "en", "Sign up"),
    ],
)
def test_account_page_title_and_heading_match_the_menu(client, wilayah, url, lang, word):
    title, h1, text = page(client, url, lang)
    assert (title, h1) == (f"{word} · Posyantek", word)
    for other in ("Sign In", "Signup", "Sign Up"):
        assert other not in text


def test_logout_page_says_log_out_in_english(client, pemilik_ukm):
    client.force_login(pemilik_ukm)
    title, h1, _ = page(client, "/akun/logout/", "en")
    assert (title, h1) == ("Log out · Posyantek", "Log out")


def test_password_rules_say_kata_sandi_anda(client, wilayah):
    _, _, text = page(client, "/akun/signup/", "id")
    assert "Sandi anda" not in text and "sandi anda" not in text
    assert "Kata sandi Anda tidak boleh terlalu mirip dengan data pribadi Anda." in text
    assert "Kata sandi Anda harus memuat setidaknya 12 karakter." in text
    assert "Kata sandi Anda tidak boleh kata sandi yang umum dipakai." in text
    assert "Kata sandi Anda tidak boleh hanya berisi angka." in text
    assert not re.search(r"(?<![Kk]ata )\b[Ss]andi\b", text)  # never the bare "Sandi" label


def test_password_refusal_says_kata_sandi(client, wilayah):
    client.cookies["django_language"] = "id"
    response = client.post(
        "/akun/signup/", {"email": "baru@contoh.test", "password1": "12345678901234", "password2": "12345678901234"}
    )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Kata sandi ini seluruhnya terdiri dari angka." in text
    assert not re.search(r"(?<![Kk]ata )\b[Ss]andi\b", text)
