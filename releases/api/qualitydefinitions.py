"""v3 endpoints: qualitydefinitions."""

from django.urls import URLPattern

api_v3: list[URLPattern] = []
