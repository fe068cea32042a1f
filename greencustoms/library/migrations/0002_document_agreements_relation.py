"""Documents relate to the agreements' rows (was a JSON list of slugs matched with ``icontains``).

The JSON field is renamed, the many-to-many added under the old name, each document linked to the agreements whose
slugs it listed, and the JSON field dropped. A slug with no agreement row (reference data not loaded) cannot be
linked: the migration names each such document and slug so that it can be linked again by hand.
"""

from django.db import migrations, models


def link_agreements(apps, schema_editor):  # type: ignore[no-untyped-def]
    Document = apps.get_model("library", "Document")
    Agreement = apps.get_model("agreements", "Agreement")
    by_slug = {a.slug: a for a in Agreement.objects.using(schema_editor.connection.alias)}
    for document in Document.objects.using(schema_editor.connection.alias).exclude(agreements_json=[]):
        slugs = [s for s in (document.agreements_json or []) if isinstance(s, str)]
        document.agreements.set([by_slug[s] for s in slugs if s in by_slug])
        missing = sorted(set(slugs) - by_slug.keys())
        if missing:
            print(f"\n  library: document {document.pk} not linked to unknown agreement(s) {', '.join(missing)}")


def unlink_agreements(apps, schema_editor):  # type: ignore[no-untyped-def]
    Document = apps.get_model("library", "Document")
    for document in Document.objects.using(schema_editor.connection.alias).prefetch_related("agreements"):
        document.agreements_json = sorted(a.slug for a in document.agreements.all())
        document.save(update_fields=["agreements_json"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_party_as_of"),
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="document", old_name="agreements", new_name="agreements_json"),
        migrations.AddField(
            model_name="document",
            name="agreements",
            field=models.ManyToManyField(
                blank=True,
                related_name="library_documents",
                to="agreements.agreement",
                verbose_name="agreements",
            ),
        ),
        migrations.RunPython(link_agreements, unlink_agreements),
        migrations.RemoveField(model_name="document", name="agreements_json"),
    ]
