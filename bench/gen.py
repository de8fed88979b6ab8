#!/usr/bin/env python3
"""Deterministic synthetic projects for bench/run: a `.flow` corpus and, from the same seed,
an equivalent `.proto` corpus (same file count, similar bytes, the same import graph, and
messages whose fields reference types of imported files).

    bench/gen.py OUT_DIR [--files N] [--seed S] [--bytes-per-file B]

writes OUT_DIR/flow/**.flow and OUT_DIR/proto/**.proto and prints one summary line. The same
arguments always give the same bytes. The flow corpus checks with no diagnostic at all: every
variable is read, every output assigned, calls only go to shared flows of earlier files (so
there is no call cycle; shared flows call none, as Archy's common modules cannot) and every queue transferred to is listed in `@queues`.
"""

import argparse
import os
import random
import sys

TYPES = ["string", "int", "bool", "decimal"]
WORDS = ("account balance billing callback caller card claim contract customer delivery "
         "device emergency feedback invoice language loyalty menu order outage payment phone "
         "plan priority refund renewal repair sales service shipment support survey technical "
         "travel upgrade warranty").split()
PROTO_TYPE = {"string": "string", "int": "int64", "bool": "bool", "decimal": "double"}


def camel(words):
    return words[0] + "".join(w.capitalize() for w in words[1:])


def pascal(words):
    return "".join(w.capitalize() for w in words)


class Shared:
    """A shared flow's interface, as the callers and the proto corpus see it."""

    def __init__(self, name, display, params, outputs):
        self.name = name
        self.display = display
        self.params = params  # [(name, type, default or None)]
        self.outputs = outputs  # [(name, type)]


