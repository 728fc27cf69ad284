"""The OpenAPI schema documents every answer an operation can give, errors included, so that a client (and
the schemathesis run in tests/api/) can rely on it: 400 for a list's bad parameters, 404 for an unknown
item, 429 when the rate limit is reached."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid query parameters: the messages per parameter.",
    )


ERROR = ErrorSerializer


class ApiSchema(AutoSchema):
    def get_response_serializers(self):
        answer = super().get_response_serializers()
        if isinstance(answer, dict):
            return answer
        responses = {200: answer}
        if getattr(self.view, "action", None) == "list":
            responses[400] = OpenApiResponse(ERROR, description="A query parameter has an invalid value.")
        else:
            responses[404] = OpenApiResponse(ERROR, description="No such public item.")
        responses[429] = OpenApiResponse(ERROR, description="Too many requests from this address; wait a minute.")
        return responses

    def get_tags(self) -> list[str]:
        return [self.view.basename] if hasattr(self.view, "basename") else super().get_tags()
