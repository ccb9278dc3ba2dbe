"""Reads of the training and Relawan TIK app for pages.

Public: published sessions with their seats (never participants). A post's operators: their post's
sessions, participants (with phone numbers), volunteers assigned to the post and their activity.
Admin provinsi: every application and province-wide reports. Each function returns a queryset with
its joins and prefetches set, so a page runs the same number of queries whatever the data size.
"""

from datetime import date, datetime

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from pelatihan.models import (
    AktivitasRelawan,
    Jadwal,
    KalenderPribadi,
    Pendaftaran,
    PenugasanRelawan,
    Program,
    Relawan,
    Sertifikat,
    UmpanBalik,
)
from posyantek.models import Kota, Pos, User


def _aware(day: date, end: bool = False) -> datetime:
    moment = datetime.combine(day, datetime.max.time() if end else datetime.min.time())
    return timezone.make_aware(moment, timezone.get_current_timezone())


def _filter_jadwal(qs: QuerySet, *, kota=None, kecamatan=None, topik: str = "", mode: str = "") -> QuerySet:
    if kota is not None:
        qs = qs.filter(pos__kecamatan__kota=kota)
    if kecamatan is not None:
        qs = qs.filter(pos__kecamatan=kecamatan)
    if topik:
        qs = qs.filter(program__topik_set__topik=topik)
    if mode:
        qs = qs.filter(mode=mode)
    return qs


def jadwal_list_publik(*, kota=None, kecamatan=None, topik: str = "", mode: str = "", now=None) -> QuerySet[Jadwal]:
    """Published sessions that have not ended, soonest first, with seats taken (``terisi``)."""
    qs = Jadwal.objects.published().upcoming(now)
    return (
        _filter_jadwal(qs, kota=kota, kecamatan=kecamatan, topik=topik, mode=mode)
        .with_relations()
        .with_kursi()
        .order_by("mulai", "pk")
    )


def jadwal_list_rentang(
    *, awal: date, akhir: date, kota=None, kecamatan=None, topik: str = "", mode: str = ""
) -> QuerySet[Jadwal]:
    """Published sessions starting between two local dates (inclusive), for the month calendar."""
    qs = Jadwal.objects.published().filter(mulai__gte=_aware(awal), mulai__lte=_aware(akhir, end=True))
    return (
        _filter_jadwal(qs, kota=kota, kecamatan=kecamatan, topik=topik, mode=mode)
        .with_relations()
        .with_kursi()
        .order_by("mulai", "pk")
    )


def jadwal_berikutnya(*, setelah: date, kota=None, kecamatan=None, topik: str = "", mode: str = "") -> Jadwal | None:
    """The first published session starting after a local date, with the same filters as the
    calendar (what an empty month points to)."""
    qs = Jadwal.objects.published().filter(mulai__gt=_aware(setelah, end=True))
    return (
        _filter_jadwal(qs, kota=kota, kecamatan=kecamatan, topik=topik, mode=mode)
        .with_relations()
        .order_by("mulai", "pk")
        .first()
    )


def pos_untuk_kecamatan(*, slug: str) -> Pos | None:
    """The post of the kecamatan a schedule is filtered by (its feed replaces the province's)."""
    if not slug:
        return None
    return Pos.objects.filter(kecamatan__slug=slug).first()


def jadwal_list_feed(*, pos: Pos | None = None, now=None) -> QuerySet[Jadwal]:
    """Sessions for a public calendar feed: published or cancelled (so subscribed calendars learn
    of the cancellation), from 90 days back on, at most 500."""
    now = now or timezone.now()
    qs = Jadwal.objects.filter(
        status__in=[Jadwal.Status.TERBIT, Jadwal.Status.DIBATALKAN], selesai__gte=now - timezone.timedelta(days=90)
    )
    if pos is not None:
        qs = qs.filter(pos=pos)
    return qs.select_related("pos", "program").prefetch_related("program__topik_set").order_by("mulai", "pk")[:500]


def jadwal_detail_publik(*, pk: int) -> Jadwal:
    """A session the public may open: published or cancelled (drafts answer 404)."""
    return (
        Jadwal.objects.filter(status__in=[Jadwal.Status.TERBIT, Jadwal.Status.DIBATALKAN])
        .with_relations()
        .with_kursi()
        .prefetch_related("pelatih")
        .get(pk=pk)
    )


