"""Real-looking source code in several languages, generated from templates with random names.

Each generator returns a Snippet: the code lines plus what is true about them (language, defined functions and
classes, imports, an optional error on a known line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

NOUNS = ["user", "order", "item", "config", "cache", "session", "token", "payload", "request", "record", "event",
         "message", "invoice", "product", "account", "report", "file", "image", "task", "job", "metric", "price"]
VERBS = ["get", "load", "fetch", "parse", "save", "update", "create", "delete", "validate", "build", "render",
         "handle", "process", "compute", "format", "send", "sync", "resolve", "normalize", "merge"]


def _camel(*ws):
    return ws[0] + "".join(w.capitalize() for w in ws[1:])


def _snake(*ws):
    return "_".join(ws)


def _pascal(*ws):
    return "".join(w.capitalize() for w in ws)


@dataclass
class Snippet:
    language: str
    ext: str
    lines: list
    functions: list = field(default_factory=list)
    classes: list = field(default_factory=list)
    imports: list = field(default_factory=list)
    error: dict | None = None      # {line: index, token: str, message: str, code: str}
    summary: str = ""              # what the code does, true by construction ("defines a function that ...")


def _names(rng):
    n1, n2 = rng.sample(NOUNS, 2)
    v1, v2 = rng.sample(VERBS, 2)
    return n1, n2, v1, v2


# ---- Python -------------------------------------------------------------------------------------------------------
def python(rng):
    n1, n2, v1, v2 = _names(rng)
    t = rng.randrange(3)
    fn = _snake(v1, n1)
    if t == 0:
        cls = _pascal(n1, "service")
        lines = [
            "import json",
            "from pathlib import Path",
            "",
            "",
            f"class {cls}:",
            f'    """Loads and caches {n1} records."""',
            "",
            "    def __init__(self, root: Path):",
            "        self.root = root",
            "        self._cache = {}",
            "",
            f"    def {fn}(self, {n1}_id: int) -> dict:",
            f"        if {n1}_id in self._cache:",
            f"            return self._cache[{n1}_id]",
            f'        path = self.root / f"{{{n1}_id}}.json"',
            "        data = json.loads(path.read_text())",
            f"        self._cache[{n1}_id] = data",
            "        return data",
        ]
        sn = Snippet("Python", "py", lines, functions=["__init__", fn], classes=[cls], imports=["json", "pathlib"],
                     summary=f"defines a {cls} class with a {fn} method that caches JSON records")
        if rng.random() < 0.4:
            bad = f"{n1}Id"
            lines[16] = f"        self._cache[{bad}] = data"
            sn.error = {"line": 16, "token": bad, "message": f'"{bad}" is not defined', "code": "reportUndefinedVariable"}
        return sn
    if t == 1:
        lines = [
            "import asyncio",
            "import aiohttp",
            "",
            f'BASE_URL = "https://api.example.com/v1/{n1}s"',
            "",
            "",
            f"async def {fn}(session, {n1}_id):",
            f'    async with session.get(f"{{BASE_URL}}/{{{n1}_id}}") as resp:',
            "        resp.raise_for_status()",
            "        return await resp.json()",
            "",
            "",
            "async def main():",
            "    async with aiohttp.ClientSession() as session:",
            f"        ids = range(1, {rng.randint(5, 50)})",
            f"        results = await asyncio.gather(*({fn}(session, i) for i in ids))",
            f'        print(f"fetched {{len(results)}} {n1}s")',
            "",
            "",
            'if __name__ == "__main__":',
            "    asyncio.run(main())",
        ]
        return Snippet("Python", "py", lines, functions=[fn, "main"], imports=["asyncio", "aiohttp"],
                       summary=f"fetches {n1}s concurrently with asyncio and aiohttp")
    k = rng.randint(2, 9)
    lines = [
        "import pandas as pd",
        "",
        "",
        f"def {fn}(path: str) -> pd.DataFrame:",
        f'    df = pd.read_csv(path, parse_dates=["created_at"])',
        f'    df = df[df["{n2}_count"] > {k}]',
        f'    return df.groupby("{n1}_id").agg(total=("amount", "sum"))',
        "",
        "",
        f"def {_snake(v2, 'report')}(df: pd.DataFrame) -> None:",
        f'    top = df.sort_values("total", ascending=False).head({k})',
        "    print(top.to_string())",
        "",
        "",
        'if __name__ == "__main__":',
        f'    {_snake(v2, "report")}({fn}("data/{n1}s.csv"))',
    ]
    sn = Snippet("Python", "py", lines, functions=[fn, _snake(v2, "report")], imports=["pandas"],
                 summary=f"reads a CSV with pandas and prints the top {k} rows")
    if rng.random() < 0.35:
        lines[10] = f'    top = df.sort_values("total", ascending=False).head({k}'
        sn.error = {"line": 10, "token": f".head({k}", "message": '"(" was not closed', "code": "syntax"}
    return sn


# ---- JavaScript / TypeScript ----------------------------------------------------------------------------------------
def javascript(rng, ts=False):
    n1, n2, v1, v2 = _names(rng)
    fn = _camel(v1, n1)
    t = rng.randrange(3)
    T = (lambda s: s) if ts else (lambda s: re.sub(r": [A-Za-z<>\[\]| ]+(?=[,)=])|: Promise<[^>]+>(?= \{)", "", s))
    if t == 0:
        port = rng.choice([3000, 8080, 4000, 5173])
        lines = [
            "import express from 'express';",
            f"import {{ {fn} }} from './{n1}s';",
            "",
            "const app = express();",
            "app.use(express.json());",
            "",
            T(f"app.get('/api/{n1}s/:id', async (req: Request, res: Response) => {{"),
            f"  const {n1} = await {fn}(req.params.id);",
            f"  if (!{n1}) {{",
            f"    return res.status(404).json({{ error: '{n1.capitalize()} not found' }});",
            "  }",
            f"  res.json({n1});",
            "});",
            "",
            f"app.listen({port}, () => console.log('listening on {port}'));",
        ]
        sn = Snippet("TypeScript" if ts else "JavaScript", "ts" if ts else "js", lines, functions=[fn],
                     imports=["express", f"./{n1}s"], summary=f"an Express server with a GET /api/{n1}s/:id route on port {port}")
        if ts and rng.random() < 0.4:
            lines[7] = f"  const {n1}: number = await {fn}(req.params.id);"
            sn.error = {"line": 7, "token": n1, "message": f"Type '{_pascal(n1)}' is not assignable to type 'number'.",
                        "code": "ts(2322)"}
        return sn
    if t == 1:
        comp = _pascal(n1, "list")
        lines = [
            "import { useEffect, useState } from 'react';",
            "",
            T(f"export function {comp}({{ {n2}Id }}: {{ {n2}Id: string }}) {{"),
            f"  const [{n1}s, set{_pascal(n1)}s] = useState([]);",
            "",
            "  useEffect(() => {",
            f"    fetch(`/api/{n2}s/${{{n2}Id}}/{n1}s`)",
            "      .then((res) => res.json())",
            f"      .then(set{_pascal(n1)}s);",
            f"  }}, [{n2}Id]);",
            "",
            "  return (",
            "    <ul>",
            f"      {{{n1}s.map((x) => <li key={{x.id}}>{{x.name}}</li>)}}",
            "    </ul>",
            "  );",
            "}",
        ]
        return Snippet("TypeScript" if ts else "JavaScript", "tsx" if ts else "jsx", lines, functions=[comp],
                       imports=["react"], summary=f"a React component {comp} that fetches and lists {n1}s")
    lines = [
        T(f"export async function {fn}(id: string): Promise<{_pascal(n1)}> {{") if ts else f"export async function {fn}(id) {{",
        f"  const res = await fetch(`${{API_URL}}/{n1}s/${{id}}`);",
        "  if (!res.ok) {",
        f"    throw new Error(`Failed to load {n1} ${{id}}: ${{res.status}}`);",
        "  }",
        "  return res.json();",
        "}",
        "",
        T(f"export function {_camel(v2, n2)}(items: {_pascal(n2)}[]): number {{") if ts else f"export function {_camel(v2, n2)}(items) {{",
        "  return items.reduce((sum, x) => sum + x.amount, 0);",
        "}",
    ]
    if ts:
        lines = [f"interface {_pascal(n1)} {{", "  id: string;", "  name: string;", "  amount: number;", "}", "",
                 "const API_URL = process.env.API_URL ?? 'http://localhost:3000';", ""] + lines
    else:
        lines = ["const API_URL = process.env.API_URL || 'http://localhost:3000';", ""] + lines
    sn = Snippet("TypeScript" if ts else "JavaScript", "ts" if ts else "js", lines, functions=[fn, _camel(v2, n2)],
                 classes=[_pascal(n1)] if ts else [], summary=f"an async {fn} function that fetches a {n1} by id")
    if rng.random() < 0.35:
        i = len(lines) - 2
        lines[i] = "  return items.reduce((sum, x) => sum + x.amout, 0);"
        sn.error = {"line": i, "token": "amout",
                    "message": f"Property 'amout' does not exist on type '{_pascal(n2)}'." if ts else "'amout' is not defined",
                    "code": "ts(2339)" if ts else "eslint"}
    return sn


def typescript(rng):
    return javascript(rng, ts=True)


# ---- Rust ---------------------------------------------------------------------------------------------------------
def rust(rng):
    n1, n2, v1, v2 = _names(rng)
    st = _pascal(n1)
    fn = _snake(v1, n1)
    lines = [
        "use std::collections::HashMap;",
        "use std::fs;",
        "",
        "#[derive(Debug, Clone)]",
        f"pub struct {st} {{",
        "    pub id: u64,",
        "    pub name: String,",
        "}",
        "",
        f"pub fn {fn}(path: &str) -> Result<HashMap<u64, {st}>, std::io::Error> {{",
        "    let text = fs::read_to_string(path)?;",
        "    let mut map = HashMap::new();",
        "    for (i, line) in text.lines().enumerate() {",
        f"        map.insert(i as u64, {st} {{ id: i as u64, name: line.to_string() }});",
        "    }",
        "    Ok(map)",
        "}",
        "",
        "fn main() {",
        f'    let {n1}s = {fn}("{n1}s.txt").expect("read failed");',
        f'    println!("loaded {{}} {n1}s", {n1}s.len());',
        "}",
    ]
    sn = Snippet("Rust", "rs", lines, functions=[fn, "main"], classes=[st], imports=["std::collections::HashMap", "std::fs"],
                 summary=f"defines a {st} struct and a {fn} function that reads a file into a HashMap")
    if rng.random() < 0.4:
        lines[20] = f'    println!("loaded {{}} {n1}s", {n1}_list.len());'
        sn.error = {"line": 20, "token": f"{n1}_list", "message": f"cannot find value `{n1}_list` in this scope",
                    "code": "E0425"}
    return sn


# ---- Go -----------------------------------------------------------------------------------------------------------
def go(rng):
    n1, n2, v1, v2 = _names(rng)
    h = v1 + _pascal(n1) + "Handler"
    port = rng.choice([8080, 8000, 9090])
    lines = [
        "package main",
        "",
        "import (",
        '\t"encoding/json"',
        '\t"log"',
        '\t"net/http"',
        ")",
        "",
        f"type {_pascal(n1)} struct {{",
        '\tID   int    `json:"id"`',
        '\tName string `json:"name"`',
        "}",
        "",
        f"func {h}(w http.ResponseWriter, r *http.Request) {{",
        f'\titems := []{_pascal(n1)}{{{{ID: 1, Name: "first"}}}}',
        '\tw.Header().Set("Content-Type", "application/json")',
        "\tjson.NewEncoder(w).Encode(items)",
        "}",
        "",
        "func main() {",
        f'\thttp.HandleFunc("/{n1}s", {h})',
        f'\tlog.Fatal(http.ListenAndServe(":{port}", nil))',
        "}",
    ]
    sn = Snippet("Go", "go", lines, functions=[h, "main"], classes=[_pascal(n1)],
                 imports=["encoding/json", "log", "net/http"], summary=f"an HTTP server with a /{n1}s handler on port {port}")
    if rng.random() < 0.35:
        lines[16] = "\tjson.NewEncoder(w).Encode(itemz)"
        sn.error = {"line": 16, "token": "itemz", "message": "undefined: itemz", "code": "compiler"}
    return sn


# ---- Java ---------------------------------------------------------------------------------------------------------
def java(rng):
    n1, n2, v1, v2 = _names(rng)
    cls = _pascal(n1, "repository")
    fn = _camel(v1, _pascal(n1))
    lines = [
        f"package com.example.{n1};",
        "",
        "import java.util.List;",
        "import java.util.Optional;",
        "",
        f"public class {cls} {{",
        f"    private final List<{_pascal(n1)}> {n1}s;",
        "",
        f"    public {cls}(List<{_pascal(n1)}> {n1}s) {{",
        f"        this.{n1}s = {n1}s;",
        "    }",
        "",
        f"    public Optional<{_pascal(n1)}> {fn}(long id) {{",
        f"        return {n1}s.stream()",
        "                .filter(x -> x.getId() == id)",
        "                .findFirst();",
        "    }",
        "}",
    ]
    sn = Snippet("Java", "java", lines, functions=[fn], classes=[cls], imports=["java.util.List", "java.util.Optional"],
                 summary=f"a {cls} class with a {fn} method that finds a {n1} by id")
    if rng.random() < 0.35:
        lines[15] = "                .findFirst()"
        sn.error = {"line": 15, "token": ".findFirst()", "message": "';' expected", "code": "javac"}
    return sn


# ---- C ------------------------------------------------------------------------------------------------------------
def c_lang(rng):
    n1, n2, v1, v2 = _names(rng)
    fn = _snake(v1, n1)
    n = rng.randint(4, 64)
    lines = [
        "#include <stdio.h>",
        "#include <stdlib.h>",
        "",
        f"#define MAX_{n1.upper()}S {n}",
        "",
        f"static int {fn}(const int *values, size_t len) {{",
        "    int total = 0;",
        "    for (size_t i = 0; i < len; i++) {",
        "        total += values[i];",
        "    }",
        "    return total;",
        "}",
        "",
        "int main(void) {",
        f"    int values[MAX_{n1.upper()}S] = {{0}};",
        f'    printf("total: %d\\n", {fn}(values, MAX_{n1.upper()}S));',
        "    return 0;",
        "}",
    ]
    sn = Snippet("C", "c", lines, functions=[fn, "main"], imports=["stdio.h", "stdlib.h"],
                 summary=f"a C program whose {fn} function sums an array")
    if rng.random() < 0.35:
        lines[8] = "        total += value[i];"
        sn.error = {"line": 8, "token": "value", "message": "use of undeclared identifier 'value'", "code": "clang"}
    return sn


# ---- data / config languages ---------------------------------------------------------------------------------------
def json_cfg(rng):
    name = rng.choice(["lunette", "webapp", "api-server", "dashboard", "cli-tool"])
    ver = f"{rng.randint(0, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    lines = [
        "{",
        f'  "name": "{name}",',
        f'  "version": "{ver}",',
        '  "type": "module",',
        '  "scripts": {',
        '    "build": "tsc -p .",',
        '    "test": "node --test",',
        '    "lint": "eslint src"',
        "  },",
        '  "dependencies": {',
        f'    "express": "^4.{rng.randint(16, 19)}.0",',
        f'    "zod": "^3.{rng.randint(20, 23)}.0"',
        "  }",
        "}",
    ]
    return Snippet("JSON", "json", lines, summary=f'a package.json for "{name}" version {ver}',
                   functions=[], imports=[])


def yaml_ci(rng):
    node = rng.choice([18, 20, 22])
    lines = [
        "name: CI",
        "",
        "on:",
        "  push:",
        "    branches: [main]",
        "  pull_request:",
        "",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - uses: actions/setup-node@v4",
        "        with:",
        f"          node-version: {node}",
        "      - run: npm ci",
        "      - run: npm test",
    ]
    return Snippet("YAML", "yml", lines, summary=f"a GitHub Actions workflow that runs npm test on Node {node}")


def sql(rng):
    n1, n2, _, _ = _names(rng)
    k = rng.randint(5, 100)
    lines = [
        f"-- top {n2}s by {n1} count",
        f"SELECT {n2}s.id, {n2}s.name, COUNT({n1}s.id) AS {n1}_count",
        f"FROM {n2}s",
        f"LEFT JOIN {n1}s ON {n1}s.{n2}_id = {n2}s.id",
        f"WHERE {n2}s.created_at >= NOW() - INTERVAL '30 days'",
        f"GROUP BY {n2}s.id, {n2}s.name",
        f"ORDER BY {n1}_count DESC",
        f"LIMIT {k};",
    ]
    return Snippet("SQL", "sql", lines, summary=f"a SQL query that counts {n1}s per {n2} and returns the top {k}")


def shell(rng):
    app = rng.choice(["webapp", "api", "worker"])
    lines = [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        "",
        f'APP="{app}"',
        'TAG="$(git rev-parse --short HEAD)"',
        "",
        'echo "Building $APP:$TAG"',
        'docker build -t "$APP:$TAG" .',
        'docker push "registry.example.com/$APP:$TAG"',
        "",
        'if [[ "${1:-}" == "--deploy" ]]; then',
        '  kubectl set image deployment/"$APP" "$APP=registry.example.com/$APP:$TAG"',
        "fi",
    ]
    return Snippet("Shell", "sh", lines, summary=f"a Bash script that builds and pushes a Docker image for {app}")


def css(rng):
    col = rng.choice(["#2563eb", "#16a34a", "#dc2626", "#7c3aed"])
    lines = [
        ".button {",
        "  display: inline-flex;",
        "  padding: 8px 16px;",
        f"  background: {col};",
        "  color: #fff;",
        "  border-radius: 6px;",
        "}",
        "",
        ".button:hover {",
        "  filter: brightness(1.1);",
        "}",
    ]
    return Snippet("CSS", "css", lines, summary="CSS rules for a .button class")


GENERATORS = {"Python": python, "JavaScript": javascript, "TypeScript": typescript, "Rust": rust, "Go": go,
              "Java": java, "C": c_lang, "JSON": json_cfg, "YAML": yaml_ci, "SQL": sql, "Shell": shell, "CSS": css}
WEIGHTS = {"Python": 3, "JavaScript": 2, "TypeScript": 3, "Rust": 1.5, "Go": 1.5, "Java": 1, "C": 1, "JSON": 1,
           "YAML": 1, "SQL": 1, "Shell": 1, "CSS": 0.5}


def snippet(rng, language=None) -> Snippet:
    if language is None:
        ks = list(WEIGHTS)
        language = rng.choices(ks, weights=[WEIGHTS[k] for k in ks])[0]
    return GENERATORS[language](rng)


# ---- highlighting ---------------------------------------------------------------------------------------------------
KEYWORDS = {
    "Python": "import from as class def return if elif else for in while with async await try except finally raise "
              "None True False self lambda not and or is pass yield",
    "JavaScript": "import from export const let var function return if else for of in while async await new throw "
                  "try catch class extends this null undefined true false default",
    "TypeScript": "import from export const let var function return if else for of in while async await new throw "
                  "try catch class extends this null undefined true false interface type string number boolean default",
    "Rust": "use pub fn let mut struct impl for in if else match return Ok Err Some None self Self as String u64",
    "Go": "package import func type struct return if else for range var const nil map string int",
    "Java": "package import public private final class static return new void long int this if else",
    "C": "include define static int const size_t for return void if else char",
    "SQL": "SELECT FROM LEFT JOIN ON WHERE GROUP BY ORDER DESC LIMIT AS COUNT NOW INTERVAL AND",
    "Shell": "set echo if then fi export",
    "YAML": "", "JSON": "", "CSS": "",
}
COMMENT = {"Python": r"#.*$", "Shell": r"#.*$", "YAML": r"#.*$", "SQL": r"--.*$", "CSS": r"/\*.*?\*/"}
TOKEN = re.compile(r"(?P<s>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`[^`]*`)|(?P<n>\b\d+(?:\.\d+)?\b)|"
                   r"(?P<w>[A-Za-z_][A-Za-z0-9_]*)|(?P<sp>\s+)|(?P<o>.)")


def highlight(line: str, language: str):
    """[(text, token_kind)] with kinds: kw, str, num, fn, type, com, plain."""
    com = COMMENT.get(language, r"//.*$")
    if language in ("C",) and line.lstrip().startswith("#"):
        return [(line, "kw")]
    m = re.search(com, line)
    code, comment = (line[:m.start()], line[m.start():]) if m and not _in_string(line, m.start()) else (line, "")
    kws = set(KEYWORDS.get(language, "").split())
    out = []
    toks = list(TOKEN.finditer(code))
    for i, t in enumerate(toks):
        s = t.group(0)
        if t.group("s"):
            kind = "str"
        elif t.group("n"):
            kind = "num"
        elif t.group("w"):
            nxt = code[t.end():t.end() + 1]
            if s in kws:
                kind = "kw"
            elif nxt == "(":
                kind = "fn"
            elif s[:1].isupper():
                kind = "type"
            elif language == "YAML" and code[t.end():].startswith(":"):
                kind = "kw"
            else:
                kind = "plain"
        else:
            kind = "plain"
        out.append((s, kind))
    if language == "JSON":
        out = [(s, "kw" if k == "str" and code[code.find(s) + len(s):].lstrip().startswith(":") else k) for s, k in out]
    if comment:
        out.append((comment, "com"))
    return out


def _in_string(line, pos):
    q = None
    for i, ch in enumerate(line[:pos]):
        if ch in "\"'`" and (i == 0 or line[i - 1] != "\\"):
            q = None if q == ch else (ch if q is None else q)
    return q is not None
