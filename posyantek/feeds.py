"""The Atom feed of a post's news: blogs, aggregators and social-media tools can follow a post."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from posyantek import selectors
from posyantek.models import Kabar, Pos


class KabarAtomFeed(Feed):
    feed_type = Atom1Feed
    # Twenty latest published items; drafts and future-dated items never appear.
    jumlah = 20

    def get_object(self, request, slug: str) -> Pos:
        return get_object_or_404(Pos.objects.with_wilayah(), slug=slug)

    def title(self, pos: Pos) -> str:
        return _("Kabar kegiatan %(nama)s") % {"nama": pos.nama}

    def subtitle(self, pos: Pos) -> str:
        return _("Kegiatan terbaru Pos Pelayanan Teknologi Kecamatan %(kec)s, %(kota)s.") % {
            "kec": pos.kecamatan.nama,
            "kota": pos.kecamatan.kota.nama_pendek,
        }

    def link(self, pos: Pos) -> str:
        return pos.get_absolute_url()

    def feed_url(self, pos: Pos) -> str:
        return reverse("pos-kabar-feed", kwargs={"slug": pos.slug})

    def author_name(self, pos: Pos) -> str:
        return pos.nama

    def items(self, pos: Pos):
        return selectors.kabar_list_publik(pos=pos)[: self.jumlah]

    def item_title(self, item: Kabar) -> str:
        return item.judul

    def item_description(self, item: Kabar) -> str:
        return item.ringkasan

    def item_link(self, item: Kabar) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Kabar):
        return item.created_at

    def item_updateddate(self, item: Kabar):
        return item.updated_at

    def item_guid(self, item: Kabar) -> str:
        return f"tag:{settings.PORTAL_BASE_URL.split('://')[-1].split('/')[0]},2026:kabar:{item.pk}"

    item_guid_is_permalink = False
