#!/usr/bin/env python3
"""Checks that schema/flow.schema.json refuses what its rules forbid, so that the schema tests
that validate flowc's output could fail: each case breaks one rule of a valid golden output.

usage: reject.py SCHEMA_DIR GOLDEN_DIR
Prints one line per case and exits non-zero when the schema accepts a broken document (or
refuses an untouched one).
"""
import copy
import json
import pathlib
import sys

import jsonschema


def node(doc, node_type, pick=lambda n: True):
    return next(n for n in doc["nodes"] if n["type"] == node_type and pick(n))


def has_failure(n):
    return len(n["transitions"]) == 1


def hours_condition(outcome, node_id="s0"):
    return {"type": "hours", "value": "${hours.%s.outcome}" % node_id, "operator": "equals",
            "comparisonValue": outcome}


def main() -> int:
    schema_dir, golden = map(pathlib.Path, sys.argv[1:3])
    schema = json.loads((schema_dir / "flow.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    transfers = json.loads((golden / "stmt_transfer_v2/expected/Main.json").read_text())
    hours = json.loads((golden / "stmt_hours/expected/Branch.json").read_text())
    simple = json.loads((golden / "stmt_hours/expected/Simple.json").read_text())
    audio = json.loads((golden / "audio/expected/AudioLine.json").read_text())

    def played(doc):  # Welcome + pause(500) + "..."
        return node(doc, "play", lambda n: isinstance(n["prompt"], dict))
    bilingual = json.loads((golden / "languages/expected/Bilingual.json").read_text())
    greet = json.loads((golden / "languages/expected/Greet.json").read_text())
    inqueue = json.loads((golden / "inqueue/expected/SalesHold.json").read_text())
    inbound = json.loads((golden / "inqueue/expected/Main.json").read_text())
    secure = json.loads((golden / "secure/expected/SecureLine.json").read_text())
    actions = json.loads((golden / "data_actions/expected/Main.json").read_text())

    def named(doc):
        return node(doc, "transferToQueue", lambda n: "skills" in n)

    cases = [
        ("queue name without its reference beside a queueId expression", transfers,
         lambda d: node(d, "transferToQueue", lambda n: n.get("queueId", "").startswith("${"))
         .update(queueName="Support")),
        ("queue with neither queueId nor queueName", transfers,
         lambda d: node(d, "transferToQueue", lambda n: "queueName" in n and "queueId" not in n)
         .pop("queueName")),
        ("queueId that is neither a reference nor an expression", transfers,
         lambda d: named(d).update(queueId="Sales")),
        ("skill that is a queue reference", transfers,
         lambda d: named(d)["skills"].__setitem__(0, "ref:queue:Sales")),
        ("languageSkill that is a skill reference", transfers,
         lambda d: named(d).update(languageSkill="ref:skill:Spanish")),
        ("in-queue flow id without its name", transfers,
         lambda d: named(d).pop("inQueueFlowName")),
        ("priority that is text", transfers, lambda d: named(d).update(priority="5")),
        ("transfer whose failure transition has a condition", transfers,
         lambda d: named(d)["transitions"][0]["conditions"].append(hours_condition("open"))),
        ("transfer with two transitions", transfers,
         lambda d: named(d)["transitions"].append(copy.deepcopy(named(d)["transitions"][0]))),
        ("voicemail with transfer options", transfers,
         lambda d: node(d, "transferToVoicemail").update(priority=1)),
        ("number transfer with two transitions", transfers,
         lambda d: node(d, "transferToNumber")["transitions"].extend(
             copy.deepcopy(node(d, "transferToNumber")["transitions"]))),
        ("transfer to a flow without flowName", transfers,
         lambda d: node(d, "transferToFlow").pop("flowName")),
        ("hours with a default transition", simple,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"][0].update(conditions=[])),
        ("hours missing an outcome", simple,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"].pop()),
        ("hours with an outcome twice", simple,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"][2]["conditions"][0]
         .update(comparisonValue="open")),
        ("emergency outcome without an emergency group", simple,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"].append(
             {"id": "s0.emergency", "target": "end", "conditions": [hours_condition("emergency")]})),
        ("emergency group without its outcome", hours,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"].pop()),
        ("schedule group that is a queue reference", hours,
         lambda d: node(d, "evaluateScheduleGroup").update(scheduleGroupId="ref:queue:Tellers")),
        ("hours condition with an unknown outcome", hours,
         lambda d: node(d, "evaluateScheduleGroup")["transitions"][0]["conditions"][0]
         .update(comparisonValue="lunch")),
        ("setLanguage without its language", bilingual,
         lambda d: node(d, "setLanguage").pop("language")),
        ("setLanguage with a malformed code", bilingual,
         lambda d: node(d, "setLanguage").update(language="en_US")),
        ("setLanguage with two transitions", bilingual,
         lambda d: node(d, "setLanguage")["transitions"].extend(
             copy.deepcopy(node(d, "setLanguage")["transitions"]))),
        ("flow language with an upper-case code", bilingual,
         lambda d: d["languages"][0].update(code="en-US")),
        ("flow language with an empty voice", bilingual,
         lambda d: d["languages"][1].update(voice="")),
        ("empty errorPrompt", bilingual, lambda d: d.update(errorPrompt="")),
        ("loop count that is text, not an expression", greet,
         lambda d: node(d, "loop").update(maxIterations="attempts")),
        ("loop count of zero", greet, lambda d: node(d, "loop").update(maxIterations=0)),
        ("variable of an unknown type", transfers,
         lambda d: d["variables"][0].update(type="timestamp")),
        ("audio without bargeIn", audio,
         lambda d: played(d)["prompt"].pop("bargeIn")),
        ("audio with no parts", audio,
         lambda d: played(d)["prompt"].update(audio=[])),
        ("audio part with two kinds", audio,
         lambda d: played(d)["prompt"]["audio"][1].update(tts="x")),
        ("audio part of an unknown kind", audio,
         lambda d: played(d)["prompt"]["audio"].append({"music": "x"})),
        ("negative pause", audio,
         lambda d: played(d)["prompt"]["audio"][1].update(pause=-1)),
        ("audio variable part that is not an expression", audio,
         lambda d: node(d, "play", lambda n: "value" in str(n["prompt"]))["prompt"]["audio"][0]
         .update(value="intro")),
        ("in-queue flow without holdMusic", inqueue, lambda d: d.pop("holdMusic")),
        ("holdMusic on an inbound flow", inbound, lambda d: d.update(holdMusic=None)),
        ("holdMusic that is a queue reference", inqueue,
         lambda d: d.update(holdMusic="ref:queue:Sales")),
        ("hold without seconds", inqueue, lambda d: node(d, "hold").pop("seconds")),
        ("hold with a failure transition", inqueue,
         lambda d: node(d, "hold")["transitions"].append(
             {"id": "s1.failure", "target": "end", "conditions": [hours_condition("open")]})),
        ("callback without a number", inqueue,
         lambda d: node(d, "createCallback").pop("callbackNumber")),
        ("callback without a default transition", inqueue,
         lambda d: node(d, "createCallback")["transitions"][0].update(
             conditions=[{"type": "callback", "value": "${callback.x.status}",
                          "operator": "equals", "comparisonValue": "failed"}])),
        ("callback failure with an hours condition", inqueue,
         lambda d: node(d, "createCallback")["transitions"].insert(
             0, {"id": "x.failure", "target": "end", "conditions": [hours_condition("open")]})),
        ("end that restarts with return variables", inqueue,
         lambda d: node(d, "end", lambda n: n["action"] == "restart").update(returnVariables={})),
        ("end with an unknown action", inqueue,
         lambda d: node(d, "end", lambda n: n["action"] == "restart").update(action="loop")),
        # -- issue 20: secure values --
        ("a secure variable that is not a string", secure,
         lambda d: d["variables"][0].update(type="int")),
        ("secure: false written out (the mark is present only when true)", secure,
         lambda d: d["variables"][0].update(secure=False)),
        ("a secure collect node with secure: \"yes\"", secure,
         lambda d: node(d, "collect").update(secure="yes")),
        # -- issue 20: data actions --
        ("a data action without its integration", actions,
         lambda d: node(d, "dataAction").pop("integration")),
        ("a data action without its name", actions,
         lambda d: node(d, "dataAction").pop("dataActionName")),
        ("a data action with a timeout of 0 seconds", actions,
         lambda d: node(d, "dataAction").update(timeoutSeconds=0)),
        ("a data action whose outcome is neither failure nor timeout", actions,
         lambda d: node(d, "dataAction")["transitions"][0]["conditions"][0].update(
             comparisonValue="error")),
        ("a data action without its default transition", actions,
         lambda d: node(d, "dataAction")["transitions"].pop()),
        ("a collect node asking for at least 1 digit in minDigits (written only above 1)", secure,
         lambda d: node(d, "collect").update(minDigits=1)),
    ]
    failed = refused = 0
    for doc in (transfers, hours, simple, audio, bilingual, greet, inqueue, inbound, secure,
                actions):
        for error in validator.iter_errors(doc):
            failed += 1
            print(f"FAIL an untouched golden output is refused: {error.message}")
    for what, doc, breaks in cases:
        broken = copy.deepcopy(doc)
        breaks(broken)
        if validator.is_valid(broken):
            failed += 1
            print(f"FAIL accepted: {what}")
        else:
            refused += 1
            print(f"ok   refused: {what}")
    print(f"{refused} refused, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
