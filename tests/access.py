"""The access matrix: every URL pattern of the project, for every persona, with the expected status.

Each app lists its routes in ``tests/<app>/access.py`` as ``ROUTES: list[Route]`` and may define
``build(world: World) -> None`` to create the objects its URLs need (belonging to post A, so that
the operator of post B proves nothing leaks). ``tests/test_access_matrix.py`` walks the resolver and
fails when a named URL of the project is in no app's ROUTES.

Personas: ``anon`` (not logged in), ``op_a`` (operator of post A, Gambir), ``op_b`` (operator of
post B, Tambora), ``owner`` (a UKM owner), ``admin`` (admin provinsi). Optional: ``juri``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("anon", "op_a", "op_b", "owner", "admin")


@dataclass
class World:
    """The people and posts every matrix test starts with; apps add objects to ``obj``."""

    pos_a: Any
    pos_b: Any
    users: dict[str, Any]
    obj: dict[str, Any] = field(default_factory=dict)


@dataclass
class Route:
    name: str  # "namespace:name" as reverse() takes it
    expect: dict[str, int]  # persona -> status code; every persona of PERSONAS must be listed
    kwargs: Callable[[World], dict] = lambda world: {}
    method: str = "get"
    data: Callable[[World], dict] = lambda world: {}
    query: str = ""  # appended to the URL, e.g. "?q=santan"

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: expectations missing for {sorted(missing)}")


# Shorthands for common expectations.
PUBLIC = {p: 200 for p in PERSONAS}
LOGIN_ANY = {"anon": 302, "op_a": 200, "op_b": 200, "owner": 200, "admin": 200}
# A /kelola/<pos A>/… page: the other post's operator gets 404, a UKM owner too (no post of theirs).
KELOLA_POS_A = {"anon": 302, "op_a": 200, "op_b": 404, "owner": 404, "admin": 200}
# An action (POST) under /kelola/<pos A>/… that redirects on success.
KELOLA_POS_A_POST = {"anon": 302, "op_a": 302, "op_b": 404, "owner": 404, "admin": 302}
ADMIN_ONLY = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 200}
