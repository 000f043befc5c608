from django.http import HttpResponse

from kyodo.access import public


@public
def current(request):
    return HttpResponse("plans")


@public
def detail(request, number):
    return HttpResponse("plan")


@public
def measure(request, number, measure):
    return HttpResponse("measure")
