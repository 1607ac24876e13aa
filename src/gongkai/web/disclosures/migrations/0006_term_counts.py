from django.db import migrations, models


def count_terms(apps, schema_editor):
    """The counts of the documents already indexed (one grouped pass over the postings)."""
    SearchTerm = apps.get_model("disclosures", "SearchTerm")
    TermCount = apps.get_model("disclosures", "TermCount")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TermCount._meta.db_table} (term, documents) "
                       f"SELECT term, COUNT(*) FROM {SearchTerm._meta.db_table} GROUP BY term")


class Migration(migrations.Migration):

    dependencies = [
        ('disclosures', '0005_public_kind'),
    ]

    operations = [
        migrations.CreateModel(
            name='TermCount',
            fields=[
                ('term', models.CharField(max_length=40, primary_key=True, serialize=False)),
                ('documents', models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(count_terms, migrations.RunPython.noop),
    ]
