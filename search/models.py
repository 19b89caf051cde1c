"""What the search reads: every object of the content as plain text, per language."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One published or draft object in one language, as plain text for the search.

    Kept up to date on every save (signals in search/index.py); ``manage.py load_strategy``
    rebuilds it. On PostgreSQL ``vector`` holds the text-search vector of the language,
    with a GIN index (see the migration), so a search is one indexed query.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    published = models.BooleanField(default=False)
    title = models.TextField()
    path = models.CharField(max_length=400)
    kind = models.CharField(max_length=200)
    text = models.TextField()
    vector = SearchVectorField(null=True)

    # The index follows the content; saving an entry changes no page by itself.
    affects_public_pages = False

    class Meta:
        # Internal (not in the admin): no translated names needed.
        verbose_name = "Sucheintrag"
        verbose_name_plural = "Sucheinträge"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="search_one_entry_per_language",
            )
        ]
        indexes = [models.Index(fields=["language", "published"], name="search_entry_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"
