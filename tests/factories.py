"""factory_boy factories for the foundation. Apps add theirs in tests/<app>/factories.py."""

import factory

from posyantek.models import User

TEST_PASSWORD = "kata-sandi-uji-yang-panjang"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.test")
    nama = factory.Faker("name", locale="id_ID")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if not create:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})
