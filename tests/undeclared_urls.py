"""A URLconf whose views declare nothing, for tests/test_authorization_matrix.py: its collectors
must report every one, in a second NinjaAPI and in namespaces that merely start with "api" or "admin"."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from ninja import NinjaAPI

from kyodo.access import api_public, public

second_api = NinjaAPI(title="probe", urls_namespace="probe-api", docs_url=None)


@second_api.get("/hives")
def list_hives(request: HttpRequest) -> list[str]:
    return []


@second_api.get("/honey")
@api_public
def honey(request: HttpRequest) -> list[str]:
    return []


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


@public
def declared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("probe/v1/", second_api.urls),
    path("apiary/", include(([path("hives/", undeclared, name="hives"), path("", declared, name="index")], "apiary"))),
    path("administration/", include(([path("", undeclared, name="index")], "administration"))),
]
