"""The public meetings as an iCalendar feed (RFC 5545): one VEVENT per meeting, in UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from kyodo.dialogue.models import Meeting, MeetingStatus


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped; other control characters dropped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(ch for ch in text if ch >= " " or ch == "\t")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (never splitting a character)."""
    parts: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not parts else 74
        if len((current + ch).encode()) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    parts.append(current)
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(meetings: Iterable[Meeting], *, base_url: str) -> str:
    host = getattr(settings, "KYODO_ICAL_HOST", "kyodo")
    now = _stamp(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kyodo//meetings//JA", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape('意見交換会・懇談会')}", "X-WR-TIMEZONE:Asia/Tokyo"]
    for meeting in meetings:
        ends_at = meeting.ends_at or meeting.starts_at + dt.timedelta(hours=2)
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(meeting.starts_at)}",
            f"DTEND:{_stamp(ends_at)}",
            f"SUMMARY:{escape(f'{meeting.kind.name} {meeting.title}')}",
            f"LOCATION:{escape(meeting.place)}",
            f"URL:{base_url}{meeting.get_absolute_url()}",
            f"STATUS:{'CANCELLED' if meeting.status == MeetingStatus.CANCELLED else 'CONFIRMED'}",
            f"SEQUENCE:{meeting.version}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
