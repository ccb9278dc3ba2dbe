"""Reads of the TTG catalogue for pages.

Visibility: the public sees published technologies only (``Teknologi.objects.published()``), their
guides, the posts that demonstrate them, and *approved* adoptions (counts, kecamatan, and the
reviews' business name, rating and note — never the owner's e-mail). Campaigns are public with
their totals; who pledged what is for the organising post's operators only.
Every function returns a lazy queryset (or a small dict) whose number of queries does not depend
on how many rows there are.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.models import Pos, User
from teknologi import pencarian
from teknologi.models import (
    RENTANG_HARGA,
    Adopsi,
    Bidang,
    JanjiUrunBeli,
    KampanyeUrunBeli,
    LangkahPanduan,
    Panduan,
    Penghargaan,
    StatusAdopsi,
    StatusJanji,
    StatusKampanye,
    StatusTeknologi,
    Teknologi,
    TeknologiPos,
)

URUTAN = {
    "relevansi": (_("Paling cocok"), None),
    "nama": (_("Nama A–Z"), ["nama"]),
    "harga": (_("Harga termurah"), [F("harga_min_urut").asc(nulls_last=True), "nama"]),
    "-harga": (_("Harga termahal"), [F("harga_max_urut").desc(nulls_last=True), "nama"]),
    "populer": (_("Paling banyak dipakai"), ["-jumlah_adopsi", "nama"]),
    "terbaru": (_("Terbaru"), [F("diterbitkan_at").desc(nulls_last=True), "-pk"]),
}


def _jumlah_adopsi():
    sub = (
        Adopsi.objects.filter(teknologi=OuterRef("pk"), status=StatusAdopsi.DISETUJUI)
        .order_by()
        .values("teknologi")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub), Value(0))


def _punya_panduan():
    return Exists(LangkahPanduan.objects.filter(panduan__teknologi=OuterRef("pk")))


def teknologi_list_kartu(*, qs: QuerySet | None = None) -> QuerySet[Teknologi]:
    """What a catalogue card shows: adoption count and whether a guide exists, in the same query."""
    qs = Teknologi.objects.published() if qs is None else qs
    return qs.annotate(jumlah_adopsi=_jumlah_adopsi(), ada_panduan=_punya_panduan())


@dataclass
class Filter:
    """The catalogue's filters, parsed from the query string (unknown values are ignored)."""

    q: str = ""
    bidang: str = ""
    harga: str = ""
    kecamatan: str = ""
    panduan: bool = False
    penghargaan: str = ""
    urut: str = ""
    aktif: dict = field(default_factory=dict)

    @classmethod
    def dari(cls, params) -> "Filter":
        f = cls(q=(params.get("q") or "").strip()[: pencarian.MAX_QUERY_LENGTH])
        if params.get("bidang") in Bidang.values:
            f.bidang = params["bidang"]
        if params.get("harga") in {key for key, *_rest in RENTANG_HARGA}:
            f.harga = params["harga"]
        kec = (params.get("kecamatan") or "")[:60]
        if kec and kec.replace("-", "").isalnum():
            f.kecamatan = kec
        f.panduan = params.get("panduan") == "1"
        if params.get("penghargaan") in {p for p in Penghargaan.values if p}:
            f.penghargaan = params["penghargaan"]
        urut = params.get("urut") or ""
        f.urut = urut if urut in URUTAN else ("relevansi" if f.q else "nama")
        return f

    def kondisi(self) -> dict[str, Q]:
        """One Q per active facet; joins are Exists() so no row is counted twice."""
        conds: dict[str, Q] = {}
        if self.bidang:
            conds["bidang"] = Q(bidang=self.bidang)
        if self.harga:
            conds["harga"] = _q_harga(self.harga)
        if self.kecamatan:
            conds["kecamatan"] = Q(
                Exists(TeknologiPos.objects.filter(teknologi=OuterRef("pk"), pos__kecamatan__slug=self.kecamatan))
            )
        if self.panduan:
            conds["panduan"] = Q(_punya_panduan())
        if self.penghargaan:
            conds["penghargaan"] = Q(penghargaan=self.penghargaan)
        return conds