class Body:
    """Writes one flow's statements, tracking scopes so that the result checks cleanly."""

    def __init__(self, rng, inbound, callees, queues, budget):
        self.rng = rng
        self.inbound = inbound
        self.callees = callees
        self.queues = queues
        self.budget = budget
        self.lines = []
        self.scopes = [[]]  # each: [name, type, read?]
        self.counter = 0
        self.loop_depth = 0

    # --- names and expressions ------------------------------------------------------------
    def fresh(self, stem):
        self.counter += 1
        return f"{stem}{self.counter}"

    def visible(self, type_):
        return [v for scope in self.scopes for v in scope if v[1] == type_]

    def use(self, type_):
        found = self.visible(type_)
        if not found:
            return None
        var = self.rng.choice(found)
        var[2] = True
        return var[0]

    def prompt(self, lo=8, hi=22):
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]
        return "For " + " ".join(words) + ", please stay on the line."

    def expr(self, type_, depth=0):
        r = self.rng.random()
        var = self.use(type_) if r < 0.45 else None
        if var is not None:
            return var
        if depth >= 2 or r < 0.6:
            if type_ == "string":
                return self.rng.choice(['"' + self.rng.choice(WORDS) + '"', "call.ani",
                                        "contact.attributes." + pascal([self.rng.choice(WORDS)])])
            if type_ == "int":
                return str(self.rng.randint(0, 500))
            if type_ == "bool":
                return self.rng.choice(["true", "false"])
            return f"{self.rng.randint(0, 99)}.{self.rng.randint(0, 9)}"
        e = lambda t: self.expr(t, depth + 1)
        word = self.rng.choice(WORDS)
        # Lambdas, so that only the alternative taken reads variables.
        options = {
            "string": [lambda: f'{e("string")} + "-" + {e("string")}',
                       lambda: f'toString({e("int")})'],
            "int": [lambda: f'len({e("string")})', lambda: f'{e("int")} + {e("int")} * 2'],
            "bool": [lambda: f'{e("int")} >= {len(word) * 3}',
                     lambda: f'startsWith({e("string")}, "{word[:2]}")',
                     lambda: f'contains({e("string")}, "{len(word)}")',
                     lambda: f'{e("bool")} && !({e("bool")})',
                     lambda: f'({e("string")} == "{word}" || {e("bool")})'],
            "decimal": [lambda: f'{e("decimal")} + {e("int")}'],
        }[type_]
        return self.rng.choice(options)()

    # --- statements -----------------------------------------------------------------------
    def emit(self, indent, text):
        self.lines.append("    " * indent + text)
        self.budget -= len(text) + 4 * indent + 1

    def declare(self, name, type_):
        self.scopes[-1].append([name, type_, False])

    def open_scope(self):
        self.scopes.append([])

    def close_scope(self, indent):
        # Reads whatever this block declared and nobody read (no W0702 in the corpus).
        for name, type_, read in self.scopes[-1]:
            if not read:
                value = name if type_ == "string" else f"toString({name})"
                self.emit(indent, f"contact.attributes.{pascal([name])} = {value};")
        self.scopes.pop()

    def block(self, indent, size, ends_path=False):
        self.open_scope()
        for _ in range(size):
            if self.budget <= 0:
                break
            self.statement(indent)
        self.close_scope(indent)
        if ends_path and self.inbound:
            self.emit(indent, f'transfer "{self.rng.choice(self.queues)}";')

    def statement(self, indent):
        kind = self.rng.choices(
            ["play", "attr", "var", "assign", "if", "switch", "menu", "repeat", "collect", "call"],
            weights=[3, 2, 3, 2, 3, 1, 1, 1, 1, 3 if self.callees else 0])[0]
        nested = indent < 5
        if kind == "play":
            self.emit(indent, f'play "{self.prompt()}";')
        elif kind == "attr":
            self.emit(indent, f"contact.attributes.{pascal([self.rng.choice(WORDS), 'note'])} = "
                              f"{self.expr('string')};")
        elif kind == "var" or (kind in ("if", "switch", "menu", "repeat") and not nested):
            type_ = self.rng.choice(TYPES)
            name = self.fresh(self.rng.choice(WORDS))
            value = self.expr(type_)
            self.emit(indent, f"var {name}: {type_} = {value};")
            self.declare(name, type_)
        elif kind == "assign":
            type_ = self.rng.choice(TYPES)
            targets = self.visible(type_)
            if not targets:
                return self.statement(indent)
            target = self.rng.choice(targets)
            self.emit(indent, f"{target[0]} = {self.expr(type_)};")
        elif kind == "if":
            self.emit(indent, f"if {self.expr('bool')} {{")
            self.block(indent + 1, self.rng.randint(1, 4))
            arms = self.rng.randint(0, 2)
            for _ in range(arms):
                self.emit(indent, f"}} else if {self.expr('bool')} {{")
                self.block(indent + 1, self.rng.randint(1, 3), ends_path=self.rng.random() < 0.2)
            if self.rng.random() < 0.5:
                self.emit(indent, "} else {")
                self.block(indent + 1, self.rng.randint(1, 3))
            self.emit(indent, "}")
        elif kind == "switch":
            self.emit(indent, f"switch {self.expr('string')} {{")
            for label in self.rng.sample(WORDS, self.rng.randint(2, 4)):
                self.emit(indent + 1, f'case "{label}", "{label.upper()}" => {{')
                self.block(indent + 2, self.rng.randint(1, 3), ends_path=self.rng.random() < 0.3)
                self.emit(indent + 1, "}")
            self.emit(indent + 1, "default => {")
            self.block(indent + 2, self.rng.randint(1, 2))
            self.emit(indent + 1, "}")
            self.emit(indent, "}")
        elif kind == "menu":
            self.emit(indent, f'menu "{self.prompt(14, 30)}" {{')
            for key in sorted(self.rng.sample("123456789", self.rng.randint(2, 5))):
                self.emit(indent + 1, f'"{key}" => {{')
                self.block(indent + 2, self.rng.randint(1, 3), ends_path=self.rng.random() < 0.4)
                self.emit(indent + 1, "}")
            self.emit(indent + 1, f'else => play "{self.prompt(4, 8)}";')
            self.emit(indent, "}")
        elif kind == "repeat":
            self.emit(indent, f"repeat {self.rng.randint(2, 5)} {{")
            self.loop_depth += 1
            self.open_scope()
            self.emit(indent + 1, f"if {self.expr('bool')} {{ break; }}")
            for _ in range(self.rng.randint(1, 3)):
                self.statement(indent + 1)
            self.close_scope(indent + 1)
            self.loop_depth -= 1
            self.emit(indent, "}")
        elif kind == "collect":
            name = self.fresh("digits")
            self.emit(indent, f'collect {name} prompt "{self.prompt(6, 12)}" '
                              f"digits {self.rng.randint(1, 12)};")
            self.declare(name, "string")
        elif kind == "call":
            callee = self.rng.choice(self.callees)
            args = []
            for pname, ptype, default in callee.params:
                if default is None or self.rng.random() < 0.5:
                    args.append(f"{pname} = {self.expr(ptype)}")
            bindings = []
            for oname, otype in callee.outputs:
                if self.rng.random() < 0.8 or not bindings:
                    local = self.fresh(oname)
                    bindings.append((local, oname, otype))
            head = f"call {callee.name}({', '.join(args)})"
            self.emit(indent, head)
            self.emit(indent + 1, "-> <" + ", ".join(f"{l} = {o}" for l, o, _ in bindings) + ">;")
            for local, _, otype in bindings:
                self.declare(local, otype)


