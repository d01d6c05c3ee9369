"""v3 endpoints: tags."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
