#!/usr/bin/env python3
"""One-off: append the fragments in data/additions/ (sources, indicators,
entities, records) to data/nkict.json, keeping the file's formatting
(two-space indent, UTF-8 text, a final newline).

Usage: scripts/merge-additions.py [DATASET [FRAGMENT...]]
Refuses, writing nothing, if the dataset is not in that formatting already,
if a fragment is not schema version 2, or if an id would appear twice.
"""
import json
import os
import sys
import tempfile

PARTS = ("sources", "indicators", "entities", "records")


def formatted(document):
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def merge(dataset_path, fragment_paths):
    with open(dataset_path, encoding="utf-8") as f:
        text = f.read()
    dataset = json.loads(text)
    if formatted(dataset) != text:
        sys.exit(f"{dataset_path}: not in the expected formatting; merge by hand")
    for path in fragment_paths:
        with open(path, encoding="utf-8") as f:
            fragment = json.load(f)
        if fragment.get("schema_version") != 2:
            sys.exit(f"{path}: schema_version must be 2")
        for part in PARTS:
            known = {item["id"] for item in dataset[part]}
            for item in fragment[part]:
                if item["id"] in known:
                    sys.exit(f"{path}: {part[:-1]} `{item['id']}` is already in {dataset_path}")
                known.add(item["id"])
            dataset[part].extend(fragment[part])
    directory = os.path.dirname(os.path.abspath(dataset_path))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, delete=False) as out:
        out.write(formatted(dataset))
    os.replace(out.name, dataset_path)


if __name__ == "__main__":
    dataset_path = sys.argv[1] if len(sys.argv) > 1 else "data/nkict.json"
    fragments = sys.argv[2:] or ["data/additions/later-facts.json", "data/additions/cia-factbook.json"]
    merge(dataset_path, fragments)
