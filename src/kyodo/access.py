"""Who may use a URL or an API operation: every view declares it with one of these decorators.

The authorization-matrix test walks every URL pattern and API operation and fails for one
that carries no ``access_policy``; the rule itself lives in the app's ``rules.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


@dataclass(frozen=True)
class AccessPolicy:
    """What a view requires: nothing (public), a signed-in user, or a permission."""

    kind: str  # "public" | "authenticated" | "perm"
    perm: str = ""

    def __str__(self) -> str:
        return f"perm:{self.perm}" if self.kind == "perm" else self.kind


def public(view: ViewFunc) -> ViewFunc:
    """Anyone, signed in or not, may use this view. It must show only public data."""
    view.access_policy = AccessPolicy("public")  # type: ignore[attr-defined]
    return view


def authenticated(view: ViewFunc) -> ViewFunc:
    """Any signed-in user (e.g. sign-out, the language switch after sign-in)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access_policy = AccessPolicy("authenticated")  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def require_perm(
    perm: str, *, load: Callable[..., Any] | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """The user must hold ``perm`` (on the object ``load`` returns from the URL's arguments).

    ``load(request, **kwargs)`` answers 404 for an unknown object; the view then receives
    the object as its second argument. Anonymous users are sent to sign in; signed-in users
    without the permission get 403.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if load is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)
            obj = load(request, **kwargs)
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        wrapper.access_policy = AccessPolicy("perm", perm)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def declare(view: ViewFunc, policy: AccessPolicy) -> ViewFunc:
    """Attach a policy to a view that enforces it itself (Django's auth views, the admin)."""
    view.access_policy = policy  # type: ignore[attr-defined]
    return view
