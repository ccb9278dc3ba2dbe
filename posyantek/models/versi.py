from django.db import models


class VersiData(models.Model):
    """The data version where the database has no sequences (SQLite for local runs): one row, id 1.
    On PostgreSQL the version is the sequence ``posyantek_versi_data`` (see ``posyantek.versi``)."""

    nilai = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "versi data"
        verbose_name_plural = "versi data"
        db_table = "posyantek_versidata"

    def __str__(self) -> str:
        return str(self.nilai)
