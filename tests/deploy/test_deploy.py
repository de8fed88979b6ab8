#!/usr/bin/env python3
"""flowc deploy against a fake Genesys Cloud API on 127.0.0.1 (fake_genesys.py): every fault
of issue 8, for one flow and for three flows sharing a shared flow. Run by ctest, one class a
test; `FLOWC` names the binary. Waits are scaled by FLOWC_DEPLOY_TIME_SCALE=0.001."""
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_genesys  # noqa: E402
from fake_genesys import CLIENT_ID, CLIENT_SECRET, FakeGenesys  # noqa: E402

FLOWC = os.path.abspath(os.environ.get("FLOWC", "build/flowc"))
ROOT = os.environ.get("FLOWC_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

SHARED = '''@name("Shared Menu")
shared flow SharedMenu(prompt: string) -> <choice: string> {
    menu prompt {
        "1" => choice = "1";
        else => choice = "0";
    }
}
'''
CALLER = '''import "shared.flow";
@name("%(name)s")
@queues("Sales")
inbound flow %(ident)s {
    call SharedMenu(prompt = "%(prompt)s") -> <answer = choice>;
    if answer == "1" {
        transfer "Sales";
    }
}
'''
SINGLE = '''@name("Single Flow")
@queues("Sales")
inbound flow SingleFlow {
    play "Welcome.";
    transfer "Sales";
}
'''

# Everything flowc printed in every test, searched for secrets at the end.
CAPTURED = []


def write_project(root, kind, prompt="Press 1."):
    os.makedirs(root, exist_ok=True)
    if kind == "one":
        files = {"single.flow": SINGLE}
    else:
        files = {"shared.flow": SHARED.replace("prompt: string", "prompt: string") if prompt else SHARED,
                 "a.flow": CALLER % {"name": "Caller A", "ident": "CallerA", "prompt": prompt},
                 "b.flow": CALLER % {"name": "Caller B", "ident": "CallerB", "prompt": prompt}}
    for name, text in files.items():
        with open(os.path.join(root, name), "w") as f:
            f.write(text)
    return root


class DeployCase(unittest.TestCase):
    target = "archy"

    def setUp(self):
        self.fake = FakeGenesys().start()
        self.fake.add_queue("Sales")
        self.dir = tempfile.mkdtemp(prefix="flowc-deploy-")
        self.project = {k: write_project(os.path.join(self.dir, k), k) for k in ("one", "three")}

    def tearDown(self):
        self.fake.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("GENESYSCLOUD_", "GENESYS_CLOUD_"))}
        env.update(GENESYSCLOUD_OAUTHCLIENT_ID=CLIENT_ID,
                   GENESYSCLOUD_OAUTHCLIENT_SECRET=CLIENT_SECRET,
                   FLOWC_DEPLOY_TIME_SCALE="0.001", NO_COLOR="1")
        env.update(extra)
        return {k: v for k, v in env.items() if v is not None}

    def deploy(self, kind="three", *args, env=None, api_base=True, kill_at=None, target=None,
               snippets=False, on_mutation=None):
        """Runs flowc deploy; kill_at=n kills it (SIGKILL) right after the n-th write."""
        cmd = [FLOWC, "deploy", self.project.get(kind, kind), "--target", target or self.target,
               "--poll-interval", "1"] + ([] if snippets else ["--no-snippets"])
        if api_base:
            cmd += ["--api-base", self.fake.base]
        cmd += list(args)
        proc = subprocess.Popen(cmd, cwd=self.dir, env=env or self.env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.last_raw = None
        if kill_at is not None:
            def on_mutation(n):
                if n == kill_at:
                    proc.send_signal(signal.SIGKILL)
            self.fake.on_mutation = on_mutation
        elif on_mutation is not None:
            self.fake.on_mutation = on_mutation
        out, err = proc.communicate(timeout=120)
        self.last_raw = out + err
        self.fake.on_mutation = None
        out, err = out.decode(errors="replace"), err.decode(errors="replace")
        CAPTURED.extend([out, err])
        state = os.path.join(self.dir, ".flowc", "deploy-state.json")
        if os.path.exists(state):
            with open(state) as f:
                CAPTURED.append(f.read())
        return proc.returncode, out, err

    def writes(self):
        return len(self.fake.mutating_requests())

    def uploads(self):
        """Names of the flows uploaded (archy) or created/updated (json), in order."""
        names = []
        for method, path, _, _, body in self.fake.requests:
            if method == "PUT" and path.startswith("/upload/"):
                names.append(re.search(r"name: \"?(.*?)\"?\n", body.decode()).group(1))
            elif method in ("POST", "PUT") and path.startswith("/api/v2/flows") and "jobs" not in path:
                names.append(json.loads(body)["name"])
        return names


class FirstAndSecondRun(DeployCase):
    def test_publishes_shared_flows_first_then_makes_no_writes(self):
        for target in ("archy", "genesys-json"):
            with self.subTest(target=target):
                self.fake.requests.clear()
                code, out, err = self.deploy("three", target=target)
                self.assertEqual(code, 0, err)
                self.assertEqual(self.uploads()[0], "Shared Menu")
                self.assertEqual(sorted(self.uploads()[1:]), ["Caller A", "Caller B"])
                self.assertIn("3 done, 0 unchanged, 0 failed, 0 skipped", out)
                self.assertRegex(err, r"\[1/3\] Shared Menu  (published|created)  \d+\.\d s")
                self.fake.requests.clear()
                code, out, err = self.deploy("three", target=target)
                self.assertEqual(code, 0, err)
                self.assertEqual(self.writes(), 0, "a second run must make no writes")
                self.assertIn("0 done, 3 unchanged", out)
        self.assertEqual(self.fake.violations, [])

    def test_one_flow(self):
        code, out, err = self.deploy("one")
        self.assertEqual(code, 0, err)
        self.assertEqual(self.uploads(), ["Single Flow"])
        self.fake.requests.clear()
        self.assertEqual(self.deploy("one")[0], 0)
        self.assertEqual(self.writes(), 0)

    def test_genesys_json_bodies_carry_real_ids(self):
        code, _, err = self.deploy("three", target="genesys-json")
        self.assertEqual(code, 0, err)  # the fake refuses placeholders and unknown ids
        caller = next(f for f in self.fake.flows.values() if f["name"] == "Caller A")
        shared = next(f for f in self.fake.flows.values() if f["name"] == "Shared Menu")
        text = json.dumps(caller["body"])
        self.assertIn(shared["id"], text)
        self.assertIn(self.fake.queues["Sales"], text)

    def test_verbose_logs_each_request_without_secrets(self):
        code, _, err = self.deploy("one", "--verbose")
        self.assertEqual(code, 0, err)
        self.assertRegex(err, r"POST http://127\.0\.0\.1:\d+/oauth/token -> 200 \(\d+\.\d+ s\)")
        self.assertRegex(err, r"PUT http://127\.0\.0\.1:\d+/upload/job-\d+\?\.\.\. -> 200")
        self.assertNotIn("X-Amz-Signature", err)
        self.assertNotIn("Bearer", err)
        self.assertNotIn(CLIENT_SECRET, err)

    def test_json_events(self):
        code, out, err = self.deploy("three", "--json")
        self.assertEqual(code, 0, err)
        events = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(events[0]["event"], "start")
        self.assertEqual([e["flow"] for e in events if e["event"] == "flow"][0], "Shared Menu")
        self.assertEqual(events[-1]["event"], "summary")
        self.assertEqual(events[-1]["done"], 3)


class Plan(DeployCase):
    def test_plan_after_editing_the_shared_flow(self):
        self.assertEqual(self.deploy("three")[0], 0)
        with open(os.path.join(self.project["three"], "shared.flow"), "a") as f:
            f.write("\n// an edit\n")
        path = os.path.join(self.project["three"], "shared.flow")
        with open(path) as f:
            text = f.read().replace('"1" => choice = "1";', '"1" => choice = "yes";')
        with open(path, "w") as f:
            f.write(text)
        self.fake.requests.clear()
        code, out, err = self.deploy("three", "--plan", "--detailed-exitcode")
        self.assertEqual(code, 2, err)
        self.assertEqual(self.writes(), 0)
        self.assertRegex(out, r"update\s+Shared Menu")
        self.assertRegex(out, r"republish\s+Caller A \[inboundcall\]\s+calls Shared Menu, which changed")
        self.assertRegex(out, r"republish\s+Caller B")
        self.assertEqual(self.deploy("three")[0], 0)
        code, out, _ = self.deploy("three", "--plan", "--detailed-exitcode")
        self.assertEqual(code, 0)
        self.assertIn("0 to change, 3 unchanged", out)

    def test_first_plan_says_create(self):
        code, out, _ = self.deploy("one", "--plan", "--detailed-exitcode")
        self.assertEqual(code, 2)
        self.assertRegex(out, r"create\s+Single Flow")
        self.assertEqual(self.writes(), 0)

    def test_detailed_exitcode_needs_plan(self):
        code, _, err = self.deploy("one", "--detailed-exitcode")
        self.assertEqual(code, 64)
        self.assertIn("needs `--plan`", err)


class Resolution(DeployCase):
    def test_missing_queue_stops_before_any_write(self):
        self.fake.queues.clear()
        for kind in ("one", "three"):
            code, _, err = self.deploy(kind)
            self.assertEqual(code, 1)
            self.assertIn("error[E1005]: the org has no queue `Sales`", err)
            self.assertRegex(err, r"\.flow:\d+:\d+: error\[E1005\]")
            self.assertEqual(self.writes(), 0)

    def v2_project(self):
        path = os.path.join(self.dir, "v2")
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "main.flow"), "w") as f:
            f.write('queue Sales = "Sales";\nqueue Billing = "Billing";\n'
                    'schedule Hours = "Bank Hours";\n'
                    'inbound flow Main {\n'
                    '    hours Hours { open => transfer Billing else {} else => {} }\n'
                    '    transfer Sales;\n}\n')
        return path

    def test_a_declared_queue_is_found_like_a_literal_one(self):
        self.fake.queues.clear()
        self.fake.add_queue("Sales")
        code, _, err = self.deploy(self.v2_project(), target="archy")
        self.assertEqual(code, 1, err)
        self.assertIn("error[E1005]: the org has no queue `Billing` (`Main` names it)", err)
        self.assertEqual(self.writes(), 0)

    def test_genesys_json_bodies_get_the_ids_of_every_resource(self):
        self.fake.add_queue("Billing")
        group = self.fake.add_resource("/api/v2/architect/schedulegroups", "Bank Hours")
        code, _, err = self.deploy(self.v2_project(), target="genesys-json")
        self.assertEqual(code, 0, err)
        body = next(json.loads(b) for m, p, _, _, b in self.fake.requests
                    if m == "POST" and p == "/api/v2/flows")
        self.assertIn(group, json.dumps(body))
        self.assertNotIn("ref:", json.dumps(body))

    def test_two_remote_flows_with_one_identity(self):
        a = self.fake.add_flow("Shared Menu", "commonmodule")
        b = self.fake.add_flow("Shared Menu", "commonmodule")
        self.fake.add_flow("Shared Menu (old)", "commonmodule")  # inexact match, ignored
        code, _, err = self.deploy("three")
        self.assertEqual(code, 1)
        self.assertIn("error[E1004]", err)
        self.assertIn(a, err)
        self.assertIn(b, err)
        self.assertEqual(self.writes(), 0)

    def test_corrupt_state_file_warns_and_recovers(self):
        os.makedirs(os.path.join(self.dir, ".flowc"))
        with open(os.path.join(self.dir, ".flowc", "deploy-state.json"), "w") as f:
            f.write("{ not json")
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0)
        self.assertIn("warning[W1011]", err)
        self.assertEqual(self.deploy("one", "--plan", "--detailed-exitcode")[0], 0)

    def test_source_errors_stop_before_the_network(self):
        with open(os.path.join(self.project["one"], "single.flow"), "a") as f:
            f.write("inbound flow Broken { transfer; }\n")
        code, _, err = self.deploy("one")
        self.assertEqual(code, 1)
        self.assertIn("error[E0101]", err)
        self.assertEqual(self.fake.requests, [])

    def test_state_file_that_cannot_be_written(self):
        with open(os.path.join(self.dir, "a-file"), "w") as f:
            f.write("x")
        code, out, err = self.deploy("three", "--state-file", "a-file/state.json")
        self.assertEqual(code, 74, err)
        self.assertIn("error[E1012]", err)
        self.assertIn("1 done", out)  # it stops after the first publish it cannot record

    def test_flow_changed_in_the_org_is_updated(self):
        self.assertEqual(self.deploy("one")[0], 0)
        flow = next(iter(self.fake.flows.values()))
        flow["version"] = "99"  # someone republished it by hand
        code, out, _ = self.deploy("one", "--plan")
        self.assertIn("changed in the org since the last deploy", out)