def jadwal_list_untuk_pos(*, pos: Pos, lewat: bool = False, now=None) -> QuerySet[Jadwal]:
    """A post's sessions (drafts and cancelled too) for its operators: coming ones soonest first,
    or past ones latest first."""
    now = now or timezone.now()
    qs = Jadwal.objects.for_pos(pos).select_related("program", "pos").prefetch_related("pelatih").with_kursi()
    qs = qs.annotate(hadir=Count("pendaftaran", filter=Q(pendaftaran__hadir=True), distinct=True))
    if lewat:
        return qs.filter(selesai__lte=now).order_by("-mulai", "-pk")
    return qs.filter(selesai__gt=now).order_by("mulai", "pk")


def jadwal_list_mendatang_untuk_pos(*, pos: Pos, limit: int = 5) -> QuerySet[Jadwal]:
    """The next published sessions of one post, for its public page."""
    return (
        Jadwal.objects.published()
        .upcoming()
        .for_pos(pos)
        .select_related("program")
        .with_kursi()
        .order_by("mulai", "pk")[:limit]
    )


def jadwal_list_berikutnya(*, limit: int = 4) -> QuerySet[Jadwal]:
    """The next published sessions across the province, for the home page."""
    return Jadwal.objects.published().upcoming().with_relations().with_kursi().order_by("mulai", "pk")[:limit]


