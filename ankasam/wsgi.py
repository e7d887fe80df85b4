import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ankasam.settings")

application = get_wsgi_application()

# What start-up loaded lives as long as the process: out of the cycle collector's
# sight, a full collection looks at the requests' objects alone, so it is cheap
# and runs often enough that their reference cycles (the ORM's related objects)
# do not pile up to megabytes of garbage in each web process between collections.
gc.freeze()
