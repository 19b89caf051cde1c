/* The rich-text editor of the admin (django-prose-editor) in the admin's language.

   The package writes its toolbar in English: once an editor is ready
   ("prose-editor:ready"), each toolbar button gets a title and an aria-label from our
   catalogue (Django's JavaScript catalogue, admin:jsi18n, which the change form loads),
   and the menu of text formats shows, in words, which one the cursor is in
   ("Überschrift 2", "Absatz"). A classic script, loaded before the editor's modules:
   the admin's Content Security Policy allows no inline script. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var gettext_noop = window.gettext_noop || function (text) { return text; };

  // The package asks window.gettext for these itself (its link dialog and its dialogs'
  // buttons); named here so that makemessages -d djangojs keeps them in our catalogue.
  gettext_noop("URL");
  gettext_noop("Title");
  gettext_noop("Open in new window");
  gettext_noop("Edit Link");
  gettext_noop("Update");
  gettext_noop("Cancel");

  // Toolbar items by the names the package gives them (data-name, menu item names).
  var NAMES = {
    heading2: gettext("Heading 2"),
    heading3: gettext("Heading 3"),
    paragraph: gettext("Paragraph"),
    bulletList: gettext("Bulleted list"),
    orderedList: gettext("Numbered list"),
    bold: gettext("Bold"),
    italic: gettext("Italic"),
    link: gettext("Link"),
    unlink: gettext("Remove link"),
    "history:undo": gettext("Undo"),
    "history:redo": gettext("Redo")
  };
  var FORMAT = gettext("Text format");

  function name(button, text) {
    button.title = text;
    button.setAttribute("aria-label", text);
  }

  function nameItems(items) {
    Object.keys(items).forEach(function (key) {
      var item = items[key];
      var text = NAMES[key];
      if (!text) {
        return;
      }
      // The item's button: in the toolbar, or copied into the format menu when active.
      if (item.button) {
        name(item.button, text);
      }
      // Its entry in the format menu ("<h2>Heading 2</h2>").
      if (item.option) {
        item.option.textContent = text;
      }
    });
  }

  function nameFormatMenu(menubar, items, editor) {
    var active = Object.keys(items).filter(function (key) {
      var item = items[key];
      return item.option && !item.hidden(editor) && item.active(editor);
    })[0];
    var current = NAMES[active] || "";
    menubar.querySelectorAll(".prose-menubar__selected").forEach(function (selected) {
      selected.setAttribute("data-label", current || FORMAT);
      var shown = selected.firstElementChild;
      if (shown) {
        name(shown, current ? FORMAT + ": " + current : FORMAT);
        shown.setAttribute("aria-haspopup", "true");
      }
    });
  }

  function nameToolbar(editor) {
    var menu = editor.storage && editor.storage.menu;
    if (!menu || !menu.dom) {
      return;
    }
    var items = menu._definedItems || {};
    nameItems(items);
    // Buttons the package put in the toolbar (each carries data-name).
    menu.dom.querySelectorAll("button[data-name]").forEach(function (button) {
      var text = NAMES[button.getAttribute("data-name")];
      if (text && !button.classList.contains("prose-menubar__option")) {
        name(button, text);
      }
    });
    nameFormatMenu(menu.dom, items, editor);
    // The format menu shows a copy of the active format's button: name it anew whenever
    // the cursor moves (after the package has made the copy).
    editor.on("transaction", function () {
      nameFormatMenu(menu.dom, items, editor);
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail && event.detail.editor;
    if (!editor) {
      return;
    }
    // Tiptap builds the toolbar in its "create" event, which may come after "ready".
    if (editor.storage.menu && editor.storage.menu.dom) {
      nameToolbar(editor);
    } else {
      editor.on("create", function () {
        nameToolbar(editor);
      });
    }
  });
})();
