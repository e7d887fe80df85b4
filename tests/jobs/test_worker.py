"""Jobs on the database backend, run by the real worker (``db_worker``)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from ankasam.jobs import renditions_make
from authors.models import Author
from editorial.services import PublicationRefused, article_save
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
    author = AuthorFactory()
    author.photo = SimpleUploadedFile("portre.jpg", image_bytes("JPEG"))
    author.save()
    return author


def test_the_worker_makes_the_renditions_the_save_enqueued(client):
    author = author_with_photo()
    job = DBTaskResult.objects.get()
    assert job.task_path == "ankasam.jobs.renditions_make"
    stored = Author.objects.get(pk=author.pk)
    assert "jpeg" not in stored.photo_renditions  # not yet: the worker makes them
    page = client.get(author.get_absolute_url()).content.decode()
    assert f'src="/media/{stored.photo.name}" width="2000" height="1000"' in page
    run_worker()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    stored.refresh_from_db()
    assert [w for _p, w, _h in stored.photo_renditions["webp"]] == [480, 960, 1440]
    page = client.get(author.get_absolute_url()).content.decode()
    assert "<picture>" in page  # and the cached page was renewed


def test_a_job_is_idempotent():
    author = author_with_photo()
    run_worker()
    made = Author.objects.get(pk=author.pk).photo_renditions
    kwargs = {"model": "authors.author", "pk": author.pk, "field": "photo"}
    renditions_make.enqueue(source=author.photo.name, **kwargs)
    renditions_make.enqueue(source="authors/an-older-photo.jpg", **kwargs)
    run_worker()
    returned = sorted(
        r.return_value for r in DBTaskResult.objects.order_by("enqueued_at")[1:]
    )
    assert returned == ["done already", "outdated"]
    assert Author.objects.get(pk=author.pk).photo_renditions == made


def test_a_failed_job_is_tried_again_later():
    author = author_with_photo()
    author.photo.storage.delete(author.photo.name)  # the file is gone: it fails
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
    assert "renditions_make" in response.content.decode()


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
