#!/usr/bin/env python3
"""Reads the GitHub Action (action.yml) as a runner would, for tests/action.sh.

  action_step.py ACTION inputs          prints each input: name, tab, default
  action_step.py ACTION check           checks the action's shape (see below)
  action_step.py ACTION uses            prints each step that uses another action:
                                        id, the action, its condition, its inputs (JSON)
  action_step.py ACTION step ID VALUES  prints a shell script: the step's env
                                        exported, then its run script

VALUES is a JSON object: {"inputs": {...}, "steps": {"ID": {"NAME": value}}};
an input not given takes its default. A step's env may use only
${{ inputs.NAME }} and ${{ steps.ID.outputs.NAME }}; any other expression is
an error, as is an expression inside a run script (inputs reach scripts only
through env)."""
import json
import re
import shlex
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def evaluate(text, action, values, where):
    def one(m):
        e = m.group(1)
        parts = e.split(".")
        if len(parts) == 2 and parts[0] == "inputs":
            name = parts[1]
            if name not in action["inputs"]:
                sys.exit(f"{where}: no input {name}")
            given = values.get("inputs", {})
            return str(given.get(name, action["inputs"][name].get("default", "")))
        if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs":
            return str(values.get("steps", {}).get(parts[1], {}).get(parts[3], ""))
        sys.exit(f"{where}: expression not allowed in a shell step's env: {e}")

    return EXPR.sub(one, str(text))


def check(action):
    bad = []
    if action.get("runs", {}).get("using") != "composite":
        bad.append("not a composite action")
    for s in action["runs"]["steps"]:
        if "run" in s:
            if EXPR.search(s["run"]):
                bad.append(f"step {s.get('id')}: an expression inside its run script")
            if s.get("shell") != "bash":
                bad.append(f"step {s.get('id')}: shell is not bash")
    for name, i in action["inputs"].items():
        if "description" not in i:
            bad.append(f"input {name}: no description")
    return bad


def main():
    action = load(sys.argv[1])
    what = sys.argv[2]
    if what == "inputs":
        for name, i in action["inputs"].items():
            print(f"{name}\t{i.get('default', '')}")
    elif what == "uses":
        for s in action["runs"]["steps"]:
            if "uses" in s:
                print(json.dumps({"id": s.get("id"), "uses": s["uses"], "if": s.get("if", ""),
                                  "with": s.get("with", {})}, sort_keys=True))
    elif what == "check":
        bad = check(action)
        for b in bad:
            print(b)
        sys.exit(1 if bad else 0)
    elif what == "step":
        sid, values = sys.argv[3], json.loads(sys.argv[4])
        steps = [s for s in action["runs"]["steps"] if s.get("id") == sid]
        if len(steps) != 1 or "run" not in steps[0]:
            sys.exit(f"no shell step {sid}")
        s = steps[0]
        for k, v in (s.get("env") or {}).items():
            print(f"export {k}={shlex.quote(evaluate(v, action, values, sid))}")
        print(s["run"])
    else:
        sys.exit("usage: action_step.py ACTION inputs|check|step ID VALUES")


main()
