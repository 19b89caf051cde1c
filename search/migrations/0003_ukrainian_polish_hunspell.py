"""Ukrainian and Polish search entries are stemmed with Debian's hunspell dictionaries
where the database server has them (packages hunspell-uk and hunspell-pl; postgresql-common
links them into PostgreSQL's tsearch_data as uk_ua.dict/.affix and pl_pl.dict/.affix).

For each language: an ispell dictionary from those files and a configuration that asks it
first and “simple” for words it does not know; then the language's vectors are computed
again. Where the files are missing, PostgreSQL cannot load the dictionary
(config_file_error): the block does nothing, quietly (an error caught in PL/pgSQL is not
logged), and the language stays “simple”. search.configs uses a configuration only where it
exists. Nothing to do on SQLite, which has no vectors.

Installed the packages later? ``manage.py migrate search 0002`` and ``manage.py migrate``.
"""

from django.db import migrations

# (configuration and dictionary, files in tsearch_data, language)
HUNSPELL = [("ukrainian_hunspell", "uk_ua", "uk"), ("polish_hunspell", "pl_pl", "pl")]
WORDS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

CREATE = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_ts_config WHERE cfgname = '{name}')
       OR EXISTS (SELECT FROM pg_ts_dict WHERE dictname = '{name}') THEN
        RETURN;
    END IF;
    CREATE TEXT SEARCH DICTIONARY {name} (TEMPLATE = ispell, DictFile = {files}, AffFile = {files});
    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {words} WITH {name}, simple;
    UPDATE search_searchentry SET vector = to_tsvector('{name}', COALESCE(text, ''))
        WHERE language = '{language}';
EXCEPTION
    WHEN config_file_error THEN NULL;  -- no dictionary files on this server: “simple”
END $$
"""

DROP = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS {name}",
    "UPDATE search_searchentry SET vector = to_tsvector('simple', COALESCE(text, ''))"
    " WHERE language = '{language}'",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, files, language in HUNSPELL:
            schema_editor.execute(
                CREATE.format(name=name, files=files, words=WORDS, language=language)
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _files, language in HUNSPELL:
            for statement in DROP:
                schema_editor.execute(statement.format(name=name, language=language))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_arabic_stemming")]

    operations = [migrations.RunPython(create, drop)]
