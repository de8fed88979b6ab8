#!/usr/bin/env python3
"""A fake Genesys Cloud Platform API v2 on 127.0.0.1, for flowc deploy's tests and for trying
`flowc deploy` without an org. Python's standard library only.

It implements what deploy uses: the OAuth token endpoint (client credentials, Basic auth),
/api/v2/organizations/me, flow listing with paging and the platform's inexact name filter,
flow create/read/update, archy publish jobs (create, presigned upload, polling) and queue
listing. It records every request, and a test scripts faults with `fail(...)`.

Standalone: python3 tests/deploy/fake_genesys.py [--port N] [--any-queue]
(--any-queue: every queue, schedule group, prompt, data action, ... looked up exists)
prints the base URL to use with `flowc deploy --api-base`.
"""
import argparse
import base64
import http.server
import itertools
import json
import re
import threading
import time
import urllib.parse

CLIENT_ID = "flowc-test-client"
CLIENT_SECRET = "canary-S3cr3t-7f1d2b9c"


class Fault:
    """Matches requests by method and path regex; acts `times` times (None: for ever)."""

    def __init__(self, method, path, action, times=1, after=0):
        self.method, self.path, self.action = method, re.compile(path), action
        self.times, self.after, self.seen = times, after, 0

    def take(self, method, path):
        if self.method not in ("*", method) or not self.path.search(path):
            return False
        self.seen += 1
        if self.seen <= self.after:
            return False
        if self.times is not None:
            if self.times <= 0:
                return False
            self.times -= 1
        return True


def echo(style, headers, body):
    """An error page that echoes the request back, as misconfigured proxies and debug pages
    do: `style` picks the encoding the credentials come back in."""
    auth = headers.get("authorization", "")
    if style == "html":
        lines = "".join("%s: %s\n" % (k, v) for k, v in headers.items())
        return "<html><body><h1>400 Bad Request</h1><pre>%s\n%s</pre></body></html>" % (
            lines, body.decode(errors="replace"))
    if style == "json":  # a JSON error whose encoder escapes `/`, as PHP's does
        text = json.dumps({"status": 400, "echo": {"headers": headers}})
        return text.replace("/", "\\/")
    if style == "urlencoded":
        return "error=invalid_request&echo=" + urllib.parse.quote(auth, safe="")
    if style == "decoded":  # the credential decoded back to id:secret
        raw = base64.b64decode(auth[len("Basic "):]).decode() if auth.startswith("Basic ") else ""
        return {"message": "unknown client %s" % raw, "code": "bad.client"}
    if style == "unpadded":
        return {"error": "invalid_client", "error_description": auth.rstrip("=")}
    raise ValueError(style)


# The listings deploy resolves names through, as the Platform API has them.
RESOURCE_PATHS = ("/api/v2/architect/schedulegroups", "/api/v2/architect/emergencygroups",
                  "/api/v2/architect/prompts", "/api/v2/routing/skills",
                  "/api/v2/routing/languages", "/api/v2/integrations/actions")
# ArchitectApi.getFlows' documented `type` values (purecloud-platform-client-v2).
FLOW_TYPES = ("bot", "commonmodule", "digitalbot", "inboundcall", "inboundchat", "inboundemail",
              "inboundshortmessage", "inqueuecall", "inqueueemail", "inqueueshortmessage",
              "outboundcall", "securecall", "surveyinvite", "voice", "voicemail", "voicesurvey",
              "workflow", "workitem")
# The seed tutorial's model, which only this fake takes (flowc refuses genesys-json for a real
# region): its types are not the platform's.
TUTORIAL_TYPES = ("call", "conversation", "inqueue")


def yaml_description(text):
    """The flow's description in an uploaded Archy document, where flowc writes it (line 3),
    read as YAML reads a plain or double-quoted scalar."""
    lines = text.split("\n")
    if len(lines) < 3 or not lines[2].startswith("  description: "):
        return None
    value = lines[2][len("  description: "):]
    if value.startswith('"'):
        return json.loads(re.sub(r"\\x([0-9a-fA-F]{2})", r"\\u00\1", value))
    return value


