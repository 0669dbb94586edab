#!/usr/bin/env python3
"""Who uses what: which feature folder opens which table, and which reaches for another's endpoints.

Reads functions/LocalGovStandard.Functions/**/*.cs and *.razor and prints two Markdown tables: per feature, and per table.

  tools/feature-dependencies.py           print the tables
  tools/feature-dependencies.py --write   put them in docs/architecture.md, between the markers
  tools/feature-dependencies.py --check   exit 1 when the tables in docs/architecture.md are not current, or a rule is broken:
                                          a table opened ([FromKeyedServices(TableNames.X)]) outside its owning feature,
                                          a table with no owner or more than one, a feature using another's endpoint
                                          class, or two features depending on each other (outside ALLOWED_MUTUAL)

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

# Rule breaks known and accepted for now, each with the reason; --check names any other.
OPENED_OUTSIDE_OWNER: dict[tuple[str, str], str] = {}
ALLOWED_MUTUAL = {
    frozenset({"Register", "Signups"}): "adding a council's domain approves the contacts waiting on it; Signups reads the register",
}

KEYED_TABLE = re.compile(r"\[FromKeyedServices\(\s*TableNames\.(\w+)\s*\)\]")
ANY_TABLE = re.compile(r"\bTableNames\.(\w+)")
TABLE_CONSTANT = re.compile(r"public\s+const\s+string\s+(\w+)\s*=")
TYPE_DECLARATION = re.compile(r"\b(?:class|record|struct|interface|enum)\s+(\w+)")
ENTITY_DECLARATION = re.compile(r"\b(?:class|record)\s+(\w+)[^{;]*?\bITableEntity\b")
ENDPOINT_TYPE = re.compile(r"(?:Api|Endpoints|Pages)$")
FEATURE_USE = re.compile(r"^\s*@?using\s+LocalGovStandard\.(\w+)|\bLocalGovStandard\.(\w+)\.", re.MULTILINE)
NAMESPACE = re.compile(r"^\s*namespace\s+[\w.]+;?", re.MULTILINE)
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
        self.relative = path.relative_to(PROJECT).as_posix()
        code = NAMESPACE.sub("", self.code)
        self.uses = {a or b for a, b in FEATURE_USE.findall(code)} - {self.feature}

    def uses_feature(self, feature: str) -> bool:
        """By a using directive, a qualified name, or a name qualified by the feature (Signups.ContactStore) inside LocalGovStandard."""
        return feature in self.uses or re.search(rf"(?<![\w.]){re.escape(feature)}\.[A-Z]\w*", NAMESPACE.sub("", self.code)) is not None

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


def analyse():
    sources = read_sources()
    tables = table_names()
    owner_of = owners(sources, tables)
    endpoints = endpoint_types(sources)
    features = sorted({s.feature for s in sources if s.feature})
    opened_by = defaultdict(set)
    depends = defaultdict(set)
    for s in sources:
        if s.feature:
            for table in s.keyed:
                opened_by[table].add(s.feature)
            depends[s.feature] |= {f for f in features if f != s.feature and f != "Platform" and s.uses_feature(f)}
    return sources, tables, owner_of, endpoints, features, opened_by, depends


def problems() -> list[str]:
    sources, tables, owner_of, endpoints, features, opened_by, depends = analyse()
    found = []
    for s in sources:
        for table in sorted(s.keyed):
            if s.feature not in owner_of.get(table, set()) and s.feature != "Platform" and (s.relative, table) not in OPENED_OUTSIDE_OWNER:
                owner = ", ".join(sorted(owner_of.get(table, set()))) or "no owner"
                found.append(f"{s.relative} opens {table}, which {owner} owns: call a method of the owner's store instead")
        for type_name, home in endpoints.items():
            if s.feature and home != s.feature and s.mentions(type_name):
                found.append(f"{s.relative} uses {type_name}, an endpoint class of {home}: call the service it calls instead")
    for table in tables:
        if len(owner_of.get(table, set())) != 1:
            found.append(f"table {table} has {len(owner_of.get(table, set()))} owners ({', '.join(sorted(owner_of.get(table, set()))) or 'none'}); it needs exactly one")
    for a in features:
        for b in sorted(depends[a]):
            if a < b and a in depends[b] and frozenset({a, b}) not in ALLOWED_MUTUAL:
                found.append(f"{a} and {b} depend on each other")
    return found


def build_table() -> str:
    sources, tables, owner_of, endpoints, features, opened_by, depends = analyse()

    owns = defaultdict(set)
    for table, table_owners in owner_of.items():
        for feature in table_owners:
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

    lines = [
        "| feature | owns tables | opens others' tables (owner) | uses others' endpoint classes (feature) | depends on features |",
        "|---|---|---|---|---|",
    ]
    for feature in features:
        own = sorted(owns[feature] & (opens[feature] | names[feature] | owns[feature]))
        foreign = others(feature, opens[feature]) + others(feature, names[feature] - opens[feature], ", by name")
        row = [label(feature), ", ".join(own) or "-", "; ".join(foreign) or "-", ", ".join(sorted(reaches[feature])) or "-",
               ", ".join(sorted(depends[feature])) or "-"]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| table | owner | opened by |", "|---|---|---|"]
    for table in tables:
        opener_cells = [f if f in owner_of.get(table, set()) or f == "Platform" else f"**{f}** (not the owner)" for f in sorted(opened_by[table])]
        lines.append(f"| {table} | {', '.join(label(o) for o in sorted(owner_of.get(table, set()))) or 'no owner found'} | {', '.join(opener_cells) or '-'} |")
    if OPENED_OUTSIDE_OWNER:
        lines.append("\nAccepted for now: " + "; ".join(
            f"{path} opens {table} ({reason})" for (path, table), reason in sorted(OPENED_OUTSIDE_OWNER.items())) + ".")
    if ALLOWED_MUTUAL:
        lines.append("\nFeatures allowed to depend on each other: " + "; ".join(
            f"{' and '.join(sorted(pair))} ({reason})" for pair, reason in sorted(ALLOWED_MUTUAL.items(), key=lambda p: sorted(p[0]))) + ".")
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
        broken = problems()
        for problem in broken:
            print(problem, file=sys.stderr)
        if current != table:
            print("docs/architecture.md: the 'Who uses what' tables are not current; run tools/feature-dependencies.py --write", file=sys.stderr)
            return 1
        if broken:
            return 1
        print("docs/architecture.md: the 'Who uses what' tables are current, and every table is opened only by its owner")
        return 0
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
