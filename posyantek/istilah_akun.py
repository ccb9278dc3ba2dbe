"""The account pages' words, said one way across the portal.

django-allauth titles its pages "Sign In", "Signup", "Sign Up" and "Sign Out" while the portal's
menu says "Log in", "Sign up" and "Log out" (Indonesian: "Masuk", "Daftar", "Keluar", which
allauth's own catalogue already uses). Marking allauth's msgids here keeps their English wording
in locale/en through ``make messages``. The Indonesian side of Django's and allauth's password
strings ("Sandi anda …" beside the portal's "Kata sandi Anda …") is worded in
locale/id/LC_MESSAGES/django.po, which overrides those two libraries only.
"""

from django.utils.translation import gettext_noop

ALLAUTH_JUDUL = (
    gettext_noop("Sign In"),
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Out"),
    gettext_noop("Sign Up Closed"),
)
