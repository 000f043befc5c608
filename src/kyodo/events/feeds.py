"""The public calendar as iCalendar (RFC 5545) and the イベント一覧 open-data rows.

iCal feeds: every listed event, or those of one kind or one community, for calendar apps to subscribe to;
an event held on several dates is one calendar entry per date.
Open data: the columns of the 自治体標準オープンデータセット イベント一覧, in their order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone

from kyodo.events import sessions
from kyodo.events.models import Event

OPEN_DATA_HEADER = (
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名", "イベント名_カナ",
    "イベント名_英語",
    "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称",
    "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法",
    "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", ""))


def _fold(line: str) -> Iterator[str]:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never splitting a character."""
    current = ""
    for char in line:
        if len((current + char).encode()) > 75:
            yield current
            current = " " + char
        else:
            current += char
    yield current


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ical(events: Iterable[Event], *, name: str, base_url: str) -> str:
    now = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kyodo//events//JA", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}", "X-WR-TIMEZONE:Asia/Tokyo"]
    for event in events:
        dates = sessions.dates(event)
        for number, (starts_at, ends_at, place, note) in enumerate(dates, start=1):
            uid = f"event-{event.pk}" if len(dates) == 1 else f"event-{event.pk}-{number}"
            summary = event.title if len(dates) == 1 else f"{event.title}({number}/{len(dates)}){note}"
            lines += [
                "BEGIN:VEVENT", f"UID:{uid}@{settings.MUNICIPALITY['code']}.kyodo", f"DTSTAMP:{now}",
                f"DTSTART:{_utc(starts_at)}", f"DTEND:{_utc(ends_at)}",
                f"SUMMARY:{_escape(summary)}",
                f"LOCATION:{_escape(' '.join(filter(None, [place, event.address if place == event.place else ''])))}",
                f"DESCRIPTION:{_escape(event.description)}", f"URL:{base_url}{event.get_absolute_url()}",
                f"STATUS:{'CANCELLED' if event.status == 'cancelled' else 'CONFIRMED'}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def open_data_rows(events: Iterable[Event], *, base_url: str) -> Iterator[list[Any]]:
    city = settings.MUNICIPALITY
    for number, event in enumerate(events, start=1):
        starts, ends, closes = _local(event.starts_at), _local(event.ends_at), _local(event.registration_closes_at)
        yield [
            city["code"], number, city["prefecture"], city["name"], event.title, event.title_kana, "",
            starts.strftime("%Y-%m-%d"), ends.strftime("%Y-%m-%d"), starts.strftime("%H:%M"), ends.strftime("%H:%M"),
            "中止" if event.status == "cancelled" else "", event.description, "", "", event.contact, "", "",
            event.organiser_label, event.place, event.address, "", "", "", "", "", event.capacity,
            closes.strftime("%Y-%m-%d"), closes.strftime("%H:%M"), "ウェブ・電話・申込書",
            f"{base_url}{event.get_absolute_url()}", event.kind.name,
        ]
