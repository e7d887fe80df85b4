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

The bucket's backend is ``ankasam.s3storage.S3MediaStorage``, in a module of its
own so that a site on the local disk never loads boto3 (some 20 MiB a process).
"""

from django.core.files.storage import default_storage

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
