from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# A frozen copy: later edits to the vocabulary in code must not rewrite history.
DEFAULT_LEARNING_FOCUSES = {
    "reading": "Reading",
    "writing": "Writing",
    "maths": "Maths",
    "send": "SEND",
    "attendance": "Attendance",
    "leadership": "Leadership",
    "curriculum": "Curriculum",
    "transition": "Transition",
    "assessment": "Assessment",
}


def add_defaults(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    LearningFocus = apps.get_model("networks", "LearningFocus")
    for slug, name in DEFAULT_LEARNING_FOCUSES.items():
        LearningFocus.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
