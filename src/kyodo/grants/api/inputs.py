"""Input shared by the grants API operations; the generic types live in kyodo.api_inputs."""

from __future__ import annotations

from ninja import Schema

from kyodo.api_inputs import Version


class GrantVersionIn(Schema):
    version: Version
