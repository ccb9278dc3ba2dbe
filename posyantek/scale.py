"""Production-like volume for benchmarks and scale tests, and the context every ``<app>.scale`` gets.

``python manage.py seed_scale`` (base size: 30,000 UKM, 2,000 technologies, 500 sessions, 5,000
registrations, 300 volunteers; ``--ukm 1000000`` for national scale) calls, in this order, the
``seed(ctx: ScaleContext)`` of ``posyantek.scale``, ``ukm.scale``, ``teknologi.scale``,
``pelatihan.scale`` and ``lomba.scale`` — each one only when the module exists.

How an app owner adds ``<app>/scale.py``::

    from posyantek.scale import ScaleContext

    def seed(ctx: ScaleContext) -> None:
        pos_ids = ctx.pos_ids                        # the 44 posts, ordered by Kemendagri code
        rows = (Ukm(pos_id=pos_ids[i % 44], nama=f"Usaha {ctx.word()} {i}", ...) for i in range(ctx.sizes.ukm))
        ukm = ctx.insert(Ukm, rows)                   # COPY on PostgreSQL, bulk_create elsewhere
        ctx.share("ukm_ids", [obj.pk for obj in ukm])  # for the apps that come after (keep it small)

A module may also define ``setelah_salin(ctx)``: it runs after every module has seeded, in the same
transaction, for what COPY went around (``ukm.scale`` recounts the registry's summary rows there).

Rules, so that a million rows fit in minutes on two cores:

- For the big tables (UKM: a million rows) give plain tuples to ``ctx.insert_rows(Model, ["pos_id",
  "nama", ...], rows)``: no model instances, defaults filled per column, returns the new pks; it is
  several times faster than ``insert``. Build indexes' worth of text with ``ctx.words(n)``.
- Otherwise build unsaved model instances lazily (a generator) and hand them to ``ctx.insert``; it assigns
  primary keys itself (so the returned instances have ``pk`` set, for foreign keys of later rows),
  fills ``auto_now``/``auto_now_add`` and field defaults, streams them through PostgreSQL's ``COPY``
  in batches of ``ctx.batch_size`` and resets the table's sequence at the end. Pass
  ``keep=False`` for the big tables to get back only the primary keys, not a list of instances.
- No services here: services validate and write one row at a time, which is right for users and
  wrong for a million rows. No per-row history (django-simple-history) either.
- Use ``ctx.rng`` (seeded) for every choice so two runs with the same sizes give the same data,
  and ``ctx.word()``/``ctx.words(n)`` for text that full-text and trigram search can find
  (``BENCH_TERMS`` below are guaranteed to be common).
- Accounts: ``ctx.users`` has ``"admin"`` (superuser and admin provinsi), ``"bench.operator"``
  (operator of Gambir, the post the benchmark logs in to) and ``"operator.<slug>"`` for every post.
  Make owner accounts in bulk with ``ctx.make_users(n, prefix="ukm")`` (one shared password hash).
- Print progress with ``ctx.say()``; sizes live in ``ctx.sizes`` (``ukm``, ``teknologi``, ``sesi``,
  ``pendaftaran``, ``relawan``).
"""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connection, models
from django.utils import timezone

from posyantek.models import OperatorPos, Pos, User

SCALE_DOMAIN = "skala.posyantek.test"
BENCH_OPERATOR_EMAIL = f"bench.operator@{SCALE_DOMAIN}"
BENCH_ADMIN_EMAIL = f"bench.admin@{SCALE_DOMAIN}"
BENCH_POS_SLUG = "gambir"

# Words every app's generated text draws from. Broad search terms for the benchmark come from here,
# so that "?q=mesin" matches a large share of the catalogue, as a real broad search would.
BENCH_TERMS = ("mesin", "alat", "pengering", "pengolah", "kopi", "santan", "tahu", "batik")
WORDS = BENCH_TERMS + (
    "keripik",
    "sambal",
    "rendang",
    "kerupuk",
    "bawang",
    "singkong",
    "pisang",
    "kelapa",
    "jahe",
    "kunyit",
    "sabun",
    "lilin",
    "tenun",
    "kayu",
    "bambu",
    "rotan",
    "kulit",
    "anyaman",
    "gerabah",
    "sablon",
    "pompa",
    "oven",
    "blender",
    "penggiling",
    "pemeras",
    "pencetak",
    "pengemas",
    "pendingin",
    "surya",
    "biogas",
    "air",
    "listrik",
    "hemat",
    "energi",
    "olahan",
    "pangan",
    "minuman",
    "camilan",
    "katering",
    "laundry",
    "bengkel",
    "jahit",
    "konveksi",
    "percetakan",
    "digital",
    "daring",
    "warung",
    "toko",
    "kios",
    "usaha",
)


@dataclass(frozen=True)
class Sizes:
    ukm: int = 30_000
    teknologi: int = 2_000
    sesi: int = 500
    pendaftaran: int = 5_000
    relawan: int = 300

    def as_dict(self) -> dict[str, int]:
        return {
            "ukm": self.ukm,
            "teknologi": self.teknologi,
            "sesi": self.sesi,
            "pendaftaran": self.pendaftaran,
            "relawan": self.relawan,
        }


