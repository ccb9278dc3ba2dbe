"""iCalendar feeds: every session, one post's, one session, and a person's private feed.

Public feeds never contain online links. The private feed is reached by a secret token in its URL
(calendar apps cannot log in); a wrong or regenerated token answers 404.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pelatihan import ical, selectors
from pelatihan.models import Jadwal, KalenderPribadi, Pendaftaran
from posyantek.models import Pos


def _response(body: bytes, *, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def _base(request) -> str:
    return request.build_absolute_uri("/")


@require_GET
def feed_semua(request):
    body = ical.kalender(
        nama=_("Pelatihan Posyantek DKI Jakarta"), jadwal_list=selectors.jadwal_list_feed(), base_url=_base(request)
    )
    return _response(body, filename="pelatihan-posyantek.ics")


@require_GET
def feed_pos(request, slug: str):
    pos = get_object_or_404(Pos, slug=slug)
    body = ical.kalender(
        nama=_("Pelatihan %(pos)s") % {"pos": pos.nama},
        jadwal_list=selectors.jadwal_list_feed(pos=pos),
        base_url=_base(request),
    )
    return _response(body, filename=f"pelatihan-{pos.slug}.ics")


@require_GET
def feed_pribadi(request, token: str):
    kalender = KalenderPribadi.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if kalender is None:
        raise Http404
    jadwal_list, tautan, tentative = selectors.jadwal_list_pribadi(pengguna=kalender.user)
    body = ical.kalender(
        nama=_("Pelatihan saya — Posyantek"),
        jadwal_list=jadwal_list,
        base_url=_base(request),
        tautan_untuk=tautan,
        status_untuk=tentative,
    )
    return _response(body, filename="pelatihan-saya.ics", private=True)


@require_GET
def jadwal_ics(request, pk: int):
    """One session as a file to add to a calendar. A participant with a confirmed seat gets the
    online link in it; everyone else does not."""
    jadwal = get_object_or_404(
        Jadwal.objects.select_related("pos", "program").prefetch_related("program__topik_set"),
        pk=pk,
        status__in=[Jadwal.Status.TERBIT, Jadwal.Status.DIBATALKAN],
    )
    confirmed = (
        request.user.is_authenticated
        and Pendaftaran.objects.filter(
            jadwal=jadwal, user=request.user, status=Pendaftaran.Status.TERKONFIRMASI
        ).exists()
    )
    body = ical.kalender(
        nama=jadwal.nama,
        jadwal_list=[jadwal],
        base_url=_base(request),
        tautan_untuk={jadwal.pk} if confirmed else set(),
    )
    response = _response(body, filename=f"pelatihan-{jadwal.pk}.ics", private=confirmed)
    response["Content-Disposition"] = f'attachment; filename="pelatihan-{jadwal.pk}.ics"'
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, max-age=300"
    return response
