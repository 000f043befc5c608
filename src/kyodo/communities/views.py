from django.http import HttpResponse

from kyodo.access import public


@public
def community_list(request):
    return HttpResponse("communities")


@public
def community_detail(request, slug):
    return HttpResponse("community")
