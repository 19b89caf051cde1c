"""The search index: every content object as plain text per language (``SearchEntry``),
written on every save and delete, rebuilt after bulk loads. On PostgreSQL each entry also
holds the text-search vector of its language (GIN-indexed)."""

from __future__ import annotations

import contextlib
import contextvars
import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

from content import translations
from content.limits import visible_text
from content.models import content_models

from .configs import config, forget
from .models import SearchEntry


@functools.cache
def searchable_models() -> tuple:
    """Content models with translated text (fixed once the apps are loaded; asked on every
    save, sessions included)."""
    return tuple(m for m in content_models() if translations.translated_fields(m))


def text_fields(model, language):
    return [translations.column(f, language) for f in translations.translated_fields(model)]


def plain_text(obj, language) -> str:
    parts = [getattr(obj, column) or "" for column in text_fields(type(obj), language)]
    return visible_text(" ".join(parts))


def _entries(obj, content_type) -> list[SearchEntry]:
    entries = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            entries.append(
                SearchEntry(
                    content_type=content_type,
                    object_id=obj.pk,
                    language=language,
                    published=obj.published,
                    title=str(obj),
                    path=obj.get_absolute_url(),
                    kind=str(type(obj)._meta.verbose_name),
                    text=plain_text(obj, language),
                )
            )
    return entries


def index_object(obj) -> None:
    """Write the search entries of one object, one per language."""
    index_objects([obj])


def index_objects(objects) -> None:
    """Write the search entries of these objects (of any models), one per language; for
    bulk work that changed some objects of many (an import), instead of a rebuild."""
    by_type: dict = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(type(obj)), {})[obj.pk] = obj
    with transaction.atomic():
        for content_type, by_pk in by_type.items():
            group = list(by_pk.values())
            entries = SearchEntry.objects.filter(
                content_type=content_type, object_id__in=[obj.pk for obj in group]
            )
            entries.delete()
            SearchEntry.objects.bulk_create(
                entry for obj in group for entry in _entries(obj, content_type)
            )
            if connection.vendor == "postgresql":
                _update_vectors(entries)


def _update_vectors(entries) -> None:
    for language, _name in settings.LANGUAGES:
        vector = SearchVector("text", config=config(language))
        entries.filter(language=language).update(vector=vector)


def unindex_object(obj) -> None:
    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()


def rebuild_index() -> int:
    """All search entries afresh (after loading content or an import); returns the count."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        entries = []
        for model in searchable_models():
            content_type = ContentType.objects.get_for_model(model)
            for obj in _with_relations(model._default_manager.all()):
                entries += _entries(obj, content_type)
        SearchEntry.objects.bulk_create(entries)
        if connection.vendor == "postgresql":
            _update_vectors(SearchEntry.objects.all())
    return len(entries)


def _with_relations(queryset):
    """With the objects their titles and addresses name (a report names its measure)."""
    relations = [
        field.name
        for field in queryset.model._meta.concrete_fields
        if field.many_to_one and not field.null
    ]
    return queryset.select_related(*relations)


_suspended = contextvars.ContextVar("search_index_suspended", default=False)


@contextlib.contextmanager
def index_suspended():
    """For bulk work (the content loader): no indexing per save; rebuild afterwards."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and not _suspended.get() and sender in searchable_models():
        index_object(instance)


def _deleted(sender, instance, **kwargs) -> None:
    if not _suspended.get() and sender in searchable_models():
        unindex_object(instance)


def connect_signals() -> None:
    post_save.connect(_saved, dispatch_uid="search-index-save")
    post_delete.connect(_deleted, dispatch_uid="search-index-delete")
    # Migrations may create text-search configurations (search/migrations/0003).
    post_migrate.connect(forget, dispatch_uid="search-configs-forget")