class FakeGenesys:
    def __init__(self, page_size=2, any_queue=False, job_polls=1):
        self.lock = threading.RLock()
        self.page_size = page_size          # small, so that listings page
        self.any_queue = any_queue          # every resource looked up exists (made on lookup)
        # The org's other resources, per listing path: name -> entity (id, name[, category]).
        self.resources = {path: {} for path in RESOURCE_PATHS}
        self.job_polls = job_polls          # polls answered `Started` before a job finishes
        self.flows = {}                     # id -> {id, name, type, version, body}
        self.queues = {}                    # name -> id
        self.jobs = {}                      # id -> {status, yaml, polls, flow_id, messages}
        self.tokens = set()
        self.requests = []                  # (method, path, query, headers, body)
        self.faults = []
        self.reject_jobs = {}               # flow name -> messages: the job fails
        self.never_finish = set()           # flow names whose jobs stay Started
        self.on_mutation = None             # callback(n) after the n-th mutating request
        self.mutations = 0
        self.ids = itertools.count(1)
        self.violations = []                # protocol errors flowc made
        self.expire_uploads = False         # the presigned URL has expired: S3's 403
        # Permissions the OAuth client's role lacks that only a job or an unlock checks
        # (architect:flow:publish, ...): the job fails with Archy's message.
        self.missing_permissions = set()
        # Dependency tracking: common module id -> flows of the org that call it; None: the
        # endpoint answers 404 (as where the org does not have it).
        self.consumers = {}
        self.dependency_tracking = True
        # As the real service: a flow just published answers GET /api/v2/flows/{id} with 404
        # for a moment (the vendor's Terraform provider retries it); this many reads.
        self.unreadable_after_publish = 1
        self.server = None

    # -- scripting ---------------------------------------------------------------------
    def add_queue(self, *names):
        for name in names:
            self.queues[name] = "queue-%d" % next(self.ids)

    def add_flow(self, name, type_, version="1", description=None, locked_by=None):
        flow_id = "flow-%d" % next(self.ids)
        self.flows[flow_id] = {"id": flow_id, "name": name, "type": type_.upper(),
                               "version": version, "body": None, "description": description,
                               "locked_by": locked_by}
        return flow_id

    def add_consumer(self, module_name, name, type_="INBOUNDCALLFLOW"):
        """A flow of the org, outside the project, that calls the common module."""
        flow_id = self.add_flow(name, type_.replace("FLOW", "").lower())
        module = next(f for f in self.flows.values()
                      if f["name"] == module_name and f["type"] == "COMMONMODULE")
        self.consumers.setdefault(module["id"], []).append(
            {"id": flow_id, "name": name, "type": type_, "version": "1"})
        return flow_id

    def add_resource(self, path, name, **extra):
        """A schedule group, emergency group, prompt, skill, language or data action
        (`category=` its integration), by its listing's path."""
        entity = dict(extra, id="res-%d" % next(self.ids), name=name)
        self.resources[path][name] = entity
        return entity["id"]

    def fail(self, method, path, action, times=1, after=0):
        """action: (status, headers, body) | 'reset' | ('sleep', seconds) |
        ('echo', status, style): a page echoing the request headers (see echo())."""
        self.faults.append(Fault(method, path, action, times, after))

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def mutating_requests(self):
        return [r for r in self.requests if r[0] in ("POST", "PUT") and r[1] != "/oauth/token"]

    def published(self):
        """name -> (type, version) of every flow: the remote state to compare runs by."""
        return sorted((f["name"], f["type"], f["version"] is not None) for f in self.flows.values())

    # -- server --------------------------------------------------------------------------
    def start(self, port=0):
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake.lock:
                    fake.requests.append((self.command, url.path, query, headers, body))
                    fault = next((f for f in fake.faults if f.take(self.command, url.path)), None)
                if fault is not None:
                    if fault.action == "reset":
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    if isinstance(fault.action, tuple) and fault.action[0] == "sleep":
                        time.sleep(fault.action[1])
                        return self.send(504, {"message": "gateway timeout"})
                    if isinstance(fault.action, tuple) and fault.action[0] == "echo":
                        return self.send(fault.action[1], echo(fault.action[2], headers, body))
                    status, extra, payload = fault.action
                    return self.send(status, payload, extra)
                status, payload, extra = fake.route(self.command, url.path, query, headers, body)
                mutating = self.command in ("POST", "PUT") and url.path != "/oauth/token"
                if mutating and 200 <= status < 300:
                    with fake.lock:
                        fake.mutations += 1
                        n = fake.mutations
                    if fake.on_mutation:
                        fake.on_mutation(n)
                self.send(status, payload, extra)

            def send(self, status, payload, extra=None):
                if isinstance(payload, (dict, list)):
                    data = json.dumps(payload).encode()
                    ctype = "application/json"
                elif isinstance(payload, bytes):
                    data, ctype = payload, "application/octet-stream"
                else:
                    data, ctype = str(payload).encode(), "text/html"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    extra = dict(extra or {})
                    declared = extra.pop("Content-Length", None)
                    self.send_header("Content-Length", str(declared or len(data)))
                    for k, v in extra.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                    if declared:
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = handle_any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    # -- the API ---------------------------------------------------------------------------
    def authorised(self, headers):
        auth = headers.get("authorization", "")
        return auth.startswith("Bearer ") and auth[7:] in self.tokens

    def route(self, method, path, query, headers, body):
        with self.lock:
            if path == "/oauth/token" and method == "POST":
                return self.token(headers, body)
            if path.startswith("/upload/") and method == "PUT":
                return self.upload(path[len("/upload/"):], query, headers, body)
            if not self.authorised(headers):
                return 401, {"message": "Invalid login credentials.", "code": "bad.credentials",
                             "status": 401}, None
            if path == "/api/v2/organizations/me":
                return 200, {"id": "org-fake-1", "name": "Fake Org"}, None
            if path == "/api/v2/flows" and method == "GET":
                type_ = query.get("type", [""])[0]
                if type_ and type_ not in FLOW_TYPES + TUTORIAL_TYPES:
                    return 400, {"message": "type %s is not one of %s" % (type_, FLOW_TYPES),
                                 "code": "bad.request", "status": 400}, None
                return self.listing(list(self.flows.values()), query, with_type=True)
            if path in self.resources and method == "GET":
                name = query.get("name", [""])[0]
                known = self.resources[path]
                category = query.get("category", [None])[0]
                if self.any_queue and name and name not in known:
                    self.add_resource(path, name, **({"category": category} if category else {}))
                entities = [e for e in known.values()
                            if category is None or e.get("category") == category]
                return self.listing(entities, query, with_type=False)
            if path == "/api/v2/routing/queues" and method == "GET":
                name = query.get("name", [""])[0]
                if self.any_queue and name and name not in self.queues:
                    self.add_queue(name)
                entities = [{"id": i, "name": n} for n, i in self.queues.items()]
                return self.listing(entities, query, with_type=False)
            if path == "/api/v2/flows" and method == "POST":
                return self.create_json(body)
            if path == "/api/v2/flows/jobs" and method == "POST":
                job_id = "job-%d" % next(self.ids)
                self.jobs[job_id] = {"status": "Registered", "yaml": None, "polls": 0,
                                     "flow_id": None, "messages": []}
                return 200, {"id": job_id,
                             "presignedUrl": "%s/upload/%s?X-Amz-Signature=sig%s" % (
                                 self.base, job_id, job_id),
                             # As the real API: signed over these headers only, with no
                             # Content-Type among them.
                             "headers": {"x-amz-meta-job": job_id}}, None
            if path == "/api/v2/flows/actions/unlock" and method == "POST":
                flow = self.flows.get(query.get("flow", [""])[0])
                if flow is None:
                    return 404, {"message": "flow not found", "status": 404}, None
                if "architect:flow:unlock" in self.missing_permissions:
                    return 403, {"message": "Missing permission architect:flow:unlock",
                                 "status": 403}, None
                flow["locked_by"] = None
                return 200, self.view(flow), None
            if path == "/api/v2/architect/dependencytracking/consumingresources" and \
                    method == "GET":
                if not self.dependency_tracking:
                    return 404, {"message": "not found", "status": 404}, None
                if "architect:dependencyTracking:view" in self.missing_permissions:
                    return 403, {"message": "Missing permission", "status": 403}, None
                if query.get("objectType") != ["COMMONMODULEFLOW"]:
                    self.violations.append("consumers asked without objectType=COMMONMODULEFLOW")
                entities = list(self.consumers.get(query.get("id", [""])[0], []))
                return self.listing(entities, {"pageNumber": query.get("pageNumber", ["1"])},
                                    with_type=False)
            if path == "/api/v2/flows/actions/publish" and method == "POST":
                flow = self.flows.get(query.get("flow", [""])[0])
                if flow is None:
                    return 404, {"message": "flow not found", "status": 404}, None
                flow["version"] = str(int(flow["version"] or "0") + 1)
                return 200, {"id": "op-%d" % next(self.ids), "status": "Running"}, None
            m = re.fullmatch(r"/api/v2/flows/jobs/([^/]+)", path)
            if m and method == "GET":
                return self.poll(m.group(1), query)
            m = re.fullmatch(r"/api/v2/flows/([^/]+)", path)
            if m and method == "GET":
                flow = self.flows.get(m.group(1))
                if flow is not None and flow.get("unreadable", 0) > 0:
                    flow["unreadable"] -= 1
                    flow = None
                if flow is None:
                    return 404, {"message": "flow not found", "status": 404,
                                 "code": "not.found"}, None
                return 200, self.view(flow), None
            if m and method == "PUT":
                return self.update_json(m.group(1), body)
            return 404, {"message": "no route %s %s" % (method, path)}, None

    def token(self, headers, body):
        auth = headers.get("authorization", "")
        expected = "Basic " + base64.b64encode(
            ("%s:%s" % (CLIENT_ID, CLIENT_SECRET)).encode()).decode()
        form = urllib.parse.parse_qs(body.decode())
        if form.get("grant_type") != ["client_credentials"]:
            return 400, {"error": "invalid_request"}, None
        if auth != expected:
            return 401, {"error": "invalid_client", "description": "client not found"}, None
        token = "tok-canary-%d-%s" % (next(self.ids), CLIENT_SECRET[-6:])
        self.tokens.add(token)
        return 200, {"access_token": token, "token_type": "bearer", "expires_in": 86400}, None

    def view(self, flow):
        out = {"id": flow["id"], "name": flow["name"], "type": flow["type"]}
        if flow["version"] is not None:
            out["publishedVersion"] = {"id": flow["version"]}
        if flow.get("description") is not None:
            out["description"] = flow["description"]
        if flow.get("locked_by"):
            out["lockedUser"] = {"id": "user-1", "name": flow["locked_by"]}
        return out

    def listing(self, items, query, with_type):
        # The platform's name filter is not exact: a case-insensitive substring match.
        name = query.get("name", [""])[0].lower()
        type_ = query.get("type", [""])[0].lower()
        matches = [i for i in items if name in i["name"].lower()
                   and (not with_type or not type_ or i["type"].lower() == type_)]
        matches.sort(key=lambda i: i["id"])
        size = self.page_size
        number = int(query.get("pageNumber", ["1"])[0])
        count = max(1, (len(matches) + size - 1) // size)
        page = matches[(number - 1) * size:number * size]
        return 200, {"entities": [self.view(i) if with_type else i for i in page],
                     "pageNumber": number, "pageSize": size, "total": len(matches),
                     "pageCount": count}, None

    def find(self, name, type_):
        return [f for f in self.flows.values()
                if f["name"] == name and f["type"].lower() == type_.lower()]

    def publish(self, name, type_, body):
        existing = self.find(name, type_)
        if existing:
            flow = existing[0]
            flow["version"] = str(int(flow["version"] or "0") + 1)
        else:
            flow_id = "flow-%d" % next(self.ids)
            flow = self.flows[flow_id] = {"id": flow_id, "name": name, "type": type_.upper(),
                                          "version": "1", "locked_by": None}
        flow["body"] = body
        flow["description"] = (body.get("description") if isinstance(body, dict)
                               else yaml_description(body))
        flow["unreadable"] = self.unreadable_after_publish
        return flow

    def check_references(self, text):
        if "ref:flow:" in text or "ref:queue:" in text:
            return "the flow still has unresolved placeholders"
        doc = json.loads(text)
        for node in doc.get("nodes", []):
            if "flowId" in node and node["flowId"] not in self.flows:
                return "flowId %s does not exist" % node["flowId"]
            if "queueId" in node and node["queueId"] not in self.queues.values():
                return "queueId %s does not exist" % node["queueId"]
        return None

    def create_json(self, body):
        doc = json.loads(body)
        problem = self.check_references(body.decode())
        if problem:
            return 400, {"message": problem, "status": 400}, None
        if self.find(doc["name"], doc["type"]):
            return 400, {"message": "a flow with this name already exists", "status": 400}, None
        return 200, self.view(self.publish(doc["name"], doc["type"], doc)), None

    def update_json(self, flow_id, body):
        flow = self.flows.get(flow_id)
        if flow is None:
            return 404, {"message": "flow not found", "status": 404}, None
        problem = self.check_references(body.decode())
        if problem:
            return 400, {"message": problem, "status": 400}, None
        doc = json.loads(body)
        return 200, self.view(self.publish(flow["name"], flow["type"], doc)), None

    def upload(self, job_id, query, headers, body):
        job = self.jobs.get(job_id)
        if job is None or query.get("X-Amz-Signature") != ["sig" + job_id]:
            return 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>", None
        if self.expire_uploads:
            return 403, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied"
                         "</Code><Message>Request has expired</Message></Error>"), None
        # S3 checks the signature over the signed headers: a Content-Type the job did not
        # list (libcurl adds one to a PUT with a body unless told not to) breaks it.
        if "content-type" in headers:
            self.violations.append("a Content-Type the job's headers do not have: %s" %
                                   headers["content-type"])
            return 403, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                         "SignatureDoesNotMatch</Code><Message>The request signature we "
                         "calculated does not match the signature you provided.</Message>"
                         "</Error>"), None
        if "authorization" in headers:
            self.violations.append("bearer token sent to the presigned URL")
        if headers.get("x-amz-meta-job") != job_id:
            self.violations.append("the job's upload headers were not sent")
        job["yaml"] = body.decode()
        job["status"] = "Started"
        return 200, b"", None

    def poll(self, job_id, query):
        job = self.jobs.get(job_id)
        if job is None:
            return 404, {"message": "job not found"}, None
        if query.get("expand") != ["messages"]:
            self.violations.append("job polled without expand=messages")
        view = {"id": job_id, "status": job["status"], "messages": job["messages"]}
        if job["status"] == "Started":
            m = re.match(r"(\w+):\n  name: \"?(.*?)\"?\n", job["yaml"])
            kind = {"inboundCall": "inboundcall", "commonModule": "commonmodule",
                    "inqueueCall": "inqueuecall"}.get(
                m.group(1) if m else "", "unknown")
            name = m.group(2) if m else "?"
            job["polls"] += 1
            if name in self.never_finish or job["polls"] <= self.job_polls:
                return 200, view, None
            locked = [f for f in self.find(name, kind) if f.get("locked_by")]
            failure = list(self.reject_jobs.get(name, []))
            # As Archy: a queue the org lacks fails the import, found by its name.
            for queue in re.findall(r"targetQueue:\n\s+lit:\n\s+name: \"?(.*?)\"?\n",
                                    job["yaml"]):
                if queue not in self.queues and not self.any_queue:
                    failure += ["find 'queue' by value of '%s' - no matches" % queue,
                                "Architect Scripting session ended in error ( code: 99 )"]
            if locked:
                # Archy's words (a user's report: terraform-provider-genesyscloud#316).
                failure.append("Flow '%s' ( type: '%s' ) is locked by another entity. You can "
                               "use the --forceUnlock command line parameter if you wish to "
                               "publish flows locked by another entity." % (name, kind))
            for permission in sorted(p for p in self.missing_permissions
                                     if p.startswith("architect:flow:") and
                                     p != "architect:flow:unlock"):
                failure.append("the '%s' permission is required" % permission)
            if failure:
                job["status"] = "Failure"
                job["messages"] = [{"text": t, "type": "Error"} for t in failure]
            else:
                flow = self.publish(name, kind, job["yaml"])
                job["status"], job["flow_id"] = "Success", flow["id"]
            view = {"id": job_id, "status": job["status"], "messages": job["messages"]}
        if job["flow_id"]:
            view["flow"] = {"id": job["flow_id"]}
        return 200, view, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--any-queue", action="store_true",
                        help="every queue looked up exists (created on first lookup)")
    args = parser.parse_args()
    fake = FakeGenesys(page_size=25, any_queue=args.any_queue).start(args.port)
    print("fake Genesys Cloud at %s" % fake.base)
    print("export GENESYSCLOUD_OAUTHCLIENT_ID=%s GENESYSCLOUD_OAUTHCLIENT_SECRET=%s"
          % (CLIENT_ID, CLIENT_SECRET), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
