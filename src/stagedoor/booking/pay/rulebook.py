"""An organisation's pay rules as people set and read them: the rules by name, each with
its words, read from any face (page, API, command, admin), checked by `engine.pay.rules`,
and told back in sentences.

A *snapshot* is every rule of one organisation as plain JSON (decimals as strings), what
`PayRulesChange` keeps before and after each change:

    {"min_call_hours": "4", "overtime": [["8", "1.5"], ["12", "2"]], "meal_after_hours": "5",
     "meal_break_minutes": 30, "meal_penalty": "15.00", "meal_penalty_interval_minutes": 30,
     "turnaround_hours": 10, "turnaround_multiplier": "2", "late_cancel_hours": "4",
     "day_rate_hours": "10", "workday_starts": 6}

`turnaround_hours` is the organisation's rest between calls (`Organisation.turnaround_hours`),
which the bookings check too; the rest live on `PayRules`. An organisation without stored
rules is paid under the engine's defaults, and so reads them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from stagedoor.core.validation import Errors
from stagedoor.engine.pay.rules import PayRules as EngineRules
from stagedoor.engine.pay.rules import validate_rules
from stagedoor.industry.models import Organisation

from ..models import PayRules

MAX_TIERS = 3
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    name: str
    label: str  # how the page and every refusal name it
    kind: str  # "hours" (decimal), "times" (multiplier), "money", "minutes", "whole", "clock"
    high: Decimal  # the most anyone would mean; the engine checks the least


MINUTES = Decimal(240)
RULES = (
    Rule("min_call_hours", "Minimum call (hours)", "hours", Decimal(24)),
    Rule("overtime", "Overtime", "tiers", Decimal(24)),
    Rule("meal_after_hours", "Meal due after (hours of work)", "hours", Decimal(24)),
    Rule("meal_break_minutes", "Shortest break that is a meal (minutes)", "minutes", MINUTES),
    Rule("meal_penalty", "Meal penalty (in the call's currency)", "money", Decimal(10000)),
    Rule("meal_penalty_interval_minutes", "Another penalty every (minutes)", "minutes", MINUTES),
    Rule("turnaround_hours", "Rest owed between workdays (hours)", "whole", Decimal(24)),
    Rule("turnaround_multiplier", "Pay inside the rest (times the rate)", "times", Decimal(10)),
    Rule("late_cancel_hours", "A late cancellation pays (hours)", "hours", Decimal(24)),
    Rule("day_rate_hours", "A day rate covers (hours)", "hours", Decimal(24)),
    Rule("workday_starts", "A new workday begins at (hour, 0-23)", "clock", Decimal(23)),
)  # fmt: skip
BY_NAME = {rule.name: rule for rule in RULES}
WHOLE = {"minutes", "whole", "clock"}
OVERTIME_HIGH = Decimal(10)  # the highest overtime multiplier


def number(value: Decimal) -> str:
    """'4', '1.5', '12.25': a decimal as people write it."""
    return f"{Decimal(value).normalize():f}"


def _stored_value(name: str, value):
    if BY_NAME[name].kind == "money":
        return str(Decimal(value).quantize(CENTS))
    if BY_NAME[name].kind in WHOLE:
        return int(value)
    return number(value)


def snapshot(organisation: Organisation, stored: PayRules | None = None) -> dict:
    """Every rule of `organisation` as JSON; the stored rules, else the engine's defaults."""
    source = stored if stored is not None else EngineRules()
    values: dict = {}
    for rule in RULES:
        if rule.name == "overtime":
            tiers = (stored.overtime if stored is not None else None) or [
                [number(a), number(m)] for a, m in EngineRules().overtime
            ]
            values["overtime"] = [[str(a), str(m)] for a, m in tiers]
        elif rule.name == "turnaround_hours":
            values["turnaround_hours"] = int(organisation.turnaround_hours)
        else:
            values[rule.name] = _stored_value(rule.name, getattr(source, rule.name))
    return values


def current(organisation: Organisation) -> dict:
    return snapshot(organisation, PayRules.objects.filter(organisation=organisation).first())


# --- reading what people typed --------------------------------------------------------------


def _decimal(errors: Errors, rule: Rule, raw, label: str | None = None, high=None):
    label = label or rule.label
    if isinstance(raw, bool) or raw is None or (isinstance(raw, str) and not raw.strip()):
        errors.add(rule.name, f"{label}: give a number.")
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors.add(rule.name, f"{label}: '{raw}' is not a number.")
        return None
    if not value.is_finite():
        errors.add(rule.name, f"{label}: '{raw}' is not a number.")
        return None
    if rule.kind in WHOLE and value != value.to_integral_value():
        errors.add(rule.name, f"{label}: give a whole number, not {raw}.")
        return None
    if value.as_tuple().exponent < -2 and value != value.quantize(CENTS):
        errors.add(rule.name, f"{label}: at most two decimal places, not {raw}.")
        return None
    high = rule.high if high is None else high
    if value > high:
        errors.add(rule.name, f"{label}: at most {number(high)}, not {number(value)}.")
        return None
    return value


