"""Where enquiry attachments are kept: a Django file storage under a media root of their own.

The root is the `SCHOOLWEAVE_MEDIA_ROOT` setting (see config.settings), by default var/media
under the working directory, like the SQLite database. It must not be, or be inside, a
directory static files are served from: attachments are only ever sent by the download view,
to those allowed to see them, never by URL. Stored files get random names; the name a user
gave is kept, made safe, only for downloads."""

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

UNDER_STATIC = (
    "SCHOOLWEAVE_MEDIA_ROOT ({root}) must not be inside a static files directory ({static}): "
    "uploaded files would be served to anyone"
)


def media_root() -> Path:
    root = Path(settings.SCHOOLWEAVE_MEDIA_ROOT).resolve()
    statics = [Path(settings.STATIC_ROOT), *(Path(str(d)) for d in settings.STATICFILES_DIRS)]
    for static in statics:
        static = static.resolve()
        if root == static or static in root.parents or root in static.parents:
            raise ImproperlyConfigured(UNDER_STATIC.format(root=root, static=static))
    return root


@deconstructible(path="schoolweave.knowledge.storage.KnowledgeStorage")
class KnowledgeStorage(FileSystemStorage):
    """A file system storage whose root is read when used, so settings can change it, and
    which has no URL: files leave only through the download view."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        return str(media_root())

    @property
    def location(self) -> str:
        return str(media_root())

    def url(self, name: str | None) -> str:
        raise ValueError("Enquiry attachments have no URL: use the download view")


_STORAGE = KnowledgeStorage()


def knowledge_storage() -> KnowledgeStorage:
    return _STORAGE


def attachment_path(instance: Any, filename: str) -> str:
    """enquiries/<enquiry>/<random>.<extension of the file's real kind>; the user's name is
    never used on disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"enquiries/{instance.enquiry_id}/{uuid.uuid4().hex}.{extension}"