class EveryResource(DeployCase):
    """Issue 21, point 1: everything of the org the flows name is found before the first
    write; each missing one is an error of its own, in --plan too."""

    PROJECT = {
        "main.flow": 'import "hold.flow";\n'
                     'queue Sales = "Sales";\nschedule Hours = "Bank Hours";\n'
                     'emergency Storm = "Storm";\nprompt Welcome = "WelcomePrompt";\n'
                     'skill French = "French";\nskill Francais = "Francais";\n'
                     '@name("CRM Lookup")\nshared flow Crm(phone: string) -> <tier: string>;\n'
                     '@name("Lookup Customer")\n@integration("CRM Web")\n'
                     'data action Lookup(phone: string) -> <id: string>;\n'
                     '@name("Main Line")\n'
                     'inbound flow Main {\n'
                     '    play Welcome;\n'
                     '    call Crm(phone = call.ani) -> <tier>;\n'
                     '    call Lookup(phone = call.ani) -> <id> else {}\n'
                     '    hours Hours emergency Storm { open => {} else => { transfer flow "After Hours" else {} } }\n'
                     '    transfer Sales skills French language Francais via "Queue Music" else {}\n'
                     '    transfer Sales via HoldMusic;\n'
                     '}\n',
        "hold.flow": '@name("Hold Music")\ninqueue flow HoldMusic { play "Please hold."; }\n',
    }
    MISSING = ["queue `Sales`", "schedule group `Bank Hours`", "emergency group `Storm`",
               "prompt `WelcomePrompt`", "skill `French`", "language `Francais`",
               "in-queue flow `Queue Music`", "inbound flow `After Hours`",
               "common module `CRM Lookup`", "data action `Lookup Customer` in the integration "
               "`CRM Web`"]

    def project_dir(self):
        path = os.path.join(self.dir, "every")
        os.makedirs(path, exist_ok=True)
        for name, text in self.PROJECT.items():
            with open(os.path.join(path, name), "w") as f:
                f.write(text)
        return path

    def add_everything(self):
        self.fake.add_resource("/api/v2/architect/schedulegroups", "Bank Hours")
        self.fake.add_resource("/api/v2/architect/emergencygroups", "Storm")
        self.fake.add_resource("/api/v2/architect/prompts", "WelcomePrompt")
        self.fake.add_resource("/api/v2/routing/skills", "French")
        self.fake.add_resource("/api/v2/routing/languages", "Francais")
        self.fake.add_flow("Queue Music", "inqueuecall")
        self.fake.add_flow("After Hours", "inboundcall")
        self.fake.add_flow("CRM Lookup", "commonmodule")
        return self.fake.add_resource("/api/v2/integrations/actions", "Lookup Customer",
                                      category="CRM Web")

    def test_each_missing_resource_is_an_error_and_nothing_is_written(self):
        self.fake.queues.clear()
        for args in ((), ("--plan",)):
            with self.subTest(args=args):
                code, _, err = self.deploy(self.project_dir(), *args)
                self.assertEqual(code, 1, err)
                for what in self.MISSING:
                    self.assertIn("error[E1005]: the org has no %s (`Main Line` names it)" % what,
                                  err)
                self.assertEqual(err.count("error[E1005]"), len(self.MISSING))
                self.assertNotIn("Hold Music`", err)  # the build's own in-queue flow
                self.assertEqual(self.writes(), 0)

    def test_the_plan_lists_every_resource_with_its_id(self):
        action = self.add_everything()
        code, out, err = self.deploy(self.project_dir(), "--plan")
        self.assertEqual(code, 0, err)
        self.assertIn("Resources:", out)
        self.assertRegex(out, r"data action\s+Lookup Customer  %s" % action)
        self.assertRegex(out, r"schedule group\s+Bank Hours  res-\d+")
        self.assertRegex(out, r"queue\s+Sales  queue-\d+")
        for path in ("/api/v2/architect/emergencygroups", "/api/v2/architect/prompts",
                     "/api/v2/routing/skills", "/api/v2/routing/languages"):
            self.assertTrue(any(r[1] == path for r in self.fake.requests), path)
        code, out, err = self.deploy(self.project_dir())
        self.assertEqual(code, 0, err)
        self.assertEqual(self.uploads(), ["Hold Music", "Main Line"])

    def test_a_data_action_is_found_within_its_integration(self):
        self.add_everything()
        self.fake.resources["/api/v2/integrations/actions"]["Lookup Customer"]["category"] = "Old"
        code, _, err = self.deploy(self.project_dir(), "--plan")
        self.assertEqual(code, 1, err)
        self.assertIn("the org has no data action `Lookup Customer` in the integration "
                      "`CRM Web`", err)
        listing = [r[2] for r in self.fake.requests if r[1] == "/api/v2/integrations/actions"]
        self.assertEqual(listing[0].get("category"), ["CRM Web"])

    def test_names_are_paged_and_matched_exactly(self):
        self.add_everything()
        for n in range(5):  # the inexact filter returns these too, over several pages
            self.fake.add_resource("/api/v2/architect/schedulegroups", "Bank Hours %d" % n)
        self.fake.resources["/api/v2/architect/schedulegroups"].pop("Bank Hours")
        code, _, err = self.deploy(self.project_dir(), "--plan")
        self.assertEqual(code, 1, err)
        self.assertIn("the org has no schedule group `Bank Hours`", err)
        pages = [r[2].get("pageNumber") for r in self.fake.requests
                 if r[1] == "/api/v2/architect/schedulegroups"]
        self.assertEqual(pages, [["1"], ["2"], ["3"]])