def _tiers(errors: Errors, raw) -> list | None:
    rule = BY_NAME["overtime"]
    if isinstance(raw, str):  # "8:1.5, 12:2" from the command line
        raw = [part.split(":") for part in raw.replace(" ", "").split(",") if part]
    if not isinstance(raw, list | tuple):
        errors.add("overtime", "Overtime: give tiers as [after hours, multiplier] pairs.")
        return None
    if not raw:
        errors.add("overtime", "Overtime: give at least one tier, e.g. after 8 hours at 1.5x.")
        return None
    if len(raw) > MAX_TIERS:
        errors.add("overtime", f"Overtime: at most {MAX_TIERS} tiers, not {len(raw)}.")
        return None
    tiers, ok = [], True
    for number_, tier in enumerate(raw, start=1):
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            errors.add("overtime", f"Overtime tier {number_}: give [after hours, multiplier].")
            ok = False
            continue
        after = _decimal(errors, rule, tier[0], f"Overtime tier {number_} (after hours)")
        mult = _decimal(
            errors, rule, tier[1], f"Overtime tier {number_} (multiplier)", OVERTIME_HIGH
        )
        ok = ok and after is not None and mult is not None
        tiers.append([after, mult])
    return tiers if ok else None  # fmt: skip


def _engine_reason(name: str, reason: str) -> str:
    if name == "overtime":  # "tier 2: thresholds must be ascending"
        tier, _, why = reason.partition(": ")
        why = {
            "thresholds must be ascending": "must start later than the tier before it",
            "multipliers must not decrease": "must not pay less than the tier before it",
            "hours must be a Decimal >= 0": "must start at 0 hours or later",
            "multiplier must be a Decimal >= 1": "must pay at least 1x the rate",
        }.get(why, why)
        return f"Overtime {tier}: {why}."
    rule = BY_NAME[name]
    if reason.startswith("must be between "):  # the engine's widest sane range, not ours
        low = reason.removeprefix("must be between ").split(" ")[0]
        reason = f"must be between {low} and {number(rule.high)}"
    return f"{rule.label}: {reason}."


def checked(organisation: Organisation, before: dict, changes: Mapping[str, object]) -> dict:
    """The snapshot `before` with `changes` applied, once every value reads and the engine
    accepts the whole set; else ValidationError naming each field and the reason."""
    errors = Errors()
    if not isinstance(changes, Mapping):
        errors.add("__all__", "Give the rules to change as names and values.")
        errors.raise_if_any()
    typed: dict = {}
    for name, raw in changes.items():
        rule = BY_NAME.get(name)
        if rule is None:
            known = ", ".join(BY_NAME)
            errors.add(str(name), f"'{name}' is not a pay rule; the rules are {known}.")
        elif name == "overtime":
            typed[name] = _tiers(errors, raw)
        else:
            typed[name] = _decimal(errors, rule, raw)
    errors.raise_if_any()
    after = dict(before)
    for name, value in typed.items():
        if name == "overtime":
            after[name] = [[number(a), number(m)] for a, m in value]
        else:
            after[name] = _stored_value(name, value)
    for name, reason in validate_rules(engine_values(after)):
        errors.add(name, _engine_reason(name, reason))
    errors.raise_if_any()
    return after


def engine_values(values: Mapping) -> EngineRules:
    """A snapshot as the engine's rules."""
    fields = {
        name: (int(value) if BY_NAME[name].kind in WHOLE else Decimal(str(value)))
        for name, value in values.items()
        if name != "overtime"
    }
    fields["turnaround_hours"] = Decimal(values["turnaround_hours"])
    tiers = tuple((Decimal(a), Decimal(m)) for a, m in values["overtime"])
    return EngineRules(overtime=tiers, **fields)


# --- telling them back ----------------------------------------------------------------------


def shown(name: str, value) -> str:
    """One rule's value with its unit: '4 h', '1.5x', '15.00', '30 min', '06:00'."""
    kind = BY_NAME[name].kind
    if name == "overtime":
        return ", ".join(f"after {number(Decimal(a))} h {number(Decimal(m))}x" for a, m in value)
    if kind in {"hours", "whole"}:
        return f"{number(Decimal(str(value)))} h"
    if kind == "times":
        return f"{number(Decimal(value))}x"
    if kind == "minutes":
        return f"{value} min"
    if kind == "clock":
        return f"{int(value):02d}:00"
    return str(value)


def in_words(values: Mapping) -> list[str]:
    """The rules as sentences, in the order the page asks for them."""
    v = {name: shown(name, value) for name, value in values.items()}
    if Decimal(values["meal_penalty"]) == 0:
        missed = "A missed meal costs nothing extra."
    elif values["meal_penalty_interval_minutes"] == 0:
        missed = f"A missed meal costs {v['meal_penalty']} in the call's currency, once per meal."
    else:
        missed = (
            f"A missed meal costs {v['meal_penalty']} in the call's currency, and again every "
            f"{v['meal_penalty_interval_minutes']} it stays missed."
        )
    return [
        f"An hourly call pays at least {v['min_call_hours']}.",
        f"Overtime in a workday: {v['overtime']} the rate.",
        f"A meal is due {v['meal_after_hours']} after the start and after each meal; a break of "
        f"{v['meal_break_minutes']} or more counts as one. {missed}",
        f"Crew are owed {v['turnaround_hours']} of rest between workdays; work inside it pays "
        f"at least {v['turnaround_multiplier']} the rate.",
        f"A call cancelled late pays {v['late_cancel_hours']} at the straight rate (a day or "
        "flat rate in full).",
        f"A day rate covers {v['day_rate_hours']}; later hours pay the hourly equivalent.",
        f"A new workday begins at {v['workday_starts']}.",
    ]


def differences(before: Mapping, after: Mapping) -> list[str]:
    """'Minimum call (hours): 4 h to 5 h', one line per rule that changed."""
    lines = []
    for rule in RULES:
        old, new = before.get(rule.name), after.get(rule.name)
        if old is not None and new is not None and old != new:
            lines.append(f"{rule.label}: {shown(rule.name, old)} to {shown(rule.name, new)}")
    return lines
