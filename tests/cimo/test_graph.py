"""The linked KnowledgeBase: its queries, and the warnings only the graph can give.

The sample knowledge base (tests/fixtures/sample): 'mentor' (gemeente-demo, area 'centrum')
uses 'rolmodellen' and 'vertrouwensband' and reaches 'zelfvertrouwen' through both;
'huiswerkklas' (gemeente-elders, no area) uses 'rolmodellen' and reaches 'zelfvertrouwen'
through it. Area 'centrum' lies in 'demo'. Outcome 'welzijn' is in the catalogue, unused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cimo.content_set import ContentSet, Located
from cimo.graph import KnowledgeBase, graph_warnings, link, relink
from cimo.knowledge_base import LoadedKnowledgeBase
from cimo.problems import Severity
from cimo.validate import validate_content
from tests.conftest import REPO, copy_sample, edit_yaml

MENTOR = "interventions/gemeente-demo/mentor.yaml"
KLAS = "interventions/gemeente-elders/huiswerkklas.yaml"


def linked(content_dir: Path) -> tuple[KnowledgeBase, ContentSet]:
    content, problems = validate_content(content_dir)
    assert [p.format() for p in problems] == []
    return link(content), content


def id_line(path: Path, ident: str) -> int:
    """The line on which `id: <ident>` is written in a content file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip() == f"id: {ident}")


# -- queries --------------------------------------------------------------------------------


def test_interventions_using_a_mechanism(sample_kb: LoadedKnowledgeBase) -> None:
    kb = sample_kb.kb
    assert kb.interventions_using("rolmodellen") == ["huiswerkklas", "mentor"]
    assert kb.interventions_using("vertrouwensband") == ["mentor"]


def test_interventions_reaching_an_outcome(sample_kb: LoadedKnowledgeBase) -> None:
    kb = sample_kb.kb
    assert kb.interventions_reaching("zelfvertrouwen") == ["huiswerkklas", "mentor"]
    assert kb.interventions_reaching("welzijn") == []


def test_outcomes_of_a_mechanism_name_the_interventions_they_come_through(
    sample_kb: LoadedKnowledgeBase,
) -> None:
    kb = sample_kb.kb
    assert kb.outcomes_of_mechanism("rolmodellen") == [
        ("zelfvertrouwen", ["huiswerkklas", "mentor"])
    ]
    assert kb.outcomes_of_mechanism("vertrouwensband") == [("zelfvertrouwen", ["mentor"])]
    assert kb.mechanisms_leading_to("zelfvertrouwen") == [
        ("rolmodellen", ["huiswerkklas", "mentor"]),
        ("vertrouwensband", ["mentor"]),
    ]
    assert kb.mechanisms_leading_to("welzijn") == []