class TransfersBetweenFlows(DeployCase):
    """A `transfer flow` target of the build is published first; a cycle of new flows is
    E1013, before any write."""

    def project_dir(self, back):
        path = os.path.join(self.dir, "transfers")
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "main.flow"), "w") as f:
            f.write('@name("Main Line")\ninbound flow Main { transfer flow Overflow; }\n'
                    '@name("Overflow Line")\ninbound flow Overflow { %s }\n'
                    % ("transfer flow Main;" if back else 'play "Sorry.";'))
        return path

    def test_the_target_goes_first(self):
        code, _, err = self.deploy(self.project_dir(back=False))
        self.assertEqual(code, 0, err)
        self.assertEqual(self.uploads(), ["Overflow Line", "Main Line"])

    def test_a_cycle_of_new_flows_names_the_cycle(self):
        code, _, err = self.deploy(self.project_dir(back=True))
        self.assertEqual(code, 1, err)
        self.assertIn("error[E1013]: `Main Line` transfers to `Overflow Line`, which is not in "
                      "the org yet and transfers back (Main Line -> Overflow Line -> Main Line)",
                      err)
        self.assertEqual(self.writes(), 0)

    def test_a_cycle_of_flows_the_org_has_deploys(self):
        self.fake.add_flow("Main Line", "inboundcall")
        self.fake.add_flow("Overflow Line", "inboundcall")
        code, _, err = self.deploy(self.project_dir(back=True))
        self.assertEqual(code, 0, err)
        self.assertEqual(sorted(self.uploads()), ["Main Line", "Overflow Line"])


class CiWithoutState(DeployCase):
    """Issue 21, point 5: the org keeps what identifies each flow's content (a marker in its
    description), so a deploy from a fresh checkout of unchanged sources writes nothing."""

    def fresh_checkout(self):
        shutil.rmtree(os.path.join(self.dir, ".flowc"), ignore_errors=True)
        home = tempfile.mkdtemp(prefix="flowc-home-", dir=self.dir)
        return self.env(HOME=home, XDG_CACHE_HOME=os.path.join(home, ".cache"))

    def test_unchanged_sources_make_no_writes_without_a_state_file(self):
        for target in ("archy", "genesys-json"):
            with self.subTest(target=target):
                self.assertEqual(self.deploy("three", target=target)[0], 0)
                self.fake.requests.clear()
                code, out, err = self.deploy("three", "--plan", "--detailed-exitcode",
                                             target=target, env=self.fresh_checkout())
                self.assertEqual(code, 0, out + err)
                self.assertIn("0 to change, 3 unchanged", out)
                code, _, err = self.deploy("three", target=target, env=self.fresh_checkout())
                self.assertEqual(code, 0, err)
                self.assertEqual(self.writes(), 0)

    def test_the_marker_is_the_last_line_of_the_description(self):
        with open(os.path.join(self.project["one"], "single.flow"), "w") as f:
            f.write("/// Greets and queues.\n" + SINGLE)
        self.assertEqual(self.deploy("one")[0], 0)
        flow = next(iter(self.fake.flows.values()))
        text, marker = flow["description"].rsplit("\n", 1)
        self.assertEqual(text, "Greets and queues.\n")
        self.assertRegex(marker, r"^flowc: sha256=[0-9a-f]{64}$")

    def edit_the_shared_flow(self):
        path = os.path.join(self.project["three"], "shared.flow")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('choice = "0"', 'choice = "9"'))

    def test_an_edit_is_published_and_its_callers_republished(self):
        self.assertEqual(self.deploy("three")[0], 0)
        self.edit_the_shared_flow()
        code, out, _ = self.deploy("three", "--plan", env=self.fresh_checkout())
        self.assertRegex(out, r"update\s+Shared Menu")
        self.assertRegex(out, r"republish\s+Caller A \[inboundcall\]  calls Shared Menu")

    def test_callers_left_behind_by_a_stopped_deploy_are_republished(self):
        self.assertEqual(self.deploy("three")[0], 0)
        self.edit_the_shared_flow()
        # Stopped as the first caller's job starts (the shared flow's job, upload, then
        # this one): the callers still have the old shared flow.
        self.assertEqual(self.deploy("three", kill_at=self.fake.mutations + 3)[0], -signal.SIGKILL)
        code, out, _ = self.deploy("three", "--plan", env=self.fresh_checkout())
        self.assertRegex(out, r"unchanged\s+Shared Menu")
        self.assertRegex(out, r"republish\s+Caller A \[inboundcall\]  a shared flow it calls "
                              r"changed since it was published")
        self.assertEqual(self.deploy("three", env=self.fresh_checkout())[0], 0)
        self.fake.requests.clear()
        self.assertEqual(self.deploy("three", env=self.fresh_checkout())[0], 0)
        self.assertEqual(self.writes(), 0)


class Consumers(DeployCase):
    """Issue 21, point 6: flows of the org outside the project that call a changed common
    module are listed by the plan, and republished only with --republish-consumers."""

    def deploy_then_edit(self):
        self.assertEqual(self.deploy("three")[0], 0)
        outside = self.fake.add_consumer("Shared Menu", "Legacy IVR")
        # The project's own callers are consumers too; they are not listed twice.
        module = next(f["id"] for f in self.fake.flows.values() if f["name"] == "Shared Menu")
        caller = next(f for f in self.fake.flows.values() if f["name"] == "Caller A")
        self.fake.consumers[module].append({"id": caller["id"], "name": "Caller A",
                                            "type": "INBOUNDCALLFLOW", "version": "1"})
        path = os.path.join(self.project["three"], "shared.flow")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('choice = "0"', 'choice = "9"'))
        return outside

    def test_the_plan_lists_them(self):
        self.deploy_then_edit()
        code, out, err = self.deploy("three", "--plan")
        self.assertEqual(code, 0, err)
        self.assertIn("consumer   Legacy IVR [INBOUNDCALLFLOW]  calls Shared Menu, outside the "
                      "project: not republished (--republish-consumers)", out)
        self.assertNotIn("consumer   Caller A", out)
        self.assertEqual(self.fake.violations, [])

    def test_apply_names_them_and_republishes_only_when_asked(self):
        outside = self.deploy_then_edit()
        code, _, err = self.deploy("three")
        self.assertEqual(code, 0, err)
        self.assertIn("not republished, outside the project, calling a changed common module: "
                      "Legacy IVR", err)
        self.assertEqual(self.fake.flows[outside]["version"], "1")
        path = os.path.join(self.project["three"], "shared.flow")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('choice = "9"', 'choice = "8"'))
        code, _, err = self.deploy("three", "--republish-consumers")
        self.assertEqual(code, 0, err)
        self.assertIn("Legacy IVR  republish requested (it calls Shared Menu)", err)
        self.assertEqual(self.fake.flows[outside]["version"], "2")

    def test_an_org_without_dependency_tracking_warns_once(self):
        self.deploy_then_edit()
        self.fake.dependency_tracking = False
        code, _, err = self.deploy("three", "--plan")
        self.assertEqual(code, 0, err)
        self.assertEqual(err.count("warning[W1015]"), 1)
        self.assertIn("the org does not answer dependency tracking (HTTP 404)", err)
        self.fake.dependency_tracking = True
        self.fake.missing_permissions = {"architect:dependencyTracking:view"}
        code, _, err = self.deploy("three")
        self.assertEqual(code, 0, err)
        self.assertIn("warning[W1015]", err)
        self.assertIn("`architect:dependencyTracking:view`", err)


