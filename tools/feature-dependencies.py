#!/usr/bin/env python3
"""Who uses what: which feature folder opens which table, and which reaches for another's endpoints.

Reads functions/LocalGovStandard.Functions/**/*.cs and *.razor and prints a Markdown table.

  tools/feature-dependencies.py           print the table
  tools/feature-dependencies.py --write   put it in docs/architecture.md, between the markers
  tools/feature-dependencies.py --check   exit 1 when the table in docs/architecture.md is not current

A feature is a top-level folder of the project; Platform is shared infrastructure. A table's owner
is the feature that declares its entity type: the ITableEntity type named after the table
(Councils -> CouncilEntity, MailLedger -> MailLedgerEntry); failing that, a feature with a file that
opens only that table and uses an entity type declared in the same feature (Signups -> ContactEntity).
Endpoint classes are types named *Api, *Endpoints or *Pages.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "functions" / "LocalGovStandard.Functions"
DOC = ROOT / "docs" / "architecture.md"
START = "<!-- feature-dependencies:start -->"
END = "<!-- feature-dependencies:end -->"
# Lists of tables rather than one table: a feature using them reaches every table in the list.
TABLE_LISTS = {"All": "every table", "BackedUp": "every backed-up table"}

KEYED_TABLE = re.compile(r"\[FromKeyedServices\(\s*TableNames\.(\w+)\s*\)\]")
ANY_TABLE = re.compile(r"\bTableNames\.(\w+)")
TABLE_CONSTANT = re.compile(r"public\s+const\s+string\s+(\w+)\s*=")
TYPE_DECLARATION = re.compile(r"\b(?:class|record|struct|interface|enum)\s+(\w+)")
ENTITY_DECLARATION = re.compile(r"\b(?:class|record)\s+(\w+)[^{;]*?\bITableEntity\b")
ENDPOINT_TYPE = re.compile(r"(?:Api|Endpoints|Pages)$")
COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/|@\*.*?\*@", re.DOTALL)


class Source:
    def __init__(self, path: Path):
        self.path = path
        self.feature = path.relative_to(PROJECT).parts[0] if len(path.relative_to(PROJECT).parts) > 1 else None
        self.code = COMMENTS.sub("", path.read_text(encoding="utf-8"))
        self.keyed = set(KEYED_TABLE.findall(self.code))
        self.named = set(ANY_TABLE.findall(self.code)) - self.keyed
        self.declared = set(TYPE_DECLARATION.findall(self.code))
        self.entities = set(ENTITY_DECLARATION.findall(self.code))

    def mentions(self, type_name: str) -> bool:
        return re.search(rf"\b{re.escape(type_name)}\b", self.code) is not None


def read_sources() -> list[Source]:
    paths = [p for p in PROJECT.rglob("*") if p.suffix in (".cs", ".razor") and not ({"bin", "obj"} & set(p.parts))]
    return [Source(p) for p in sorted(paths)]


def table_names() -> list[str]:
    storage = (PROJECT / "Platform" / "Storage" / "StorageNames.cs").read_text(encoding="utf-8")
    table_class = storage.split("class TableNames", 1)[1].split("\n}", 1)[0]
    return TABLE_CONSTANT.findall(table_class)


def singular(name: str) -> str:
    return name[:-1] if name.endswith("s") else name


def owners(sources: list[Source], tables: list[str]) -> dict[str, set[str]]:
    declared_in = {entity: s.feature for s in sources if s.feature for entity in s.entities}
    result = {}
    for table in tables:
        named = {declared_in[e] for e in declared_in if e[len(singular(table)):] in ("Entity", "Entry") and e.startswith(singular(table))}
        result[table] = named or {
            s.feature for s in sources
            if s.keyed == {table} and any(home == s.feature and s.mentions(e) for e, home in declared_in.items())
        }
    return result


def endpoint_types(sources: list[Source]) -> dict[str, str]:
    return {t: s.feature for s in sources if s.feature for t in s.declared if ENDPOINT_TYPE.search(t)}


def label(feature: str) -> str:
    return f"{feature} (shared)" if feature == "Platform" else feature


def build_table() -> str:
    sources = read_sources()
    tables = table_names()
    owner_of = owners(sources, tables)
    endpoints = endpoint_types(sources)

    owns = defaultdict(set)
    for table, features in owner_of.items():
        for feature in features:
            owns[feature].add(table)
    opens = defaultdict(set)
    names = defaultdict(set)
    reaches = defaultdict(set)
    for s in sources:
        if not s.feature:
            continue
        opens[s.feature] |= s.keyed
        names[s.feature] |= s.named
        for type_name, home in endpoints.items():
            if home != s.feature and s.mentions(type_name):
                reaches[s.feature].add(f"{type_name} ({home})")

    def others(feature: str, used: set[str], suffix: str = "") -> list[str]:
        cells = []
        for table in sorted(used):
            if table in TABLE_LISTS:
                cells.append(f"{TABLE_LISTS[table]}{suffix}")
            elif feature not in owner_of.get(table, set()):
                owner = ", ".join(sorted(owner_of.get(table, set()))) or "no owner found"
                cells.append(f"{table} ({owner}){suffix}")
        return cells

    features = sorted({s.feature for s in sources if s.feature})
    lines = [
        "| feature | owns tables | opens others' tables (owner) | uses others' endpoint classes (feature) |",
        "|---|---|---|---|",
    ]
    for feature in features:
        own = sorted(owns[feature] & (opens[feature] | names[feature] | owns[feature]))
        foreign = others(feature, opens[feature]) + others(feature, names[feature] - opens[feature], ", by name")
        row = [label(feature), ", ".join(own) or "-", "; ".join(foreign) or "-", ", ".join(sorted(reaches[feature])) or "-"]
        lines.append("| " + " | ".join(row) + " |")
    unowned = sorted(t for t, o in owner_of.items() if not o)
    shared = sorted(t for t, o in owner_of.items() if len(o) > 1)
    if unowned:
        lines.append(f"\nNo owner found for: {', '.join(unowned)}.")
    if shared:
        lines.append("\nMore than one owner (each declares an entity type kept in it): "
                     + "; ".join(f"{t} ({', '.join(sorted(owner_of[t]))})" for t in shared) + ".")
    return "\n".join(lines) + "\n"


def doc_table(doc: str) -> str | None:
    if START not in doc or END not in doc:
        return None
    return doc.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def main(args: list[str]) -> int:
    table = build_table()
    if not args:
        sys.stdout.write(table)
        return 0
    doc = DOC.read_text(encoding="utf-8")
    current = doc_table(doc)
    if args == ["--check"]:
        if current == table:
            print("docs/architecture.md: the 'Who uses what' table is current")
            return 0
        print("docs/architecture.md: the 'Who uses what' table is not current; run tools/feature-dependencies.py --write", file=sys.stderr)
        return 1
    if args == ["--write"]:
        if current is None:
            print(f"docs/architecture.md has no {START} ... {END} markers", file=sys.stderr)
            return 2
        before, rest = doc.split(START, 1)
        after = rest.split(END, 1)[1]
        DOC.write_text(f"{before}{START}\n{table}{END}{after}", encoding="utf-8")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