def _q_harga(key: str) -> Q:
    """A technology sits in the bucket of its starting price (the lowest, or the only one given),
    so every priced technology is counted in exactly one bucket."""
    for k, _label, low, high in RENTANG_HARGA:
        if k == key:
            on_min, on_max = Q(harga_min__isnull=False), Q(harga_min__isnull=True, harga_max__isnull=False)
            if low is not None:
                on_min &= Q(harga_min__gte=low)
                on_max &= Q(harga_max__gte=low)
            if high is not None:
                on_min &= Q(harga_min__lt=high)
                on_max &= Q(harga_max__lt=high)
            return on_min | on_max
    return Q()


def _semua_kecuali(conds: dict[str, Q], kecuali: str) -> Q:
    result = Q()
    for name, cond in conds.items():
        if name != kecuali:
            result &= cond
    return result


@dataclass
class Katalog:
    """One page of the catalogue: the technologies of the page (cards) and the facet counts."""

    page: Page
    facet: dict
    saran: list[str] = field(default_factory=list)  # "maksud Anda: …" when the search found nothing


def _cari_dasar(f: Filter) -> tuple[QuerySet, dict | None]:
    """The published technologies the search matches, and their relevance by pk.

    The search (trigram and full text) runs once, in one query that returns ids and relevance;
    everything after works on ``pk IN (…)``, so neither the ordering, the page, nor the three
    facet queries repeat it."""
    published = Teknologi.objects.published()
    if not f.q:
        return published, None
    relevansi = dict(pencarian.cari(published, f.q).order_by().values_list("pk", "relevansi"))
    return published.filter(pk__in=list(relevansi)), relevansi


def _urutan_ids(f: Filter, base: QuerySet, relevansi: dict | None) -> list[int]:
    qs = base.filter(_semua_kecuali(f.kondisi(), ""))
    if relevansi is not None and f.urut == "relevansi":
        rows = list(qs.values_list("pk", "nama"))
        rows.sort(key=lambda row: (-relevansi[row[0]], row[1]))
        return [pk for pk, _nama in rows]
    if f.urut == "populer":
        qs = qs.annotate(jumlah_adopsi=_jumlah_adopsi())
    qs = qs.annotate(
        harga_min_urut=Coalesce("harga_min", "harga_max"), harga_max_urut=Coalesce("harga_max", "harga_min")
    )
    ordering = URUTAN[f.urut][1] or ["nama"]
    return list(qs.order_by(*ordering).values_list("pk", flat=True))


