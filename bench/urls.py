"""kyodo's URLs plus a constant page: the framework floor of the benchmark."""

from django.http import HttpResponse
from django.urls import path

from kyodo.access import public
from kyodo.urls import urlpatterns as kyodo_urlpatterns


@public
def constant(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("_bench/constant", constant), *kyodo_urlpatterns]
