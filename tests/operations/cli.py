"""For the cross-engine test's subprocesses, against the database SCHOOLWEAVE_DATABASE_URL names:

python -m tests.operations.cli populate   # a row in every backed-up table
python -m tests.operations.cli snapshot   # every row, export and file, as JSON
"""

import json
import sys

import django

django.setup()

from django.db import transaction  # noqa: E402

from tests.operations.populate import populate  # noqa: E402
from tests.operations.snapshot import snapshot  # noqa: E402

if sys.argv[1:] == ["populate"]:
    with transaction.atomic():
        populate()
elif sys.argv[1:] == ["snapshot"]:
    print(json.dumps(snapshot(), indent=1, sort_keys=True))
else:
    sys.exit(__doc__)
