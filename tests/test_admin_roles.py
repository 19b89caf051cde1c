"""No role gets around its rights: every admin address that accepts a POST, driven by a
translator with a body that tries to write everything, changes nothing but translations.
The same bodies from an editor do write (so the test would notice if they could not)."""

import re

import pytest
import reversion
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from modeltranslation.fields import TranslationField
from reversion.models import Version

from content.models import TranslationState
from content.roles import EDITORS, TRANSLATORS
from leitlinien.models import Begriff
from tests.support import csrf_client, csrf_token, form_data, in_language, staff_user

pytestmark = pytest.mark.django_db

# Not content: sessions, the login throttle, the history and admin log (which record who
# tried what), content types, and the search index (rewritten from the content on a save).
UNGUARDED_APPS = {"sessions", "axes", "reversion", "admin", "contenttypes", "search"}


def guarded_values(model) -> list[str]:
    """The columns a translator must never change: everything but the translations."""
    names = []
    for field in model._meta.concrete_fields:
        if isinstance(field, TranslationField) and field.language != settings.SOURCE_LANGUAGE:
            continue
        if field.name in ("updated_at", "last_login") or model is TranslationState:
            continue
        names.append(field.attname)
    return names


def snapshot() -> dict:
    from django.apps import apps

    state = {}
    for model in apps.get_models():
        if model._meta.app_label in UNGUARDED_APPS or model._meta.proxy:
            continue
        columns = guarded_values(model)
        if columns:
            state[model._meta.label] = sorted(
                map(repr, model._default_manager.order_by("pk").values_list("pk", *columns))
            )
    return state


def altered(data: dict) -> dict:
    """The form as a hostile user would send it: German texts and flags changed."""
    changed = dict(data)
    for name, value in data.items():
        if isinstance(value, str) and name.endswith(("_de", "title", "text", "label")):
            changed[name] = value + " (geändert)"
    if "published" in changed:
        del changed["published"]
    else:
        changed["published"] = "on"
    return changed


def other_version(obj) -> Version:
    """A version of ``obj`` that differs from the current one in a guarded value (the
    published flag): restoring it would change what visitors see."""
    with reversion.create_revision():
        obj.published = not obj.published
        obj.save()
    version = Version.objects.get_for_object(obj).first()
    with reversion.create_revision():
        obj.published = not obj.published
        obj.save()
    return version


def urls_that_take_a_post(superuser_client):
    """(url, body) for every admin address of every registered model that takes a POST."""
    deleted = Begriff.objects.create(key="geloescht", term="Gelöscht", published=True)
    with reversion.create_revision():
        deleted.save()
    deleted_version = Version.objects.get_for_object(deleted).first()
    deleted.delete()
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        for pattern in model_admin.get_urls():
            name = pattern.name
            if not name:
                continue
            named = set(pattern.pattern.regex.groupindex)
            positional = pattern.pattern.regex.groups - len(named)
            if name.endswith("_recover"):  # reversion: the deleted entry's version
                if model is not Begriff:
                    continue
                args = [deleted_version.pk]
            elif name.endswith("_revision"):  # reversion: the entry and one of its versions
                if obj is None or not hasattr(obj, "published"):
                    continue
                args = [obj.pk, other_version(obj).pk]
            elif (named or positional) and obj is None:
                continue
            else:
                args = [obj.pk] * positional if positional else []
            kwargs = dict.fromkeys(named - {"version_id"}, obj.pk if obj else None)
            if "version_id" in named:
                version = Version.objects.get_for_object(obj).first()
                if version is None:
                    continue
                kwargs["version_id"] = version.pk
            url = reverse(f"admin:{name}", args=args or None, kwargs=kwargs or None)
            yield from bodies(superuser_client, model, model_admin, name, url, obj)


def bodies(client, model, model_admin, name, url, obj):
    if name.endswith("_delete"):
        yield url, {"post": "yes"}
        return
    if name.endswith("_changelist"):
        response = client.get(url)
        if response.status_code != 200 or not response.context:
            return
        pks = [str(o.pk) for o in model._default_manager.order_by("pk")[:3]]
        action_form = response.context.get("action_form")
        for action, _label in action_form.fields["action"].choices if action_form else []:
            if action:
                yield url, {"action": action, "_selected_action": pks, "post": "yes"}
        changelist = response.context.get("cl")
        formset = changelist.formset if changelist is not None else None
        if formset is not None:
            data = {"_save": "Sichern"}
            for form in [formset.management_form, *formset.forms]:
                for field in form.fields:
                    value = form[field].value()
                    value = getattr(value, "pk", value)
                    data[form.add_prefix(field)] = "" if value is None else value
                for field in model_admin.list_editable:
                    if field in form.fields:
                        data[form.add_prefix(field)] = "77"
            yield url, data
        return
    response = client.get(url)
    if response.status_code == 200 and response.context and "adminform" in response.context:
        # The form as shown (someone just presses “Sichern”), and one that changes it all.
        yield url, form_data(response)
        yield url, altered(form_data(response))
    else:
        yield url, {"key": "neu", "title": "Neu", "published": "on"}


def signed_in(user) -> Client:
    """A browser of its own, signed in as ``user``, that checks CSRF tokens like the
    server; ``browser.token`` is the token its forms carry."""
    browser = csrf_client()
    browser.force_login(user)
    browser.token = csrf_token(browser.get(reverse("admin:index")))
    return browser


def post_as(browser, url, body):
    """``body`` sent by ``browser`` with its own token; never refused for the token."""
    response = browser.post(url, {**body, "csrfmiddlewaretoken": browser.token})
    assert in_language("de", "The form could not be sent") not in response.content.decode()
    return response


def test_a_translator_changes_nothing_but_translations_on_any_admin_address(django_user_model):
    superuser = django_user_model.objects.create_superuser("chefin", password="x-Secret-12345")
    superuser_client = signed_in(superuser)
    translator_client = signed_in(staff_user("uebersetzer", TRANSLATORS))
    editor_client = signed_in(staff_user("redakteurin", EDITORS))
    posts = list(urls_that_take_a_post(superuser_client))
    assert len({url for url, _body in posts}) > 60
    kinds = {re.sub(r"/\d+/", "/N/", url) for url, _body in posts}
    assert any(url.endswith("/history/N/") for url in kinds)  # restore a version
    assert any("/recover/" in url for url in kinds)  # recover a deleted entry

    before = snapshot()  # and after every post the same: the translator changed nothing
    for url, body in posts:
        response = post_as(translator_client, url, body)
        assert response.status_code in (200, 302, 403), url
        assert "/admin/login/" not in response.get("Location", ""), url
        assert snapshot() == before, f"a translator changed something through {url}"

    # The same bodies, taken afresh (the translator's saves moved the edit tokens), do write
    # for an editor: restoring a version and changing an entry.
    posts = list(urls_that_take_a_post(superuser_client))
    written = 0
    before = snapshot()
    for url, body in posts:
        if re.search(r"/(change|history/\d+)/$", url):
            post_as(editor_client, url, body)
            after = snapshot()
            written += after != before
            before = after
    assert written > 10