class PlanFormats(DeployCase):
    """Issue 21, point 12: --plan --format markdown|json, for review."""

    def setUp(self):
        super().setUp()
        self.fake.add_flow("Caller B", "inboundcall", locked_by="Dana Agent")

    def test_markdown_fits_a_pull_request_comment(self):
        code, out, err = self.deploy("three", "--plan", "--format", "markdown")
        self.assertEqual(code, 0, err)
        self.assertTrue(out.startswith("### flowc plan: Fake Org ("), out)
        self.assertIn("**3 to change**, 0 unchanged.", out)
        self.assertIn("| action | flow | type | why |", out)
        self.assertIn("| create | Shared Menu | commonmodule | not in the org |", out)
        self.assertIn("| update | Caller B | inboundcall | not deployed by flowc before; checked "
                      "out in Architect by Dana Agent (will fail) |", out)
        self.assertIn("<details><summary>1 resource of the org</summary>", out)
        self.assertRegex(out, r"\| queue \| Sales \| queue-\d+ \| Caller A \|")
        self.assertIn("warning[W1014]", err)

    def test_json_is_one_document(self):
        self.fake.queues.clear()
        code, out, err = self.deploy("three", "--plan", "--format", "json")
        self.assertEqual(code, 1, err)
        plan = json.loads(out)
        self.assertEqual(plan["format"], "flowc-plan")
        self.assertEqual([f["action"] for f in plan["flows"]], ["create", "create", "update"])
        self.assertEqual(plan["flows"][2]["lockedBy"], "Dana Agent")
        self.assertEqual(plan["resources"], [{"kind": "queue", "name": "Sales", "found": False,
                                              "id": "", "namedBy": "Caller A"}])
        self.assertEqual(len(plan["problems"]), 1)
        self.assertIn("the org has no queue `Sales`", plan["problems"][0])

    def test_markdown_lists_what_is_missing(self):
        self.fake.queues.clear()
        code, out, _ = self.deploy("three", "--plan", "--format", "markdown")
        self.assertEqual(code, 1)
        self.assertIn("**1 problem stops the deploy** (nothing will be written):", out)
        self.assertIn("| queue | Sales | **missing** | Caller A |", out)

    def test_format_needs_plan_and_not_json(self):
        for args in (("--format", "json"), ("--plan", "--format", "json", "--json")):
            code, _, err = self.deploy("three", *args)
            self.assertEqual(code, 64, err)
        self.assertEqual(self.fake.requests, [])


class Environments(DeployCase):
    """Issue 21, point 11: one set of sources, several orgs: `--env NAME` and flowc.env.json
    (region, division, and the org's names for what the sources name)."""

    ENVIRONMENTS = {"environments": {
        "test": {"division": "Test",
                 "names": {"queue": {"Sales": "TEST Sales"},
                           "flow": {"Single Flow": "Single Flow (TEST)"}}},
        "prod": {"region": "eu-west-9"}}}

    def write(self, environments=None, name="flowc.env.json"):
        path = os.path.join(self.project["one"], name)
        with open(path, "w") as f:
            f.write(environments if isinstance(environments, str)
                    else json.dumps(environments or self.ENVIRONMENTS))
        return path

    def test_the_environment_s_names_and_division_are_deployed(self):
        self.write()
        self.fake.queues.clear()
        self.fake.add_queue("TEST Sales")
        code, out, err = self.deploy("one", "--env", "test", "--plan")
        self.assertEqual(code, 0, err)
        self.assertIn("target archy, environment test:", out)
        self.assertIn("create     Single Flow (TEST) [inboundcall]", out)
        self.fake.requests.clear()
        code, _, err = self.deploy("one", "--env", "test")
        self.assertEqual(code, 0, err)
        yaml = next(b.decode() for m, p, _, _, b in self.fake.requests if p.startswith("/upload/"))
        self.assertIn("name: Single Flow (TEST)", yaml.splitlines()[1])
        self.assertIn("division: Test", yaml)
        self.assertIn("TEST Sales", yaml)
        self.assertNotIn("name: Sales\n", yaml)
        looked_up = [r[2]["name"] for r in self.fake.requests if r[1] == "/api/v2/routing/queues"]
        self.assertEqual(looked_up, [["TEST Sales"]])

    def test_the_environment_s_region_is_the_region(self):
        self.write()
        code, _, err = self.deploy("one", "--env", "prod", api_base=False)
        self.assertEqual(code, 78, err)
        self.assertIn("unknown Genesys Cloud region `eu-west-9`", err)
        code, _, err = self.deploy("one", "--env", "prod", api_base=False,
                                   env=self.env(GENESYSCLOUD_REGION="eu-west-1"))
        self.assertEqual(code, 78, err)
        self.assertIn("`GENESYSCLOUD_REGION` is `eu-west-1` but the environment's region is "
                      "`eu-west-9`", err)
        self.assertEqual(self.fake.requests, [])

    def test_mistakes_in_the_file_are_configuration_errors(self):
        cases = [
            (None, "staging", "has no environment `staging`"),
            (None, "staging", "its environments: `prod`, `test`"),
            ({"environments": {"test": {"names": {"queue": {"Sales": "X", "Salse": "Y"}}}}},
             "test", "environment `test`: the sources name no queue `Salse`"),
            ({"environments": {"test": {"names": {"queues": {}}}}}, "test",
             "has an unknown kind `queues`"),
            ({"environments": {"test": {"region": 7}}}, "test",
             "`environments.test.region` is not a non-empty string"),
            ("{ not json", "test", "is not a JSON object"),
        ]
        for environments, name, said in cases:
            with self.subTest(said=said):
                self.write(environments)
                code, _, err = self.deploy("one", "--env", name)
                self.assertEqual(code, 78, err)
                self.assertIn("error[E1001]", err)
                self.assertIn(said, err)
        self.assertEqual(self.fake.requests, [])

    def test_another_file_and_a_missing_one(self):
        path = self.write(name="envs.json")
        code, _, err = self.deploy("one", "--env", "test", "--env-config", path, "--plan")
        self.assertEqual(code, 1, err)  # TEST Sales is not in this org
        self.assertIn("the org has no queue `TEST Sales`", err)
        os.remove(path)
        code, _, err = self.deploy("one", "--env", "test")
        self.assertEqual(code, 78, err)
        self.assertIn("there is no `%s`" % os.path.join(self.project["one"], "flowc.env.json"), err)
        code, _, err = self.deploy("one", "--env-config", path)
        self.assertEqual(code, 64, err)


class Configuration(DeployCase):
    def assert_config_error(self, expected, *args, env=None, api_base=True):
        code, _, err = self.deploy("one", *args, env=env, api_base=api_base)
        self.assertEqual(code, 78, err)
        self.assertIn("error[E1001]", err)
        self.assertIn(expected, err)
        self.assertEqual(self.fake.requests, [], "no network call on a configuration error")

    def test_missing_variable(self):
        self.assert_config_error("GENESYSCLOUD_OAUTHCLIENT_SECRET",
                                 env=self.env(GENESYSCLOUD_OAUTHCLIENT_SECRET=None))

    def test_unknown_region(self):
        self.assert_config_error("unknown Genesys Cloud region `eu-west-9`",
                                 env=self.env(GENESYSCLOUD_REGION="eu-west-9"), api_base=False)
        self.assert_config_error("did you mean `eu-west-1`?",
                                 env=self.env(GENESYSCLOUD_REGION="eu-west-9"), api_base=False)

    def test_host_that_does_not_resolve(self):
        # Issue 21, point 8: configuration (78) at once, naming the host; never "safe to
        # retry" after seconds of retries. `.invalid` never resolves (RFC 6761).
        self.assert_config_error("cannot resolve the host `api.flowc-test.invalid`",
                                 "--api-base", "https://api.flowc-test.invalid", api_base=False)
        _, _, err = self.deploy("one", "--api-base", "https://api.flowc-test.invalid",
                                api_base=False)
        self.assertNotIn("gave up", err)
        self.assertNotIn("attempts", err)

    def test_no_region(self):
        self.assert_config_error("`GENESYSCLOUD_REGION` is not set", api_base=False)

    def test_spellings_that_disagree(self):
        self.assert_config_error("are both set, to different values",
                                 env=self.env(GENESYS_CLOUD_CLIENT_ID="someone-else"))

    def test_malformed_env_file(self):
        with open(os.path.join(self.dir, ".env"), "w") as f:
            f.write("# settings\nGENESYSCLOUD_REGION=eu-west-1\nthis line is wrong\n")
        self.assert_config_error(".env:3: malformed line")

    def test_env_file_fills_in_what_is_not_set(self):
        with open(os.path.join(self.dir, "deploy.env"), "w") as f:
            f.write('export GENESYS_CLOUD_CLIENT_SECRET="%s"  # tutorial spelling\n' % CLIENT_SECRET)
        code, _, err = self.deploy("one", "--env-file", "deploy.env",
                                   env=self.env(GENESYSCLOUD_OAUTHCLIENT_SECRET=None))
        self.assertEqual(code, 0, err)

    def test_plain_http_only_for_loopback(self):
        code, _, err = self.deploy("one", "--api-base", "http://example.com", api_base=False)
        self.assertEqual(code, 78)
        self.assertIn("plain http is allowed only for loopback", err)

    def test_wrong_secret(self):
        code, _, err = self.deploy("one", env=self.env(GENESYSCLOUD_OAUTHCLIENT_SECRET="nope-nope"))
        self.assertEqual(code, 77)
        self.assertIn("error[E1002]", err)
        self.assertEqual(self.writes(), 0)