def make_shared(rng, file_index, k):
    words = [rng.choice(WORDS), rng.choice(WORDS)]
    name = pascal(words) + f"F{file_index}S{k}"
    params = []
    for i in range(rng.randint(2, 5)):
        type_ = rng.choice(TYPES)
        pname = camel([rng.choice(WORDS), "in"]) + str(i)
        default = None
        if rng.random() < 0.4:
            default = {"string": f'"{rng.choice(WORDS)}"', "int": str(rng.randint(1, 9)),
                       "bool": "true", "decimal": "2.5"}[type_]
        params.append((pname, type_, default))
    outputs = [(camel([rng.choice(WORDS), "out"]) + str(i), rng.choice(TYPES))
               for i in range(rng.randint(1, 4))]
    return Shared(name, " ".join(w.capitalize() for w in words) + f" {file_index}.{k}", params,
                  outputs)


def doc_comment(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    return "/// Handles " + " ".join(words) + "."


def generate(out, files, seed, bytes_per_file):
    rng = random.Random(seed)
    shared_by_file = {}  # file index -> [Shared]
    imports_of = {}
    paths = {}
    flow_bytes = 0
    for index in range(files):
        paths[index] = f"d{index // 50:03d}/f{index:05d}"
    for index in range(files):
        file_rng = random.Random(f"{seed}:{index}")
        is_shared_file = index < 3 or file_rng.random() < 0.6
        earlier = [i for i in range(max(0, index - 60), index) if shared_by_file.get(i)]
        # Archy's common modules cannot call each other, so only inbound files import.
        imports = [] if is_shared_file else sorted(
            file_rng.sample(earlier, min(len(earlier), file_rng.randint(2, 5))))
        imports_of[index] = imports
        callees = [s for i in imports for s in shared_by_file[i]]
        queues = [f"Queue {pascal([file_rng.choice(WORDS)])} {index}.{q}" for q in range(4)]
        flows = []
        lines = [f'import "{os.path.relpath(paths[i], os.path.dirname(paths[index]))}.flow";'
                 for i in imports]
        lines.append("")
        count = file_rng.randint(2, 3)
        per_flow = bytes_per_file // count
        shared = []
        for k in range(count):
            body = Body(file_rng, not is_shared_file, callees, queues, per_flow)
            lines.append(doc_comment(file_rng))
            if is_shared_file:
                iface = make_shared(file_rng, index, k)
                shared.append(iface)
                params = ", ".join(f"{n}: {t}" + (f" = {d}" if d else "") for n, t, d in iface.params)
                outs = ", ".join(f"{n}: {t}" for n, t in iface.outputs)
                lines.append(f'@name("{iface.display}")')
                lines.append(f"shared flow {iface.name}({params})")
                lines.append(f"    -> <{outs}>")
                lines.append("{")
                for n, t, _ in iface.params:
                    body.declare(n, t)
                for n, t in iface.outputs:
                    body.emit(1, f"{n} = {body.expr(t)};")
                body.scopes[0] = [[n, t, True] for n, t, _ in iface.params]
                body.scopes[0] += [[n, t, True] for n, t in iface.outputs]
                body.block(1, 10_000)
                lines += body.lines
                lines.append("}")
                flows.append(("shared", iface))
            else:
                name = pascal([file_rng.choice(WORDS), "line"]) + f"F{index}I{k}"
                lines.append(f'@name("Inbound {name}")')
                lines.append("@queues(" + ", ".join(f'"{q}"' for q in queues) + ")")
                lines.append(f"inbound flow {name} {{")
                body.block(1, 10_000, ends_path=True)
                lines += body.lines
                lines.append("}")
                flows.append(("inbound", name))
            lines.append("")
        shared_by_file[index] = shared
        text = "\n".join(lines)
        path = os.path.join(out, "flow", paths[index] + ".flow")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        flow_bytes += len(text.encode())
        write_proto(out, paths, index, imports, flows, shared_by_file, len(text.encode()),
                    random.Random(f"{seed}:proto:{index}"))
    proto_bytes = sum(os.path.getsize(os.path.join(dp, f))
                      for dp, _, fs in os.walk(os.path.join(out, "proto")) for f in fs)
    print(f"gen: {files} files, flow {flow_bytes} bytes, proto {proto_bytes} bytes, seed {seed}")


def write_proto(out, paths, index, imports, flows, shared_by_file, target_bytes, rng):
    """The same file as protobuf: one message per flow whose fields reference the messages of
    the shared flows it may call (in imported files), padded with fields and nested messages
    to about the flow file's size."""
    package = "bench." + paths[index].replace("/", ".")
    lines = ['syntax = "proto3";', "", f"package {package};", ""]
    lines += [f'import "{paths[i]}.proto";' for i in imports]
    lines.append("")
    imported = [(i, s) for i in imports for s in shared_by_file[i]]
    messages = []
    for kind, flow in flows:
        name = flow.name if kind == "shared" else flow
        body = [f"// {doc_comment(rng)[4:]}", f"message {name} {{"]
        number = 1
        if kind == "shared":
            for pname, ptype, _ in flow.params:
                body.append(f"  {PROTO_TYPE[ptype]} {pname} = {number};")
                number += 1
            for oname, otype in flow.outputs:
                body.append(f"  {PROTO_TYPE[otype]} {oname} = {number};")
                number += 1
        messages.append((body, number))
    size = lambda: sum(len(l) + 1 for l in lines) + sum(len(l) + 1 for b, _ in messages for l in b)
    turn = 0
    while size() < target_bytes:
        body, number = messages[turn % len(messages)]
        r = rng.random()
        field = camel([rng.choice(WORDS), rng.choice(WORDS)]) + str(number)
        if imported and r < 0.35:
            i, s = rng.choice(imported)
            ref = "." + "bench." + paths[i].replace("/", ".") + "." + s.name
            body.append(f"  repeated {ref} {field} = {number};")
        elif r < 0.5:
            nested = pascal([rng.choice(WORDS), "prompt"]) + str(number)
            body.append(f"  // {' '.join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))}")
            body.append(f"  message {nested} {{ string text = 1; int32 digits = 2; "
                        f"bool barge_in = 3; }}")
            body.append(f"  {nested} {field} = {number};")
        else:
            body.append(f"  {rng.choice(list(PROTO_TYPE.values()))} {field} = {number};")
        messages[turn % len(messages)] = (body, number + 1)
        turn += 1
    for body, _ in messages:
        lines += body + ["}", ""]
    path = os.path.join(out, "proto", paths[index] + ".proto")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bytes-per-file", type=int, default=15_200)
    args = parser.parse_args()
    if args.files < 1:
        sys.exit("gen: --files must be at least 1")
    generate(args.out, args.files, args.seed, args.bytes_per_file)


if __name__ == "__main__":
    main()
