"""Every file field of the project is on private storage, except the ones ``PUBLIC_FILE_FIELDS``
names (what every visitor may see). A new private model on public storage fails here."""

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from posyantek.uploads import PUBLIC_FILE_FIELDS, PrivateStorage


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def test_every_file_field_is_private_unless_listed_public():
    on_public = sorted(
        label
        for label, field in file_fields()
        if label not in PUBLIC_FILE_FIELDS and not isinstance(field.storage, PrivateStorage)
    )
    assert on_public == []


def test_public_file_field_list_names_existing_public_fields_only():
    public = {label: field for label, field in file_fields() if label in PUBLIC_FILE_FIELDS}
    assert set(public) == set(PUBLIC_FILE_FIELDS)
    assert [label for label, field in sorted(public.items()) if field.storage is not default_storage] == []


def test_competition_documents_are_private():
    labels = {label: field for label, field in file_fields()}
    assert isinstance(labels["lomba.DokumenPeserta.berkas"].storage, PrivateStorage)
    assert isinstance(labels["posyantek.Dokumen.berkas"].storage, PrivateStorage)
