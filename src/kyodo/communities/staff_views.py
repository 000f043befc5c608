from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from kyodo.access import require_perm
from kyodo.communities.models import Community


def _community(request, slug):
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


@require_perm("communities.list_communities_in_scope")
def index(request):
    return HttpResponse("index")


@require_perm("communities.manage_structure")
def branch_list(request):
    return HttpResponse("branches")


@require_perm("communities.manage_structure")
def district_list(request):
    return HttpResponse("districts")


@require_perm("communities.view_community_internal", load=_community)
def community(request, obj):
    return HttpResponse("community")
