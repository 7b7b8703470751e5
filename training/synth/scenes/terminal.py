"""Terminal screenshots: shell prompts, commands and their real-looking output (builds, tests, tracebacks, git)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import colors, fonts, lexicon as L
from ..language import article, cap, join, number
from ..scene import Canvas


@dataclass
class Block:
    command: str
    output: list                     # lines (str) or (str, colour-kind) with kinds: err, ok, warn, dim, plain
    ok: bool = True
    error: str | None = None         # the key error line, verbatim as printed
    facts: list = field(default_factory=list)   # (salience, question list, answer, [substrings of the lines needed])
    summary: str = ""                # a sentence that is true about this block


def _py_traceback(rng, ctx):
    f = rng.choice(["app.py", "main.py", "server.py", "cli.py", "worker.py"])
    fn = rng.choice(["main", "load_config", "handle", "run", "process_batch"])
    line = rng.randint(8, 140)
    kind = rng.randrange(5)
    fresh = rng.random() < 0.5
    module = L.made_up_name(rng, "_") if fresh else "requests"
    key = L.made_up_name(rng, "_") if fresh else "user_id"
    conf = (L.made_up_name(rng) + rng.choice([".yaml", ".json", ".toml"])) if fresh else "config.yaml"
    err = [f"ModuleNotFoundError: No module named '{module}'", f"KeyError: '{key}'",
           "ZeroDivisionError: division by zero",
           "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
           f"FileNotFoundError: [Errno 2] No such file or directory: '{conf}'"][kind]
    out = ["Traceback (most recent call last):",
           f'  File "/home/{ctx["user"]}/{ctx["proj"]}/{f}", line {line}, in <module>',
           f"    {fn}()",
           f'  File "/home/{ctx["user"]}/{ctx["proj"]}/{f}", line {line - rng.randint(3, 7)}, in {fn}',
           "    " + [f"import {module}", f"uid = payload['{key}']", "avg = total / count", "label = n + name",
                     f"with open('{conf}') as fh:"][kind],
           (err, "err")]
    if kind == 0:
        out = out[:1] + out[1:3] + [(err, "err")]
        out[1] = f'  File "/home/{ctx["user"]}/{ctx["proj"]}/{f}", line 3, in <module>'
        out[2] = f"    import {module}"
        line = 3
    etype = err.split(":")[0]
    b = Block(f"python3 {f}", out, ok=False, error=err,
              summary=f"Running {f} failed with {article(etype)}")
    b.facts.append((0.6, ["What type of error occurred?", "What exception was raised?", "What kind of error is it?"],
                    etype, [err]))
    b.facts.append((0.5, ["Which file raised the error?", "In which file did the error happen?"], f,
                    [f'{f}", line {line}']))
    if kind == 0:
        b.facts.append((0.6, ["Which module is missing?", "What module could not be found?"], module, [err]))
    return b


def _pytest(rng, ctx):
    n_pass = rng.randint(3, 40)
    n_fail = rng.choice([0, 0, 1, 1, 2, 3])
    dur = f"{rng.uniform(0.1, 9):.2f}s"
    mod = rng.choice(["test_api", "test_models", "test_utils", "test_parser", "test_cache"])
    tests = rng.sample(["test_create_user", "test_empty_input", "test_parse_date", "test_cache_expiry", "test_total",
                        "test_login_redirect", "test_unicode_name"], max(1, n_fail))
    dots = "".join(rng.sample("." * n_pass + "F" * n_fail, n_pass + n_fail))
    out = [f"tests/{mod}.py {dots[:60]}" + (" " * 2 + "[100%]")]
    if n_fail:
        out.append(("=" * 20 + " short test summary info " + "=" * 20, "dim"))
        for t in tests[:n_fail]:
            a, b = rng.randint(1, 9), rng.randint(10, 20)
            out.append((f"FAILED tests/{mod}.py::{t} - assert {a} == {b}", "err"))
        summ = f"{n_fail} failed, {n_pass} passed in {dur}"
        out.append(("=" * 14 + f" {summ} " + "=" * 14, "err"))
        b = Block("pytest -q" if rng.random() < 0.5 else f"pytest tests/{mod}.py", out, ok=False,
                  error=f"FAILED tests/{mod}.py::{tests[0]}", summary=f"The test run reports {n_fail} failed and {n_pass} passed")
        b.facts.append((0.7, ["How many tests failed?", "How many failures are there?"], str(n_fail), [summ]))
        b.facts.append((0.6, ["How many tests passed?", "How many tests succeeded?"], str(n_pass), [summ]))
        if n_fail == 1:
            b.facts.append((0.6, ["Which test failed?", "What is the name of the failing test?"], tests[0],
                            [f"::{tests[0]}"]))
        b.facts.append((0.5, ["Did all tests pass?", "Are all the tests passing?"], "No", [summ]))
    else:
        summ = f"{n_pass} passed in {dur}"
        out.append(("=" * 20 + f" {summ} " + "=" * 20, "ok"))
        b = Block("pytest -q", out, ok=True, summary=f"All {n_pass} tests passed")
        b.facts.append((0.7, ["How many tests passed?", "How many tests ran?"], str(n_pass), [summ]))
        b.facts.append((0.6, ["Did all tests pass?", "Did any test fail?"], "Yes", [summ]))
    return b


def _npm_install(rng, ctx):
    if rng.random() < 0.5:
        n = rng.randint(40, 900)
        t = rng.randint(2, 40)
        out = [f"added {n} packages, and audited {n + 1} packages in {t}s", "",
               f"{rng.randint(5, 120)} packages are looking for funding", "  run `npm fund` for details", "",
               ("found 0 vulnerabilities", "ok")]
        b = Block("npm install", out, ok=True, summary=f"The npm install added {n} packages with no vulnerabilities")
        b.facts.append((0.6, ["How many packages were added?", "How many packages did npm add?"], str(n),
                        [f"added {n} packages"]))
        b.facts.append((0.4, ["How many vulnerabilities were found?", "Were any vulnerabilities found?"], "0",
                        ["found 0 vulnerabilities"]))
        return b
    kind = rng.randrange(3)
    if kind == 0:
        return _npm_script_failure(rng, ctx)
    fresh = rng.random() < 0.6   # made-up package names: the error line can only be copied, not recalled
    if kind == 1:
        name = L.made_up_name(rng, "-") if fresh else rng.choice(["react-routr", "expresss", "lodash-utils"])
        err = f"npm ERR! 404 Not Found - GET https://registry.npmjs.org/{name} - Not found"
        out = [("npm ERR! code E404", "err"), (err, "err"), ("npm ERR! 404", "err"),
               (f"npm ERR! 404  '{name}@latest' is not in this registry.", "err")]
        b = Block(f"npm install {name}", out, ok=False, error=err,
                  summary=f"The npm install failed because the package {name} was not found")
        b.facts.append((0.6, ["What error code did npm report?", "What is the npm error code?"], "E404",
                        ["npm ERR! code E404"]))
        b.facts.append((0.6, ["Which package was not found?", "What package does npm fail to find?"], name, [err]))
        return b
    pkg = (L.made_up_name(rng, "-") + "@" + str(rng.randint(1, 9)) if fresh
           else rng.choice(["react-router@7", "eslint@9", "webpack@5", "typescript@5.6"]))
    peer = L.made_up_name(rng, "-") if fresh else "react"
    out = [("npm ERR! code ERESOLVE", "err"), ("npm ERR! ERESOLVE unable to resolve dependency tree", "err"),
           ("npm ERR!", "err"), (f"npm ERR! While resolving: {ctx['proj']}@1.0.0", "err"),
           (f"npm ERR! Found: {peer}@{rng.randint(15, 17)}.0.2", "err"),
           ("npm ERR! Fix the upstream dependency conflict, or retry", "err"),
           ("npm ERR! this command with --force or --legacy-peer-deps", "err")]
    b = Block(f"npm install {pkg}", out, ok=False, error="npm ERR! ERESOLVE unable to resolve dependency tree",
              summary="The npm install failed with an ERESOLVE dependency conflict")
    b.facts.append((0.6, ["What error code did npm report?", "What is the npm error code?"], "ERESOLVE",
                    ["npm ERR! code ERESOLVE"]))
    return b


def _npm_script_failure(rng, ctx):
    """`npm run <script>` whose program fails: the program's own error is the error; npm's lines only follow it."""
    script = rng.choice(["build", "test", "start", "dev", "lint"]) if rng.random() < 0.7 else L.made_up_word(rng, 2)
    fresh = rng.random() < 0.7
    mod = L.made_up_name(rng) if fresh else rng.choice(["sharp", "esbuild", "vite", "dotenv"])
    var = L.made_up_name(rng, "_") if fresh else rng.choice(["config", "process", "app"])
    err = rng.choice([f"Error: Cannot find module '{mod}'", f"ReferenceError: {var} is not defined",
                      f"TypeError: Cannot read properties of undefined (reading '{var}')"])
    code = rng.choice([1, 1, 1, 2, 127])
    out = [f"> {ctx['proj']}@1.0.0 {script}", f"> node scripts/{script}.js", "", (err, "err"), "",
           (f"npm ERR! code {code}", "err"), (f"npm ERR! path /home/{ctx['user']}/{ctx['proj']}", "err"),
           ("npm ERR! command failed", "err")]
    b = Block(f"npm run {script}", out, ok=False, error=err,
              summary=f"The npm script {script} failed with exit code {code}")
    b.facts.append((0.6, ["Which script failed?", "Which npm script was run?"], script,
                    [f"@1.0.0 {script}"]))
    b.facts.append((0.5, ["What exit code did npm report?", "What is the exit code?"], str(code),
                    [f"npm ERR! code {code}"]))
    if err.startswith("Error: Cannot find module"):
        b.facts.append((0.6, ["Which module is missing?", "What module could not be found?"], mod, [err]))
    return b


def _node_missing(rng, ctx):
    mod = rng.choice(["express", "dotenv", "lodash", "axios", "./config"]) if rng.random() < 0.4 else (
        rng.choice(["", "", "./", "@" + L.made_up_word(rng, 1) + "/"]) + L.made_up_name(rng))
    f = rng.choice(["server.js", "index.js", "app.js"])
    out = ["node:internal/modules/cjs/loader:1080", "  throw err;", "  ^", "",
           (f"Error: Cannot find module '{mod}'", "err"), "Require stack:",
           f"- /home/{ctx['user']}/{ctx['proj']}/{f}"]
    b = Block(f"node {f}", out, ok=False, error=f"Error: Cannot find module '{mod}'",
              summary=f"Node could not find the module '{mod}'")
    b.facts.append((0.6, ["Which module is missing?", "What module could not be found?"], mod,
                    [f"Cannot find module '{mod}'"]))
    return b


def _git_status(rng, ctx):
    br = rng.choice(L.BRANCHES[:6])
    mods = rng.sample(["src/app.ts", "src/index.ts", "README.md", "package.json", "server.py", "lib/utils.go",
                       "docs/setup.md", "tests/test_api.py"], rng.randint(1, 3))
    untracked = rng.sample(["notes.md", "tmp/", ".env.local", "scratch.py"], rng.randint(0, 2))
    out = [f"On branch {br}", f"Your branch is up to date with 'origin/{br}'.", "", "Changes not staged for commit:",
           '  (use "git add <file>..." to update what will be committed)']
    out += [(f"\tmodified:   {m}", "err") for m in mods]
    if untracked:
        out += ["", "Untracked files:", '  (use "git add <file>..." to include in what will be committed)']
        out += [(f"\t{u}", "err") for u in untracked]
    b = Block("git status", out, ok=True, summary=f"The git status output shows branch {br} with {number(len(mods))} modified "
                                                   f"file{'s' if len(mods) > 1 else ''}")
    b.facts.append((0.6, ["What branch is checked out?", "Which branch is this?", "What branch are we on?"], br,
                    [f"On branch {br}"]))
    b.facts.append((0.6, ["Which files were modified?", "What files have changes?"] if len(mods) > 1 else
                    ["Which file was modified?", "What file has changes?"], join(mods), [f"modified:   {m}" for m in mods]))
    b.facts.append((0.4, ["How many files are modified?", "How many modified files are there?"], str(len(mods)),
                    [f"modified:   {m}" for m in mods]))
    return b


def _git_push(rng, ctx):
    br = rng.choice(["main", "master", "develop"])
    out = [f"To github.com:{ctx['user']}/{ctx['proj']}.git", (f" ! [rejected]        {br} -> {br} (fetch first)", "err"),
           (f"error: failed to push some refs to 'github.com:{ctx['user']}/{ctx['proj']}.git'", "err"),
           ("hint: Updates were rejected because the remote contains work that you do", "warn"),
           ("hint: not have locally. Integrate the remote changes (e.g.", "warn"),
           ("hint: 'git pull ...') before pushing again.", "warn")]
    return Block(f"git push origin {br}", out, ok=False,
                 error=f"error: failed to push some refs to 'github.com:{ctx['user']}/{ctx['proj']}.git'",
                 summary="The push was rejected because the remote has newer commits")


def _cargo(rng, ctx):
    var = rng.choice(["count", "config", "total", "user_id", "path", L.made_up_name(rng, "_")])
    ln, col = rng.randint(3, 80), rng.randint(5, 30)
    out = [(f"   Compiling {ctx['proj']} v0.{rng.randint(1, 9)}.0 (/home/{ctx['user']}/{ctx['proj']})", "ok"),
           (f"error[E0425]: cannot find value `{var}` in this scope", "err"),
           f" --> src/main.rs:{ln}:{col}", "  |",
           f"{ln} |     println!(\"{{}}\", {var});",
           "  |                    " + "^" * len(var) + " not found in this scope", "",
           (f"error: could not compile `{ctx['proj']}` (bin \"{ctx['proj']}\") due to 1 previous error", "err")]
    b = Block("cargo build", out, ok=False, error=f"error[E0425]: cannot find value `{var}` in this scope",
              summary=f"The cargo build failed because `{var}` is not defined")
    b.facts.append((0.5, ["What is the error code?", "Which Rust error code is shown?"], "E0425", ["error[E0425]"]))
    b.facts.append((0.5, ["On which line is the error?", "What line does the error point to?"], str(ln),
                    [f"src/main.rs:{ln}:{col}"]))
    return b


def _tsc(rng, ctx):
    f = rng.choice(["src/index.ts", "src/api.ts", "src/utils/date.ts"])
    ln, col = rng.randint(2, 120), rng.randint(3, 30)
    msg = rng.choice(["Type 'string' is not assignable to type 'number'.",
                      "Property 'name' does not exist on type '{}'.",
                      "Cannot find name 'proces'. Did you mean 'process'?",
                      "Argument of type 'null' is not assignable to parameter of type 'string'."])
    code = {"T": "TS2322", "P": "TS2339", "C": "TS2552", "A": "TS2345"}[msg[0]]
    out = [(f"{f}({ln},{col}): error {code}: {msg}", "err"), "", (f"Found 1 error in {f}:{ln}", "err")]
    b = Block("npx tsc --noEmit", out, ok=False, error=f"{f}({ln},{col}): error {code}: {msg}",
              summary=f"The TypeScript compiler found 1 error in {f}")
    b.facts.append((0.5, ["Which file has the error?", "In which file is the type error?"], f, [f"Found 1 error in {f}"]))
    b.facts.append((0.5, ["How many errors were found?", "How many type errors are there?"], "1",
                    [f"Found 1 error in {f}"]))
    return b


def _curl(rng, ctx):
    port = rng.choice([3000, 8080, 5000, 8000, rng.randint(1024, 65535)])
    out = [(f"curl: (7) Failed to connect to localhost port {port} after 0 ms: Connection refused", "err")]
    b = Block(f"curl http://localhost:{port}/health", out, ok=False,
              error=f"curl: (7) Failed to connect to localhost port {port} after 0 ms: Connection refused",
              summary=f"The curl request could not connect to port {port}")
    b.facts.append((0.5, ["Which port did curl try?", "What port is the request sent to?"], str(port),
                    [f"localhost port {port}"]))
    return b


def _perm(rng, ctx):
    s = rng.choice(["./deploy.sh", "./build.sh", "./run.sh", f"./{L.made_up_name(rng)}.sh"])
    return Block(s, [(f"bash: {s}: Permission denied", "err")], ok=False, error=f"bash: {s}: Permission denied",
                 summary=f"Running {s} failed with Permission denied")


def _not_found(rng, ctx):
    typo, real = rng.choice([("pyhton", "python"), ("gti", "git"), ("sl", "ls"), ("dokcer", "docker"),
                             ("npx-tsc", "npx"), (L.made_up_word(rng), "")])
    line = f"zsh: command not found: {typo}" if ctx["shell"] == "zsh" else f"bash: {typo}: command not found"
    b = Block(f"{typo} --version", [(line, "err")], ok=False, error=line,
              summary=f"The command {typo} was not found")
    b.facts.append((0.5, ["Which command was not found?", "What command is missing?"], typo, [line]))
    return b


def _ls(rng, ctx):
    names = rng.sample(["README.md", "package.json", "src", "tests", "node_modules", "Dockerfile", "Makefile",
                        "main.go", "go.mod", "Cargo.toml", "pyproject.toml", ".gitignore", "docs", "LICENSE"], rng.randint(4, 8))
    out = [f"total {rng.randint(20, 400)}"]
    for n in names:
        d = "." not in n or n in ("docs",)
        size = rng.randint(64, 9000)
        out.append((f"{'drwxr-xr-x' if d else '-rw-r--r--'}  {rng.randint(1, 9)} {ctx['user']} staff {size:>6} "
                    f"{rng.choice(L.MONTHS)} {rng.randint(1, 28):>2} 1{rng.randint(0, 2)}:{rng.randint(10, 59)} {n}",
                    "plain"))
    b = Block("ls -la", out, ok=True, summary=f"The ls -la output lists {number(len(names))} entries")
    b.facts.append((0.4, ["How many entries are listed?", "How many files and folders are listed?"], str(len(names)),
                    names))
    return b


def _docker_ps(rng, ctx):
    rows = []
    for name in rng.sample(["web", "api", "db", "redis", "worker", "nginx"], rng.randint(2, 4)):
        img = {"web": "node:20-alpine", "api": f"{ctx['proj']}-api:latest", "db": "postgres:16", "redis": "redis:7",
               "worker": f"{ctx['proj']}-worker", "nginx": "nginx:1.25"}[name]
        st = rng.choice(["Up 2 hours", "Up 5 minutes", "Up 3 days", "Restarting (1) 4 seconds ago"])
        rows.append((name, img, st))
    out = ["CONTAINER ID   IMAGE                 STATUS                         NAMES"]
    for name, img, st in rows:
        out.append(f"{''.join(rng.choice('0123456789abcdef') for _ in range(12))}   {img:<20}  {st:<29}  {name}")
    b = Block("docker ps", out, ok=True, summary=f"The docker ps output lists {number(len(rows))} containers")
    b.facts.append((0.5, ["How many containers are listed?", "How many containers are running?"], str(len(rows)),
                    [r[0] for r in rows]))
    rs = [r for r in rows if r[2].startswith("Restarting")]
    if len(rs) == 1:
        b.facts.append((0.5, ["Which container is restarting?", "Which container keeps restarting?"], rs[0][0],
                        [rs[0][2]]))
    return b


def _make(rng, ctx):
    hdr = rng.choice(["config.h", "utils.h", "openssl/ssl.h", L.made_up_name(rng, "_") + ".h"])
    ln = rng.randint(2, 30)
    out = ["gcc -Wall -O2 -c main.c -o main.o", (f"main.c:{ln}:10: fatal error: {hdr}: No such file or directory", "err"),
           f"   {ln} | #include <{hdr}>", "      |          ^" + "~" * (len(hdr) + 1), "compilation terminated.",
           ("make: *** [Makefile:12: main.o] Error 1", "err")]
    b = Block("make", out, ok=False, error=f"main.c:{ln}:10: fatal error: {hdr}: No such file or directory",
              summary=f"The make build failed because {hdr} was not found")
    b.facts.append((0.5, ["Which header file is missing?", "What file could not be found?"], hdr,
                    [f"fatal error: {hdr}"]))
    return b


def _vite_build(rng, ctx):
    n = rng.randint(12, 900)
    t = f"{rng.uniform(0.4, 12):.2f}s"
    out = ["", f"> {ctx['proj']}@{L.version(rng)} build", "> vite build", "",
           (f"vite v5.{rng.randint(0, 4)}.{rng.randint(0, 9)} building for production...", "ok"),
           (f"✓ {n} modules transformed.", "ok"), ("dist/index.html                  0.46 kB", "dim"),
           (f"dist/assets/index-{rng.randint(1000, 9999)}.js   {rng.randint(40, 400)}.{rng.randint(10, 99)} kB", "dim"),
           (f"✓ built in {t}", "ok")]
    b = Block("npm run build", out, ok=True, summary=f"The build finished in {t}")
    b.facts.append((0.5, ["How long did the build take?", "How long did it take to build?"], t, [f"built in {t}"]))
    b.facts.append((0.4, ["How many modules were transformed?"], str(n), [f"{n} modules transformed"]))
    return b


def _segfault(rng, ctx):
    prog = rng.choice(["./app", "./server", "./a.out"])
    return Block(prog, [("Segmentation fault (core dumped)", "err")], ok=False, error="Segmentation fault (core dumped)",
                 summary=f"The program {prog} crashed with a segmentation fault")


def _go_build(rng, ctx):
    ln, col = rng.randint(5, 90), rng.randint(2, 20)
    sym = rng.choice(["handler", "cfg", "NewServer", "parseArgs"])
    out = [f"# example.com/{ctx['proj']}", (f"./main.go:{ln}:{col}: undefined: {sym}", "err")]
    b = Block("go build ./...", out, ok=False, error=f"./main.go:{ln}:{col}: undefined: {sym}",
              summary=f"The go build failed because {sym} is undefined")
    b.facts.append((0.5, ["What is undefined?", "Which identifier is undefined?"], sym, [f"undefined: {sym}"]))
    return b


SCENARIOS = [_py_traceback, _pytest, _npm_install, _node_missing, _git_status, _git_push, _cargo, _tsc, _curl, _perm,
             _not_found, _ls, _docker_ps, _make, _vite_build, _segfault, _go_build]
NEUTRAL = ["cd {proj}", "clear", "pwd", "echo $SHELL", "export NODE_ENV=production", "source .venv/bin/activate"]

TERM_THEMES = [  # name, bg, fg, user colour, path colour, err, ok, warn, dim
    ("dark", (12, 12, 12), (204, 204, 204), (22, 198, 12), (59, 120, 255), (231, 72, 86), (22, 198, 12), (249, 241, 165), (118, 118, 118)),
    ("dark", (30, 30, 30), (212, 212, 212), (13, 188, 121), (36, 114, 200), (205, 49, 49), (13, 188, 121), (229, 229, 16), (128, 128, 128)),
    ("dark", (48, 10, 36), (238, 238, 236), (138, 226, 52), (114, 159, 207), (239, 41, 41), (138, 226, 52), (252, 233, 79), (160, 150, 160)),
    ("dark", (0, 43, 54), (131, 148, 150), (133, 153, 0), (38, 139, 210), (220, 50, 47), (133, 153, 0), (181, 137, 0), (88, 110, 117)),
    ("light", (255, 255, 255), (40, 40, 40), (0, 135, 0), (0, 80, 200), (200, 30, 30), (0, 135, 0), (160, 110, 0), (130, 130, 130)),
    ("light", (253, 246, 227), (88, 110, 117), (133, 153, 0), (38, 139, 210), (220, 50, 47), (133, 153, 0), (181, 137, 0), (147, 161, 161)),
]


def generate(rng, hint=None):
    user = rng.choice(["dev", "alice", "bob", "sam", "root", "ubuntu", "maya", "kim", L.made_up_word(rng, 1),
                       L.made_up_word(rng, 2)])
    host = rng.choice(["laptop", "devbox", "build-01", "macbook", "ubuntu", "ci-runner", L.made_up_name(rng)])
    proj = rng.choice(L.PROJECTS + [L.made_up_name(rng)] * 4)
    shell = rng.choice(["bash", "zsh", "zsh"])
    ctx = {"user": user, "host": host, "proj": proj, "shell": shell}
    th = rng.choice(TERM_THEMES)
    name, bg, fg, ucol, pcol, ecol, okcol, wcol, dim = th
    kcol = {"err": ecol, "ok": okcol, "warn": wcol, "dim": dim, "plain": fg}
    n_blocks = rng.choice([1, 1, 2, 2, 3])
    picks = rng.sample(SCENARIOS, n_blocks)
    blocks = []
    if rng.random() < 0.3:
        blocks.append(Block(rng.choice(NEUTRAL).format(proj=proj), [], ok=True))
    blocks += [p(rng, ctx) for p in picks]
    prompt_style = rng.choice(["full", "full", "zsh", "short"])
    cwd = f"~/{proj}"

    def prompt_parts():
        if prompt_style == "full":
            return [(f"{user}@{host}", ucol), (":", fg), (cwd, pcol), ("$ ", fg)]
        if prompt_style == "zsh":
            return [("➜  ", okcol), (proj, pcol), (" git:(", pcol), (rng_branch, ecol), (") ", pcol)]
        return [("$ ", fg)]
    rng_branch = rng.choice(["main", "develop", "master"])

    s = rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])
    fam = fonts.pick(rng, "mono")
    fs = int(round(rng.choice([12, 13, 14]) * s))
    f = fonts.font(fam, fs)
    lh = int(fs * rng.uniform(1.25, 1.45))
    cols = rng.choice([80, 90, 100, 120])
    cw = f.getlength("M")
    title_h = int(28 * s) if rng.random() < 0.75 else 0
    # lay out logical lines: (segments, kind, block index, is_command)
    rows = []
    for bi, b in enumerate(blocks):
        rows.append(("cmd", bi, b.command))
        for o in b.output:
            t, k = (o, "plain") if isinstance(o, str) else o
            t = t.replace("\t", "        ")
            while len(t) > cols:
                rows.append(("out", bi, (t[:cols], k)))
                t = t[cols:]
            rows.append(("out", bi, (t, k)))
    rows.append(("cmd", len(blocks), None))   # final prompt with cursor
    W = int(cw * cols + 24 * s)
    H = title_h + int(12 * s) + lh * len(rows) + int(rng.uniform(8, 120) * s)
    c = Canvas(W, H, bg)
    if title_h:
        bar = (60, 60, 60) if name == "dark" else (225, 225, 225)
        c.draw.rectangle([0, 0, W, title_h], fill=bar)
        r = int(6 * s)
        for i, col in enumerate([(255, 95, 87), (254, 188, 46), (40, 200, 64)]):
            cx = int(16 * s) + i * int(20 * s)
            c.draw.ellipse([cx - r, title_h / 2 - r, cx + r, title_h / 2 + r], fill=col)
        tt = f"{user}@{host}: {cwd}" if rng.random() < 0.5 else f"{shell} — {cols}x{len(rows) + 4}"
        c.text((W / 2, title_h / 2), tt, fonts.font("DejaVu Sans", int(12 * s)), (200, 200, 200) if name == "dark" else (80, 80, 80),
               role="window title", anchor="mm")
    x0 = int(12 * s)
    y = title_h + int(8 * s)
    cmd_lines, out_lines = {}, {}
    for kind, bi, payload in rows:
        if kind == "cmd":
            parts = prompt_parts()
            x = x0
            for t, col in parts:
                c.draw.text((x, y), t, font=f, fill=col)
                x += f.getlength(t)
            ptxt = "".join(t for t, _ in parts)
            if payload:
                c.draw.text((x, y), payload, font=f, fill=fg)
                full = ptxt + payload
            else:
                c.draw.rectangle([x + 2, y + 2, x + cw, y + fs + 2], fill=fg)
                full = ptxt
            bbox = c.draw.textbbox((x0, y), full, font=f)
            from ..scene import TextLine
            ln = TextLine(id=len(c.lines), text=full.strip(), box=tuple(int(v) for v in bbox), role="prompt",
                          size=float(fs))
            c.lines.append(ln)
            if payload:
                cmd_lines[bi] = ln
        else:
            t, k = payload
            if t.strip():
                ln = c.text((x0, y), t, f, kcol[k], role="output", group=f"b{bi}")
                if ln:
                    out_lines.setdefault(bi, []).append(ln)
        y += lh
    c.present.update({"terminal", "text", "window", "command"})
    c.detect_names.add("error message")

    # ---- facts ----
    theme_adj = "dark" if name == "dark" else "light"
    real = [b for b in blocks if b.summary]
    last = blocks[-1]
    cmds = [b.command for b in blocks]
    cl = [cmd_lines[i].id for i in range(len(blocks)) if i in cmd_lines]
    failed = [b for b in real if not b.ok]
    main = failed[-1] if failed else real[-1]
    mi = blocks.index(main)
    what = "error output" if failed else "command output"
    c.fact("subject", 1.0, phrase=f"{article(theme_adj)} terminal window showing {main.command} and its {what}",
           short=f"{cap(theme_adj)} terminal where {main.command} fails" if failed else
           f"{cap(theme_adj)} terminal running {main.command}",
           phrase_alt=f"{article(theme_adj)} terminal window with {what}",
           short_alt=f"{cap(theme_adj)} terminal window with {what}", lines=[cmd_lines[mi].id] if mi in cmd_lines else [-1])

    def need(bi, subs):
        ls = out_lines.get(bi, [])
        ids = []
        for sub in subs:
            hit = [ln.id for ln in ls if sub in ln.text]
            if not hit:
                # wrapped: accept when the substring spans consecutive lines
                joined = "".join(ln.text for ln in ls)
                ids += [ln.id for ln in ls] if sub in joined else [-1]
            else:
                ids.append(hit[0])
        return ids

    for bi, b in enumerate(blocks):
        if not b.summary:
            continue
        base = 0.8 if b is main else 0.55
        c.fact("detail", base, text=b.summary, lines=([cmd_lines[bi].id] if bi in cmd_lines else [-1]) +
               need(bi, [b.error] if b.error else []), short=None)
        for sal, qs, a, subs in b.facts:
            c.fact("qa", sal * (1 if b is main else 0.8), q=qs, a=a, lines=need(bi, subs), qtype="text")
        if b.error:
            el = need(bi, [b.error])
            for ln in out_lines.get(bi, []):
                t = ln.text.strip()
                if t == b.error.strip() or (len(t) >= 8 and t in b.error):
                    c.add("error message", ln.box, countable=False, attrs={"relatable": False, "line": ln.id})
            if b is main:
                c.fact("attr", 0.75, key="error", value=b.error, lines=el)
                c.fact("detail", 0.85, text=f'The error reads "{b.error}"', lines=el,
                       short=f'with "{b.error}"' if len(b.error) <= 60 else None)
    c.fact("qa", 0.6, q=["What was the last command run?", "What is the most recent command?",
                         "Which command ran last?"], a=last.command, lines=[cmd_lines[len(blocks) - 1].id]
           if len(blocks) - 1 in cmd_lines else [-1], qtype="text")
    if len(blocks) > 1:
        c.fact("qa", 0.5, q=["What commands were run?", "Which commands were executed?", "List the commands."],
               a=join(cmds), lines=cl, qtype="text")
        c.fact("qa", 0.4, q=["How many commands were run?", "How many commands are shown?"], a=str(len(blocks)),
               lines=cl, qtype="count")
    if failed:
        c.fact("qa", 0.6, q=["Did the command succeed?", "Was the command successful?"] if main is last else
               [f"Did {main.command} succeed?"], a="No", lines=[cmd_lines[mi].id] if mi in cmd_lines else [-1],
               qtype="yesno")
        c.fact("qa", 0.5, q=["Is there an error in the terminal?", "Does the output show an error?"], a="Yes",
               qtype="yesno", lines=need(mi, [main.error]) if main.error else [])
    else:
        c.fact("qa", 0.5, q=["Did the command succeed?", "Did it run without errors?"], a="Yes",
               lines=[cmd_lines[mi].id] if mi in cmd_lines else [-1], qtype="yesno")
        c.fact("absent", 0.0, q=["What is the error message?", "What error is shown in the terminal?"],
               a="There is no error message in the image.")
    if prompt_style == "full" and cl:
        c.fact("qa", 0.35, q=["What is the current directory?", "Which directory is the shell in?"], a=cwd, lines=cl[:1],
               qtype="text")
        c.fact("qa", 0.3, q=["What is the username?", "Which user is logged in?"], a=user, lines=cl[:1], qtype="text")
        c.fact("qa", 0.3, q=["What is the host name?", "What machine is this?"], a=host, lines=cl[:1], qtype="text")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="terminal")
    return c.scene("terminal", theme=name, commands=cmds)
