"""Who may download the printable forms of an application: whoever may view it.

Each form is asked for on an application in a state that has the form's object (award, submitted
actuals report, settlement), so the allowed roles get 200 and the others 403/404.
"""

from __future__ import annotations

from tests.access import CITY, Case
from tests.grants.access_matrix import APPLICATION_VIEWERS_OWN
from tests.grants.factories import application_in_state


def _application(status):
    def kwargs(world, which):
        return {"pk": application_in_state(world.community(which), status).pk}

    return kwargs


CASES = [
    Case("grants_staff:application-print-application-pdf", own=APPLICATION_VIEWERS_OWN, other=CITY,
         kwargs=_application("submitted")),
    Case("grants_staff:application-print-award-pdf", own=APPLICATION_VIEWERS_OWN, other=CITY,
         kwargs=_application("awarded")),
    Case("grants_staff:application-print-actuals-pdf", own=APPLICATION_VIEWERS_OWN, other=CITY,
         kwargs=_application("reported")),
    Case("grants_staff:application-print-settlement-pdf", own=APPLICATION_VIEWERS_OWN, other=CITY,
         kwargs=_application("settled")),
]
