from django.http import HttpResponse

from kyodo.access import require_perm


@require_perm("plans.manage_plans")
def index(request):
    return HttpResponse("plans staff")
