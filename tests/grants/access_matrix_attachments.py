"""Who may add, download and delete an application's attachments.

Adding and deleting: the applying community's members (documents while drafted, receipts while
the actuals report is open). Downloading: whoever may view the application.
"""

from __future__ import annotations

from tests.access import CITY, Case
from tests.grants.access_matrix import APPLICATION_VIEWERS_OWN, NOBODY, PREPARERS_OWN, _application, _version
from tests.grants.factories import MINIMAL_PDF, application_in_state, community_user


def _receipt(world, which):
    application = application_in_state(world.community(which), "reported")
    return {"pk": application.pk, "attachment_pk": application.attachments.get(kind="receipt").pk}


def _document(world, which):
    from django.core.files.base import ContentFile

    from kyodo.grants.models import Attachment

    application = application_in_state(world.community(which), "draft")
    document = Attachment(application=application, kind="document", original_name="見積書.pdf",
                          content_type="application/pdf", size_bytes=len(MINIMAL_PDF), sha256="0" * 64,
                          uploaded_by=community_user(application.community))
    document.file.save("x.pdf", ContentFile(MINIMAL_PDF), save=False)
    document.save()
    return {"pk": application.pk, "attachment_pk": document.pk}


CASES = [
    Case("grants_staff:attachment-add", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("draft")),
    Case("grants_staff:attachment-download", own=APPLICATION_VIEWERS_OWN, other=CITY, kwargs=_receipt),
    Case("grants_staff:attachment-delete", own=PREPARERS_OWN, other=NOBODY, kwargs=_document, method="post",
         data=_version, ok_status=(302,)),
]
