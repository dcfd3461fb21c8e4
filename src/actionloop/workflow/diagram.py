"""A workflow as a Mermaid ``stateDiagram-v2`` diagram (text; any Mermaid renderer draws it).

Written here rather than through ``GraphMachine(graph_engine="mermaid")``: the text is then the
same whatever version of ``transitions`` is installed, carries the workflow's own labels in the
chosen language, and needs no model. Steps that keep the state (``dest: null``) are left out.
"""

from __future__ import annotations

import re

from actionloop.core.i18n import Catalog, tr
from actionloop.workflow.spec import TrackSpec, WorkflowSpec

TRACK_NAMES: Catalog = {
    "main": {"nb": "Saksgangen", "nn": "Sakshandsaminga", "en": "The case"},
    "enforcement": {
        "nb": "Håndhevingsordningen (Statsforvalteren)",
        "nn": "Handhevingsordninga (Statsforvaltaren)",
        "en": "Enforcement (Statsforvaltaren)",
    },
}

_UNSAFE = re.compile(r'[:;{}"#<>\n]')


def track_name(track: TrackSpec, lang: str | None = None) -> str:
    return tr(TRACK_NAMES, track.id, lang) if track.id in TRACK_NAMES else track.id


def _text(value: str) -> str:
    """Text safe inside a Mermaid label (no colons, semicolons, braces, quotes or hashes)."""
    return _UNSAFE.sub(" ", value).strip()


def mermaid(spec: WorkflowSpec, lang: str | None = None, *, guards: bool = True) -> str:
    """The Mermaid ``stateDiagram-v2`` text of every track of ``spec``.

    Each track is a composite state; state ids are prefixed with the track id. A transition is
    labelled with its label (or the step's) and, with ``guards``, the names of its guards.
    """
    lines = ["stateDiagram-v2", f"    %% {spec.id} ({spec.version}) – {_text(spec.title(lang))}"]
    nested = len(spec.tracks) > 1
    for track in spec.tracks:
        indent = "        " if nested else "    "
        if nested:
            # A composite state takes an id only: «state "…" as id {» fails in some Mermaid
            # versions (mermaid-js/mermaid#2026).
            lines.append(f"    %% {_text(track_name(track, lang))}")
            lines.append(f"    state {track.id} {{")

        def sid(state_id: str, track: TrackSpec = track) -> str:
            return f"{track.id}_{state_id}"

        for state in track.states:
            lines.append(f'{indent}state "{_text(state.label(lang))}" as {sid(state.id)}')
        lines.append(f"{indent}[*] --> {sid(track.initial)}")
        seen: set[str] = set()
        for t in track.transitions:
            if t.dest is None:
                continue
            label = t.label(lang) if t.label else spec.step_label(t.trigger, lang)
            text = _text(label)
            if guards and t.guards:
                text += f" [{', '.join(t.guards)}]"
            for source in t.sources:
                if source == t.dest:
                    continue
                line = f"{indent}{sid(source)} --> {sid(t.dest)} : {text}"
                if line not in seen:
                    seen.add(line)
                    lines.append(line)
        for state in track.states:
            if state.final:
                lines.append(f"{indent}{sid(state.id)} --> [*]")
        if nested:
            lines.append("    }")
    return "\n".join(lines) + "\n"
