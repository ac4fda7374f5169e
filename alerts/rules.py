"""Alert rules and their channels (`alerts.channels`): the model, YAML loading, the default rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from alerts.channels import Channel
from search.calendar import Calendar
from search.dates import DEFAULT_TIMEZONE, utc_offset
from search.query import MAX_QUERY_CHARS, QuerySyntaxError, parse

Severity = Literal["info", "warning", "critical"]
# Field sizes: rules arrive through the API too, and a rule is read on every article.
Text = Annotated[str, StringConstraints(max_length=200)]
Values = Annotated[list[Text], Field(max_length=200)]


class RulesError(ValueError):
    """A rules file (or rules given through the API) cannot be used; the message says why."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rule(_Frozen):
    """When an enriched article fires an alert, how severe it is, and who must hear of it.

    The list criteria (topics, entities, agencies, roles, regions, sources, keywords) are
    combined by `match`: `all` needs every criterion given, `any` needs one of them. Within
    a list, one value is enough. `election_related` and `min_score` always filter.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)
    name: Text = ""
    enabled: bool = True
    match: Literal["all", "any"] = "all"
    topics: Values = Field(default_factory=list)
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)
    entities: Values = Field(default_factory=list, description="canonical ids or codes")
    agencies: Values = Field(default_factory=list, description="ORG canonical ids")
    roles: list[Literal["official", "candidate", "other"]] = Field(default_factory=list)
    regions: Values = Field(default_factory=list, description="Kemendagri code prefixes")
    sources: Values = Field(default_factory=list)
    keywords: str = Field(
        default="", max_length=MAX_QUERY_CHARS, description='search syntax: words, "phrase", -word'
    )
    election_related: bool | None = None
    during: Values = Field(
        default_factory=list,
        description="election stages (`masa_tenang`, `pilkada2024:masa_tenang`): the rule "
        "fires only on articles published (else crawled) in one of them",
    )
    timezone: str = Field(
        default=DEFAULT_TIMEZONE, max_length=64, description="the zone of the stages' days"
    )
    severity: Severity = "warning"
    offices: Values = Field(default_factory=list, description="always routed to these")
    route_by_region: bool = True
    channels: Values = Field(default_factory=list)

    @field_validator("keywords")
    @classmethod
    def _keywords_parse(cls, value: str) -> str:
        try:
            parse(value)
        except QuerySyntaxError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("during")
    @classmethod
    def _stages_known(cls, value: list[str]) -> list[str]:
        calendar = Calendar.current()
        for key in value:
            calendar.stage(key)  # CalendarError (a ValueError) names the known stages
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            utc_offset(value)
        except QuerySyntaxError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @model_validator(mode="after")
    def _has_criteria(self) -> Rule:
        if not self.criteria():
            raise ValueError(f"rule {self.id!r} has no criteria: it would fire on everything")
        return self

    def criteria(self) -> list[str]:
        names = ("topics", "entities", "agencies", "roles", "regions", "sources", "keywords")
        return [n for n in names if getattr(self, n)]

    @property
    def label(self) -> str:
        return self.name or self.id


DEFAULT_RULE = Rule(
    id="netralitas_asn",
    name="Netralitas ASN",
    topics=["netralitas_asn"],
    min_score=0.6,
    election_related=True,
    severity="critical",
    route_by_region=True,
)
# Campaigning is forbidden in masa tenang: campaign activity or campaign material
# (APK) reported in those days is a violation to act on at once.
QUIET_PERIOD_RULE = Rule(
    id="kampanye_masa_tenang",
    name="Kampanye di masa tenang",
    topics=["kampanye", "apk"],
    min_score=0.5,
    election_related=True,
    during=["masa_tenang"],
    severity="critical",
    route_by_region=True,
)
BUILT_IN_RULES = (DEFAULT_RULE, QUIET_PERIOD_RULE)


class RuleSet(_Frozen):
    """Rules plus the channels they deliver to and each office's own channels."""

    rules: list[Rule] = Field(default_factory=list)
    channels: dict[str, Channel] = Field(default_factory=dict)
    offices: dict[str, list[str]] = Field(
        default_factory=dict, description="office name -> channel names"
    )

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids: {', '.join(dupes)}")
        wanted = [(f"rule {r.id!r}", c) for r in self.rules for c in r.channels]
        wanted += [(f"office {o!r}", c) for o, chans in self.offices.items() for c in chans]
        missing = [
            f"{who} uses unknown channel {c!r}" for who, c in wanted if c not in self.channels
        ]
        if missing:
            raise ValueError("; ".join(missing))
        return self

    def with_rules(self, extra: Sequence[Rule]) -> RuleSet:
        """These rules plus `extra` (rules added through the API replace same-id ones);
        raises RulesError when an extra rule uses a channel this set does not have."""
        mine = {r.id: r for r in extra}
        rules = [mine.pop(r.id, r) for r in self.rules] + list(mine.values())
        try:
            return RuleSet.model_validate(
                {"rules": rules, "channels": self.channels, "offices": self.offices}
            )
        except ValidationError as exc:
            raise RulesError(_explain(exc)) from exc

    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def channels_for(self, rule: Rule, offices: Sequence[str]) -> list[str]:
        """Rule channels, then each routed office's channels, each channel once."""
        names = list(rule.channels)
        for office in offices:
            names.extend(self.offices.get(office, []))
        return list(dict.fromkeys(names))


def rules_from_data(data: Mapping[str, Any], *, default_rule: bool = True) -> RuleSet:
    """Build a RuleSet from parsed YAML/JSON (a file or an API body).

    The built-in rules (`netralitas_asn`, `kampanye_masa_tenang`) come first, each
    replaced by a rule of the data with its id (to change it); none when `default_rule`
    is false.
    """
    try:
        ruleset = RuleSet.model_validate(dict(data))
    except ValidationError as exc:
        raise RulesError(_explain(exc)) from exc
    if default_rule:  # built-ins first; a rule of the data with a built-in's id in its place
        given = {r.id: r for r in ruleset.rules}
        built_in = [given.get(r.id, _in_calendar(r)) for r in BUILT_IN_RULES]
        rest = [r for r in ruleset.rules if r not in built_in]
        ruleset = ruleset.model_copy(update={"rules": [*built_in, *rest]})
    return ruleset


def _in_calendar(rule: Rule) -> Rule:
    """A built-in rule, its stages checked against the calendar in use (a custom calendar
    may lack `masa_tenang`), which was not yet installed when the rule was made."""
    try:
        Rule._stages_known(rule.during)
    except ValueError as exc:
        raise RulesError(
            f"built-in rule {rule.id!r}: {exc}. Add the stage to the election calendar, "
            f"or replace the rule in the rules file (a rule with id {rule.id!r})"
        ) from exc
    return rule


def load_rules(path: Path | None, *, default_rule: bool = True) -> RuleSet:
    """Rules from a YAML file (or only the default rule when `path` is None)."""
    if path is None:
        return rules_from_data({}, default_rule=default_rule)
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"cannot read rules file {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"rules file {path} is not valid YAML: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RulesError(f"rules file {path}: expected a mapping with `rules:`")
    try:
        return rules_from_data(data, default_rule=default_rule)
    except RulesError as exc:
        raise RulesError(f"rules file {path}: {exc}") from exc


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{where}: {err['msg']}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")
