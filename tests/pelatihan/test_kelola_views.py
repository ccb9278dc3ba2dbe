"""A post's operators: sessions, programmes, participants, check-in, walk-ins, CSV — and that
another post's operator can neither see nor change any of it."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Jadwal, Pendaftaran, Program, Sertifikat
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.getvalue().decode()


def local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def program_prov(db):
    return ProgramFactory(pos=None, nama="E-Literasi Dasar", topik=["internet_dasar"])


def jadwal_data(program_obj, **over):
    mulai = timezone.localtime() + timedelta(days=5)
    mulai = mulai.replace(hour=9, minute=0, second=0, microsecond=0)
    data = {
        "program": program_obj.pk,
        "judul": "",
        "deskripsi": "",
        "mulai": local(mulai),
        "selesai": local(mulai + timedelta(hours=3)),
        "mode": "tatap_muka",
        "tempat": "Aula Kecamatan Gambir",
        "tautan_daring": "",
        "kapasitas": "20",
        "pendaftaran_buka": "",
        "pendaftaran_tutup": "",
        "sasaran": "umum",
        "sasaran_keterangan": "",
        "status": "terbit",
    }
    data.update(over)
    return data


def test_operator_creates_session_with_trainers(client_as, operator_a, pos_a, program_prov, relawan_a):
    client = client_as(operator_a)
    form = body(client.get("/kelola/gambir/pelatihan/jadwal/baru/"))
    assert "Rina Relawan" in form and "Operator Gambir" in form
    response = client.post(
        "/kelola/gambir/pelatihan/jadwal/baru/",
        {**jadwal_data(program_prov), "pelatih": [relawan_a.user.pk, operator_a.pk]},
    )
    jadwal = Jadwal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/"
    assert (jadwal.pos, jadwal.program, jadwal.kapasitas, timezone.localtime(jadwal.mulai).hour) == (
        pos_a,
        program_prov,
        20,
        9,
    )
    assert set(jadwal.pelatih.all()) == {relawan_a.user, operator_a}


def test_certified_trainer_is_recommended(client_as, operator_a, pos_b, operator_b, program_prov):
    graduate = UserFactory(nama="Lulusan ToT")
    tot = JadwalFactory(pos=pos_b, program=ProgramFactory(jenis="tot"))
    p = PendaftaranFactory(jadwal=tot, user=graduate)
    services.kehadiran_tetapkan(jadwal=tot, oleh=operator_b, hadir_ids={p.pk}, waktu=tot.mulai)
    html = body(client_as(operator_a).get("/kelola/gambir/pelatihan/jadwal/baru/"))
    assert "Lulusan ToT (★ pelatih bersertifikat ToT — disarankan)" in html
    assert html.index("Lulusan ToT") < html.index("Operator Gambir")


@pytest.mark.parametrize(
    "over,field_message",
    [
        ({"kapasitas": "0"}, "Nilai harus antara 1 dan 1.000."),
        ({"kapasitas": "-5"}, "Nilai harus antara 1 dan 1.000."),
        ({"kapasitas": "100000"}, "Nilai harus antara 1 dan 1.000."),
        ({"kapasitas": "sepuluh"}, "Masukkan angka, misalnya 12."),
        ({"mulai": "2026-13-45T25:00"}, "tanggal/waktu yang valid"),
        ({"mulai": ""}, "tidak boleh kosong"),
        ({"selesai": "2020-01-01T10:00"}, "setelah waktu mulai"),
        ({"tautan_daring": "javascript:alert(1)", "mode": "daring"}, "URL yang valid"),
        ({"mode": "daring", "tempat": ""}, "memerlukan tautan daring"),
        ({"tempat": ""}, "memerlukan tempat"),
        ({"judul": "x" * 151}, "paling banyak 150"),
        ({"mode": "teleportasi"}, "pilihan yang valid"),
        ({"status": "dibatalkan"}, "pilihan yang valid"),
        ({"sasaran": "semua"}, "pilihan yang valid"),
        ({"program": "999999"}, "pilihan yang valid"),
        ({"pendaftaran_tutup": "2099-01-01T10:00"}, "paling lambat saat sesi dimulai"),
    ],
)
def test_session_form_hostile_input_refused(client_as, operator_a, program_prov, over, field_message):
    response = client_as(operator_a).post("/kelola/gambir/pelatihan/jadwal/baru/", jadwal_data(program_prov, **over))
    assert response.status_code == 200
    assert field_message in body(response)
    assert Jadwal.objects.count() == 0


def test_session_form_refuses_other_posts_program_and_trainer(client_as, operator_a, pos_b, program_prov, relawan_b):
    program_b = ProgramFactory(pos=pos_b, nama="Program Tambora")
    client = client_as(operator_a)
    response = client.post("/kelola/gambir/pelatihan/jadwal/baru/", jadwal_data(program_b))
    assert "pilihan yang valid" in body(response)
    response = client.post(
        "/kelola/gambir/pelatihan/jadwal/baru/", {**jadwal_data(program_prov), "pelatih": [relawan_b.user.pk]}
    )
    assert "pilihan yang valid" in body(response)
    assert Jadwal.objects.count() == 0


def test_session_title_with_html_is_escaped_on_public_page(client_as, client, operator_a, program_prov):
    client_as(operator_a).post(
        "/kelola/gambir/pelatihan/jadwal/baru/", jadwal_data(program_prov, judul="<script>alert(1)</script>")
    )
    jadwal = Jadwal.objects.get()
    client.logout()
    html = body(client.get(f"/pelatihan/jadwal/{jadwal.pk}/"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_operator_edits_session_and_cancelled_cannot_be_edited(client_as, operator_a, jadwal_a):
    client = client_as(operator_a)
    data = jadwal_data(
        jadwal_a.program, mulai=local(jadwal_a.mulai), selesai=local(jadwal_a.selesai), kapasitas="12", tempat="Ruang B"
    )
    assert client.post(f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/ubah/", data).status_code == 302
    jadwal_a.refresh_from_db()
    assert (jadwal_a.kapasitas, jadwal_a.tempat, jadwal_a.revisi) == (12, "Ruang B", 1)
    client.post(f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/batalkan/", {"alasan": "Gedung direnovasi"})
    response = client.post(f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/ubah/", {**data, "kapasitas": "30"})
    assert "tidak bisa diubah" in body(response)
    jadwal_a.refresh_from_db()
    assert (jadwal_a.status, jadwal_a.kapasitas) == ("dibatalkan", 12)


def test_cancel_session_needs_reason(client_as, operator_a, jadwal_a):
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/batalkan/", {"alasan": ""}, follow=True
    )
    assert "Alasan pembatalan" in body(response)
    jadwal_a.refresh_from_db()
    assert jadwal_a.status == "terbit"


@pytest.fixture
def sesi_hari_ini(pos_a):
    mulai = timezone.now() - timedelta(minutes=30)
    return JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=3), kapasitas=3)


def test_checkin_marks_attendance_and_issues_certificates(client_as, operator_a, sesi_hari_ini, peserta):
    people = [
        PendaftaranFactory(jadwal=sesi_hari_ini, user=u, telepon=f"0812000000{i}") for i, u in enumerate(peserta(3))
    ]
    client = client_as(operator_a)
    html = body(client.get(f"/kelola/gambir/pelatihan/jadwal/{sesi_hari_ini.pk}/"))
    assert (
        "08120000000" in html
        and 'name="hadir"' in html
        and "disabled" not in html.split('id="form-hadir"')[1].split("</form>")[0]
    )
    response = client.post(
        f"/kelola/gambir/pelatihan/jadwal/{sesi_hari_ini.pk}/hadir/",
        {"hadir": [people[0].pk, people[2].pk]},
        follow=True,
    )
    assert "2 ditandai hadir" in body(response)
    assert set(Pendaftaran.objects.filter(hadir=True).values_list("pk", flat=True)) == {people[0].pk, people[2].pk}
    assert Sertifikat.objects.count() == 2


@pytest.mark.parametrize("hadir", [["abc"], ["-1"], ["99999"]])
def test_checkin_hostile_ids_refused(client_as, operator_a, sesi_hari_ini, peserta, hadir):
    PendaftaranFactory(jadwal=sesi_hari_ini, user=peserta(1)[0])
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{sesi_hari_ini.pk}/hadir/", {"hadir": hadir}, follow=True
    )
    assert "tidak terdaftar di sesi ini" in body(response)
    assert not Pendaftaran.objects.filter(hadir=True).exists()


def test_checkin_with_other_posts_registration_id_refused(client_as, operator_a, sesi_hari_ini, jadwal_b, peserta):
    a, b = peserta(2)
    PendaftaranFactory(jadwal=sesi_hari_ini, user=a)
    other = PendaftaranFactory(jadwal=jadwal_b, user=b)
    client_as(operator_a).post(f"/kelola/gambir/pelatihan/jadwal/{sesi_hari_ini.pk}/hadir/", {"hadir": [other.pk]})
    other.refresh_from_db()
    assert not other.hadir and Sertifikat.objects.count() == 0


def test_checkin_before_the_day_is_refused(client_as, operator_a, jadwal_a, peserta):
    p = PendaftaranFactory(jadwal=jadwal_a, user=peserta(1)[0])
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/hadir/", {"hadir": [p.pk]}, follow=True
    )
    assert "Kehadiran baru bisa dicatat setelah sesi dimulai" in body(response)
    p.refresh_from_db()
    assert not p.hadir


def test_walkin_registration_by_operator(client_as, operator_a, jadwal_a):
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/peserta/tambah/",
        {"nama": "Ibu Warung", "telepon": "0812-1111-2222"},
        follow=True,
    )
    assert "Ibu Warung terdaftar" in body(response)
    p = jadwal_a.pendaftaran.get()
    assert (p.nama, p.telepon, p.user, p.sumber, p.didaftarkan_oleh) == (
        "Ibu Warung",
        "081211112222",
        None,
        "langsung",
        operator_a,
    )


@pytest.mark.parametrize(
    "data,message",
    [
        ({"nama": "", "telepon": "081211112222"}, "tidak boleh kosong"),
        ({"nama": "   ", "telepon": "081211112222"}, "tidak boleh kosong"),
        ({"nama": "x" * 151, "telepon": "081211112222"}, "paling banyak 150"),
        ({"nama": "Ibu", "telepon": "telepon saya"}, "Nomor telepon"),
        ({"nama": "Ibu", "telepon": "12"}, "Nomor telepon tidak valid"),
        ({"nama": "Ibu", "telepon": "0812<script>"}, "Nomor telepon"),
        ({"nama": "Ibu", "telepon": "081211112222", "email": "bukan-email"}, "alamat email yang valid"),
    ],
)
def test_walkin_hostile_input_refused(client_as, operator_a, jadwal_a, data, message):
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/peserta/tambah/", data, follow=True
    )
    assert message in body(response)
    assert jadwal_a.pendaftaran.count() == 0


def test_operator_cancels_participant_and_next_is_promoted(client_as, operator_a, pos_a, peserta):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=1)
    a, b = peserta(2)
    pa = services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal, oleh=b)
    response = client_as(operator_a).post(
        f"/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/peserta/{pa.pk}/batal/", follow=True
    )
    assert f"{b.nama} naik dari daftar tunggu" in body(response)
    assert jadwal.pendaftaran.get(user=b).status == "terkonfirmasi"


def test_participant_csv_has_no_phone_or_email_and_neutralises_formulas(client_as, operator_a, jadwal_a):
    services.pendaftaran_tamu_buat(
        jadwal=jadwal_a,
        oleh=operator_a,
        nama='=HYPERLINK("http://jahat")',
        telepon="081299998888",
        email="a@contoh.test",
    )
    owner = UserFactory(nama="Siti", telepon="081377776666", email="siti@contoh.test")
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=owner)
    response = client_as(operator_a).get(f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}/peserta.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["No.", "Nama", "Status"]
    assert [r[1] for r in rows[1:]] == ['\'=HYPERLINK("http://jahat")', "Siti"]
    assert "081299998888" not in text and "081377776666" not in text and "@contoh.test" not in text


def test_operator_b_cannot_see_or_touch_post_a_participants(client_as, operator_b, jadwal_a, pos_b):
    walkin = Pendaftaran.objects.create(
        jadwal=jadwal_a, nama="Rahasia Gambir", telepon="081255556666", status="terkonfirmasi", sumber="langsung"
    )
    JadwalFactory(pos=pos_b, judul="Sesi Tambora")
    client = client_as(operator_b)
    base_a = f"/kelola/gambir/pelatihan/jadwal/{jadwal_a.pk}"
    base_b_slug = f"/kelola/tambora/pelatihan/jadwal/{jadwal_a.pk}"  # own post, A's session id
    for url in [
        f"{base_a}/",
        f"{base_a}/peserta.csv",
        f"{base_a}/ubah/",
        f"{base_b_slug}/",
        f"{base_b_slug}/peserta.csv",
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (f"{base_b_slug}/hadir/", {"hadir": [walkin.pk]}),
        (f"{base_b_slug}/peserta/{walkin.pk}/batal/", {}),
        (f"{base_b_slug}/peserta/tambah/", {"nama": "Penyusup", "telepon": "081200000000"}),
        (f"{base_b_slug}/batalkan/", {"alasan": "Dibatalkan orang lain"}),
        (f"{base_a}/hadir/", {"hadir": [walkin.pk]}),
    ]:
        assert client.post(url, data).status_code == 404, url
    walkin.refresh_from_db()
    jadwal_a.refresh_from_db()
    assert (walkin.status, walkin.hadir, jadwal_a.status, jadwal_a.pendaftaran.count()) == (
        "terkonfirmasi",
        False,
        "terbit",
        1,
    )
    own = body(client.get("/kelola/tambora/pelatihan/"))
    assert "Sesi Tambora" in own and jadwal_a.nama not in own
    assert "Rahasia Gambir" not in own and "081255556666" not in own


def test_public_pages_never_show_participant_phone(client, jadwal_a, operator_a):
    services.pendaftaran_tamu_buat(jadwal=jadwal_a, oleh=operator_a, nama="Pak Rahasia", telepon="081244443333")
    for url in ["/pelatihan/", f"/pelatihan/jadwal/{jadwal_a.pk}/", "/pelatihan/kalender.ics", "/pos/gambir/", "/"]:
        text = client.get(url).getvalue().decode()
        assert "081244443333" not in text and "Pak Rahasia" not in text, url


def test_program_create_and_hostile(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    ok = client.post(
        "/kelola/gambir/pelatihan/program/baru/",
        {
            "nama": "Blog Kuliner",
            "jenis": "lokakarya",
            "pilar": "budaya",
            "topik": ["blog", "foto_produk"],
            "is_aktif": "on",
        },
    )
    assert ok.status_code == 302
    program = Program.objects.get(nama="Blog Kuliner")
    assert program.pos == pos_a and sorted(program.topik_set.values_list("topik", flat=True)) == ["blog", "foto_produk"]
    for data, message in [
        ({"nama": "Tanpa topik", "jenis": "lokakarya", "pilar": "budaya"}, "setidaknya satu topik"),
        ({"nama": "Topik aneh", "jenis": "lokakarya", "pilar": "budaya", "topik": ["hacking"]}, "pilihan yang valid"),
        ({"nama": "x" * 151, "jenis": "lokakarya", "pilar": "budaya", "topik": ["blog"]}, "paling banyak 150"),
        ({"nama": "Jenis aneh", "jenis": "kuliah", "pilar": "budaya", "topik": ["blog"]}, "pilihan yang valid"),
        ({"nama": "Blog Kuliner", "jenis": "lokakarya", "pilar": "budaya", "topik": ["blog"]}, "sudah ada"),
    ]:
        response = client.post("/kelola/gambir/pelatihan/program/baru/", data)
        assert message in body(response), data
    assert Program.objects.count() == 1


def test_operator_cannot_edit_provincial_or_other_posts_program(client_as, operator_a, pos_b, program_prov):
    program_b = ProgramFactory(pos=pos_b)
    client = client_as(operator_a)
    assert client.get(f"/kelola/gambir/pelatihan/program/{program_prov.pk}/ubah/").status_code == 404
    assert (
        client.post(
            f"/kelola/gambir/pelatihan/program/{program_b.pk}/ubah/",
            {"nama": "Diretas", "jenis": "lokakarya", "pilar": "aman", "topik": ["blog"]},
        ).status_code
        == 404
    )
    program_b.refresh_from_db()
    assert program_b.nama != "Diretas"


def test_kelola_jadwal_list_constant_queries(client_as, operator_a, pos_a, relawan_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            jadwal = JadwalFactory(pos=pos_a)
            jadwal.pelatih.add(relawan_a.user, operator_a)
            mulai = timezone.now() - timedelta(days=5)
            JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))

    response = assert_constant_queries(client_as(operator_a), "/kelola/gambir/pelatihan/", add)
    assert body(response).count("/kelola/gambir/pelatihan/jadwal/") >= 6


def test_kelola_jadwal_detail_constant_queries(client_as, operator_a, sesi_hari_ini, peserta, assert_constant_queries):
    sesi_hari_ini.kapasitas = 100
    sesi_hari_ini.save()
    people = iter(peserta(3))

    def add(n):
        for _ in range(n):
            user = next(people)
            p = PendaftaranFactory(jadwal=sesi_hari_ini, user=user)
            services.kehadiran_tetapkan(
                jadwal=sesi_hari_ini,
                oleh=operator_a,
                hadir_ids=set(sesi_hari_ini.pendaftaran.values_list("pk", flat=True)),
            )
            services.umpan_balik_kirim(pendaftaran=p, oleh=user, nilai=4, komentar="Oke")

    response = assert_constant_queries(
        client_as(operator_a), f"/kelola/gambir/pelatihan/jadwal/{sesi_hari_ini.pk}/", add
    )
    assert body(response).count('name="hadir"') == 3


def test_kelola_program_list_constant_queries(client_as, operator_a, pos_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            ProgramFactory(pos=pos_a, topik=["blog", "marketplace"])

    response = assert_constant_queries(client_as(operator_a), "/kelola/gambir/pelatihan/program/", add)
    assert body(response).count("Program E-Literasi") == 3


def test_dasbor_and_nav_show_training_for_operator(client_as, operator_a, jadwal_a):
    html = body(client_as(operator_a).get("/kelola/gambir/"))
    assert "/kelola/gambir/pelatihan/" in html and "1 sesi mendatang" in html
    assert "/kelola/gambir/relawan/" in html


def test_admin_manages_provincial_programmes(client_as, admin_provinsi, operator_a, wilayah):
    client = client_as(admin_provinsi)
    response = client.post(
        "/kelola/program-pelatihan/baru/",
        {
            "nama": "Keamanan Digital untuk UKM",
            "jenis": "e_literasi",
            "pilar": "aman",
            "topik": ["keamanan_digital"],
            "is_aktif": "on",
        },
    )
    assert response.status_code == 302
    program = Program.objects.get()
    assert program.pos is None
    client.post(
        f"/kelola/program-pelatihan/{program.pk}/ubah/",
        {
            "nama": "Keamanan Digital",
            "jenis": "e_literasi",
            "pilar": "aman",
            "topik": ["keamanan_digital", "etika_digital"],
        },
    )
    program.refresh_from_db()
    assert (program.nama, program.is_aktif, program.topik_set.count()) == ("Keamanan Digital", False, 2)
    # Inactive provincial programmes are listed for the posts but cannot be scheduled.
    form = body(client_as(operator_a).get("/kelola/gambir/pelatihan/jadwal/baru/"))
    assert "Keamanan Digital" not in form


def test_admin_program_list_constant_queries(client_as, admin_provinsi, pos_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            program = ProgramFactory(pos=None, topik=["blog", "foto_produk"])
            JadwalFactory(pos=pos_a, program=program)

    response = assert_constant_queries(client_as(admin_provinsi), "/kelola/program-pelatihan/", add)
    assert body(response).count("/ubah/") == 3


def test_feeds_constant_queries(client, pos_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            JadwalFactory(pos=pos_a, program=ProgramFactory(topik=["blog", "marketplace"]))

    for url in ("/pelatihan/kalender.ics", "/pos/gambir/kalender.ics"):
        response = assert_constant_queries(client, url, add)
        assert response.getvalue().count(b"BEGIN:VEVENT") >= 3


def test_kelola_index_links_for_admin(client_as, admin_provinsi, wilayah):
    from tests.pelatihan.factories import RelawanFactory

    RelawanFactory(status="diajukan", diputuskan_at=None, diajukan_at=timezone.now() - timedelta(days=120))
    html = body(client_as(admin_provinsi).get("/kelola/"))
    assert "/kelola/relawan/" in html and "1 menunggu keputusan" in html and "1 lewat 3 bulan" in html
    assert "/kelola/program-pelatihan/" in html and "/kelola/relawan/laporan/" in html


@pytest.mark.parametrize("kode", ["", "<script>", "x" * 41, "%00"])
def test_sertifikat_search_hostile_codes(client, db, kode):
    response = client.get("/sertifikat/", {"kode": kode})
    assert response.status_code == 200
    assert "<script>" not in body(response).split('id="konten"')[1]


def test_sertifikat_search_finds_a_typed_code(client, pos_a, operator_a):
    walkin = services.pendaftaran_tamu_buat(
        jadwal=JadwalFactory(
            pos=pos_a, mulai=timezone.now() - timedelta(hours=1), selesai=timezone.now() + timedelta(hours=1)
        ),
        oleh=operator_a,
        nama="Bu Ani",
        telepon="081211110000",
        waktu=timezone.now() - timedelta(days=1),
    )
    services.kehadiran_tetapkan(jadwal=walkin.jadwal, oleh=operator_a, hadir_ids={walkin.pk})
    kode = Sertifikat.objects.get().kode
    typed = " ".join(kode[i : i + 4] for i in range(0, 16, 4)).lower()
    response = client.get("/sertifikat/", {"kode": typed})
    assert response.status_code == 302 and response["Location"] == f"/sertifikat/{kode}/"
    assert "Bu Ani" in body(client.get(response["Location"]))
