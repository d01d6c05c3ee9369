"""v3 endpoints: mediacover."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
