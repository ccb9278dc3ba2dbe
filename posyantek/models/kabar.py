"""A post's news (kabar kegiatan): shown on its public page and published as an Atom feed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.versi import VersiQuerySet

from .pos import Pos, PosScopedQuerySet

FOTO_MAKS_PER_KABAR = 6


class KabarQuerySet(PosScopedQuerySet):
    def published(self) -> "KabarQuerySet":
        """What the public sees: published, and dated today or earlier."""
        return self.filter(is_terbit=True, tanggal__lte=timezone.localdate())

    def with_foto(self) -> "KabarQuerySet":
        return self.prefetch_related("foto_set")


class Kabar(models.Model):
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="kabar_set", verbose_name=_("pos"))
    judul = models.CharField(_("judul"), max_length=160)
    judul_en = models.CharField(_("judul (Inggris)"), max_length=160, blank=True)
    isi = models.TextField(_("isi"), max_length=20000)
    tanggal = models.DateField(_("tanggal kegiatan"))
    is_terbit = models.BooleanField(
        _("terbitkan"), default=True, help_text=_("Bila tidak dicentang, kabar disimpan sebagai draf dan tidak tampil.")
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = KabarQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("kabar kegiatan")
        verbose_name_plural = _("kabar kegiatan")
        indexes = [models.Index(fields=["pos", "is_terbit", "tanggal"], name="kabar_pos_terbit_tanggal")]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("pos-kabar-detail", kwargs={"slug": self.pos.slug, "pk": self.pk})

    @property
    def foto_utama(self):
        """The first photo (from the prefetched set), or None."""
        photos = list(self.foto_set.all())
        return photos[0] if photos else None

    @property
    def ringkasan(self) -> str:
        text = " ".join(self.isi.split())
        return text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"


def kabar_foto_path(instance: "KabarFoto", filename: str) -> str:
    return f"kabar/{instance.kabar.pos.slug}/{filename}"


class KabarFoto(models.Model):
    """A photo of a news item. Public: stored under MEDIA_ROOT, re-encoded and stripped of EXIF."""

    kabar = models.ForeignKey(Kabar, on_delete=models.CASCADE, related_name="foto_set", verbose_name=_("kabar"))
    foto = models.ImageField(
        _("foto"), upload_to=kabar_foto_path, width_field="lebar", height_field="tinggi", max_length=255
    )
    lebar = models.PositiveIntegerField(default=0, editable=False)
    tinggi = models.PositiveIntegerField(default=0, editable=False)
    keterangan = models.CharField(
        _("keterangan foto"),
        max_length=200,
        blank=True,
        help_text=_("Apa yang tampak di foto (dibacakan pembaca layar)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foto kabar")
        verbose_name_plural = _("foto kabar")

    def __str__(self) -> str:
        return self.keterangan or self.kabar.judul

    @property
    def alt(self) -> str:
        return self.keterangan or self.kabar.judul
