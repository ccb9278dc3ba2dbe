from tests.access import ADMIN_ONLY, KELOLA_POS_A, LOGIN_ANY, PUBLIC, Route

ROUTES = [
    Route("beranda", PUBLIC),
    Route("healthz", PUBLIC),
    Route("pos-list", PUBLIC),
    Route("pos-detail", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug}),
    Route("akun-saya", LOGIN_ANY),
    Route("kelola:index", {"anon": 302, "op_a": 302, "op_b": 302, "owner": 403, "admin": 200}),
    Route("kelola:pos-dasbor", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug}),
    Route("kelola:pos-profil-ubah", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug}),
    Route("kelola:ringkasan", ADMIN_ONLY),
    Route("kelola:pos-ringkasan", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug}),
]