def _posisi_tunggu() -> Subquery:
    """The 1-based place on the waiting list of the outer registration (one subquery, no N+1)."""
    ahead = (
        Pendaftaran.objects.filter(jadwal=OuterRef("jadwal"), status=Pendaftaran.Status.MENUNGGU)
        .filter(
            Q(antre_sejak__lt=OuterRef("antre_sejak")) | Q(antre_sejak=OuterRef("antre_sejak"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Subquery(ahead)


def pendaftaran_list_untuk_jadwal(*, jadwal: Jadwal) -> QuerySet[Pendaftaran]:
    """Everyone registered for a session, for its post's operators (names and phone numbers)."""
    return (
        Pendaftaran.objects.filter(jadwal=jadwal)
        .select_related("user", "sertifikat", "umpan_balik")
        .annotate(posisi=_posisi_tunggu())
        .order_by("status", "antre_sejak", "created_at", "pk")
    )


def kalender_pribadi(*, pengguna: User) -> KalenderPribadi | None:
    """The person's private feed, or None while they have not asked for one. A read: the token is
    made by a POST (``services.kalender_pribadi_buat_ulang``), never by opening a page."""
    return KalenderPribadi.objects.filter(user=pengguna).first()


def pendaftaran_list_untuk_pengguna(*, pengguna: User) -> QuerySet[Pendaftaran]:
    """A person's own registrations, newest session first, with waiting-list place and certificate."""
    return (
        Pendaftaran.objects.for_user(pengguna)
        .select_related("jadwal__pos__kecamatan", "jadwal__program", "sertifikat", "umpan_balik")
        .annotate(posisi=_posisi_tunggu())
        .order_by("-jadwal__mulai", "-pk")
    )


def pendaftaran_saya(*, jadwal: Jadwal, pengguna: User) -> Pendaftaran | None:
    if not getattr(pengguna, "is_authenticated", False):
        return None
    return (
        Pendaftaran.objects.filter(jadwal=jadwal, user=pengguna)
        .select_related("sertifikat", "umpan_balik")
        .annotate(posisi=_posisi_tunggu())
        .first()
    )


def jadwal_list_pribadi(*, pengguna: User) -> tuple[list[Jadwal], set[int], dict[int, str]]:
    """A person's private calendar: sessions they are registered or waiting for, and sessions they
    teach. Returns the sessions, the ids whose online link they may see, and TENTATIVE ids."""
    since = timezone.now() - timezone.timedelta(days=90)
    mine = {
        p.jadwal_id: p.status
        for p in Pendaftaran.objects.for_user(pengguna)
        .aktif()
        .filter(jadwal__selesai__gte=since)
        .only("jadwal_id", "status")
    }
    teaching = set(pengguna.jadwal_mengajar.filter(selesai__gte=since).values_list("pk", flat=True))
    ids = set(mine) | teaching
    jadwal_list = list(
        Jadwal.objects.filter(pk__in=ids, status__in=[Jadwal.Status.TERBIT, Jadwal.Status.DIBATALKAN])
        .select_related("pos", "program")
        .prefetch_related("program__topik_set")
        .order_by("mulai")
    )
    tautan = {pk for pk, status in mine.items() if status == Pendaftaran.Status.TERKONFIRMASI} | teaching
    tentative = {
        pk: "TENTATIVE" for pk, status in mine.items() if status == Pendaftaran.Status.MENUNGGU and pk not in teaching
    }
    return jadwal_list, tautan, tentative


def pelatih_tersertifikasi() -> QuerySet[User]:
    """Certified trainers: people who attended a Training of Trainers (their certificate records it)."""
    return User.objects.filter(
        is_active=True,
        pendaftaran_pelatihan__sertifikat__isnull=False,
        pendaftaran_pelatihan__jadwal__program__jenis=Program.Jenis.TOT,
    ).distinct()


def _tersertifikasi_exists() -> Exists:
    return Exists(
        Sertifikat.objects.filter(
            pendaftaran__user=OuterRef("pk"), pendaftaran__jadwal__program__jenis=Program.Jenis.TOT
        )
    )


def pelatih_pilihan(*, pos: Pos, juga: list[int] | None = None) -> QuerySet[User]:
    """Who may teach a session of ``pos``: its operators, Relawan TIK assigned to it, and certified
    trainers (ToT) from anywhere. Certified ones come first, flagged ``tersertifikasi``. ``juga``
    keeps people already assigned to a session eligible for it."""
    condition = (
        Q(operatorpos__pos=pos)
        | Q(relawan__status=Relawan.Status.DITERIMA, relawan__penugasan__pos=pos)
        | Q(pk__in=pelatih_tersertifikasi().values("pk"))
    )
    if juga:
        condition |= Q(pk__in=juga)
    ids = User.objects.filter(is_active=True).filter(condition).values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .annotate(
            tersertifikasi=_tersertifikasi_exists(),
            adalah_relawan=Exists(Relawan.objects.diterima().filter(user=OuterRef("pk"))),
        )
        .order_by("-tersertifikasi", "nama", "email")
    )


def jadwal_list_mengajar(*, pengguna: User) -> QuerySet[Jadwal]:
    """Sessions a person teaches (any post), newest first, with feedback count and average."""
    from django.db.models import Avg

    return (
        pengguna.jadwal_mengajar.select_related("pos", "program")
        .annotate(
            jumlah_umpan_balik=Count("pendaftaran__umpan_balik", distinct=True),
            rata_rata=Avg("pendaftaran__umpan_balik__nilai"),
        )
        .prefetch_related(
            Prefetch(
                "pendaftaran",
                queryset=Pendaftaran.objects.filter(umpan_balik__isnull=False)
                .select_related("umpan_balik")
                .order_by("-umpan_balik__created_at"),
                to_attr="dengan_umpan_balik",
            )
        )
        .order_by("-mulai")
    )


def umpan_balik_untuk_jadwal(*, jadwal: Jadwal) -> QuerySet[UmpanBalik]:
    return UmpanBalik.objects.filter(pendaftaran__jadwal=jadwal).order_by("-created_at")


# ---- Relawan TIK ---------------------------------------------------------------------------------


def _email_verified() -> Exists:
    from allauth.account.models import EmailAddress

    return Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True))


def relawan_list_admin(*, status: str = "", perhatian: bool = False, now=None) -> QuerySet[Relawan]:
    """Every application for the admin provinsi, undecided first (oldest first: they wait longest).
    ``perhatian``: only the undecided ones older than 3 months (flagged) — including lapsed ones."""
    from pelatihan.models.relawan import BULAN_BANDING, tambah_bulan

    now = now or timezone.now()
    qs = Relawan.objects.select_related("user", "domisili__kota").prefetch_related("keahlian", "penugasan__pos")
    qs = qs.annotate(email_ok=_email_verified())
    if status:
        qs = qs.filter(status=status)
    if perhatian:
        qs = qs.belum_diputuskan().filter(diajukan_at__lt=tambah_bulan(now, -BULAN_BANDING))
    return qs.order_by(F("diputuskan_at").desc(nulls_first=True), "diajukan_at", "pk")


def relawan_detail_admin(*, pk: int) -> Relawan:
    return (
        Relawan.objects.select_related("user", "domisili__kota", "diputuskan_oleh")
        .prefetch_related("keahlian", "penugasan__pos")
        .annotate(email_ok=_email_verified())
        .get(pk=pk)
    )


def relawan_hitung_status() -> dict[str, int]:
    rows = Relawan.objects.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def relawan_list_untuk_pos(*, pos: Pos, dari: date, sampai: date) -> QuerySet[Relawan]:
    """Accepted volunteers assigned to ``pos`` — with contact details, for that post's operators
    only — and their confirmed and pending hours at this post in the period."""
    in_period = Q(aktivitas__pos=pos, aktivitas__tanggal__range=(dari, sampai))
    return (
        Relawan.objects.terbaca_pos(pos)
        .select_related("user")
        .prefetch_related("keahlian")
        .annotate(
            jam_dikonfirmasi=Coalesce(
                Sum("aktivitas__jam", filter=in_period & Q(aktivitas__status=AktivitasRelawan.Status.DIKONFIRMASI)),
                0,
                output_field=AktivitasRelawan._meta.get_field("jam"),
            ),
            jam_menunggu=Coalesce(
                Sum("aktivitas__jam", filter=Q(aktivitas__pos=pos, aktivitas__status=AktivitasRelawan.Status.DIAJUKAN)),
                0,
                output_field=AktivitasRelawan._meta.get_field("jam"),
            ),
        )
        .order_by("user__nama", "pk")
    )


def aktivitas_list_untuk_pos(*, pos: Pos, status: str = "") -> QuerySet[AktivitasRelawan]:
    """Activity logged for ``pos``, waiting entries first."""
    qs = AktivitasRelawan.objects.for_pos(pos).select_related("relawan__user", "jadwal__program", "dikonfirmasi_oleh")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(
        # diajukan < dikonfirmasi < ditolak alphabetically: waiting entries come first.
        "status",
        "-tanggal",
        "-pk",
    )


def aktivitas_list_untuk_relawan(*, relawan: Relawan) -> QuerySet[AktivitasRelawan]:
    return relawan.aktivitas.select_related("pos", "jadwal__program").order_by("-tanggal", "-pk")


def penugasan_untuk_relawan(*, relawan: Relawan) -> QuerySet[PenugasanRelawan]:
    return relawan.penugasan.select_related("pos__kecamatan__kota")


def jadwal_pilihan_aktivitas(*, relawan: Relawan) -> QuerySet[Jadwal]:
    """Sessions an activity can refer to: not cancelled, at the volunteer's posts, in the last year."""
    since = timezone.now() - timezone.timedelta(days=365)
    return (
        Jadwal.objects.filter(
            pos__penugasan_relawan__relawan=relawan,
            mulai__gte=since,
            mulai__lte=timezone.now() + timezone.timedelta(days=1),
        )
        .exclude(status=Jadwal.Status.DIBATALKAN)
        .select_related("pos", "program")
        .order_by("-mulai")
    )


def laporan_jam(*, dari: date, sampai: date, pos: Pos | None = None) -> dict[str, list[dict]]:
    """Confirmed volunteer hours in a period: per volunteer, per post, per month and per kind of
    work. One query per table. ``pos`` limits everything to one post (its operators' report)."""
    qs = AktivitasRelawan.objects.dikonfirmasi().filter(tanggal__range=(dari, sampai))
    if pos is not None:
        qs = qs.filter(pos=pos)
    qs = qs.order_by()
    per_relawan = list(
        qs.values("relawan_id", nama=F("relawan__user__nama"), email=F("relawan__user__email"))
        .annotate(jam=Sum("jam"), kegiatan=Count("pk"), pos_count=Count("pos", distinct=True))
        .order_by("-jam", "nama")
    )
    per_pos = list(
        qs.values("pos_id", nama=F("pos__nama"), kota=F("pos__kecamatan__kota__nama_pendek"))
        .annotate(jam=Sum("jam"), kegiatan=Count("pk"), relawan_count=Count("relawan", distinct=True))
        .order_by("-jam", "nama")
    )
    per_bulan = list(
        qs.annotate(bulan=TruncMonth("tanggal"))
        .values("bulan")
        .annotate(jam=Sum("jam"), kegiatan=Count("pk"), relawan_count=Count("relawan", distinct=True))
        .order_by("bulan")
    )
    per_jenis = list(qs.values("jenis").annotate(jam=Sum("jam"), kegiatan=Count("pk")).order_by("-jam"))
    labels = dict(AktivitasRelawan.Jenis.choices)
    for row in per_jenis:
        row["label"] = labels.get(row["jenis"], row["jenis"])
    grafik_bulan = [(date_format(row["bulan"], "M Y"), float(row["jam"])) for row in per_bulan]
    return {
        "per_relawan": per_relawan,
        "per_pos": per_pos,
        "per_bulan": per_bulan,
        "per_jenis": per_jenis,
        "grafik_bulan": grafik_bulan,
    }


def aktivitas_list_laporan(*, dari: date, sampai: date, pos: Pos | None = None) -> QuerySet[AktivitasRelawan]:
    """Every confirmed entry of the period, for the detailed CSV."""
    qs = AktivitasRelawan.objects.dikonfirmasi().filter(tanggal__range=(dari, sampai))
    if pos is not None:
        qs = qs.filter(pos=pos)
    return qs.select_related("relawan__user", "pos", "jadwal__program").order_by("tanggal", "pk")


# ---- Overview -----------------------------------------------------------------------------------


def ringkasan(*, pos: Pos | None = None, now=None) -> dict:
    """Key numbers: sessions held, attendances, people trained, volunteers and confirmed hours.
    For the province (``pos`` None) also per kota."""
    now = now or timezone.now()
    jadwal = Jadwal.objects.filter(status=Jadwal.Status.TERBIT)
    hadir = Pendaftaran.objects.filter(hadir=True, jadwal__status=Jadwal.Status.TERBIT)
    aktivitas = AktivitasRelawan.objects.dikonfirmasi()
    relawan = Relawan.objects.diterima()
    if pos is not None:
        jadwal, hadir, aktivitas = jadwal.filter(pos=pos), hadir.filter(jadwal__pos=pos), aktivitas.filter(pos=pos)
        relawan = relawan.filter(penugasan__pos=pos)
    data = {
        "sesi_terlaksana": jadwal.filter(selesai__lte=now).count(),
        "sesi_mendatang": jadwal.filter(selesai__gt=now).count(),
        "kehadiran": hadir.count(),
        "orang_terlatih": hadir.filter(user__isnull=False).values("user").distinct().count()
        + hadir.filter(user__isnull=True).values("nama", "telepon").distinct().count(),
        "relawan_aktif": relawan.distinct().count(),
        "jam_relawan": aktivitas.aggregate(total=Sum("jam"))["total"] or 0,
    }
    if pos is None:
        kota_rows = Kota.objects.order_by("kode").annotate(
            sesi=Count(
                "kecamatan_set__pos__jadwal_pelatihan",
                filter=Q(
                    kecamatan_set__pos__jadwal_pelatihan__status=Jadwal.Status.TERBIT,
                    kecamatan_set__pos__jadwal_pelatihan__selesai__lte=now,
                ),
                distinct=True,
            ),
        )
        hadir_per_kota = dict(hadir.values_list("jadwal__pos__kecamatan__kota").annotate(n=Count("pk")).order_by())
        jam_per_kota = dict(aktivitas.values_list("pos__kecamatan__kota").annotate(n=Sum("jam")).order_by())
        data["per_kota"] = [
            {
                "nama": kota.nama_pendek,
                "sesi": kota.sesi,
                "kehadiran": hadir_per_kota.get(kota.pk, 0),
                "jam": jam_per_kota.get(kota.pk, 0),
            }
            for kota in kota_rows
        ]
        data["grafik_kehadiran"] = [(row["nama"], row["kehadiran"]) for row in data["per_kota"]]
    return data


def penandatangan_sertifikat(*, jadwal: Jadwal) -> tuple[str, str]:
    """(name, position) of whoever signs a session's certificates.

    The programme's own signatory when it names one (set on the programme's form); otherwise the
    chair of the organising post's board whose term includes the session's day; otherwise an empty
    name above the chair's position, so the line can be signed by hand."""
    program = jadwal.program
    if program.penandatangan_nama:
        return program.penandatangan_nama, program.penandatangan_jabatan
    from django.utils.translation import gettext

    from posyantek.models import Jabatan, Pengurus

    hari = timezone.localdate(jadwal.mulai)
    ketua = (
        Pengurus.objects.filter(
            kepengurusan__pos_id=jadwal.pos_id,
            kepengurusan__mulai__lte=hari,
            kepengurusan__selesai__gte=hari,
            jabatan=Jabatan.KETUA,
        )
        .values_list("nama", flat=True)
        .first()
    )
    return ketua or "", gettext("Ketua Pengurus %(pos)s") % {"pos": jadwal.pos.nama}


def pemesanan_tamu_untuk_token(*, token: str) -> Pendaftaran | None:
    """A guest's booking by the secret token of its page (with its place on the waiting list)."""
    if not token or len(token) > 64:
        return None
    return (
        Pendaftaran.objects.filter(token=token, sumber=Pendaftaran.Sumber.TAMU, user__isnull=True)
        .select_related("jadwal__pos__kecamatan", "jadwal__program", "sertifikat")
        .annotate(posisi=_posisi_tunggu())
        .first()
    )


def pendaftaran_untuk_kode(*, kode: str) -> Pendaftaran | None:
    """The booking a typed code names (any session: the check-in refuses another session's code)."""
    return Pendaftaran.objects.filter(kode=kode).select_related("jadwal").first() if kode else None
