import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from library.models import Image
from library.services import image_save


def image_upload(name="bild.png", fmt="PNG", size=(480, 270), colour="#1f4e79"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), f"image/{fmt.lower()}")


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image saved through ``image_save`` (renditions made at once)."""

    class Meta:
        model = Image

    file = factory.LazyFunction(image_upload)
    alt_tr = "Mavi bir alan"
    alt_en = "A blue field"
    alt_ru = "Синее поле"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        image = image_save(image=model_class(*args, **kwargs))
        image.refresh_from_db()
        return image