class RateLimitsAndRetries(DeployCase):
    def test_429_waits_retry_after_in_full(self):
        for kind in ("one", "three"):
            with self.subTest(kind=kind):
                self.fake.fail("GET", r"^/api/v2/flows$", (429, {"Retry-After": "3"},
                                                           {"message": "slow down"}), times=2)
                self.fake.fail("POST", r"^/api/v2/flows/jobs$",
                               (429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, {}))
                code, _, err = self.deploy(kind, "--verbose")
                self.assertEqual(code, 0, err)
                self.assertIn("waiting 0.0 s: rate limited by Genesys Cloud", err)
                self.assertIn("-> 429", err)

    def test_429_for_ever_gives_up_with_75(self):
        self.fake.fail("GET", r"^/api/v2/flows$", (429, {"Retry-After": "1"}, {}), times=None)
        code, _, err = self.deploy("one")
        self.assertEqual(code, 75)
        self.assertIn("error[E1008]", err)
        self.assertIn("still rate limited", err)

    def test_retry_after_beyond_the_deadline_gives_up_at_once(self):
        self.fake.fail("GET", r"^/api/v2/flows$", (429, {"Retry-After": "7200000"}, {}))
        code, _, err = self.deploy("one", "--timeout", "60")
        self.assertEqual(code, 75)
        self.assertIn("would pass the overall time limit", err)

    def test_5xx_and_resets_are_retried(self):
        for kind in ("one", "three"):
            with self.subTest(kind=kind):
                self.fake.fail("GET", r"^/api/v2/flows$", (503, {}, "<html>busy</html>"), times=2)
                self.fake.fail("POST", r"^/api/v2/flows/jobs$", "reset")
                self.fake.fail("PUT", r"^/upload/", (500, {}, {}))
                self.fake.fail("GET", r"^/api/v2/flows/jobs/", "reset")
                code, _, err = self.deploy(kind)
                self.assertEqual(code, 0, err)
                self.assertIn("HTTP 503", err)

    def test_5xx_for_ever_gives_up_with_75(self):
        self.fake.fail("POST", r"^/api/v2/flows/jobs$", (502, {}, {}), times=None)
        code, out, err = self.deploy("three")
        self.assertEqual(code, 75)
        self.assertIn("gave up on `start a publish job` after 6 attempts", err)
        self.assertIn("0 done, 0 unchanged, 1 failed, 2 skipped", out)

    def test_timeouts_are_bounded_by_the_overall_deadline(self):
        self.fake.fail("GET", r"^/api/v2/flows$", ("sleep", 3), times=None)
        code, _, err = self.deploy("one", "--timeout", "1.5")
        self.assertEqual(code, 75)
        self.assertIn("error[E1008]", err)

    def test_token_endpoint_rate_limit_is_retried(self):
        self.fake.fail("POST", r"^/oauth/token$",
                       (400, {}, {"error": "invalid_request",
                                  "description": "Rate limit exceeded the maximum"}), times=2)
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0, err)

    def test_genesys_json_create_whose_answer_is_lost_makes_no_twin(self):
        self.fake.fail("POST", r"^/api/v2/flows$", ("sleep", 0.01))  # processed? no: 504
        original = self.fake.route

        def route_then_lose(method, path, query, headers, body):
            result = original(method, path, query, headers, body)
            if method == "POST" and path == "/api/v2/flows" and not lost:
                lost.append(1)
                return 500, {"message": "lost"}, None
            return result
        lost = []
        self.fake.route = route_then_lose
        code, _, err = self.deploy("three", target="genesys-json")
        self.assertEqual(code, 0, err)
        names = sorted(f["name"] for f in self.fake.flows.values())
        self.assertEqual(names, ["Caller A", "Caller B", "Shared Menu"])


class AuthAndPermissions(DeployCase):
    def test_expired_token_mid_run_renews_once(self):
        for kind in ("one", "three"):
            with self.subTest(kind=kind):
                original = self.fake.route
                state = {"expired": False}

                def route(method, path, query, headers, body):
                    if method == "POST" and path == "/api/v2/flows/jobs" and not state["expired"]:
                        state["expired"] = True
                        self.fake.expire_tokens()
                    return original(method, path, query, headers, body)
                self.fake.route = route
                self.fake.requests.clear()
                code, _, err = self.deploy(kind)
                self.fake.route = original
                self.assertEqual(code, 0, err)
                tokens = [r for r in self.fake.requests if r[1] == "/oauth/token"]
                self.assertEqual(len(tokens), 2)

    def test_401_twice_fails_with_77(self):
        self.fake.fail("GET", r"^/api/v2/flows$", (401, {}, {"message": "expired"}), times=None)
        code, _, err = self.deploy("one")
        self.assertEqual(code, 77)
        self.assertIn("error[E1002]", err)

    def test_access_token_instead_of_client(self):
        _, token, _ = self.fake.token({"authorization": "Basic " + __import__("base64").b64encode(
            ("%s:%s" % (CLIENT_ID, CLIENT_SECRET)).encode()).decode()},
            b"grant_type=client_credentials")
        env = self.env(GENESYSCLOUD_OAUTHCLIENT_ID=None, GENESYSCLOUD_OAUTHCLIENT_SECRET=None,
                       GENESYSCLOUD_ACCESS_TOKEN=token["access_token"])
        code, _, err = self.deploy("one", env=env)
        self.assertEqual(code, 0, err)
        CAPTURED.append("token:" + token["access_token"])  # the canary check reads this marker

    def test_secret_with_json_escapes_is_redacted_in_json_events(self):
        token = 'tok"canary\\json-7e1'
        self.fake.tokens.add(token)
        self.fake.fail("POST", r"^/api/v2/flows/jobs$",
                       (400, {}, {"message": "bad token " + token}))
        env = self.env(GENESYSCLOUD_OAUTHCLIENT_ID=None, GENESYSCLOUD_OAUTHCLIENT_SECRET=None,
                       GENESYSCLOUD_ACCESS_TOKEN=token)
        code, out, err = self.deploy("one", "--json", "--verbose", env=env)
        self.assertEqual(code, 1, err)
        for text in (out, err):
            self.assertNotIn(token, text)
            self.assertNotIn(json.dumps(token)[1:-1], text)
        self.assertIn("[redacted]", err)

    def test_403_names_the_permission(self):
        for kind in ("one", "three"):
            with self.subTest(kind=kind):
                self.fake.requests.clear()
                self.fake.fail("POST", r"^/api/v2/flows/jobs$",
                               (403, {}, {"message": "Missing permission", "status": 403}))
                code, out, err = self.deploy(kind)
                self.assertEqual(code, 77)
                self.assertIn("error[E1003]", err)
                self.assertIn("`architect:job:create`", err)
                self.assertEqual(
                    len([r for r in self.fake.requests if r[1] == "/api/v2/flows/jobs"]), 1)
                self.assertIn("0 done, 0 unchanged, 1 failed, %d skipped" % (
                    0 if kind == "one" else 2), out)

    def test_403_on_genesys_json_update(self):
        self.assertEqual(self.deploy("one", target="genesys-json")[0], 0)
        with open(os.path.join(self.project["one"], "single.flow"), "w") as f:
            f.write(SINGLE.replace("Welcome.", "Welcome!"))
        self.fake.fail("PUT", r"^/api/v2/flows/", (403, {}, {"message": "no"}))
        code, _, err = self.deploy("one", target="genesys-json")
        self.assertEqual(code, 77)
        self.assertIn("`architect:flow:edit`", err)


