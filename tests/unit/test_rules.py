"""The traceability table (``actionloop rules``): parsing the Norwegian features, the coverage of
the legal specification's rules, and docs/rules.md kept up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import actionloop
from actionloop.cli import app
from actionloop.rules import (
    CATALOGUE,
    OUTSIDE_ENGINE,
    RulesError,
    build,
    features_dir,
    load_features,
    paragraph_of,
    parse_feature,
    render_markdown,
    trace,
    unknown_rule_ids,
)
from actionloop.workflow.spec import DUTIES

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"
DOC = ROOT / "docs" / "rules.md"

SAMPLE = """\
# language: no
@skole @oppl2023
Egenskap: Melde frå til rektor – opplæringslova § 12-4 andre ledd
  Litt forklaring – med en tankestrek.

  Bakgrunn:
    Gitt en skolesak med en bekymring 2025-09-01

  Regel: SCH-03 Den som får mistanke, melder fra

    Scenario: Dagen etter
      Når læreren melder fra til rektor 2025-09-02
      Så vurderes plikten "report_to_principal" som oppfylt

    Scenariomal: Etter <dager> dager
      Når bekymringen meldes til rektor <dager> arbeidsdager senere
      Så vurderes plikten "report_to_principal" som <vurdering>

      Eksempler:
        | dager | vurdering |
        | 1     | oppfylt   |
        | 6     | brudd     |

      Eksempler: flere
        | dager | vurdering |
        | 15    | brudd     |

  Regel: SCH-11 og BHG-07 Straks – opplæringslova § 12-5

    Scenario: Samme dag
      Gitt en tabell
        | a | b |
        | 1 | 2 |
      Så er alt bra
