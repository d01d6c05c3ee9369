"""factory-boy factories: they fill what a test does not care about."""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from radarr.models import Command, Tag


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a long enough password")


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag

    label = factory.Sequence(lambda n: f"tag-{n}")


class CommandFactory(DjangoModelFactory):
    class Meta:
        model = Command

    name = "CheckHealth"
