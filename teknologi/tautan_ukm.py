"""Linking adoption records to the UKM registry (``ukm.Ukm``).

An adoption used to name its business in free text (``nama_usaha``) under a post. When the
registry arrived, each existing row was linked to the registered business of the same post whose
name matches case-insensitively; a name that two businesses of the post share is left unlinked
(guessing would attach a review to the wrong business), and so is a name the registry does not
know. Used by migration 0003 with historical models, and directly by its test.
"""

from django.db.models.functions import Lower


def hubungkan_adopsi_ukm(Adopsi, Ukm) -> int:
    """Link unlinked adoptions to the one UKM of their post with the same name; returns how many."""
    rows = list(Adopsi.objects.filter(ukm__isnull=True).values_list("pk", "pos_id", "nama_usaha"))
    if not rows:
        return 0
    names = {nama.lower() for _pk, _pos, nama in rows}
    posts = {pos for _pk, pos, _nama in rows}
    found: dict[tuple[int, str], list[int]] = {}
    for pk, pos_id, nama in (
        Ukm.objects.annotate(kunci=Lower("nama"))
        .filter(pos_id__in=posts, kunci__in=names)
        .values_list("pk", "pos_id", "kunci")
    ):
        found.setdefault((pos_id, nama), []).append(pk)
    linked = 0
    for pk, pos_id, nama in rows:
        match = found.get((pos_id, nama.lower()), [])
        if len(match) == 1:
            Adopsi.objects.filter(pk=pk).update(ukm_id=match[0])
            linked += 1
    return linked
