"""One-time tokens of invitation links."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class UndanganTokenGenerator(PasswordResetTokenGenerator):
    """Like Django's password-reset tokens (signed, tied to the password hash and last login, so
    a link stops working once used), with its own salt, so a reset token is never an invitation
    token, its own lifetime (``settings.INVITATION_TIMEOUT``), and void once the account is
    deactivated."""

    key_salt = "posyantek.tokens.UndanganTokenGenerator"

    def _make_hash_value(self, user, timestamp) -> str:
        return super()._make_hash_value(user, timestamp) + str(user.is_active)

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.INVITATION_TIMEOUT


undangan_token = UndanganTokenGenerator()
