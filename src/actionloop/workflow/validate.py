"""What the parts of a workflow mean together: states, guards, reachability, duties, event types.

Every problem raises :class:`WorkflowDefinitionError` with the file, the YAML path of the part at
fault (the spec keeps the file's order, so ``tracks[0].transitions[12]`` is the 13th transition
as written) and a message in bokmål.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from actionloop.core.errors import WorkflowDefinitionError
from actionloop.core.model import EVENT_TYPES, SETTINGS
from actionloop.workflow.guards import GUARDS
from actionloop.workflow.spec import DUTIES, PLAN_WHO_FIELDS, TrackSpec, WorkflowSpec

ROOT = "$"

#: ``fail(path, message)``: the error to raise for a problem at ``path``.
_Fail = Callable[[str, str], WorkflowDefinitionError]


def join(path: str, key: str | int) -> str:
    """``tracks`` + 0 -> ``tracks[0]``; ``tracks[0]`` + ``id`` -> ``tracks[0].id``."""
    if isinstance(key, int):
        return f"{path}[{key}]" if path != ROOT else f"[{key}]"
    return key if path == ROOT else f"{path}.{key}"


def _names(values: Iterable[str]) -> str:
    return ", ".join(values)


def validate_workflow(spec: WorkflowSpec) -> None:
    """Raise :class:`WorkflowDefinitionError` at the first problem in ``spec``."""

    def fail(path: str, message: str) -> WorkflowDefinitionError:
        return WorkflowDefinitionError(spec.source, path, message)

    source = Path(spec.source)
    if source.suffix in (".yaml", ".yml") and spec.id != source.stem:
        raise fail("id", f"id-en «{spec.id}» må være lik filnavnet uten endelse («{source.stem}»)")
    for i, setting in enumerate(spec.settings):
        if setting not in SETTINGS:
            raise fail(join("settings", i), f"ukjent virkeområde «{setting}»; kjente er: {_names(SETTINGS)}")
    if len(set(spec.settings)) != len(spec.settings):
        raise fail("settings", "et virkeområde står mer enn én gang")
    if spec.valid_to is not None and spec.valid_to < spec.valid_from:
        raise fail("valid_to", f"gyldig til ({spec.valid_to}) er før gyldig fra ({spec.valid_from})")
    if spec.plan_who_field not in PLAN_WHO_FIELDS:
        raise fail("plan_who_field", f"ukjent verdi «{spec.plan_who_field}»; kjente er: {_names(PLAN_WHO_FIELDS)}")

    _validate_duties(spec, fail)
    triggers = _validate_tracks(spec, fail)

    for trigger in spec.steps:
        if trigger not in triggers:
            raise fail(join("steps", trigger), f"«{trigger}» er ikke et steg i noen overgang i denne arbeidsflyten")
    for trigger in triggers:
        if trigger not in spec.steps:
            raise fail("steps", f"steget «{trigger}» mangler tekster under steps (label, not_yet, missing)")
    for trigger in spec.not_in_law:
        path = join("not_in_law", trigger)
        if trigger not in EVENT_TYPES:
            raise fail(path, f"ukjent hendelsestype «{trigger}»; kjente er: {_names(EVENT_TYPES)}")
        if trigger in triggers:
            raise fail(path, f"«{trigger}» er et steg i arbeidsflyten og kan ikke samtidig stå under not_in_law")


def _validate_duties(spec: WorkflowSpec, fail: _Fail) -> None:
    for duty_id, duty in spec.duties.items():
        path = join("duties", duty_id)
        if duty_id not in DUTIES:
            raise fail(path, f"ukjent plikt «{duty_id}»; de ti pliktene er: {_names(DUTIES)}")
        if duty.applies and duty.legal_ref is None:
            raise fail(join(path, "legal_ref"), "en plikt som gjelder, må ha en lovhenvisning")
        if not duty.applies and not duty.note:
            raise fail(join(path, "note"), "en plikt som ikke gjelder (applies: false), må ha en note som sier hvorfor")
    for duty_id in DUTIES:
        if duty_id not in spec.duties:
            raise fail("duties", f"plikten «{duty_id}» mangler; alle de ti pliktene må stå i arbeidsflyten")


def _validate_tracks(spec: WorkflowSpec, fail: _Fail) -> set[str]:
    """Check every track; the triggers of the whole workflow."""
    track_of: dict[str, str] = {}
    track_ids: set[str] = set()
    for i, track in enumerate(spec.tracks):
        path = join("tracks", i)
        if track.id in track_ids:
            raise fail(join(path, "id"), f"sporet «{track.id}» står mer enn én gang")
        track_ids.add(track.id)
        _validate_track(spec, track, path, fail)
        for j, t in enumerate(track.transitions):
            owner = track_of.setdefault(t.trigger, track.id)
            if owner != track.id:
                raise fail(
                    join(join(join(path, "transitions"), j), "trigger"),
                    f"steget «{t.trigger}» hører allerede til sporet «{owner}»; et steg kan bare høre til ett spor",
                )
    return set(track_of)


def _validate_track(spec: WorkflowSpec, track: TrackSpec, path: str, fail: _Fail) -> None:
    states: dict[str, int] = {}
    for j, state in enumerate(track.states):
        if state.id in states:
            raise fail(join(join(join(path, "states"), j), "id"), f"tilstanden «{state.id}» står mer enn én gang")
        states[state.id] = j
    if track.initial not in states:
        raise fail(join(path, "initial"), f"starttilstanden «{track.initial}» er ikke en tilstand i sporet")

    def known(state_id: str, where: str) -> None:
        if state_id not in states:
            raise fail(where, f"«{state_id}» er ikke en tilstand i sporet «{track.id}»; tilstandene er: {_names(states)}")

    #: (source, trigger) -> index of an earlier transition without guards
    unguarded: dict[tuple[str, str], int] = {}
    for k, t in enumerate(track.transitions):
        tpath = join(join(path, "transitions"), k)
        if t.trigger not in EVENT_TYPES:
            raise fail(join(tpath, "trigger"), f"ukjent hendelsestype «{t.trigger}»; kjente er: {_names(EVENT_TYPES)}")
        seen: set[str] = set()
        for m, source in enumerate(t.sources):
            known(source, join(join(tpath, "sources"), m))
            if source in seen:
                raise fail(join(join(tpath, "sources"), m), f"tilstanden «{source}» står to ganger")
            seen.add(source)
        if t.dest is not None:
            known(t.dest, join(tpath, "dest"))
        for m, name in enumerate(t.guards):
            gpath = join(join(tpath, "guards"), m)
            guard = GUARDS.get(name)
            if guard is None:
                raise fail(gpath, f"ukjent vilkår (guard) «{name}»; kjente vilkår er: {_names(sorted(GUARDS))}")
            for setting in guard.requires:
                if getattr(spec, setting, None) is None:
                    raise fail(gpath, f"vilkåret «{name}» krever at arbeidsflyten har «{setting}»")
        for source in t.sources:
            earlier = unguarded.get((source, t.trigger))
            if earlier is not None:
                raise fail(
                    tpath,
                    f"overgangen kan aldri tas fra «{source}»: overgang nr. {earlier} for det samme steget "
                    "kommer før og har ingen vilkår",
                )
            if not t.guards:
                unguarded[(source, t.trigger)] = k
            if track.state(source).final and t.dest not in (None, source):
                raise fail(tpath, f"tilstanden «{source}» er en sluttilstand (final) og kan ikke ha overganger videre")

    # Reachability from the initial state, and no trap states.
    exits: dict[str, set[str]] = {s: set() for s in states}
    for t in track.transitions:
        if t.dest is not None:
            for source in t.sources:
                if t.dest != source:
                    exits[source].add(t.dest)
    reached = {track.initial}
    queue = deque([track.initial])
    while queue:
        for nxt in exits[queue.popleft()]:
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    for j, state in enumerate(track.states):
        spath = join(join(path, "states"), j)
        if state.id not in reached:
            raise fail(spath, f"tilstanden «{state.id}» kan ikke nås fra starttilstanden «{track.initial}»")
        if not exits[state.id] and not state.final:
            raise fail(spath, f"tilstanden «{state.id}» har ingen vei videre; merk den med final: true om det er meningen")


def validate_registry(specs: Iterable[WorkflowSpec]) -> None:
    """Checks across files: unique ids; for each setting at most one workflow in force on a day;
    and workflows of one setting that share a track use the same states in it, so that a case
    spanning a change in the law continues where it was."""
    seen: dict[str, WorkflowSpec] = {}
    ordered = sorted(specs, key=lambda s: (s.valid_from, s.id))
    for spec in ordered:
        if spec.id in seen:
            raise WorkflowDefinitionError(spec.source, "id", f"id-en «{spec.id}» brukes også i {seen[spec.id].source}")
        seen[spec.id] = spec
    for i, spec in enumerate(ordered):
        for other in ordered[:i]:
            common = set(spec.settings) & set(other.settings)
            if not common:
                continue
            if other.valid_to is None or other.valid_to >= spec.valid_from:
                raise WorkflowDefinitionError(
                    spec.source, "valid_from",
                    f"gyldighetsperioden overlapper med {other.id} ({other.source}) for {_names(sorted(common))}: "
                    "bare én arbeidsflyt kan gjelde på en dag",
                )
            for j, track in enumerate(spec.tracks):
                for previous in other.tracks:
                    if previous.id != track.id:
                        continue
                    mine = {s.id for s in track.states}
                    theirs = {s.id for s in previous.states}
                    if mine != theirs:
                        diff = sorted(mine ^ theirs)
                        raise WorkflowDefinitionError(
                            spec.source, join(join("tracks", j), "states"),
                            f"sporet «{track.id}» må ha de samme tilstandene som i {other.id}, slik at en sak "
                            f"fortsetter over lovskiftet (forskjell: {_names(diff)})",
                        )