"""


def test_parse_feature_reads_titles_rules_scenarios_and_examples() -> None:
    feature = parse_feature(SAMPLE, "features/x.feature")
    assert feature.title == "Melde frå til rektor – opplæringslova § 12-4 andre ledd"
    assert feature.paragraph == "opplæringslova § 12-4 andre ledd"
    assert feature.tags == ("skole", "oppl2023")
    first, second = feature.rules
    assert first.ids == ("SCH-03",)
    assert first.paragraph == ""
    assert [(s.name, s.examples) for s in first.scenarios] == [("Dagen etter", 0), ("Etter <dager> dager", 3)]
    assert second.ids == ("SCH-11", "BHG-07")
    assert second.paragraph == "opplæringslova § 12-5"
    assert [s.label() for s in second.scenarios] == ["Samme dag"]


def test_a_rule_paragraph_takes_the_place_of_the_features() -> None:
    table = trace([parse_feature(SAMPLE, "features/x.feature")])
    by_rule = {r.rule_id: r for r in table.rows}
    assert by_rule["SCH-03"].paragraph == "opplæringslova § 12-4 andre ledd"
    assert by_rule["SCH-11"].paragraph == "opplæringslova § 12-5"
    assert by_rule["BHG-07"].scenarios == ("Samme dag",)
    assert by_rule["SCH-03"].scenarios == ("Dagen etter", "Etter <dager> dager (3 eksempler)")
    assert table.features == 1 and table.scenarios == 3


@pytest.mark.parametrize(
    ("title", "paragraph"),
    [
        ("Melde frå – opplæringslova § 12-4 andre ledd", "opplæringslova § 12-4 andre ledd"),
        ("Lov – barnehageloven kapittel VIII", "barnehageloven kapittel VIII"),
        ("ALL-02 Tiltak varer – saken avsluttes ikke før hun har det bra", ""),
        ("Uten tankestrek § 12-4", ""),
    ],
)
def test_paragraph_of(title: str, paragraph: str) -> None:
    assert paragraph_of(title) == paragraph


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Egenskap: X – § 1\n", "language: no"),
        ("# language: no\nEgenskap: X – § 1\n  Regel: Uten id\n    Scenario: S\n", "begynne med regelens id"),
        ("# language: no\nEgenskap: X – § 1\n  Scenario: S\n", "utenfor en Regel"),
        ("# language: no\n  Regel: SCH-01 R\n", "ingen Egenskap"),
    ],
)
def test_broken_conventions_are_named_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(RulesError) as caught:
        parse_feature(text, "features/feil.feature")
    assert message in str(caught.value)
    assert str(caught.value).startswith("features/feil.feature:")


def test_every_feature_keeps_the_conventions() -> None:
    features = load_features(FEATURES)
    assert features, "features/ has no feature files"
    for feature in features:
        assert feature.paragraph, f"{feature.path}: the Egenskap title must end with «– <paragraph>»"
        assert feature.rules, f"{feature.path}: no Regel"
        assert all(r.scenarios for r in feature.rules), f"{feature.path}: a Regel without scenarios"
    assert unknown_rule_ids(features) == []


def test_every_rule_of_the_specification_is_covered_or_explained() -> None:
    table = build(FEATURES)
    uncovered = {rule_id for rule_id, _, _ in table.uncovered}
    assert uncovered == set(OUTSIDE_ENGINE), "rules without a scenario must be explained in OUTSIDE_ENGINE"
    assert set(OUTSIDE_ENGINE) <= set(CATALOGUE)


def test_every_duty_and_every_law_version_has_a_feature() -> None:
    texts = {p.relative_to(FEATURES).as_posix(): p.read_text("utf-8") for p in FEATURES.rglob("*.feature")}
    for duty in DUTIES:
        assert any(f'"{duty}"' in text for text in texts.values()), f"no scenario judges the duty {duty}"
    for folder in ("skole/oppl2023/", "skole/oppl1998/", "barnehage/", "felles/"):
        assert any(path.startswith(folder) for path in texts), f"no feature in features/{folder}"
    for law in ("§ 12-4", "§ 9 A-4", "barnehageloven § 4"):
        assert any(law in f.title for f in load_features(FEATURES)), f"no feature titled with {law}"


def test_docs_rules_md_is_up_to_date() -> None:
    expected = render_markdown(build(FEATURES))
    assert DOC.is_file(), "docs/rules.md is missing: actionloop rules --format markdown > docs/rules.md"
    assert DOC.read_text("utf-8") == expected, (
        "docs/rules.md is out of date: actionloop rules --format markdown > docs/rules.md"
    )


def test_markdown_lists_every_covered_rule_and_the_uncovered_with_reasons() -> None:
    text = render_markdown(build(FEATURES))
    rows = re.findall(r"^\| ((?:SCH|BHG|ALL)-\d{2}) \|", text, flags=re.MULTILINE)
    covered = set(CATALOGUE) - set(OUTSIDE_ENGINE)
    assert covered <= set(rows)
    for rule_id, reason in OUTSIDE_ENGINE.items():
        assert f"| {rule_id} |" in text and reason in text


def test_features_dir_prefers_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "features").mkdir()
    assert features_dir(tmp_path) == tmp_path / "features"


def test_features_dir_falls_back_to_the_source_checkout(tmp_path: Path) -> None:
    if Path(actionloop.__file__).resolve().parents[2] != ROOT:
        pytest.skip("actionloop is not imported from this source checkout")
    assert features_dir(tmp_path) == FEATURES


runner = CliRunner()


def test_command_prints_the_markdown_of_docs() -> None:
    result = runner.invoke(app, ["rules", "--format", "markdown", "--features", str(FEATURES)])
    assert result.exit_code == 0, result.output
    assert result.stdout == render_markdown(build(FEATURES))


def test_command_prints_a_table_for_people() -> None:
    result = runner.invoke(app, ["rules", "--features", str(FEATURES)])
    assert result.exit_code == 0, result.output
    for rule_id in ("SCH-03", "BHG-07", "ALL-01", "SCH-20"):
        assert rule_id in result.stdout


@pytest.mark.parametrize(
    "args",
    [["rules", "--format", "html"], ["rules", "--features", "/nonexistent/features"]],
)
def test_command_bad_input_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2


def test_command_reports_a_broken_feature_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "x.feature").write_text("# language: no\nEgenskap: X – § 1\n  Scenario: S\n", "utf-8")
    result = runner.invoke(app, ["rules", "--features", str(tmp_path)])
    assert result.exit_code == 2
    assert "x.feature:3" in result.output
