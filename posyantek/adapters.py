from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Sign-up confirmations and password resets go through the outbox like every e-mail."""
        from posyantek.services import surel_pesan_antre

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        surel_pesan_antre(pesan=self.render_mail(template_prefix, email, ctx))
