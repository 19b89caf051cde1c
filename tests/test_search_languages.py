"""Search finds inflected words: Arabic with PostgreSQL's own Arabic stemmer, Ukrainian and
Polish with Debian's hunspell dictionaries (hunspell-uk, hunspell-pl: `make install`
installs them, search/migrations/0003 makes PostgreSQL configurations of them)."""

import importlib
import os

import pytest
from django.db import connection
from django.utils import translation

from leitlinien.models import Begriff
from search import configs

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]

HUNSPELL_MIGRATION = importlib.import_module("search.migrations.0003_ukrainian_polish_hunspell")


def require_hunspell(language):
    """Skip where the database server has no dictionary for ``language`` (the search stays
    “simple” there), unless WSH_REQUIRE_HUNSPELL is set (`make test`): then fail."""
    name = configs.HUNSPELL[language]
    if configs.config(language) != name:
        reason = (
            f"the configuration {name} is absent from this database: install Debian's "
            f"hunspell-{language} on the database server (make install does) and migrate"
        )
        if os.environ.get("WSH_REQUIRE_HUNSPELL"):
            pytest.fail(reason)
        pytest.skip(reason)


def new_term(language, term, definition):
    return Begriff.objects.create(
        key=f"suche-{language}",
        term_de="Suchprobe",
        **{f"term_{language}": term, f"definition_{language}": f"<p>{definition}</p>"},
        published=True,
        position=999,
    )


def search_page(client, language, query):
    response = client.get(f"/{language}/suche/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "term", "definition", "query", "hit"),
    [
        # with the article and “li-” (for), plural -īn; searched: the plural in -ūn
        ("ar", "دروس اللغة", "دروس اللغة للمهاجرين في المدينة", "المهاجرون", "للمهاجرين"),
        # locative plural; searched: instrumental plural
        ("uk", "Мовні курси", "Курси німецької мови в школах району", "школами", "школах"),
        (
            "pl",
            "Kursy językowe",
            "Kursy języka niemieckiego w szkołach dzielnicy",
            "szkołami",
            "szkołach",
        ),
    ],
)
def test_search_finds_another_inflection_of_a_word(client, language, term, definition, query, hit):
    if language in configs.HUNSPELL:
        require_hunspell(language)
    term_object = new_term(language, term, definition)
    with translation.override(language):
        address = term_object.get_absolute_url()
    body = search_page(client, language, query)
    assert f'href="{address}"' in body
    assert f"<mark>{hit}</mark>" in body


def test_a_query_in_the_dictionary_form_finds_the_inflected_words_in_ukrainian(client):
    require_hunspell("uk")
    term_object = new_term("uk", "Участь мігрантів", "Мігранти беруть участь у житті громади")
    with translation.override("uk"):
        address = term_object.get_absolute_url()
    body = search_page(client, "uk", "мігрант громада")
    assert f'href="{address}"' in body
    assert "<mark>Мігранти</mark>" in body and "<mark>громади</mark>" in body


def test_words_the_dictionary_does_not_know_are_still_found(client):
    """Names and foreign words fall through to “simple”: found as written."""
    require_hunspell("pl")
    term_object = new_term("pl", "Kwartiersfest", "Kwartiersfest w Hannoverze-Linden")
    with translation.override("pl"):
        address = term_object.get_absolute_url()
    assert f'href="{address}"' in search_page(client, "pl", "Kwartiersfest")


def test_a_database_server_without_the_dictionaries_migrates_quietly():
    """Where the dictionary files are missing, the migration's block creates nothing and
    raises nothing: the language stays “simple”."""
    sql = HUNSPELL_MIGRATION.CREATE.format(
        name="klingonisch_hunspell",
        files="tlh_missing",
        words=HUNSPELL_MIGRATION.WORDS,
        language="tlh",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.execute(
            "SELECT count(*) FROM pg_ts_config WHERE cfgname = 'klingonisch_hunspell'"
            " UNION ALL SELECT count(*) FROM pg_ts_dict WHERE dictname = 'klingonisch_hunspell'"
        )
        assert [count for (count,) in cursor.fetchall()] == [0, 0]
