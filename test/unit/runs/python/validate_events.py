"""Validates JSON lines against a JSON Schema, with formats (date-time) checked.

Usage: validate_events.py <schema.json> <events.jsonl>...
Prints a JSON object: how many lines were checked, and each error as
{"file", "line", "message"}.
"""

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

schema = json.loads(Path(sys.argv[1]).read_text())
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=FormatChecker())
checked = 0
errors = []
for name in sys.argv[2:]:
    lines = Path(name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        checked += 1
        for error in validator.iter_errors(json.loads(line)):
            errors.append({"file": name, "line": number, "message": error.message})
print(json.dumps({"checked": checked, "errors": errors}))
