"""The demo meetings' minutes as PDF files, so a resident can open them from a meeting's public page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.accounts.models import User
from kyodo.dialogue.meeting_files import add_file
from kyodo.dialogue.models import Meeting, MeetingAttachment, MeetingStatus
from kyodo.grants.printing.documents import PrintedForm, wareki_date

AGENDA = ("防災: 避難所の運営と地区ごとの役割分担", "交通: 通院・買い物の移動手段",
          "子育て: 放課後の居場所づくり")


def minutes_pdf(meeting: Meeting) -> bytes:
    """A one-page record of the meeting: when and where, what was discussed, the summary."""
    pdf = PrintedForm(title=f"{meeting.title} 議事録")
    pdf.title_block()
    pdf.fields([("日時", wareki_date(meeting.starts_at)), ("会場", meeting.place or "—"),
                ("種類", meeting.kind.name)])
    pdf.heading("議題")
    for number, item in enumerate(AGENDA, start=1):
        pdf.paragraph(f"{number}. {item}")
    pdf.heading("要旨")
    pdf.paragraph(meeting.minutes or "—")
    return pdf.output_bytes()


def add_demo_minutes(city: User, meetings: list[Meeting]) -> int:
    """Attach the minutes to each meeting whose minutes are published (the newest three); how many were added."""
    published = [meeting for meeting in meetings if meeting.status == MeetingStatus.MINUTES_PUBLISHED]
    added = 0
    for meeting in sorted(published, key=lambda m: m.starts_at, reverse=True)[:3]:
        if meeting.attachments.exists():
            continue
        meeting.refresh_from_db()
        upload = SimpleUploadedFile(f"議事録_{meeting.starts_at:%Y%m%d}.pdf", minutes_pdf(meeting),
                                    content_type="application/pdf")
        add_file(meeting, actor=city, kind=MeetingAttachment.Kind.MINUTES, uploaded_file=upload,
                 version=meeting.version)
        added += 1
    return added
