"""IMS OneRoster 1.2 CSV binding: the files, their columns, reading and writing them.

A package is a zip (or folder) of CSV files plus ``manifest.csv``. Column names and order are
the spec's; values use its formats: dates ``YYYY-MM-DD``, booleans ``true``/``false``, lists
comma-separated inside one quoted field, grades as CEDS codes (``07``), ``userIds`` as
``{type:identifier}``. Bulk files leave ``status`` and ``dateLastModified`` empty. Extension
columns are allowed by the spec as ``metadata.<name>``; Zuoye writes three (school kind,
guardian relation, staff title) so that its own exports round-trip without loss, and reads
them when present.

This module checks what can be checked inside the package (formats, duplicate ids, references
between its files); matching orgs, sessions and people to stored ones is the app's job.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from zuoye.core.roster import csvfile
from zuoye.core.roster.problems import Place, Problem, problem

BASE = ("sourcedId", "status", "dateLastModified")
META_SCHOOL_KIND = "metadata.zuoye.schoolKind"
META_RELATION = "metadata.zuoye.relation"
META_TITLE = "metadata.zuoye.title"


@dataclass(frozen=True)
class FileSpec:
    columns: tuple[str, ...]
    required: tuple[str, ...]
    metadata: tuple[str, ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        return (*self.columns, *self.metadata)


FILES: dict[str, FileSpec] = {
    "orgs.csv": FileSpec((*BASE, "name", "type", "identifier", "parentSourcedId"), ("sourcedId", "name", "type"), (META_SCHOOL_KIND,)),
    "academicSessions.csv": FileSpec(
        (*BASE, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"),
        ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
    ),
    "courses.csv": FileSpec(
        (*BASE, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"),
        ("sourcedId", "title", "orgSourcedId"),
    ),
    "classes.csv": FileSpec(
        (*BASE, "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId",
         "termSourcedIds", "subjects", "subjectCodes", "periods"),
        ("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"),
    ),
    "users.csv": FileSpec(
        (*BASE, "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email",
         "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds",
         "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"),
        ("sourcedId", "enabledUser", "givenName", "familyName"),
        (META_RELATION,),
    ),
    "roles.csv": FileSpec(
        (*BASE, "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"),
        ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"),
        (META_TITLE,),
    ),
    "enrollments.csv": FileSpec(
        (*BASE, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"),
        ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
    ),
    "demographics.csv": FileSpec(
        (*BASE, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
         "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
         "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"),
        ("sourcedId",),
    ),
}
# Files of the 1.2 CSV binding that Zuoye neither reads nor writes (gradebook, resources, profiles).
OTHER_FILES = ("categories", "classResources", "courseResources", "lineItemLearningObjectiveIds", "lineItems",
               "lineItemScoreScales", "resources", "resultLearningObjectiveIds", "results", "resultScoreScales",
               "scoreScales", "userProfiles", "userResources")
REQUIRED_FILES = ("orgs.csv", "users.csv")
ROLES = frozenset({"aide", "counselor", "districtAdministrator", "guardian", "parent", "principal", "proctor", "relative",
                   "siteAdministrator", "student", "systemAdministrator", "teacher", "administrator"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_USER_ID = re.compile(r"\{([^:{}]+):([^{}]*)\}")


# ---- values -------------------------------------------------------------------------------

def grade_code(grade: int) -> str:
    return f"{grade:02d}"


def parse_grades(text: str) -> list[int] | None:
    found = []
    for part in split_list(text):
        if not part.isdigit() or not 1 <= int(part) <= 12:
            return None
        found.append(int(part))
    return found


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def join_list(items: list[str]) -> str:
    return ",".join(items)


def parse_date(text: str) -> date | None:
    text = text.strip()[:10]
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def user_ids(text: str) -> dict[str, str]:
    return {kind.strip(): value.strip() for kind, value in _USER_ID.findall(text)}


def format_user_ids(ids: dict[str, str]) -> str:
    return ",".join(f"{{{kind}:{value}}}" for kind, value in sorted(ids.items()) if value)


COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠".split()
)


def split_name(full: str) -> tuple[str, str]:
    """(familyName, givenName): 张小明 → 张, 小明; 欧阳娜娜 → 欧阳, 娜娜; Anna Li → Li, Anna."""
    if full.isascii():
        given, _, family = full.rpartition(" ")
        return (family, given) if given else (full, "")
    surname = full[:2] if full[:2] in COMPOUND_SURNAMES and len(full) > 2 else full[:1]
    return surname, full[len(surname):]


def join_name(family: str, given: str) -> str:
    """The inverse of :func:`split_name`; Latin names are written given-name first."""
    family, given = family.strip(), given.strip()
    if (family + given).isascii():
        return f"{given} {family}".strip()
    return family + given


# ---- reading -------------------------------------------------------------------------------

@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[Place, dict[str, str]]]


@dataclass
class Package:
    manifest: dict[str, str] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def rows(self, name: str) -> list[tuple[Place, dict[str, str]]]:
        table = self.tables.get(name)
        return table.rows if table else []


def members_of_zip(data: bytes, filename: str) -> tuple[dict[str, bytes], list[Problem]]:
    """CSV members by base name; folders inside the zip (``export/users.csv``) are allowed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = {}
            for info in archive.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if base.lower().endswith(".csv") and not info.is_dir() and not base.startswith("._"):
                    found[base] = archive.read(info)
            return found, []
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return {}, [problem("file_damaged", Place(file=filename))]


