"""Cases for the document tests, built from the shipped examples."""

from __future__ import annotations

from typing import Any

from docs_helpers import case_of, example_dict

from actionloop.core.model import CaseFile

OTHER_CHILDREN = [
    {"id": "oc-lina-77", "role": "other_child", "name": "Lina Sætre"},
    {"id": "oc-jonas-88", "role": "other_child", "name": "Jonas Øvrebø"},
]
#: What must never appear in a family copy.
SECRETS = ["Lina Sætre", "Jonas Øvrebø", "oc-lina-77", "oc-jonas-88", "Lina", "Sætre", "Øvrebø", "Jonas"]


def revised_dict() -> dict[str, Any]:
    """The well-handled school case with a second plan after an evaluation that asked for one."""
    data = example_dict("school-2025-handled-well")
    events = data["events"]
    evaluation = next(e for e in events if e["type"] == "evaluation")
    evaluation["outcome"] = "revise"
    plan = next(e for e in events if e["type"] == "plan")
    revised = {
        "at": "2025-09-29T09:00:00+02:00",
        "type": "plan",
        "by": "p2",
        "plan": {
            "version": 2,
            "problem": plan["plan"]["problem"] + " Meldingane på Snapchat held fram om kvelden.",
            "measures": [
                plan["plan"]["measures"][0],
                plan["plan"]["measures"][2],
                {"id": "m5", "text": "Møte med føresette til Emma og avsendarane om meldingane.",
                 "when": "2025-09-30", "performer": "p2", "responsible": "p2", "target": "home"},
            ],
            "evaluations": ["2025-10-10"],
            "child_views": "Emma vil at meldingane skal ta slutt.",
            "best_interests": plan["plan"]["best_interests"],
        },
    }
    position = events.index(evaluation) + 1
    events.insert(position, revised)
    return data


def family_dict() -> dict[str, Any]:
    """The well-handled school case with two other children named everywhere a name can go."""
    data = example_dict("school-2025-handled-well")
    data["people"].extend(OTHER_CHILDREN)
    events = data["events"]
    events[0]["text"] = "Emma fortel at Lina Sætre og Jonas Øvrebø held ho utanfor, og at Linas venninner ler."
    heard = next(e for e in events if e["type"] == "heard" and e["whom"] == "other_child")
    heard["text"] = "Samtale med Lina (oc-lina-77) og JONAS ØVREBØ. Jonas sa at Sætre-jentene styrer leiken."
    plan = next(e for e in events if e["type"] == "plan")["plan"]
    plan["problem"] += " Lina Sætre er den som oftast sender meldingane."
    plan["measures"].append({
        "id": "m9", "text": "Jonas skal vere leikekamerat for Emma i storefriminuttet.",
        "when": "2025-09-16/2025-10-10", "performer": "oc-jonas-88", "responsible": "p2", "target": "child",
    })
    plan["child_views"] = "Emma vil ikkje vere i gruppe med Lina."
    events.append({
        "at": "2025-10-10T15:00:00+02:00", "type": "note", "by": "p2",
        "text": "Foreldra til Lina Sætre (oc-lina-77) er orienterte.",
    })
    return data


def revised_case() -> CaseFile:
    return case_of(revised_dict())


def family_case() -> CaseFile:
    return case_of(family_dict())
