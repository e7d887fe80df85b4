"""Where uploaded files live: the local disk, or S3-compatible object storage.

The local disk (``FileSystemStorage`` under ``MEDIA_ROOT``) is the zero-setup
default. With ``DJANGO_MEDIA_STORAGE=s3`` media go to a bucket through
django-storages, so that every app server reads and writes the same files (see
``ankasam/settings.py`` for its variables).

Code never touches media by path: it goes through the Storage API (``open``,
``save``, ``delete``, ``url``), which both backends answer. Whatever goes wrong in
reaching the bucket (refused connection, timeout, missing bucket, bad
credentials, a 5xx) comes out as one exception, ``StorageUnavailable``, which the
admin turns into a form error and ``/readyz`` into a failed check. Building a
file's address (``url``) needs no request, so public pages render while the
bucket is away.
"""

import contextlib
import logging

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import default_storage
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# A name no upload gets (uploads have random names under a folder).
PROBE = "readyz-probe"


class StorageUnavailable(OSError):
    """The media storage could not be reached, or refused to do what was asked."""


def check_reachable(storage=default_storage) -> None:
    """Raise ``StorageUnavailable`` unless ``storage`` answers now.

    A bucket is asked whether it exists and may be used (one HEAD request); the
    local disk is asked for a file in its folder.
    """
    check = getattr(storage, "check", None)
    if check is not None:
        check()
        return
    try:
        storage.exists(PROBE)
    except OSError as error:
        raise StorageUnavailable(str(error)) from error


def _status(error) -> int:
    return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)


@contextlib.contextmanager
def _reaching(action: str, name: str = ""):
    """Turn whatever boto3 raises into ``StorageUnavailable`` (a missing object
    into ``FileNotFoundError``, as the local disk says it)."""
    try:
        yield
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if _status(error) == 404 and code != "NoSuchBucket":
            raise FileNotFoundError(f"{name} does not exist") from error
        logger.warning("media storage refused to %s %s: %s", action, name, error)
        raise StorageUnavailable(f"could not {action} {name}") from error
    except (BotoCoreError, Boto3Error) as error:
        logger.warning("media storage unreachable to %s %s: %s", action, name, error)
        raise StorageUnavailable(f"could not {action} {name}") from error


class S3MediaStorage(S3Storage):
    """Media in a bucket, with every failure to reach it said the same way."""

    def check(self) -> None:
        try:
            with _reaching("reach the bucket", self.bucket_name):
                self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        except FileNotFoundError as error:  # HEAD says only 404, not NoSuchBucket
            raise StorageUnavailable("the bucket does not exist") from error

    def _open(self, name, mode="rb"):
        with _reaching("open", name):
            handle = super()._open(name, mode)
            if "r" in mode:
                # Read it now, inside this guard: every caller reads it whole.
                handle.file  # noqa: B018
            return handle

    def _save(self, name, content):
        with _reaching("save", name):
            return super()._save(name, content)

    def delete(self, name):
        with _reaching("delete", name):
            return super().delete(name)

    def exists(self, name):
        with _reaching("look up", name):
            return super().exists(name)

    def listdir(self, path):
        with _reaching("list", path):
            return super().listdir(path)

    def size(self, name):
        with _reaching("measure", name):
            return super().size(name)

    def get_modified_time(self, name):
        with _reaching("date", name):
            return super().get_modified_time(name)