def test_an_outcome_comes_only_through_the_mechanisms_its_via_names(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def add_welzijn(data: dict[str, Any]) -> None:
        data["outcomes"].append(
            {"outcome": "welzijn", "provenance": "stated", "via": ["vertrouwensband"]}
        )
        data["indicators"][0]["measures"].append("welzijn")

    edit_yaml(content / MENTOR, add_welzijn)
    kb, _ = linked(content)
    assert kb.outcomes_of_mechanism("vertrouwensband") == [
        ("welzijn", ["mentor"]),
        ("zelfvertrouwen", ["mentor"]),
    ]
    # Mentor uses 'rolmodellen' too, but not for 'welzijn'.
    assert kb.outcomes_of_mechanism("rolmodellen") == [
        ("zelfvertrouwen", ["huiswerkklas", "mentor"])
    ]
    assert kb.mechanisms_leading_to("welzijn") == [("vertrouwensband", ["mentor"])]
    assert kb.interventions_reaching("welzijn") == ["mentor"]


def test_areas_include_the_areas_that_lie_in_them(sample_kb: LoadedKnowledgeBase) -> None:
    kb = sample_kb.kb
    assert kb.sub_areas("demo") == {"centrum"}
    assert kb.sub_areas("centrum") == set()
    # 'mentor' works in 'centrum', which lies in 'demo'.
    assert kb.interventions_in_area("centrum") == ["mentor"]
    assert kb.interventions_in_area("demo") == ["mentor"]


def test_nested_areas_are_followed_to_any_depth(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def nest(data: dict[str, Any]) -> None:
        common = {"municipality": "gemeente-demo", "kind": "wijk", "description": "Een buurt."}
        data["areas"] += [
            {"id": "markt", "name": "Markt", "part_of": "centrum", **common},
            {"id": "marktplein", "name": "Marktplein", "part_of": "markt", **common},
            {"id": "oost", "name": "Oost", "part_of": "demo", **common},
        ]

    def work_in(area: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["context"]["areas"] = [area]

        return change

    edit_yaml(content / "areas/areas.yaml", nest)
    edit_yaml(content / MENTOR, work_in("marktplein"))
    edit_yaml(content / KLAS, work_in("oost"))
    kb, _ = linked(content)
    assert kb.sub_areas("demo") == {"centrum", "markt", "marktplein", "oost"}
    assert kb.sub_areas("centrum") == {"markt", "marktplein"}
    assert kb.interventions_in_area("demo") == ["huiswerkklas", "mentor"]
    assert kb.interventions_in_area("centrum") == ["mentor"]
    assert kb.interventions_in_area("markt") == ["mentor"]
    assert kb.interventions_in_area("oost") == ["huiswerkklas"]


def test_areas_that_lie_in_each_other_are_one_located_problem(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def cycle(data: dict[str, Any]) -> None:
        data["areas"][0]["part_of"] = "centrum"  # demo in centrum, centrum in demo

    edit_yaml(content / "areas/areas.yaml", cycle)
    _, problems = validate_content(content)
    [problem] = problems
    assert problem.location.file.endswith("areas.yaml") and problem.location.line
    assert problem.path.endswith("part_of")
    assert "ligt in zichzelf" in problem.message
    assert "demo" in problem.message and "centrum" in problem.message


def test_sub_areas_do_not_hang_on_a_loop(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    edit_yaml(content / "areas/areas.yaml", lambda d: d["areas"][0].update(part_of="centrum"))
    content_set, problems = validate_content(content)
    assert problems  # refused above; the graph still answers if someone links it anyway
    assert link(content_set).sub_areas("demo") == {"centrum"}


def test_programme_and_theme_members(sample_kb: LoadedKnowledgeBase) -> None:
    kb = sample_kb.kb
    assert kb.interventions_of_programme("demoplan") == ["mentor"]
    assert kb.interventions_with_theme("rolmodellen") == ["huiswerkklas", "mentor"]


def test_every_record_is_a_node_of_its_kind(sample_kb: LoadedKnowledgeBase) -> None:
    graph, kb = sample_kb.kb.graph, sample_kb.kb
    for plural, records in kb.records.items():
        assert records, f"the sample has no {plural}"
        for ident in records:
            kinds = [graph.nodes[n]["kind"] for n in graph if n.split(":", 1)[1] == ident]
            assert plural.removesuffix("s") in kinds, (plural, ident)
    # Indicators are nodes of their own, measured by the outcomes they give evidence for.
    assert graph.has_edge("outcome:zelfvertrouwen", "indicator:mentor/deelnemers")


# -- warnings -------------------------------------------------------------------------------


def where(problems: list[Any]) -> list[tuple[str, int, str, Severity]]:
    return [(p.location.file, p.location.line, p.path, p.severity) for p in problems]


def test_the_sample_has_no_graph_warnings(sample_kb: LoadedKnowledgeBase) -> None:
    assert sample_kb.warnings == []


def test_a_used_mechanism_that_leads_to_no_outcome_is_a_warning(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def drop_from_via(data: dict[str, Any]) -> None:
        data["outcomes"][0]["via"] = ["rolmodellen"]

    edit_yaml(content / MENTOR, drop_from_via)
    kb, content_set = linked(content)
    warnings = graph_warnings(kb, content_set)
    file = content / "mechanisms/vertrouwensband.yaml"
    assert where(warnings) == [
        (str(file), id_line(file, "vertrouwensband"), "id", Severity.warning)
    ]
    assert warnings[0].hint


def test_an_unused_mechanism_is_no_warning(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)
    (content / "mechanisms/los.yaml").write_text(
        "id: los\nname: Los\ndescription: Door niemand gebruikt.\n", encoding="utf-8"
    )
    kb, content_set = linked(content)
    assert graph_warnings(kb, content_set) == []


def test_an_outcome_no_indicator_measures_is_a_warning(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def unmeasure(data: dict[str, Any]) -> None:
        data["indicators"][0]["measures"] = []

    edit_yaml(content / MENTOR, unmeasure)
    kb, content_set = linked(content)
    warnings = graph_warnings(kb, content_set)
    file = content / "outcomes/zelfvertrouwen.yaml"
    assert where(warnings) == [(str(file), id_line(file, "zelfvertrouwen"), "id", Severity.warning)]


def test_unmeasured_on_every_use_acknowledges_the_warning(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def unmeasure(reason: str | None) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["indicators"][0]["measures"] = []
            if reason:
                data["outcomes"][0]["unmeasured"] = reason

        return change

    # huiswerkklas already says why it has no indicator; mentor does not (yet).
    edit_yaml(content / MENTOR, unmeasure(None))
    kb, content_set = linked(content)
    assert len(graph_warnings(kb, content_set)) == 1
    edit_yaml(content / MENTOR, unmeasure("De bron noemt geen indicator."))
    kb, content_set = linked(content)
    assert graph_warnings(kb, content_set) == []


def test_an_intervention_without_mechanisms_is_a_warning(tmp_path: Path) -> None:
    content = copy_sample(tmp_path)

    def no_mechanisms(data: dict[str, Any]) -> None:
        data["mechanisms"], data["outcomes"] = [], []

    edit_yaml(content / KLAS, no_mechanisms)
    kb, content_set = linked(content)
    warnings = graph_warnings(kb, content_set)
    file = content / KLAS
    assert where(warnings) == [(str(file), id_line(file, "huiswerkklas"), "id", Severity.warning)]


# -- linking again after an edit ------------------------------------------------------------


def as_data(kb: KnowledgeBase) -> tuple[Any, ...]:
    """Everything a KnowledgeBase holds, with the order of its records (the graph's order is
    not part of it: every query sorts)."""
    graph = kb.graph
    return (
        {kind: list(records.items()) for kind, records in kb.records.items()},
        dict(graph.nodes(data=True)),
        {(a, b): data for a, b, data in graph.edges(data=True)},
    )


def edited(content: ContentSet) -> tuple[ContentSet, set[str]]:
    """The bundled content with one intervention changed, one removed and one added."""
    first, second, third, *rest = content.interventions
    changed = first.model.model_copy(update={"title": "Nieuw", "outcomes": [], "indicators": []})
    added = third.model.model_copy(update={"id": "nieuw-initiatief"})
    new = ContentSet({kind: list(items) for kind, items in content.records.items()})
    new.records["interventions"] = [
        Located(changed, first.document),
        third,
        *rest,
        Located(added, third.document),
    ]
    return new, {first.model.id, second.model.id, added.id}


def test_linking_only_the_edited_interventions_again_gives_a_full_link() -> None:
    content, problems = validate_content(REPO / "content")
    assert problems == []
    after, ids = edited(content)
    kb = relink(link(content), after, ids)
    assert as_data(kb) == as_data(link(after))
    assert as_data(relink(kb, content, ids)) == as_data(link(content))  # and back


def test_the_indexes_answer_what_a_scan_of_every_record_answers() -> None:
    """Pages ask per programme and per area; the answers come from indexes made once (a scan
    of every intervention per page made those page families grow with the square of N)."""
    kb, _ = linked(REPO / "content")  # the bundled content: nested areas, related programmes
    for area in kb.areas:
        children = sorted(a.id for a in kb.areas.values() if a.part_of == area)
        assert kb.areas_directly_in(area) == children
    assert any(kb.areas_directly_in(area) for area in kb.areas)
    for programme in kb.programmes:
        related = [i.id for i in kb.interventions.values() if i.related_programme == programme]
        assert kb.interventions_related_to(programme) == related
        members = [i.id for i in kb.interventions.values() if i.programme == programme]
        assert kb.interventions_of_programme(programme) == members
    assert any(kb.interventions_related_to(p) for p in kb.programmes)
