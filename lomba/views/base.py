"""Access to the juri and admin area /kelola/lomba/: who is let in, and which competition they see."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from lomba import selectors
from lomba.models import Lomba, PenugasanJuri, Peserta
from posyantek.permissions import is_admin_provinsi


class LombaAreaMixin(AccessMixin):
    """Juri and admins provinsi only (anonymous → login, anyone else → 403).

    With ``pk`` in the URL, the competition is resolved through ``Lomba.objects.for_user``: a
    competition a juri is not assigned to answers 404, like one that does not exist. ``admin_only``
    views answer 403 to juri.
    """

    admin_only = False
    lomba: Lomba | None = None
    penugasan: PenugasanJuri | None = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        self.is_admin = is_admin_provinsi(user)
        if not (self.is_admin or (user.is_active and user.is_juri)):
            raise PermissionDenied
        if self.admin_only and not self.is_admin:
            raise PermissionDenied
        if "pk" in kwargs:
            self.lomba = get_object_or_404(
                Lomba.objects.for_user(user).select_related(
                    "kota", "seri_tahap", "seri_kriteria", "seri_kriteria__tahap"
                ),
                pk=kwargs["pk"],
            )
            self.penugasan = selectors.penugasan_untuk(lomba=self.lomba, pengguna=user) if user.is_juri else None
            self.cek_izin()
        try:
            return super().dispatch(request, *args, **kwargs)
        except KonflikKepentingan:
            return render(request, "lomba/konflik.html", {"lomba": self.lomba}, status=403)

    def cek_izin(self) -> None:
        """A view's own rule once the competition is known (raise PermissionDenied to refuse)."""

    @property
    def boleh_lihat_semua_nilai(self) -> bool:
        """Every juri's scores: the admin always; a juri only once the competition is final."""
        return self.is_admin or (self.lomba is not None and self.lomba.is_selesai)

    def peserta_atau_404(self, peserta_pk: int, *, sebagai_juri: bool = False) -> Peserta:
        """An entry of this competition the user may open: any for the admin; for a juri (and for
        anyone scoring, ``sebagai_juri``) only the entries their assignment covers, and never a post
        they are tied to (403, with the reason)."""
        peserta = get_object_or_404(self.lomba.peserta_set.with_relasi(), pk=peserta_pk)
        if self.is_admin and not sebagai_juri:
            return peserta
        if self.penugasan is None or not selectors.penugasan_mencakup(penugasan=self.penugasan, peserta=peserta):
            raise Http404
        if peserta.pos_id and peserta.pos_id in selectors.juri_terkait_pos_ids(juri=self.request.user):
            raise KonflikKepentingan
        return peserta

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(lomba=self.lomba, is_admin=self.is_admin, penugasan=self.penugasan)
        return ctx


class KonflikKepentingan(PermissionDenied):
    """A juri opened an entry of a post they are tied to."""
