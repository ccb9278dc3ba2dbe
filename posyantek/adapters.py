from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from posyantek.http import client_ip
from posyantek.permissions import can_use_kelola


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth's rate limits (login, sign-up, password reset) count per client like ours do.
        return client_ip(request)

    def get_login_redirect_url(self, request):
        if can_use_kelola(request.user):
            return reverse("kelola:index")
        return super().get_login_redirect_url(request)
