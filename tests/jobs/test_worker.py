"""Jobs on the database backend, run by the real worker (``db_worker``)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from editorial.services import PublicationRefused, article_save
from library.jobs import image_renditions_make
from library.models import Image as LibraryImage
from library.services import image_save
from printing.models import ArticlePdf
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.images.test_images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


def author_with_photo():
    """An author whose photo is a new library image (its renditions enqueued)."""
    image = LibraryImage(
        file=SimpleUploadedFile("portre.jpg", image_bytes("JPEG")), alt_tr="Portre"
    )
    return AuthorFactory(photo=image_save(image=image))


def test_the_worker_makes_the_renditions_the_save_enqueued(client):
    author = author_with_photo()
    job = DBTaskResult.objects.get()
    assert job.task_path == "library.jobs.image_renditions_make"
    stored = LibraryImage.objects.get(pk=author.photo_id)
    assert "jpeg" not in stored.file_renditions  # not yet: the worker makes them
    page = client.get(author.get_absolute_url()).content.decode()
    assert f'src="/media/{stored.file.name}" width="2000" height="1000"' in page
    run_worker()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    stored.refresh_from_db()
    assert [w for _p, w, _h in stored.file_renditions["webp"]] == [480, 960, 1440]
    page = client.get(author.get_absolute_url()).content.decode()
    assert "<picture>" in page  # and the cached page was renewed


def test_a_job_is_idempotent():
    author = author_with_photo()
    run_worker()
    image = LibraryImage.objects.get(pk=author.photo_id)
    made = image.file_renditions
    image_renditions_make.enqueue(pk=image.pk, source=image.file.name)
    image_renditions_make.enqueue(pk=image.pk, source="library/an-older-photo.jpg")
    run_worker()
    returned = sorted(
        r.return_value for r in DBTaskResult.objects.order_by("enqueued_at")[1:]
    )
    assert returned == ["done already", "outdated"]
    assert LibraryImage.objects.get(pk=image.pk).file_renditions == made


def test_a_failed_job_is_tried_again_later():
    author = author_with_photo()
    photo = author.photo.file
    photo.storage.delete(photo.name)  # the file is gone: it fails
    run_worker()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > failed.finished_at


def test_a_refused_save_enqueues_nothing():
    article = ArticleFactory(languages=("tr",))
    DBTaskResult.objects.all().delete()
    article.body_tr = "<p>Dayanaksız işaret [9].</p>"
    with pytest.raises(PublicationRefused), transaction.atomic():
        article_save(article=article)
    assert not DBTaskResult.objects.exists()


def test_staff_see_the_jobs(admin_client):
    author_with_photo()
    response = admin_client.get("/admin/django_tasks_database/dbtaskresult/")
    assert response.status_code == 200
    assert "image_renditions_make" in response.content.decode()


def test_readers_never_wait_for_a_job():
    author = author_with_photo()
    pages = Client()
    assert pages.get(author.get_absolute_url()).status_code == 200
    assert DBTaskResult.objects.get().status == "READY"  # still waiting


def test_the_worker_makes_the_pdfs_a_publication_enqueued(client):
    article = ArticleFactory(languages=("tr", "ru"), title_tr="Işık ve Gölge İçin")
    jobs = DBTaskResult.objects.filter(task_path="printing.jobs.pdf_make")
    assert sorted(j.args_kwargs["kwargs"]["language"] for j in jobs) == [
        "en",
        "ru",
        "tr",
    ]
    page = client.get(article.get_absolute_url("tr")).content.decode()
    assert ".pdf" not in page  # not yet, and the page did not make one
    assert not ArticlePdf.objects.exists()
    run_worker()
    assert sorted(jobs.values_list("status", "return_value")) == [
        ("SUCCESSFUL", "made"),
        ("SUCCESSFUL", "made"),
        ("SUCCESSFUL", "nothing to do"),
    ]
    pdf = ArticlePdf.objects.get(article=article, language="tr")
    page = client.get(article.get_absolute_url("tr")).content.decode()
    assert f'href="{pdf.file.url}"' in page  # and the cached page was renewed
    response = client.get(pdf.file.url)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Işık ve Gölge İçin" in text