BASE_SIZES = Sizes()


@dataclass
class ScaleContext:
    sizes: Sizes
    stdout: Any
    password_hash: str
    batch_size: int = 5_000
    rng: random.Random = field(default_factory=lambda: random.Random(20261128))
    today: date = field(default_factory=timezone.localdate)
    users: dict[str, User] = field(default_factory=dict)
    # Values one app leaves for the apps after it (e.g. "ukm_ids"). Keep them compact.
    shared: dict[str, Any] = field(default_factory=dict)
    pos_ids: list[int] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.stdout.write(text if text.endswith("\n") else text + "\n")

    def share(self, key: str, value: Any) -> None:
        self.shared[key] = value

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    # -- bulk writing -----------------------------------------------------------------------

    def insert(self, model: type[models.Model], objs: Iterable[models.Model], *, keep: bool = True) -> list:
        """Insert unsaved instances of ``model`` fast; returns them with ``pk`` set (or only the pks).

        PostgreSQL: ``COPY ... FROM STDIN`` in batches. Other databases: ``bulk_create``. Primary
        keys are assigned here (max + 1, ...) so callers can point foreign keys at the rows.
        """
        started = time.perf_counter()
        pk_field = model._meta.pk
        next_pk = (model.objects.aggregate(m=models.Max(pk_field.attname))["m"] or 0) + 1
        kept: list = []
        total = 0
        for batch in _batched(objs, self.batch_size):
            for obj in batch:
                setattr(obj, pk_field.attname, next_pk)
                next_pk += 1
            if connection.vendor == "postgresql":
                _copy(model, batch)
            else:
                model.objects.bulk_create(batch, batch_size=self.batch_size)
            total += len(batch)
            if keep:
                kept.extend(batch)
            else:
                kept.extend(getattr(obj, pk_field.attname) for obj in batch)
        if connection.vendor == "postgresql" and total:
            _reset_sequence(model)
        self.say(f"  {model._meta.label}: {total:,} baris ({time.perf_counter() - started:.1f} s)")
        return kept

    def insert_rows(self, model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> list[int]:
        """The fastest path for the big tables: plain tuples, no model instances; returns the new pks.

        ``fields`` names the values of each row (``"pos_id"`` or ``"pos"`` for a foreign key, by id).
        Every other column gets its model default (``auto_now``/``auto_now_add``: now; a callable
        default is called per row). Values are taken as they are: give ids, not objects.
        """
        started = time.perf_counter()
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        pk_field = meta.pk
        rest = [f for f in _copy_fields(model) if f not in given and f is not pk_field]
        now = timezone.now()
        fillers = []
        for f in rest:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                fillers.append(lambda now=now: now)
            elif f.has_default() and callable(f.default):
                fillers.append(f.default)
            elif f.has_default() or f.null or f.blank:
                value = f.get_default()
                fillers.append(lambda value=value: value)
            else:
                raise ValueError(f"{meta.label}.{f.name} has no default: give it in fields")
        columns = [pk_field, *given, *rest]
        converters = [_converter(f) for f in columns]
        next_pk = (model.objects.aggregate(m=models.Max(pk_field.attname))["m"] or 0) + 1
        pks: list[int] = []
        for batch in _batched(rows, self.batch_size):
            first = next_pk
            next_pk += len(batch)
            pks.extend(range(first, next_pk))
            full = [
                (pk, *row, *(fill() for fill in fillers)) for pk, row in zip(range(first, next_pk), batch, strict=True)
            ]
            if connection.vendor == "postgresql":
                _copy_text(
                    model,
                    columns,
                    ("\t".join(convert(v) for convert, v in zip(converters, row, strict=True)) + "\n" for row in full),
                )
            else:
                attnames = [f.attname for f in columns]
                model.objects.bulk_create(
                    [model(**dict(zip(attnames, row, strict=True))) for row in full], batch_size=self.batch_size
                )
        if connection.vendor == "postgresql" and pks:
            _reset_sequence(model)
        self.say(f"  {meta.label}: {len(pks):,} baris ({time.perf_counter() - started:.1f} s)")
        return pks

    def make_users(self, n: int, *, prefix: str, **flags) -> list[int]:
        """``n`` accounts ``<prefix>.<i>@skala.posyantek.test`` with verified e-mail; returns their ids.

        All share the context's password hash (hashing a million passwords would take hours).
        """
        from allauth.account.models import EmailAddress

        now = timezone.now()
        emails = [f"{prefix}.{i}@{SCALE_DOMAIN}" for i in range(1, n + 1)]
        names = list(flags)
        ids = self.insert_rows(
            User,
            ["email", "nama", "password", "date_joined", *names],
            (
                (email, f"{prefix.title()} {i}", self.password_hash, now, *flags.values())
                for i, email in enumerate(emails, start=1)
            ),
        )
        self.insert_rows(
            EmailAddress,
            ["user", "email", "verified", "primary"],
            ((user_id, email, True, True) for user_id, email in zip(ids, emails, strict=True)),
        )
        return ids


def _batched(objs: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for obj in objs:
        batch.append(obj)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


NULL = r"\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
_TEXT_TYPES = {"CharField", "TextField", "EmailField", "SlugField", "URLField", "GenericIPAddressField"}


def _text(value: Any) -> str:
    """One already-prepared database value in COPY's text format (the general, slower path)."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        text = "t" if value else "f"
    elif isinstance(value, (datetime, date)):
        text = value.isoformat()
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (int, float, Decimal, UUID)):
        text = str(value)
    elif hasattr(value, "adapted"):  # psycopg2 Json wrapper from JSONField.get_db_prep_save
        text = json.dumps(value.adapted, ensure_ascii=False)
    else:
        text = str(value)
    return text.translate(_ESCAPES)


def _converter(field: models.Field):
    """A function from the attribute's Python value to COPY text, fast for the common field types."""
    if field.is_relation:
        return _converter(field.target_field)
    kind = field.get_internal_type()
    if isinstance(field, models.JSONField):
        return lambda v: NULL if v is None else json.dumps(v, cls=field.encoder, ensure_ascii=False).translate(_ESCAPES)
    if kind == "BooleanField":
        return lambda v: NULL if v is None else ("t" if v else "f")
    if kind in _INTEGER_TYPES:
        return lambda v: NULL if v is None else str(int(v))
    if kind in _TEXT_TYPES:
        return lambda v: NULL if v is None else str(v).translate(_ESCAPES)
    if kind in ("DateField", "DateTimeField"):
        return lambda v: NULL if v is None else v.isoformat()
    if kind in ("DecimalField", "FloatField", "UUIDField"):
        return lambda v: NULL if v is None else str(v)
    return lambda v: _text(field.get_db_prep_save(v, connection))


def _needs_pre_save(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)) or isinstance(
        field, models.FileField
    )


def _copy_text(model: type[models.Model], fields: list[models.Field], lines: Iterable[str]) -> None:
    buf = io.StringIO()
    buf.writelines(lines)
    buf.seek(0)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN", buf)


def _copy(model: type[models.Model], batch: list[models.Model]) -> None:
    fields = _copy_fields(model)
    plan = [(f, f.attname, _converter(f), _needs_pre_save(f)) for f in fields]

    def line(obj) -> str:
        return (
            "\t".join(
                convert(f.pre_save(obj, add=True) if pre else getattr(obj, attname))
                for f, attname, convert, pre in plan
            )
            + "\n"
        )

    _copy_text(model, fields, (line(obj) for obj in batch))


def _reset_sequence(model: type[models.Model]) -> None:
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


# -- the foundation's part ---------------------------------------------------------------------


def seed(ctx: ScaleContext) -> None:
    """Accounts the benchmark and the other apps need: an admin, a bench operator, 44 operators."""
    from allauth.account.models import EmailAddress

    posts = list(Pos.objects.order_by("kecamatan__kode").only("pk", "slug"))
    ctx.pos_ids = [p.pk for p in posts]
    now = timezone.now()
    admin = User.objects.filter(email=BENCH_ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create(
            email=BENCH_ADMIN_EMAIL,
            nama="Admin Benchmark",
            password=ctx.password_hash,
            is_staff=True,
            is_superuser=True,
            is_admin_provinsi=True,
            date_joined=now,
        )
        EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    ctx.users["admin"] = admin
    bench_operator = User.objects.filter(email=BENCH_OPERATOR_EMAIL).first()
    if bench_operator is None:
        bench_operator = User.objects.create(
            email=BENCH_OPERATOR_EMAIL, nama="Operator Benchmark", password=ctx.password_hash, date_joined=now
        )
        EmailAddress.objects.create(user=bench_operator, email=bench_operator.email, verified=True, primary=True)
        bench_pos = next(p for p in posts if p.slug == BENCH_POS_SLUG)
        OperatorPos.objects.create(user=bench_operator, pos=bench_pos, created_by=admin)
    ctx.users["bench.operator"] = bench_operator

    existing = set(User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").values_list("email", flat=True))
    new_posts = [p for p in posts if f"operator.{p.slug}@{SCALE_DOMAIN}" not in existing]
    operators = ctx.insert(
        User,
        (
            User(
                email=f"operator.{p.slug}@{SCALE_DOMAIN}",
                nama=f"Operator {p.slug}",
                password=ctx.password_hash,
                date_joined=now,
            )
            for p in new_posts
        ),
    )
    ctx.insert(
        EmailAddress,
        (EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in operators),
        keep=False,
    )
    ctx.insert(
        OperatorPos,
        (
            OperatorPos(user_id=u.pk, pos_id=p.pk, created_by_id=admin.pk)
            for u, p in zip(operators, new_posts, strict=True)
        ),
        keep=False,
    )
    for user in User.objects.filter(email__startswith="operator.", email__endswith=f"@{SCALE_DOMAIN}"):
        ctx.users[user.email.split("@")[0]] = user
