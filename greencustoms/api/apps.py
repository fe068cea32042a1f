from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "greencustoms.api"
    label = "gc_api"
    verbose_name = "API"
