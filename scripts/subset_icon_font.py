"""Subset django-prose-editor's Material Icons font to the icons its toolbar uses.

The full font is 128 KB; the editor needs about 26 of its 2,000+ icons. This writes
static/django_prose_editor/material-icons.woff2 (about 2 KB), which the staticfiles finder
serves in place of the package's file (STATICFILES_DIRS comes first). Run it again after
upgrading django-prose-editor:

    .venv/bin/python scripts/subset_icon_font.py

The browser test tests/browser/test_content_security_policy.py checks that the toolbar
shows icons, not icon names.
"""

import re
import sys
from pathlib import Path

import django_prose_editor
from fontTools import subset
from fontTools.ttLib import TTFont

PACKAGE = Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor"
TARGET = Path(__file__).resolve().parent.parent / "static" / "django_prose_editor"
LETTERS = "abcdefghijklmnopqrstuvwxyz_0123456789"


def icon_names() -> set[str]:
    """Every icon the editor's scripts ask for (``.material("name")``, alignments)."""
    script = "".join(path.read_text() for path in PACKAGE.glob("*.js"))
    names = set(re.findall(r'\.material\(\s*"([a-z0-9_]+)"', script))
    return names | {f"format_align_{side}" for side in ("left", "center", "right", "justify")}


def ligatures(font) -> dict[tuple[str, ...], str]:
    found = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 7 else table
            for first, entries in getattr(table, "ligatures", {}).items():
                for entry in entries:
                    found[(first, *entry.Component)] = entry.LigGlyph
    return found


def main() -> int:
    font = TTFont(PACKAGE / "material-icons.woff2")
    cmap = font.getBestCmap()
    known = ligatures(font)
    keep, missing = set(), []
    for name in sorted(icon_names()):
        glyph = known.get(tuple(cmap[ord(c)] for c in name))
        if glyph:
            keep.add(glyph)
        else:
            missing.append(name)
    if missing:
        print("not in the font:", ", ".join(missing), file=sys.stderr)
    options = subset.Options()
    options.layout_closure = False  # keep only the ligatures asked for, not all 2,000
    options.layout_features = ["liga", "calt", "rlig"]
    options.flavor = "woff2"
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted(keep), unicodes=[ord(c) for c in LETTERS])
    subsetter.subset(font)
    TARGET.mkdir(parents=True, exist_ok=True)
    font.save(TARGET / "material-icons.woff2")
    print(f"{len(keep)} icons, {(TARGET / 'material-icons.woff2').stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
