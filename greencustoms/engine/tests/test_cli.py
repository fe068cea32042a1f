"""`greencustoms screen`: exit codes, outputs in three formats, errors file, JSON summary."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from greencustoms.engine import compile_ruleset, save_ruleset
from greencustoms.engine.cli import main
from greencustoms.engine.columns import HIT_COLUMNS, HIT_OUTPUT_COLUMNS
from greencustoms.engine.tests.conftest import tiny_reference

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def ruleset_file(tmp_path: Path) -> Path:
    return save_ruleset(compile_ruleset(tiny_reference()), tmp_path / "current.ruleset")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_hits_in_every_format(tmp_path: Path, ruleset_file: Path, suffix: str) -> None:
    hits = tmp_path / f"hits{suffix}"
    code, out, _err = _run(
        [str(GOLDEN / "country.csv"), "-o", str(hits), "--ruleset", str(ruleset_file), "--at", "2026-12-01"]
    )
    assert code == 0
    if suffix == ".csv":
        frame = pl.read_csv(hits, infer_schema=False)
    elif suffix == ".parquet":
        frame = pl.read_parquet(hits)
    else:
        frame = pl.DataFrame(json.loads(hits.read_text()))
    expected = pl.read_csv(GOLDEN / "country.hits.csv", infer_schema=False)
    assert frame.columns == list(HIT_OUTPUT_COLUMNS)
    assert frame.select(HIT_COLUMNS).fill_null("").to_dicts() == expected.fill_null("").to_dicts()
    assert "screened 8" in out


def test_json_summary_reconciles_and_errors_file_lists_rejected_lines(
    tmp_path: Path, ruleset_file: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'Decl;Tariff;Text\nD1;2903.71;R-22\nD2;29O3;x\nD3;8418.69;steel;extra\n\nD4;7308;"two\nlines"\n'
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"declaration_id": "Decl", "hs_code": "Tariff", "description": "Text"}))
    errors = tmp_path / "errors.csv"
    code, out, err = _run(
        [
            str(source),
            "-o",
            str(tmp_path / "h.csv"),
            "--errors",
            str(errors),
            "--mapping",
            str(mapping),
            "--ruleset",
            str(ruleset_file),
            "--json-summary",
        ]
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["records"] == 5
    assert summary["screened"] == 2 and summary["rejected"] == 3
    assert summary["screened"] + summary["rejected"] == summary["records"]
    assert summary["physical_lines"] == 7
    assert summary["hits_by_rule"] == {"description": 1, "hs_code": 1}
    rejected = pl.read_csv(errors, infer_schema=False)
    assert rejected["line"].to_list() == ["3", "4", "5"]
    assert 'line 3: hs_code "29O3" is not a number' in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "missing required column(s): declaration_id, hs_code, description"),
        ("", "no header"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    tmp_path: Path, ruleset_file: Path, content: str, message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content)
    code, _out, err = _run([str(source), "-o", str(tmp_path / "h.csv"), "--ruleset", str(ruleset_file)])
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_file_bad_flag_and_missing_ruleset_exit_2(tmp_path: Path, ruleset_file: Path) -> None:
    assert (
        _run([str(tmp_path / "none.csv"), "-o", str(tmp_path / "h.csv"), "--ruleset", str(ruleset_file)])[0]
        == 2
    )
    assert _run([str(GOLDEN / "country.csv")])[0] == 2  # -o is required
    code, _o, err = _run(
        [str(GOLDEN / "country.csv"), "-o", str(tmp_path / "h.csv"), "--data", str(tmp_path / "nothing")]
    )
    assert code == 2 and "no ruleset" in err


def test_console_entry_point_runs_without_django(tmp_path: Path, ruleset_file: Path) -> None:
    hits = tmp_path / "h.csv"
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "greencustoms.cli",
            "screen",
            str(GOLDEN / "misdeclaration.csv"),
            "-o",
            str(hits),
            "--ruleset",
            str(ruleset_file),
            "--json-summary",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["hits"] == pl.read_csv(hits).height > 0
