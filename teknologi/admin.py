from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from teknologi.models import Adopsi, JanjiUrunBeli, KampanyeUrunBeli, Panduan, Teknologi, TeknologiPos


@admin.register(Teknologi)
class TeknologiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "bidang", "status", "diusulkan_pos", "is_demo"]
    list_filter = ["status", "bidang", "penghargaan", "is_demo"]
    search_fields = ["nama", "alias"]
    readonly_fields = ["cari_nama", "cari_teks"]


@admin.register(Panduan)
class PanduanAdmin(SimpleHistoryAdmin):
    list_display = ["teknologi", "updated_at"]
    search_fields = ["teknologi__nama"]


@admin.register(KampanyeUrunBeli)
class KampanyeAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "pos", "status", "jumlah_terjanji", "target_jumlah", "batas_waktu"]
    list_filter = ["status"]
    readonly_fields = ["jumlah_terjanji"]


admin.site.register(TeknologiPos)
admin.site.register(Adopsi)
admin.site.register(JanjiUrunBeli)
