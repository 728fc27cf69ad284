"""Store the rendered HTML of every description and comment written before pages stopped rendering on display.

It uses today's renderer: the HTML is what the services would store now. Nothing is cut short: text beyond the
new limits stays as it is and is refused only when someone edits it.
"""

from django.db import migrations

from agendastad.core.markdown import render_markdown

BATCH_SIZE = 500


def render_stored(model, source: str, target: str) -> None:
    batch = []
    for row in model.objects.only("pk", source).iterator(chunk_size=BATCH_SIZE):
        setattr(row, target, render_markdown(getattr(row, source)))
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            model.objects.bulk_update(batch, [target])
            batch = []
    model.objects.bulk_update(batch, [target])


def forwards(apps, schema_editor) -> None:
    render_stored(apps.get_model("initiatives", "Initiative"), "description", "description_html")
    render_stored(apps.get_model("initiatives", "Comment"), "text", "text_html")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_markdown_stored_html_and_text_limits")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
