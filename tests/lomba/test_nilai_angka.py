"""The juri's score form takes a score as a juri writes it: "87,5" or "87.5" (issue 16), in a text
input the browser does not second-guess, and shows it back with a decimal comma."""

from decimal import Decimal

import pytest

from lomba.models import Nilai
from tests.lomba.factories import kriteria_ids

from .test_views_juri import form_data, html_text, nilai_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["87,5", "87.5", " 87,50 "])
def test_juri_score_with_comma_or_point_is_stored_as_87_5(client_as, penilaian, juri, typed):
    lomba, (gambir, *_rest) = penilaian
    response = client_as(juri).post(nilai_url(lomba, gambir), form_data(lomba, typed))
    assert response.status_code == 302
    assert set(Nilai.objects.filter(juri=juri).values_list("nilai", flat=True)) == {Decimal("87.5")}


def test_juri_score_form_is_text_inputs_and_shows_scores_back_with_a_comma(client_as, penilaian, juri):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(juri)
    client.post(nilai_url(lomba, gambir), form_data(lomba, "87,5"))
    body = html_text(client.get(nilai_url(lomba, gambir)))
    first = kriteria_ids(lomba)[0]
    assert f'<input type="text" name="kriteria_{first}" value="87,5" inputmode="decimal"' in body
    assert 'type="number"' not in body and 'step="0.01"' not in body


@pytest.mark.parametrize(
    "typed,message",
    [
        (
            "87,500",
            "“87,500” tidak jelas: bisa berarti 87500 (koma sebagai pemisah ribuan) atau 87,5 (koma desimal). Tulis "
            "87500 atau 87,5.",
        ),
        ("1.000,5", "Nilai harus antara 0 dan 100."),
    ],
)
def test_juri_doubtful_score_is_refused_and_nothing_written(client_as, penilaian, juri, typed, message):
    lomba, (gambir, *_rest) = penilaian
    data = form_data(lomba, "80")
    data[f"kriteria_{kriteria_ids(lomba)[2]}"] = typed
    response = client_as(juri).post(nilai_url(lomba, gambir), data)
    assert response.status_code == 200
    assert message in html_text(response)
    assert not Nilai.objects.exists()
