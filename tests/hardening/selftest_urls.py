"""Deliberately broken views, only for proving that the hardening tests catch what they claim to."""

import uuid

from django import forms
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path
from django.views.decorators.http import require_POST

from posyantek.models import User


def boom(request):
    raise RuntimeError("boom")


class CatatanForm(forms.Form):
    judul = forms.CharField(max_length=20)
    jumlah = forms.IntegerField(min_value=0)


def crashes_on_odd_input(request):
    """500 on a NUL byte or a huge value (as PostgreSQL would), instead of a form error."""
    form = CatatanForm(request.POST or None)
    if request.method == "POST":
        raw = request.POST.get("judul", "")
        if "\x00" in raw or len(raw) > 1000 or "<" in raw:
            raise ValueError("unhandled input")
        if form.is_valid():
            return redirect("/")
    return render(request, "kelola/pos_profil_form.html", {"form": form, "pos": None})


def writes_on_invalid_input(request):
    """Writes a row even when the form is invalid, and re-renders the form (200)."""
    form = CatatanForm(request.POST or None)
    if request.method == "POST":
        User.objects.create(email=f"{uuid.uuid4().hex}@selftest.test")
        if form.is_valid():
            return redirect("/")
    return render(request, "kelola/pos_profil_form.html", {"form": form, "pos": None})


def good_form(request):
    form = CatatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("/")
    return render(request, "kelola/pos_profil_form.html", {"form": form, "pos": None})


class FotoForm(forms.Form):
    judul = forms.CharField(max_length=20)
    foto = forms.ImageField(widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    def clean_foto(self):
        from posyantek.uploads import clean_image

        return clean_image(self.cleaned_data["foto"])


def upload_view(check: bool):
    def view(request):
        form = FotoForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if not check and request.FILES.get("foto"):  # stores whatever came, unchecked
                default_storage.save("selftest/" + request.FILES["foto"].name.replace("/", "_"), request.FILES["foto"])
                return redirect("/")
            if form.is_valid():
                default_storage.save("selftest/foto.jpg", form.cleaned_data["foto"])
                return redirect("/")
        return render(request, "kelola/pos_profil_form.html", {"form": form, "pos": None})

    return view


@require_POST
def ok_action(request):
    return HttpResponse("ok")


urlpatterns = [
    path("boom/", boom),
    path("rapuh/", crashes_on_odd_input, name="rapuh"),
    path("bocor/", writes_on_invalid_input, name="bocor"),
    path("baik/", good_form, name="baik"),
    path("foto-baik/", upload_view(check=True)),
    path("foto-rapuh/", upload_view(check=False)),
    path("", include("posyantek.urls")),
]