class Locks(DeployCase):
    """Issue 21, point 2: a flow checked out in Architect fails its publish job (a job
    failure, not an HTTP 409): the plan warns, apply fails that flow naming the holder, and
    --force-unlock unlocks it first."""

    def locked(self, who="Dana Agent"):
        return self.fake.add_flow("Single Flow", "inboundcall", locked_by=who)

    def test_the_plan_warns_naming_who_holds_the_lock(self):
        self.locked()
        code, out, err = self.deploy("one", "--plan")
        self.assertEqual(code, 0, err)
        self.assertIn("warning[W1014]: `Single Flow` is checked out in Architect by Dana Agent: "
                      "its publish will fail", err)
        self.assertIn("`--force-unlock`", err)

    def test_apply_fails_that_flow_without_a_write(self):
        self.locked()
        code, _, err = self.deploy("one")
        self.assertEqual(code, 1, err)
        self.assertIn("error[E1007]: Single Flow: the flow is checked out in Architect by "
                      "Dana Agent", err)
        self.assertIn("re-run with `--force-unlock`", err)
        self.assertEqual(self.writes(), 0)

    def test_force_unlock_unlocks_then_publishes(self):
        flow_id = self.locked()
        code, _, err = self.deploy("one", "--force-unlock")
        self.assertEqual(code, 0, err)
        self.assertIn("unlocked (it was checked out by Dana Agent)", err)
        calls = [(r[0], r[1], r[2].get("flow")) for r in self.fake.mutating_requests()]
        self.assertEqual(calls[0], ("POST", "/api/v2/flows/actions/unlock", [flow_id]))
        self.assertEqual(calls[1][1], "/api/v2/flows/jobs")

    def test_a_lock_taken_after_the_listing_is_a_job_failure(self):
        self.fake.reject_jobs["Single Flow"] = [
            "Flow 'Single Flow' ( type: 'inboundcall' ) is locked by another entity. You can use "
            "the --forceUnlock command line parameter if you wish to publish flows locked by "
            "another entity."]
        code, _, err = self.deploy("one")
        self.assertEqual(code, 1, err)
        self.assertIn("error[E1007]: Single Flow: the publish job", err)
        self.assertIn("the flow is locked in Architect by another user or client", err)
        self.assertNotIn("fix the flow", err)

    def test_unlock_without_the_permission(self):
        self.locked()
        self.fake.missing_permissions = {"architect:flow:unlock"}
        code, _, err = self.deploy("one", "--force-unlock")
        self.assertEqual(code, 77, err)
        self.assertIn("`architect:flow:unlock`", err)


class PermissionsInJobs(DeployCase):
    """Issue 21, point 9: a permission a job checks shows up as a job message."""

    def test_a_job_message_naming_a_permission_is_e1003(self):
        self.fake.missing_permissions = {"architect:flow:publish"}
        code, _, err = self.deploy("three")
        self.assertEqual(code, 77, err)
        self.assertIn("error[E1003]: Shared Menu: the publish job", err)
        self.assertIn("lacks the `architect:flow:publish` permission", err)
        self.assertIn("give the OAuth client's role the `architect:flow:publish` permission", err)
        self.assertEqual(len(self.uploads()), 1, "a permission stops the run")

    def test_a_name_the_org_lost_during_the_deploy(self):
        def delete_the_queue(n):
            if n == 1:  # the job is created: flowc found the queue before it
                self.fake.queues.clear()
        code, _, err = self.deploy("one", on_mutation=delete_the_queue)
        self.assertEqual(code, 1, err)
        self.assertIn("Architect found no queue `Sales`", err)
        self.assertIn("deleted or renamed in the org during the deploy", err)


class BadBodies(DeployCase):
    def check_bad(self, action, expected):
        self.fake.fail("GET", r"^/api/v2/organizations/me$", action, times=None)
        code, _, err = self.deploy("one")
        self.assertIn(code, (1, 75), err)
        self.assertIn(expected, err)
        for line in err.splitlines():
            self.assertLess(len(line), 1400, "a body in an error is cut to 1 KiB")
        return err

    def test_html(self):
        err = self.check_bad((200, {}, "<html><body>Proxy login</body></html>"), "the body is HTML")
        self.assertIn("error[E1009]", err)
        self.assertIn("<html><body>Proxy login", err)

    def test_garbled(self):
        self.check_bad((200, {}, b"\x00\xff{{garbage"), "not valid JSON")

    def test_huge_body_is_cut(self):
        err = self.check_bad((200, {}, "<" + "x" * 100000), "bytes in all")
        self.assertIn("100001 bytes in all", err)

    def test_truncated_body(self):
        self.check_bad((200, {"Content-Length": "5000"}, {"id": "org"}), "error[E1008]")

    def test_error_body_echoing_the_secret_is_redacted(self):
        self.fake.fail("POST", r"^/api/v2/flows/jobs$",
                       (400, {}, {"message": "bad client " + CLIENT_SECRET}))
        code, _, err = self.deploy("one")
        self.assertEqual(code, 1)
        self.assertIn("[redacted]", err)


class Jobs(DeployCase):
    def test_failed_job_shows_messages_and_skips_callers(self):
        self.fake.reject_jobs["Shared Menu"] = ["Unable to find a queue named 'Sales'.",
                                                "Second problem."]
        code, out, err = self.deploy("three")
        self.assertEqual(code, 1)
        self.assertRegex(err, r"shared\.flow:\d+:\d+: error\[E1006\]: Shared Menu: the publish job")
        self.assertIn("error[E1006]", err)
        self.assertIn("Genesys Cloud: Unable to find a queue named 'Sales'.", err)
        self.assertIn("Genesys Cloud: Second problem.", err)
        self.assertIn("Caller A  skipped: depends on Shared Menu", err)
        self.assertIn("0 done, 0 unchanged, 1 failed, 2 skipped", out)

    def test_failed_job_of_a_single_flow(self):
        self.fake.reject_jobs["Single Flow"] = ["Unable to find prompt 'Welcome'."]
        code, out, err = self.deploy("one")
        self.assertEqual(code, 1)
        self.assertRegex(err, r"single\.flow:\d+:\d+: error\[E1006\]")
        self.assertIn("Genesys Cloud: Unable to find prompt 'Welcome'.", err)
        self.assertIn("0 done, 0 unchanged, 1 failed, 0 skipped", out)
        del self.fake.reject_jobs["Single Flow"]
        self.assertEqual(self.deploy("one")[0], 0)

    def test_keep_going_continues_with_independent_flows(self):
        os.rename(os.path.join(self.project["one"], "single.flow"),
                  os.path.join(self.project["three"], "single.flow"))
        self.fake.reject_jobs["Single Flow"] = ["no"]
        code, out, _ = self.deploy("three")
        self.assertEqual(code, 1)
        self.assertRegex(out, r"failed, \d skipped")
        self.fake.requests.clear()
        code, out, _ = self.deploy("three", "--keep-going")
        self.assertEqual(code, 1)
        self.assertRegex(out, r"\d done, \d unchanged, 1 failed, 0 skipped")
        self.assertEqual(sorted(f["name"] for f in self.fake.flows.values()),
                         ["Caller A", "Caller B", "Shared Menu"])

    def test_job_that_never_finishes(self):
        self.fake.never_finish.add("Single Flow")
        code, _, err = self.deploy("one", "--poll-timeout", "0.5", "--poll-interval", "50")
        self.assertEqual(code, 75)
        self.assertIn("error[E1010]", err)


class Interrupts(DeployCase):
    def final_state(self):
        return sorted((f["name"], f["type"]) for f in self.fake.flows.values())

    def test_kill_at_every_write_then_rerun_converges(self):
        for kind, target, writes in (("three", "archy", 6), ("three", "genesys-json", 3),
                                     ("one", "archy", 2), ("one", "genesys-json", 1)):
            reference = FakeGenesys().start()
            reference.add_queue("Sales")
            self.fake, saved = reference, self.fake
            shutil.rmtree(os.path.join(self.dir, ".flowc"), ignore_errors=True)
            self.assertEqual(self.deploy(kind, target=target)[0], 0)
            expected = self.final_state()
            self.fake = saved
            for kill_at in range(1, writes + 1):
                with self.subTest(kind=kind, target=target, kill_at=kill_at):
                    self.fake.stop()
                    self.fake = FakeGenesys().start()
                    self.fake.add_queue("Sales")
                    shutil.rmtree(os.path.join(self.dir, ".flowc"), ignore_errors=True)
                    code, _, _ = self.deploy(kind, target=target, kill_at=kill_at)
                    self.assertEqual(code, -signal.SIGKILL)
                    code, _, err = self.deploy(kind, target=target)
                    self.assertEqual(code, 0, err)
                    self.assertEqual(self.final_state(), expected, "no duplicates, nothing missing")
                    self.fake.requests.clear()
                    self.assertEqual(self.deploy(kind, target=target)[0], 0)
                    self.assertEqual(self.writes(), 0)
            reference.stop()


class Uploads(DeployCase):
    """The presigned upload (issue 21, point 3): S3 checks a signature over the job's headers."""

    def test_upload_sends_exactly_the_jobs_headers(self):
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0, err)
        self.assertEqual(self.fake.violations, [])
        puts = [h for m, p, _, h, _ in self.fake.requests if m == "PUT" and p.startswith("/upload/")]
        self.assertTrue(puts)
        for headers in puts:
            self.assertNotIn("content-type", headers)  # libcurl's default for a body is refused
            self.assertIn("x-amz-meta-job", headers)
            self.assertNotIn("authorization", headers)

    def test_expired_upload_url_is_its_own_error(self):
        self.fake.expire_uploads = True
        code, _, err = self.deploy("one")
        self.assertEqual(code, 75, err)  # transient: a re-run gets a new job and URL
        self.assertIn("the upload URL refused the flow (HTTP 403)", err)
        self.assertIn("re-run the deploy", err)
        self.assertNotIn("give the OAuth client's role", err)  # not a permission problem


