"""Uploaded files are received only up to `settings.UPLOAD_MAX_BYTES`.

Django's own upload handlers keep a whole file, in memory or in a temporary file, before a form can look
at its size. `SizeLimitUploadHandler` comes first in `FILE_UPLOAD_HANDLERS`: once a file passes the limit
it hands the handlers after it nothing more of that file (the rest of the request is read and dropped, so
the browser still gets the page with the message) and puts an `OversizedUpload` in `request.FILES`
instead. A form sees that its `size` is over the limit and says so; its content is empty.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """Stands for a file that was not received because it is larger than the limit; `size` is how much of it
    arrived before it was dropped (more than `settings.UPLOAD_MAX_BYTES`)."""

    def __init__(self, name: str, content_type: str, size: int, charset: str | None) -> None:
        super().__init__(io.BytesIO(b""), name, content_type, size, charset)


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received = start + len(raw_data)
        return raw_data if self.received <= settings.UPLOAD_MAX_BYTES else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return None  # the next handler (in memory or a temporary file) has all of it
        return OversizedUpload(self.file_name, self.content_type, self.received, self.charset)
