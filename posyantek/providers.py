"""What the foundation itself shows at its extension points (``posyantek.extensions``): the posts'
own numbers on the overview, before every app's section."""

from posyantek import extensions, selectors
from posyantek.extensions import Kontribusi
from posyantek.models import OperatorPos


def overview(*, request, pos) -> dict:
    """One post's (its operators, model-post mark) or the province's: posts, model posts, posts with
    an operator and operator accounts per kota."""
    if pos is not None:
        return {"pos_ringkasan": {"pos": pos, "jumlah_operator": OperatorPos.objects.filter(pos=pos).count()}}
    kota = list(selectors.kota_list_ringkasan())
    return {
        "pos_ringkasan": {
            "kota": kota,
            "total_pos": sum(k.jumlah_pos for k in kota),
            "total_percontohan": sum(k.jumlah_percontohan for k in kota),
            "total_beroperator": sum(k.pos_beroperator for k in kota),
            "total_operator": OperatorPos.objects.values("user_id").distinct().count(),
            "chart_percontohan": [(k.nama_pendek, k.jumlah_percontohan) for k in kota],
            "chart_beroperator": [(k.nama_pendek, k.pos_beroperator) for k in kota],
            "percontohan": selectors.pos_list_percontohan(),
        }
    }


KONTRIBUSI = [
    Kontribusi(extensions.OVERVIEW, "posyantek/_overview.html", overview),
]
