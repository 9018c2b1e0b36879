"""Django's JSON Lines serializer, with two changes so that a backup loses nothing.

1. Datetimes and times keep their microseconds: DjangoJSONEncoder cuts them to milliseconds
   (ECMAScript's precision), which would change every timestamp the service records.
2. Natural keys only for the tables `migrate` rebuilds (content types, permissions): ids of
   those differ between databases. Every other reference keeps its id, as the backup holds
   the row it points to (a user's natural key would cost a query a row on restore).

Many-to-many fields are left out of their model's rows: their tables are parts of their own,
loaded in bulk after both ends (see scope.backed_up_models).
"""

import datetime
import json
from typing import Any, cast

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Field, Model

from schoolweave.operations.scope import REBUILT_BY_MIGRATE


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupSerializer(jsonl.Serializer):
    def end_object(self, obj: Model) -> None:
        # json.dumps encodes in C; Django's json.dump goes through the pure-Python encoder,
        # about twice as slow over millions of rows. The bytes written are the same.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None

    def handle_fk_field(self, obj: Model, field: Field[Any, Any]) -> None:
        target = cast(type[Model], field.related_model)._meta.label_lower
        self.use_natural_foreign_keys = target in REBUILT_BY_MIGRATE
        super().handle_fk_field(obj, field)


def row_fields(model: type[Model]) -> list[str]:
    """The fields a part holds for each row (its primary key comes as "pk")."""
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]