def _kartu_urut(ids: list[int]) -> list[Teknologi]:
    """The card rows of these ids, in that order (adoption counts computed for these rows only)."""
    by_pk = {t.pk: t for t in teknologi_list_kartu(qs=Teknologi.objects.filter(pk__in=ids))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def teknologi_katalog(*, f: Filter, halaman, per_halaman: int) -> Katalog:
    """The catalogue page in six queries whatever the number of technologies: search (ids and
    relevance), ordering (ids), the page's cards, and three facet queries; on SQLite one more for
    the typo-tolerant candidates, and one more for suggestions when nothing was found."""
    base, relevansi = _cari_dasar(f)
    page = Paginator(_urutan_ids(f, base, relevansi), per_halaman).get_page(halaman)
    page.object_list = _kartu_urut(list(page.object_list))
    # Suggestions only when the words matched nothing (not when a facet emptied the page).
    saran = pencarian.saran(Teknologi.objects.published(), f.q) if relevansi == {} else []
    return Katalog(page=page, facet=teknologi_facet(f=f, base=base), saran=saran)


def teknologi_cari_ringkas(*, q: str, jumlah: int = 6) -> tuple[list[Teknologi], int, list[str]]:
    """For the home page's search (/cari/): the best ``jumlah`` cards for ``q``, how many match in
    all, and "maksud Anda" names when none does. Four queries at most, whatever the catalogue's size."""
    f = Filter.dari({"q": q})
    base, relevansi = _cari_dasar(f)
    ids = _urutan_ids(f, base, relevansi)
    saran = [] if ids or not f.q else pencarian.saran(Teknologi.objects.published(), f.q)
    return _kartu_urut(ids[:jumlah]), len(ids), saran


def teknologi_facet(*, f: Filter, base: QuerySet | None = None) -> dict:
    """Facet counts in three queries, each facet counted with every *other* active filter applied.

    Returns {"bidang": [(value, label, n)], "harga": [...], "kecamatan": [(slug, nama, n)],
    "panduan": n, "penghargaan": [...]}. Values with a zero count are left out except the active one.
    """
    if base is None:
        base, _relevansi = _cari_dasar(f)
    conds = f.kondisi()

    bidang_counts = dict(
        base.filter(_semua_kecuali(conds, "bidang")).order_by().values_list("bidang").annotate(n=Count("pk"))
    )
    kec_rows = (
        TeknologiPos.objects.filter(teknologi__in=base.filter(_semua_kecuali(conds, "kecamatan")).values("pk"))
        .order_by()
        .values("pos__kecamatan__slug", "pos__kecamatan__nama", "pos__kecamatan__kode")
        .annotate(n=Count("teknologi", distinct=True))
        .order_by("pos__kecamatan__kode")
    )
    aggregates = {}
    for key, _label, _low, _high in RENTANG_HARGA:
        aggregates[f"harga_{key}"] = Count("pk", filter=_q_harga(key) & _semua_kecuali(conds, "harga"))
    aggregates["panduan"] = Count("pk", filter=Q(_punya_panduan()) & _semua_kecuali(conds, "panduan"))
    for value in Penghargaan.values:
        if value:
            aggregates[f"penghargaan_{value}"] = Count(
                "pk", filter=Q(penghargaan=value) & _semua_kecuali(conds, "penghargaan")
            )
    totals = base.order_by().aggregate(**aggregates)
    return {
        "bidang": [
            (v, label, bidang_counts.get(v, 0)) for v, label in Bidang.choices if bidang_counts.get(v) or v == f.bidang
        ],
        "harga": [
            (k, label, totals[f"harga_{k}"])
            for k, label, _l, _h in RENTANG_HARGA
            if totals[f"harga_{k}"] or k == f.harga
        ],
        "kecamatan": [(r["pos__kecamatan__slug"], r["pos__kecamatan__nama"], r["n"]) for r in kec_rows],
        "panduan": totals["panduan"],
        "penghargaan": [
            (v, label, totals[f"penghargaan_{v}"])
            for v, label in Penghargaan.choices
            if v and (totals[f"penghargaan_{v}"] or v == f.penghargaan)
        ],
    }


def teknologi_detail_publik(*, slug: str) -> Teknologi:
    """A published technology with what its page shows, in a constant number of queries."""
    return (
        teknologi_list_kartu()
        .select_related("panduan")
        .prefetch_related(
            "foto_set",
            Prefetch("pos_demo", queryset=TeknologiPos.objects.select_related("pos__kecamatan__kota")),
        )
        .get(slug=slug)
    )


def adopsi_ringkasan(*, teknologi: Teknologi) -> dict:
    """How many UKM use a technology, in which kecamatan, and its average rating (approved rows only)."""
    approved = Adopsi.objects.disetujui().filter(teknologi=teknologi)
    stats = approved.aggregate(jumlah=Count("pk"), rata=Avg("rating"), dinilai=Count("rating"))
    per_kecamatan = list(
        approved.order_by()
        .values("pos__kecamatan__nama", "pos__kecamatan__kode")
        .annotate(n=Count("pk"))
        .order_by("-n", "pos__kecamatan__kode")
    )
    return {
        "jumlah": stats["jumlah"],
        "rata_rata": stats["rata"],
        "dinilai": stats["dinilai"],
        "kecamatan": [(r["pos__kecamatan__nama"], r["n"]) for r in per_kecamatan],
    }


def ulasan_list_publik(*, teknologi: Teknologi, limit: int = 10) -> QuerySet[Adopsi]:
    """Approved reviews (with a note or a rating), newest first."""
    return (
        Adopsi.objects.disetujui()
        .filter(teknologi=teknologi)
        .filter(Q(rating__isnull=False) | ~Q(catatan=""))
        .select_related("pos__kecamatan")
        .order_by("-created_at")[:limit]
    )


def teknologi_terkait(*, teknologi: Teknologi, limit: int = 4) -> QuerySet[Teknologi]:
    """Other published technologies of the same bidang, the most used first."""
    return teknologi_list_kartu(
        qs=Teknologi.objects.published().filter(bidang=teknologi.bidang).exclude(pk=teknologi.pk)
    ).order_by("-jumlah_adopsi", "nama")[:limit]


def panduan_publik(*, slug: str) -> Panduan:
    """The guide of a published technology. Its steps, maintenance and troubleshooting are read by
    the page's cached fragment (one query each, each read once), so a cache hit reads none of them."""
    return Panduan.objects.select_related("teknologi").get(
        teknologi__slug=slug, teknologi__status=StatusTeknologi.TERBIT
    )


def teknologi_unggulan(*, limit: int = 4) -> QuerySet[Teknologi]:
    """For the home page: awarded technologies first, then the most used.

    The ranking counts approved adoptions in one grouped join (not one subquery per technology);
    the cards are then built for the ``limit`` winners only, in the same query."""
    teratas = (
        Teknologi.objects.published()
        .annotate(n_adopsi=Count("adopsi_set", filter=Q(adopsi_set__status=StatusAdopsi.DISETUJUI)))
        .order_by("-penghargaan", "-n_adopsi", "nama")
        .values("pk")[:limit]
    )
    return teknologi_list_kartu(qs=Teknologi.objects.filter(pk__in=teratas)).order_by(
        "-penghargaan", "-jumlah_adopsi", "nama"
    )


def teknologi_untuk_pos(*, pos: Pos) -> QuerySet[TeknologiPos]:
    """Published technologies a post demonstrates (its public page)."""
    return (
        TeknologiPos.objects.for_pos(pos)
        .filter(teknologi__status=StatusTeknologi.TERBIT)
        .select_related("teknologi")
        .order_by("teknologi__nama")
    )


# --- Urun beli -----------------------------------------------------------------------------------


def kampanye_list_publik(*, status: str = "") -> QuerySet[KampanyeUrunBeli]:
    """Campaigns of published technologies: open first (nearest deadline first), then the rest.

    Filtered and sorted by the status as of now (``status_efektif``, the same rule as the model's
    ``status_kini``): an open campaign past its deadline counts as cancelled before the scheduled
    ``tutup_urun_beli`` has written that, because reading a page never closes anything."""
    qs = (
        KampanyeUrunBeli.objects.published()
        .select_related("teknologi", "pos__kecamatan")
        .annotate(
            jumlah_penjanji=Count("janji_set", filter=Q(janji_set__status=StatusJanji.AKTIF)),
            status_efektif=Case(
                When(
                    status=StatusKampanye.TERBUKA,
                    batas_waktu__lte=timezone.now(),
                    then=Value(StatusKampanye.BATAL.value),
                ),
                default=F("status"),
                output_field=CharField(),
            ),
        )
    )
    if status in StatusKampanye.values:
        qs = qs.filter(status_efektif=status)
    return qs.order_by(_urutan_status(), "batas_waktu")


def _urutan_status():
    return Case(
        When(status_efektif=StatusKampanye.TERBUKA, then=Value(0)),
        When(status_efektif=StatusKampanye.TERCAPAI, then=Value(1)),
        When(status_efektif=StatusKampanye.DIPESAN, then=Value(2)),
        When(status_efektif=StatusKampanye.DITERIMA, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def kampanye_terbuka(*, limit: int = 3) -> QuerySet[KampanyeUrunBeli]:
    return kampanye_list_publik().filter(status_efektif__in=[StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI])[:limit]


def kampanye_detail_publik(*, pk: int) -> KampanyeUrunBeli:
    return kampanye_list_publik().get(pk=pk)


def janji_milik(*, kampanye: KampanyeUrunBeli, pengguna: User) -> JanjiUrunBeli | None:
    if not getattr(pengguna, "is_authenticated", False):
        return None
    return kampanye.janji_set.filter(pengguna=pengguna, status=StatusJanji.AKTIF).first()


def kampanye_boleh_janji(*, kampanye: KampanyeUrunBeli, pengguna: User, janji: JanjiUrunBeli | None) -> bool:
    """Whether the campaign page offers ``pengguna`` the pledge form: UKM owners only, while the
    campaign takes pledges; a full campaign takes no new pledgers, but its pledgers (``janji``, their
    active pledge) may still lower or withdraw theirs."""
    return bool(
        getattr(pengguna, "is_authenticated", False)
        and pengguna.is_pemilik_ukm
        and (kampanye.menerima_janji or (janji is not None and kampanye.janji_dapat_diubah))
    )


def janji_list_pengguna(*, pengguna: User) -> QuerySet[JanjiUrunBeli]:
    """A person's own pledges (their account page)."""
    return (
        JanjiUrunBeli.objects.filter(pengguna=pengguna)
        .select_related("kampanye__teknologi", "kampanye__pos")
        .order_by("-created_at")
    )


def janji_list_kampanye(*, kampanye: KampanyeUrunBeli) -> QuerySet[JanjiUrunBeli]:
    """Every pledge of a campaign with the pledger: for the organising post's operators only."""
    return kampanye.janji_set.select_related("pengguna").order_by("status", "created_at")
