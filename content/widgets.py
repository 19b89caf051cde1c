"""The rich-text editor as the admin shows it: django-prose-editor, in German.

The package writes its toolbar in English and asks ``window.gettext`` (Django's JavaScript
catalogue, which the admin's change form loads from ``admin:jsi18n``) only for its dialogs.
``js/prose-editor-de.js`` names every toolbar button in the admin's language once the
editor is ready, and names the package's dialog strings so that ``makemessages -d
djangojs`` keeps them in our catalogue (locale/*/LC_MESSAGES/djangojs.po).
"""

from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media, Script


class AdminRichTextWidget(AdminProseEditorWidget):
    """The package's admin widget, plus our German names for its toolbar."""

    @property
    def media(self):
        return super().media + Media(
            css={"all": ["css/prose-editor-de.css"]},
            # A classic script: it runs before the editor's modules, so it hears their
            # ``prose-editor:ready`` (no inline script: the admin has a strict CSP).
            js=[Script("js/prose-editor-de.js")],
        )
