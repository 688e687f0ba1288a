"""OneRoster 1.2 CSV: values, names, reading a package and writing one."""

import csv
import io

from zuoye.core.roster import oneroster as o


def test_names_split_and_join_back():
    for full, parts in {"张小明": ("张", "小明"), "欧阳娜娜": ("欧阳", "娜娜"), "买买提·艾力": ("买", "买提·艾力"), "Anna Li": ("Li", "Anna")}.items():
        assert o.split_name(full) == parts and o.join_name(*parts) == full


def test_value_formats():
    assert o.grade_code(7) == "07" and o.parse_grades("07,08") == [7, 8] and o.parse_grades("KG") is None
    assert o.user_ids("{idCard:11010519491231002X},{LDAP:x}") == {"idCard": "11010519491231002X", "LDAP": "x"}
    assert o.format_user_ids({"idCard": "1"}) == "{idCard:1}"
    assert o.parse_date("2026-09-01T00:00:00Z").isoformat() == "2026-09-01" and o.parse_date("2026-02-30") is None


def _pkg(**tables):
    members = {name.replace("_", ".", 1) if name.endswith("_csv") else name: text.encode() for name, text in tables.items()}
    return o.read_package({k.replace("_csv", ".csv"): v for k, v in members.items()})


def test_a_package_needs_a_manifest_and_its_required_files():
    package = o.read_package({"users.csv": b"sourcedId,enabledUser,givenName,familyName\n"})
    assert [(p.place.file, p.code) for p in package.problems] == [("manifest.csv", "or_manifest_missing"), ("orgs.csv", "or_file_missing")]


def test_rows_duplicates_and_references():
    package = o.read_package({
        "manifest.csv": b"propertyName,value\noneroster.version,1.2\n",
        "orgs.csv": b"sourcedId,status,dateLastModified,name,type\nS,,,School,school\n",
        "users.csv": "sourcedId,enabledUser,givenName,familyName\nU,true,一,马\nU,true,二,马\n".encode(),
        "roles.csv": b"sourcedId,userSourcedId,roleType,role,orgSourcedId\nR,U,main,wizard,S\nR2,X,primary,student,S\n",
    })
    o.check_references(package)
    assert [(p.place.file, p.place.row, p.place.column, p.code) for p in package.problems] == [
        ("users.csv", 3, "sourcedId", "or_duplicate_id"), ("roles.csv", 3, "userSourcedId", "or_reference_missing"),
        ("roles.csv", 2, "role", "or_value_invalid"), ("roles.csv", 2, "roleType", "or_value_invalid")]
    assert package.tables["users.csv"].rows[0][1]["givenName"] == "一"


def test_written_files_use_the_spec_header_and_sorted_rows():
    text = o.write_csv("orgs.csv", [{"sourcedId": "b", "name": "乙", "type": "school"}, {"sourcedId": "a", "name": "甲", "type": "district"}]).decode()
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId", o.META_SCHOOL_KIND]
    assert [line[0] for line in lines[1:]] == ["a", "b"]
    manifest = dict(csv.reader(io.StringIO(o.manifest({"orgs.csv"}).decode())))
    assert manifest["file.orgs"] == "bulk" and manifest["file.users"] == "absent" and manifest["oneroster.version"] == "1.2"
    assert o.zip_package({"a.csv": b"x"}) == o.zip_package({"a.csv": b"x"})
