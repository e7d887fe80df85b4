"""A real S3-compatible server on loopback: moto's standalone server (moto[server]).

Pure Python, installed from PyPI with the test tools: no daemon to install or run,
and it answers the S3 HTTP API that boto3 and django-storages speak, over a real
socket (what the app servers meet in production, with a bucket elsewhere).
"""

import contextlib
import json
import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

# moto accepts any credentials; these are the test's own.
ACCESS_KEY = "ankasam-test-key"
SECRET_KEY = "ankasam-test-secret"
REGION = "us-east-1"


@dataclass
class Bucket:
    endpoint: str
    name: str

    def client(self):
        return client(self.endpoint)

    def names(self, prefix: str = "") -> list[str]:
        answer = self.client().list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(entry["Key"] for entry in answer.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def environment(self) -> dict[str, str]:
        """What an app server is given to keep its media in this bucket."""
        return {
            "DJANGO_MEDIA_STORAGE": "s3",
            "DJANGO_S3_BUCKET": self.name,
            "DJANGO_S3_ENDPOINT_URL": self.endpoint,
            "DJANGO_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "DJANGO_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "DJANGO_S3_REGION": REGION,
            "DJANGO_S3_ADDRESSING_STYLE": "path",
        }

    def storages(self) -> dict:
        """``STORAGES["default"]`` as ankasam/settings.py builds it from that."""
        return {
            "BACKEND": "ankasam.s3storage.S3MediaStorage",
            "OPTIONS": {
                "bucket_name": self.name,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {
                    "CacheControl": "public, max-age=31536000, immutable"
                },
                "client_config": Config(
                    connect_timeout=3,
                    read_timeout=20,
                    retries={"mode": "standard", "max_attempts": 2},
                    signature_version="s3v4",
                ),
            },
        }


def client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )


@contextlib.contextmanager
def s3_server() -> Iterator[tuple[str, ThreadedMotoServer]]:
    """moto's S3 server on a free loopback port; yields its URL, stops it after."""
    # Its request log would bury the test's own output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}", server
    finally:
        with contextlib.suppress(Exception):  # a test may have stopped it already
            server.stop()


def public_read_policy(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
    )


@contextlib.contextmanager
def new_bucket(endpoint: str) -> Iterator[Bucket]:
    """A fresh, empty bucket, removed with all it holds afterwards."""
    bucket = Bucket(endpoint, f"ankasam-{secrets.token_hex(6)}")
    s3 = client(endpoint)
    s3.create_bucket(Bucket=bucket.name)
    # Readers fetch images straight from the bucket: public reading, as
    # the README has the operator set it.
    s3.put_bucket_policy(Bucket=bucket.name, Policy=public_read_policy(bucket.name))
    try:
        yield bucket
    finally:
        with contextlib.suppress(Exception):  # a stopped server holds nothing
            for key in bucket.names():
                s3.delete_object(Bucket=bucket.name, Key=key)
            s3.delete_bucket(Bucket=bucket.name)
