"""One error format for every API response: {"detail": str, "errors": list}.

``detail`` is a Japanese sentence for people; ``errors`` lists field problems (from
validation) and is empty otherwise. The format is documented in the OpenAPI spec as the
``ErrorOut`` schema, the ``default`` response of every operation, so clients and the
schemathesis run can check every error against it.

The services' refusals map to HTTP here, once, so operations just call services:
StaleObject and InvalidTransition → 409, PermissionDenied (and SeparationOfDuties) → 403,
Django's ValidationError → 422 with one entry per problem in ``errors``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as ServiceValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kyodo.locking import StaleObject
from kyodo.workflows import InvalidTransition

logger = logging.getLogger("kyodo.api")

ERROR_COMPONENT = "ErrorOut"
INVALID_INPUT = "入力内容に誤りがあります。"
FORBIDDEN = "この操作を行う権限がありません。"
# Every operation names its JSON body parameter ``payload``: a service's field error points
# at the same place (``["body", "payload", field]``) as ninja's own validation errors.
BODY = ("body", "payload")


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


def error_response(api: NinjaAPI, request: HttpRequest, detail: str, *, status: int,
                   errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every failure in the one format, and document it in the OpenAPI spec."""

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_plain(error) for error in exc.errors]
        return error_response(api, request, INVALID_INPUT, status=422, errors=errors)

    @api.exception_handler(ServiceValidationError)
    def service_validation_error(request: HttpRequest, exc: ServiceValidationError) -> HttpResponse:
        return error_response(api, request, INVALID_INPUT, status=422, errors=field_errors(exc))

    @api.exception_handler(StaleObject)
    def stale(request: HttpRequest, exc: StaleObject) -> HttpResponse:
        return error_response(api, request, str(exc), status=409)

    @api.exception_handler(InvalidTransition)
    def invalid_transition(request: HttpRequest, exc: InvalidTransition) -> HttpResponse:
        return error_response(api, request, str(exc), status=409)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, "見つかりません。", status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, "サインインが必要です。", status=401)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        # SeparationOfDuties says why in a Japanese sentence; a bare PermissionDenied says nothing.
        return error_response(api, request, str(exc) or FORBIDDEN, status=403)

    def unreadable_body(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A form-encoded (multipart) POST was read as a form by the CSRF check before the API could
        # read its body as JSON, or its multipart framing is broken: the API takes JSON bodies only.
        return error_response(api, request, "リクエストの本文はJSON(application/json)で送ってください。", status=415)

    api.exception_handler(RawPostDataException)(unreadable_body)
    api.exception_handler(MultiPartParserError)(unreadable_body)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, str(exc), status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback for the operators; the caller learns nothing internal.
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(
            api, request, "サーバーで問題が発生しました。時間をおいて再度お試しください。", status=500
        )

    _answer_wrong_methods_in_format()
    _document_errors(api)


def _answer_wrong_methods_in_format() -> None:
    """405 in the one format too: django-ninja answers it itself, as plain text, not by an exception."""
    from ninja.operation import PathView

    def not_allowed(self: PathView) -> HttpResponse:
        allowed = sorted({method for operation in self.operations for method in operation.methods})
        response = HttpResponse(
            json.dumps({"detail": "この操作はできません(許可されていないメソッドです)。", "errors": []},
                       ensure_ascii=False),
            status=405, content_type="application/json; charset=utf-8",
        )
        response["Allow"] = ", ".join(allowed)
        return response

    PathView._not_allowed = not_allowed  # type: ignore[method-assign]


def field_errors(error: ServiceValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError as ``errors``: ``loc`` names the body field when it has one."""
    if not hasattr(error, "error_dict"):
        return [{"msg": message} for message in error.messages]
    return [
        {"msg": message} if field == NON_FIELD_ERRORS else {"loc": [*BODY, field], "msg": message}
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _plain(error: Any) -> dict[str, Any]:
    """A validation error as JSON-safe data (pydantic may put exceptions in ``ctx``)."""
    if not isinstance(error, dict):
        return {"msg": str(error)}
    plain = {key: value for key, value in error.items() if key != "ctx"}
    if "ctx" in error:
        plain["ctx"] = {key: str(value) for key, value in error["ctx"].items()}
    return plain


def _document_errors(api: NinjaAPI) -> None:
    """Add ErrorOut to the spec's components and as every operation's ``default`` response."""
    generate = api.get_openapi_schema

    def get_openapi_schema(*args: Any, **kwargs: Any) -> Any:
        schema = generate(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components[ERROR_COMPONENT] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if isinstance(operation, dict) and "responses" in operation:
                    operation["responses"].setdefault("default", {
                        "description": "エラー(すべてのエラーはこの形式です) / Error, always in this format",
                        "content": {"application/json": {"schema": reference}},
                    })
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]
