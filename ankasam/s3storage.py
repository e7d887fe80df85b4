"""Media in an S3-compatible bucket (``DJANGO_MEDIA_STORAGE=s3``; see
``ankasam.storage``): django-storages' backend, with every failure to reach the
bucket said as ``StorageUnavailable``. Loaded only when it is configured."""

import contextlib
import logging

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .storage import StorageUnavailable

logger = logging.getLogger(__name__)


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
