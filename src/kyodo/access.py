"""Who may use a URL or an API operation: every view declares it with one of these decorators.

Pages: ``public``, ``authenticated``, ``require_perm``. API operations: ``api_public``,
``api_signed_in``, ``api_require_perm``. Each sets the view's ``access_policy`` and enforces it.
The authorization-matrix test walks every URL pattern and API operation and fails for one
that carries no ``access_policy``; the rule itself lives in the app's ``rules.py``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError

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


# ---- API operations (django-ninja) --------------------------------------------------------
# Ninja calls an operation as ``view(request, **parameters)`` and reads the parameters from
# the function's signature. The wrappers below carry an explicit ``__signature__`` with the
# annotations evaluated: ninja would otherwise evaluate the view's string annotations (from
# ``from __future__ import annotations``) in the wrapper's module, where they mean nothing.
# Anonymous callers get 401 and callers without the permission 403, in the API's one error
# format (kyodo.api_errors).


def api_public(view: ViewFunc) -> ViewFunc:
    """Anyone, signed in or not, may call this operation. It must return only public data."""
    view.access_policy = AccessPolicy("public")  # type: ignore[attr-defined]
    return view


def api_signed_in(view: ViewFunc) -> ViewFunc:
    """Any signed-in user may call this operation (what it returns is scoped in the query)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        _ensure_signed_in(request)
        return view(request, *args, **kwargs)

    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    wrapper.access_policy = AccessPolicy("authenticated")  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def api_require_perm(
    perm: str, *, load: Callable[..., Any] | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """The caller must hold ``perm`` (on the object ``load`` returns from the path parameters).

    ``load(request, **path_parameters)`` raises Http404 for an unknown or invisible object;
    its parameters become the operation's, and the operation receives the object as the
    keyword argument named by its own second parameter, e.g.
    ``def report(request, application: Application, payload: ReportIn)``.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        if load is None:

            @functools.wraps(view)
            def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                _ensure_signed_in(request)
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)

            wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
        else:
            signature, object_name, load_names, load_only = _with_object(view, load)

            @functools.wraps(view)
            def wrapper(request: HttpRequest, **kwargs: Any) -> Any:
                _ensure_signed_in(request)
                obj = load(request, **{name: kwargs[name] for name in load_names})
                if not request.user.has_perm(perm, obj):
                    raise PermissionDenied
                passed = {name: value for name, value in kwargs.items() if name not in load_only}
                return view(request, **{object_name: obj}, **passed)

            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        wrapper.access_policy = AccessPolicy("perm", perm)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def _ensure_signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise AuthenticationError


def _with_object(
    view: Callable[..., Any], load: Callable[..., Any]
) -> tuple[inspect.Signature, str, list[str], set[str]]:
    """What ninja should see of ``view`` once ``load`` supplies its second parameter (the
    request, the loader's parameters, the view's others), the object's name, the loader's
    parameter names and those only the loader takes."""
    parameters = list(inspect.signature(view, eval_str=True).parameters.values())
    if len(parameters) < 2:
        raise TypeError(f"{view.__qualname__} must take the loaded object as its second parameter")
    request, loaded, *others = parameters
    from_load = list(inspect.signature(load, eval_str=True).parameters.values())[1:]
    load_names = [parameter.name for parameter in from_load]
    keyword = [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for parameter in [*from_load, *(other for other in others if other.name not in load_names)]
    ]
    load_only = set(load_names) - {other.name for other in others}
    return inspect.Signature([request, *keyword]), loaded.name, load_names, load_only