class ReadAfterWrite(DeployCase):
    """Issue 21, point 4: a flow just published may answer 404 for a moment."""

    def state(self):
        with open(os.path.join(self.dir, ".flowc", "deploy-state.json")) as f:
            return json.load(f)["orgs"]["org-fake-1"]["archy"]

    def test_a_404_right_after_publish_is_waited_out(self):
        self.fake.unreadable_after_publish = 3
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0, err)
        self.assertEqual(self.state()["SingleFlow"]["version"], "1")
        self.assertIn("the published flow is not readable yet", err)

    def test_a_flow_that_stays_unreadable_records_no_empty_version(self):
        self.fake.unreadable_after_publish = 1000
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0, err)
        self.assertIn("did not give its version: not recorded", err)
        path = os.path.join(self.dir, ".flowc", "deploy-state.json")
        self.assertFalse(os.path.exists(path) and "SingleFlow" in self.state())


class HonestTarget(DeployCase):
    """Issue 21, point 10: archy by default; genesys-json only where an endpoint takes it."""

    def test_archy_is_the_default_target(self):
        cmd = [FLOWC, "deploy", self.project["one"], "--api-base", self.fake.base,
               "--poll-interval", "1"]
        proc = subprocess.run(cmd, cwd=self.dir, env=self.env(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("target archy", proc.stderr)
        self.assertTrue(any(r[1].startswith("/upload/") for r in self.fake.requests))

    def test_genesys_json_is_refused_for_a_real_region(self):
        code, _, err = self.deploy("one", target="genesys-json", api_base=False,
                                   env=self.env(GENESYSCLOUD_REGION="eu-west-1"))
        self.assertEqual(code, 78, err)
        self.assertIn("error[E1001]: the genesys-json target cannot be deployed to "
                      "eu-west-1 (mypurecloud.ie)", err)
        self.assertIn("`--target archy`", err)
        self.assertEqual(self.fake.requests, [])


class Examples(DeployCase):
    def test_examples_deploy_end_to_end(self):
        self.fake.any_queue = True
        code, out, err = self.deploy(os.path.join(ROOT, "examples"), "--plan")
        self.assertEqual(code, 0, err)
        for line in ("data action     Verify PIN  res-", "schedule group  ", "queue           "):
            self.assertIn("\n  " + line, out)
        self.assertRegex(out, r"data action\s+Lookup Customer By Phone  res-\d+")
        code, out, err = self.deploy(os.path.join(ROOT, "examples"))
        self.assertEqual(code, 0, err)
        self.assertIn("19 done", out)
        order = self.uploads()
        self.assertLess(order.index("Shared IVR Menu"), order.index("Inbound - Reuse Shared IVR"))
        self.fake.requests.clear()
        self.assertEqual(self.deploy(os.path.join(ROOT, "examples"))[0], 0)
        self.assertEqual(self.writes(), 0)

BASIC = base64.b64encode(("%s:%s" % (CLIENT_ID, CLIENT_SECRET)).encode()).decode()
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]".encode())


class Hardening(DeployCase):
    """Issue 16's secret canaries: sources that are (or import) the .env, echoed Basic
    credentials, a secret across the 1 KiB cut, server text with terminal controls."""

    def assert_no_secret(self, *texts):
        for text in texts:
            self.assertNotIn(CLIENT_SECRET, text)
            for k in range(4, len(CLIENT_SECRET)):
                self.assertNotIn(CLIENT_SECRET[:k] if k >= 12 else "\0", text)
            for form in (BASIC, BASIC.rstrip("="), BASIC.replace("/", "\\/"),
                         urllib.parse.quote(BASIC, safe=""), "%s:%s" % (CLIENT_ID, CLIENT_SECRET)):
                self.assertNotIn(form, text)

    def env_in_dotenv_only(self):
        """The secret only in ./.env (not the environment): the redactor must read it there."""
        with open(os.path.join(self.dir, ".env"), "w") as f:
            f.write("GENESYSCLOUD_OAUTHCLIENT_SECRET=%s\nGENESYSCLOUD_OAUTHCLIENT_ID=%s\n"
                    % (CLIENT_SECRET, CLIENT_ID))
        return self.env(GENESYSCLOUD_OAUTHCLIENT_SECRET=None, GENESYSCLOUD_OAUTHCLIENT_ID=None)

    def test_flow_file_that_is_a_link_to_the_env_file(self):
        env = self.env_in_dotenv_only()
        project = os.path.join(self.dir, "linked")
        os.makedirs(project)
        os.symlink(os.path.join(self.dir, ".env"), os.path.join(project, "main.flow"))
        for extra in ([], ["--diagnostics-format", "json"]):
            with self.subTest(extra=extra):
                code, out, err = self.deploy(project, *extra, env=env, snippets=True)
                self.assertEqual(code, 1, err)
                if not extra:  # the JSON rendering has no snippet
                    self.assertIn("[redacted]", err, "the snippet quoting the secret was printed")
                self.assert_no_secret(out, err)
                self.assertEqual(self.fake.requests, [])

    def test_env_line_too_malformed_to_parse_is_still_redacted(self):
        with open(os.path.join(self.dir, ".env"), "w") as f:
            f.write('GENESYSCLOUD_OAUTHCLIENT_SECRET="%s\n' % CLIENT_SECRET)  # no closing quote
        project = os.path.join(self.dir, "linked")
        os.makedirs(project)
        os.symlink(os.path.join(self.dir, ".env"), os.path.join(project, "main.flow"))
        code, out, err = self.deploy(project, env=self.env(GENESYSCLOUD_OAUTHCLIENT_SECRET=None),
                                     snippets=True)
        self.assertEqual(code, 1, err)
        self.assertIn("[redacted]", err)
        self.assert_no_secret(out, err)

    def test_flow_that_imports_the_env_file(self):
        env = self.env_in_dotenv_only()
        project = os.path.join(self.dir, "importer")
        os.makedirs(project)
        os.symlink(os.path.join(self.dir, ".env"), os.path.join(project, "settings.flow"))
        for spec in ("settings.flow", "../.env"):
            with open(os.path.join(project, "main.flow"), "w") as f:
                f.write('import "%s";\n%s' % (spec, SINGLE))
            with self.subTest(spec=spec):
                code, out, err = self.deploy(project, env=env, snippets=True)
                self.assertNotEqual(code, 0, err)
                self.assert_no_secret(out, err)
                self.assertEqual(self.fake.requests, [])

    def test_source_that_quotes_the_secret_from_the_environment(self):
        project = os.path.join(self.dir, "quoting")
        os.makedirs(project)
        with open(os.path.join(project, "main.flow"), "w") as f:
            f.write('inbound flow Main {\n    play "%s" +;\n}\n' % CLIENT_SECRET)
        code, out, err = self.deploy(project, snippets=True)
        self.assertEqual(code, 1, err)
        self.assertIn("[redacted]", err)
        self.assert_no_secret(out, err)

    def test_diagnostics_quoting_one_token_of_the_secret(self):
        project = os.path.join(self.dir, "tokens")
        os.makedirs(project)
        with open(os.path.join(project, "main.flow"), "w") as f:
            f.write('inbound flow Main {\n    play %s;\n}\n' % CLIENT_SECRET)  # lexed in pieces
        code, out, err = self.deploy(project, snippets=True)
        self.assertEqual(code, 1, err)
        for start in range(len(CLIENT_SECRET) - 6):
            self.assertNotIn(CLIENT_SECRET[start:start + 6], out + err)

    def test_token_endpoint_echoing_the_basic_credential(self):
        for style in ("html", "json", "urlencoded", "decoded", "unpadded"):
            for status in (400, 200):
                with self.subTest(style=style, status=status):
                    self.fake.fail("POST", r"^/oauth/token$", ("echo", status, style))
                    code, out, err = self.deploy("one", "--verbose")
                    self.assertIn(code, (75, 77), err)
                    self.assertIn("[redacted]", err)
                    self.assert_no_secret(out, err)
                    code, out, err = self.deploy("one", "--json")
                    self.assert_no_secret(out, err)

    def test_secret_across_the_snippet_cut(self):
        for before in range(1000, 1030, 3):
            with self.subTest(before=before):
                body = "<html>" + "x" * (before - 6) + CLIENT_SECRET + "y" * 3000
                self.fake.fail("GET", r"^/api/v2/organizations/me$", (200, {}, body))
                code, out, err = self.deploy("one")
                self.assertEqual(code, 75, err)
                self.assertIn("bytes in all", err)
                for k in range(4, len(CLIENT_SECRET) + 1):
                    self.assertNotIn(CLIENT_SECRET[:k], err, k)
                self.fake.fail("GET", r"^/api/v2/flows$", (400, {}, body))
                code, out, err = self.deploy("one", "--json")
                self.assertEqual(code, 1, err)
                for k in range(4, len(CLIENT_SECRET) + 1):
                    self.assertNotIn(CLIENT_SECRET[:k], out + err, k)

    def assert_no_control(self, code, out, err):
        self.assertFalse(CONTROL.search(self.last_raw), self.last_raw[-800:])
        self.assertIn("\\x1b", out + err)

    def test_server_text_with_terminal_controls(self):
        evil = "Evil\x1b[2J\x1b]0;pwned\x07\r\n\x9b31m\u009b"
        # A rejection's message, a lock holder's name, a job's messages, the org's name,
        # remote ids: in text and in --json mode.
        self.fake.fail("GET", r"^/api/v2/organizations/me$",
                       (200, {}, {"id": "org-1", "name": evil}), times=None)
        self.fake.reject_jobs["Single Flow"] = [evil, "second " + evil]
        for mode in ([], ["--json"]):
            with self.subTest(mode=mode, what="job"):
                result = self.deploy("one", *mode)
                self.assertEqual(result[0], 1, result[2])
                self.assert_no_control(*result)
        del self.fake.reject_jobs["Single Flow"]
        self.fake.fail("POST", r"^/api/v2/flows$",
                       (409, {}, {"message": evil, "lockedUser": {"name": "Dana" + evil}}),
                       times=None)
        for mode in ([], ["--json"]):
            with self.subTest(mode=mode, what="409"):
                result = self.deploy("one", *mode, target="genesys-json")
                self.assertEqual(result[0], 1, result[2])
                self.assert_no_control(*result)
        self.fake.faults.clear()
        for _ in range(2):
            flow = self.fake.add_flow("Single Flow", "inboundcall")
            self.fake.flows[flow]["id"] = flow + evil
            self.fake.flows[flow + evil] = self.fake.flows.pop(flow)
        with self.subTest(what="duplicate ids"):
            result = self.deploy("one")
            self.assertEqual(result[0], 1, result[2])
            self.assertIn("error[E1004]", result[2])
            self.assert_no_control(*result)

    def test_api_base_with_a_password_is_refused_unprinted(self):
        base = self.fake.base.replace("http://", "http://deployer:pw-canary-55@")
        code, out, err = self.deploy("one", "--verbose", "--api-base", base, api_base=False)
        self.assertEqual(code, 78, err)
        self.assertIn("user name or password", err)
        self.assertNotIn("pw-canary-55", out + err)
        self.assertEqual(self.fake.requests, [])

    def test_plain_http_only_for_loopback_literals(self):
        port = self.fake.base.rsplit(":", 1)[1]
        for host in ("127.0.0.1.", "127.0.0.1.192.0.2.1", "127.1", "localhost."):
            with self.subTest(host=host):
                code, _, err = self.deploy("one", "--api-base", "http://%s:%s" % (host, port),
                                           api_base=False)
                self.assertEqual(code, 78, err)
                self.assertIn("plain http is allowed only for loopback", err)
                self.assertEqual(self.fake.requests, [])
        code, _, err = self.deploy("one", "--api-base", "http://localhost:%s" % port,
                                   api_base=False)
        self.assertEqual(code, 0, err)

    def test_403_on_the_org_says_no_permission_is_needed(self):
        self.fake.fail("GET", r"^/api/v2/organizations/me$", (403, {}, {"message": "no"}))
        code, _, err = self.deploy("one")
        self.assertEqual(code, 77, err)
        self.assertIn("error[E1003]", err)
        self.assertIn("this call needs no permission", err)
        self.assertNotIn("(none)", err)


class FilesDeployReads(DeployCase):
    """.env, --env-file, --state-file and --ca-bundle that are directories, FIFOs, devices or
    of the wrong shape: a clear diagnostic, never exit 70, never a hang."""

    def test_env_directory_is_not_a_dotenv_file(self):
        os.makedirs(os.path.join(self.dir, ".env", "bin"))  # python -m venv .env
        code, _, err = self.deploy("one")
        self.assertEqual(code, 0, err)

    def test_env_fifo_and_env_file_directory(self):
        os.mkfifo(os.path.join(self.dir, ".env"))
        code, _, err = self.deploy("one")
        self.assertEqual(code, 78, err)
        self.assertIn("`.env` is a FIFO, not a regular file", err)
        os.remove(os.path.join(self.dir, ".env"))
        os.makedirs(os.path.join(self.dir, "settings"))
        for path, said in (("settings", "is a directory"), ("/dev/full", "is a character device")):
            code, _, err = self.deploy("one", "--env-file", path)
            self.assertEqual(code, 78, err)
            self.assertIn("`--env-file %s` %s" % (path, said), err)
        self.assertEqual(self.fake.requests, [])

    def test_state_file_directory_or_fifo_stops_before_any_write(self):
        os.makedirs(os.path.join(self.dir, "state-dir"))
        os.mkfifo(os.path.join(self.dir, "state-fifo"))
        for path, kind in (("state-dir", "a directory"), ("state-fifo", "a FIFO"),
                           ("/dev/full", "a character device")):
            with self.subTest(path=path):
                self.fake.requests.clear()
                code, out, err = self.deploy("three", "--state-file", path)
                self.assertEqual(code, 74, err)
                self.assertIn("error[E1012]: the state file `%s` is %s" % (path, kind), err)
                self.assertEqual(self.fake.requests, [])
                code, out, err = self.deploy("three", "--state-file", path, "--plan")
                self.assertEqual(code, 0, err)
                self.assertIn("warning[W1011]", err)
        self.assertTrue(os.path.isdir(os.path.join(self.dir, "state-dir")))

    def test_state_file_of_the_wrong_shape(self):
        path = os.path.join(self.dir, ".flowc", "deploy-state.json")
        os.makedirs(os.path.dirname(path))
        for orgs in ({"org-fake-1": {"archy": [1, 2, 3]}},
                     {"org-fake-1": {"archy": {"SingleFlow": {"id": 7, "sha256": None}}}},
                     {"org-fake-1": "x"}, []):
            with self.subTest(orgs=orgs):
                with open(path, "w") as f:
                    json.dump({"format": "flowc-deploy-state", "version": 1, "orgs": orgs}, f)
                code, _, err = self.deploy("one")
                self.assertEqual(code, 0, err)
                self.assertIn("warning[W1011]", err)
                self.fake.requests.clear()
                code, _, err = self.deploy("one")
                self.assertEqual(code, 0, err)
                self.assertNotIn("W1011", err)
                self.assertEqual(self.writes(), 0, "the state file was rewritten whole")

    def test_ca_bundle_that_is_not_a_file(self):
        for path, said in ((self.dir, "it is a directory"), ("/dev/null", "it is a character device"),
                           ("missing.pem", "no such file")):
            code, _, err = self.deploy("one", "--ca-bundle", path)
            self.assertEqual(code, 78, err)
            self.assertIn("`--ca-bundle %s`: %s" % (path, said), err)
        self.assertEqual(self.fake.requests, [])


class SecretCanary(unittest.TestCase):
    """Runs last (ctest passes it after the others in one process): no secret in any output."""

    def test_no_secret_in_any_captured_byte(self):
        suite = unittest.TestSuite()
        loader = unittest.TestLoader()
        for case in (FirstAndSecondRun, AuthAndPermissions, BadBodies, RateLimitsAndRetries,
                     Hardening):
            suite.addTests(loader.loadTestsFromTestCase(case))
        # --verbose everywhere in this pass: request logs must not leak either.
        original = DeployCase.deploy

        def verbose(self, kind="three", *args, **kw):
            return original(self, kind, *(list(args) + ["--verbose"]), **kw)
        DeployCase.deploy = verbose
        try:
            result = unittest.TextTestRunner(stream=open(os.devnull, "w")).run(suite)
        finally:
            DeployCase.deploy = original
        self.assertTrue(result.wasSuccessful(),
                        [str(t) for t, _ in result.failures + result.errors])
        text = "\n".join(CAPTURED)
        self.assertGreater(len(text), 10000)
        tokens = re.findall(r"token:(tok-canary-\S+)", text)
        hits = text.count(CLIENT_SECRET) + len(re.findall(r"(?<!token:)tok-canary-", text))
        self.assertEqual(hits, 0, "a secret reached the output")
        self.assertTrue(tokens)


if __name__ == "__main__":
    unittest.main()