def read_package(members: dict[str, bytes]) -> Package:
    package = Package()
    if "manifest.csv" not in members:
        package.problems.append(problem("or_manifest_missing", Place(file="manifest.csv")))
    else:
        _read_manifest(members["manifest.csv"], package)
    for name in REQUIRED_FILES:
        if name not in members:
            package.problems.append(problem("or_file_missing", Place(file=name), name=name))
    modes = {name: package.manifest.get("file." + name.removesuffix(".csv"), "bulk" if name in members else "absent")
             for name in FILES}
    for name, mode in modes.items():
        if mode == "delta":
            package.problems.append(problem("or_delta", Place(file="manifest.csv"), name=name))
        elif mode == "bulk" and name not in members and name not in REQUIRED_FILES:
            package.problems.append(problem("or_file_missing", Place(file=name), name=name))
    for name, spec in FILES.items():
        if name in members and modes[name] != "delta":
            table = _read_table(name, spec, members[name], package.problems)
            if table is not None:
                package.tables[name] = table
    return package


def _read_manifest(data: bytes, package: Package) -> None:
    place = Place(file="manifest.csv")
    text, _, found = csvfile.decode(data, place)
    package.problems.extend(found)
    rows = list(csv.reader(io.StringIO(text or "")))
    if not rows or [cell.strip() for cell in rows[0][:2]] != ["propertyName", "value"]:
        package.problems.append(problem("or_manifest_bad", place.at(row=1)))
        return
    package.manifest = {row[0].strip(): row[1].strip() for row in rows[1:] if len(row) >= 2}
    version = package.manifest.get("oneroster.version", "")
    if version not in ("1.2", "1.1"):
        package.problems.append(problem("or_version", place, value=version or "-"))


def _read_table(name: str, spec: FileSpec, data: bytes, problems: list[Problem]) -> Table | None:
    place = Place(file=name)
    text, _, found = csvfile.decode(data, place)
    problems.extend(found)
    if text is None:
        return None
    lines = csvfile.rows(text) if text.strip() else []
    header = [cell.strip() for cell in lines[0][1]] if lines else []
    missing = [column for column in spec.required if column not in header]
    if missing:
        problems.append(problem("or_columns_missing", place.at(row=1), missing=", ".join(missing)))
        return None
    table = Table(name, header, [])
    seen: dict[str, int] = {}
    for number, cells in lines[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        record = {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header)}
        row_place = place.at(row=number)
        sid = record.get("sourcedId", "")
        if not sid:
            problems.append(problem("cell_required", row_place.at(column="sourcedId")))
            continue
        if sid in seen and name != "demographics.csv":
            problems.append(problem("or_duplicate_id", row_place.at(column="sourcedId"), value=sid, first_row=seen[sid]))
            continue
        seen[sid] = number
        table.rows.append((row_place, record))
    return table


def check_references(package: Package) -> None:
    """References that must point inside the package."""
    ids = {name: {record["sourcedId"] for _, record in package.rows(name)} for name in FILES}
    refs = (
        ("classes.csv", "courseSourcedId", "courses.csv"),
        ("enrollments.csv", "classSourcedId", "classes.csv"),
        ("enrollments.csv", "userSourcedId", "users.csv"),
        ("roles.csv", "userSourcedId", "users.csv"),
        ("demographics.csv", "sourcedId", "users.csv"),
    )
    for name, column, target in refs:
        for place, record in package.rows(name):
            if record.get(column) and record[column] not in ids[target]:
                package.problems.append(problem("or_reference_missing", place.at(column=column), value=record[column], target=target))
    for place, record in package.rows("users.csv"):
        for agent in split_list(record.get("agentSourcedIds", "")):
            if agent not in ids["users.csv"]:
                package.problems.append(problem("or_reference_missing", place.at(column="agentSourcedIds"), value=agent, target="users.csv"))
    for place, record in package.rows("roles.csv"):
        if record["role"] not in ROLES:
            package.problems.append(problem("or_value_invalid", place.at(column="role"), value=record["role"]))
        if record["roleType"] not in ("primary", "secondary"):
            package.problems.append(problem("or_value_invalid", place.at(column="roleType"), value=record["roleType"]))


# ---- writing -------------------------------------------------------------------------------

def write_csv(name: str, records: list[dict[str, str]]) -> bytes:
    """A CSV of the spec's columns (plus our metadata columns), rows sorted by sourcedId."""
    spec = FILES[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(spec.header)
    for record in sorted(records, key=lambda r: r["sourcedId"]):
        writer.writerow([record.get(column, "") for column in spec.header])
    return out.getvalue().encode("utf-8")


def manifest(present: set[str], system_name: str = "Zuoye", system_code: str = "zuoye") -> bytes:
    rows = [("manifest.version", "1.0"), ("oneroster.version", "1.2")]
    for base in sorted([*OTHER_FILES, *(name.removesuffix(".csv") for name in FILES)], key=str.lower):
        rows.append((f"file.{base}", "bulk" if f"{base}.csv" in present else "absent"))
    rows += [("source.systemName", system_name), ("source.systemCode", system_code)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("propertyName", "value"))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def zip_package(files: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps, so the same data always gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
