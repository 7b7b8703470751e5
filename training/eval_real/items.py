"""The real-image evaluation set: pages, charts, diagrams and drawings made by other tools than the synthetic
generator (Chromium for HTML/CSS/SVG, matplotlib for charts, graphviz for diagrams), with hand-written ground truth.

Each item: id, kind, source (html | matplotlib | dot), the source text, and ground truth:
  subject    [[alternatives], ...] keyword groups; the first group is the main subject (the caption must name it)
  keywords   more keyword groups for caption keyword recall
  qa         [(question, [accepted answers])]; exact match after normalization (evaluate.py)
  absurd     questions about things that are not in the image (a refusal is expected)
  detect     [object names]; boxes come from the renderer (elements marked data-gt="name" / svg ids gt-<name>-k /
             graphviz nodes), never by hand
  point      [object names]; a point counts when it falls inside one of the object's boxes
"""

BASE_CSS = """
body { margin: 0; overflow: hidden; font-family: 'DejaVu Sans', sans-serif; }
.mono { font-family: 'DejaVu Sans Mono', monospace; }
"""

ITEMS = []


def item(**kw):
    kw.setdefault("keywords", [])
    kw.setdefault("qa", [])
    kw.setdefault("absurd", [])
    kw.setdefault("detect", [])
    kw.setdefault("point", [])
    kw.setdefault("size", (800, 600))
    ITEMS.append(kw)


# --- UI screenshots ----------------------------------------------------------------------------------------
item(id="ui-login", kind="ui", source="html", html="""
<div style="background:#f3f4f6;width:800px;height:600px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:white;width:360px;padding:32px;border-radius:8px;box-shadow:0 2px 8px #0002">
  <div style="font-size:26px;font-weight:bold;margin-bottom:20px">Sign in to Acme</div>
  <div style="font-size:14px;color:#374151">Email</div>
  <div data-gt="text field" style="border:1px solid #9ca3af;border-radius:4px;height:34px;margin:4px 0 14px"></div>
  <div style="font-size:14px;color:#374151">Password</div>
  <div data-gt="text field" style="border:1px solid #9ca3af;border-radius:4px;height:34px;margin:4px 0 22px"></div>
  <span data-gt="button" style="display:inline-block;background:#2563eb;color:white;font-size:16px;padding:10px 28px;border-radius:4px">Log in</span>
 </div></div>""",
     subject=[["sign in", "login", "log in", "sign-in"]], keywords=[["form", "dialog", "page", "screen"], ["acme"]],
     qa=[("What does the button say?", ["log in"]), ("What colour is the button?", ["blue"]),
         ("Is this a light or dark theme?", ["light"]), ("How many buttons are there?", ["1", "one"])],
     absurd=["What colour is the dog?", "What is the cat doing?"],
     detect=["button"], point=["button"])

item(id="ui-delete-dialog", kind="ui", source="html", html="""
<div style="background:#1f2937;width:800px;height:600px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:#374151;color:#f9fafb;width:420px;padding:24px;border-radius:8px">
  <div style="font-size:22px;font-weight:bold;margin-bottom:12px">Delete report.pdf?</div>
  <div style="font-size:15px;margin-bottom:24px;color:#d1d5db">This file will be deleted permanently.</div>
  <div style="text-align:right">
   <span data-gt="button" style="display:inline-block;background:#4b5563;padding:8px 18px;border-radius:4px;margin-right:8px">Cancel</span>
   <span data-gt="button" style="display:inline-block;background:#dc2626;padding:8px 18px;border-radius:4px">Delete</span>
  </div></div></div>""",
     subject=[["dialog", "confirmation", "delete"]], keywords=[["report.pdf"], ["dark"]],
     qa=[("How many buttons are there?", ["2", "two"]), ("What colour is the Delete button?", ["red"]),
         ("Is this a light or dark theme?", ["dark"]), ("Which file will be deleted?", ["report.pdf"])],
     absurd=["What colour is the car?", "How many birds are there?"],
     detect=["button", "dialog"], point=["button"])

item(id="ui-settings", kind="ui", source="html", html="""
<div style="background:white;width:800px;height:600px;display:flex">
 <div style="width:200px;background:#f3f4f6;padding:20px;font-size:15px;line-height:2.2">
  <div>General</div><div style="font-weight:bold;color:#2563eb">Notifications</div><div>Privacy</div><div>Account</div></div>
 <div style="padding:28px;flex:1">
  <div style="font-size:26px;font-weight:bold;margin-bottom:24px">Notifications</div>
  <div style="display:flex;justify-content:space-between;width:480px;margin-bottom:22px;font-size:16px"><span>Email alerts</span>
   <span data-gt="toggle" style="display:inline-block;width:44px;height:24px;border-radius:12px;background:#22c55e"></span></div>
  <div style="display:flex;justify-content:space-between;width:480px;margin-bottom:22px;font-size:16px"><span>Push notifications</span>
   <span data-gt="toggle" style="display:inline-block;width:44px;height:24px;border-radius:12px;background:#d1d5db"></span></div>
  <div style="display:flex;justify-content:space-between;width:480px;font-size:16px"><span>Weekly summary</span>
   <span data-gt="toggle" style="display:inline-block;width:44px;height:24px;border-radius:12px;background:#22c55e"></span></div>
 </div></div>""",
     subject=[["settings", "preferences"]], keywords=[["notifications"], ["light"]],
     qa=[("Which settings section is selected?", ["notifications"]), ("Is this a light or dark theme?", ["light"]),
         ("How many toggles are there?", ["3", "three"])],
     absurd=["What is the horse eating?", "What colour is the boat?"],
     detect=["toggle"], point=["toggle"])

item(id="ui-toast", kind="ui", source="html", html="""
<div style="background:#fafafa;width:800px;height:600px;position:relative">
 <div style="padding:24px;font-size:24px;font-weight:bold">Project files</div>
 <div style="padding:0 24px;font-size:15px;line-height:2;color:#444">index.html<br>style.css<br>app.js</div>
 <div data-gt="notification" style="position:absolute;right:24px;bottom:24px;background:#16a34a;color:white;padding:14px 22px;border-radius:6px;font-size:16px">Changes saved</div>
</div>""",
     subject=[["notification", "toast", "saved", "file"]], keywords=[["project files", "files"]],
     qa=[("What does the notification say?", ["changes saved"]), ("What colour is the notification?", ["green"]),
         ("Where is the notification?", ["bottom right", "bottom-right", "lower right"])],
     absurd=["What is the man holding?", "How many cats are there?"],
     detect=["notification"], point=["notification"])

item(id="ui-table", kind="ui", source="html", html="""
<div style="background:white;width:800px;height:600px;padding:30px;box-sizing:border-box">
 <div style="font-size:24px;font-weight:bold;margin-bottom:18px">Users</div>
 <table data-gt="table" style="border-collapse:collapse;font-size:15px;width:600px">
  <tr style="background:#e5e7eb"><th style="text-align:left;padding:8px">Name</th><th style="text-align:left;padding:8px">Role</th><th style="text-align:left;padding:8px">Status</th></tr>
  <tr><td style="padding:8px">Alice Chen</td><td style="padding:8px">Admin</td><td style="padding:8px">Active</td></tr>
  <tr><td style="padding:8px">Bob Diaz</td><td style="padding:8px">Editor</td><td style="padding:8px">Invited</td></tr>
  <tr><td style="padding:8px">Maya Patel</td><td style="padding:8px">Viewer</td><td style="padding:8px">Active</td></tr>
 </table></div>""",
     subject=[["table", "users", "list"]], keywords=[["name", "role", "status"]],
     qa=[("What is Bob Diaz's role?", ["editor"]), ("How many users are listed?", ["3", "three"]),
         ("What is the title of the page?", ["users"])],
     absurd=["What colour is the umbrella?"],
     detect=["table"], point=["table"])

item(id="ui-error-banner", kind="ui", source="html", html="""
<div style="background:white;width:800px;height:600px">
 <div style="background:#111827;color:white;padding:14px 24px;font-size:18px">Dashboard</div>
 <div data-gt="alert" style="margin:24px;background:#fee2e2;border:1px solid #dc2626;color:#991b1b;padding:14px 18px;border-radius:6px;font-size:16px">Error: Payment failed. Please try again.</div>
 <div style="margin:0 24px;font-size:15px;color:#555">Last updated 5 minutes ago</div>
</div>""",
     subject=[["error", "alert", "dashboard", "payment"]], keywords=[["payment failed", "payment"]],
     qa=[("What does the error say?", ["error: payment failed. please try again.", "payment failed. please try again.",
                                         "payment failed"]),
         ("Is there an error?", ["yes"])],
     absurd=["What colour is the bicycle?", "Where is the tree?"],
     detect=["alert"], point=["alert"])

item(id="ui-menu", kind="ui", source="html", html="""
<div style="background:#f9fafb;width:800px;height:600px">
 <div style="background:#e5e7eb;padding:6px 10px;font-size:15px"><span style="margin-right:22px">File</span><span style="margin-right:22px;background:#cbd5e1;padding:4px 6px">Edit</span><span style="margin-right:22px">View</span><span>Help</span></div>
 <div data-gt="menu" style="position:absolute;left:52px;top:34px;background:white;border:1px solid #9ca3af;box-shadow:0 2px 6px #0003;width:180px;font-size:15px;line-height:2.1;padding:4px 0">
  <div style="padding:0 14px">Undo</div><div style="padding:0 14px">Redo</div><div style="padding:0 14px">Cut</div><div style="padding:0 14px">Copy</div><div style="padding:0 14px">Paste</div></div>
</div>""",
     subject=[["menu"]], keywords=[["edit"], ["copy", "paste"]],
     qa=[("Which menu is open?", ["edit"]), ("How many items are in the menu?", ["5", "five"])],
     absurd=["What is the dog doing?"],
     detect=["menu"], point=["menu"])

# --- code editors and terminals ---------------------------------------------------------------------------
item(id="code-python", kind="code", source="html", html="""
<div class="mono" style="background:#1e1e1e;color:#d4d4d4;width:800px;height:600px;font-size:16px">
 <div style="background:#2d2d2d;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px;color:#fff">parser.py</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#c586c0">import</span> json
<span style="color:#c586c0">from</span> pathlib <span style="color:#c586c0">import</span> Path


<span style="color:#569cd6">def</span> <span style="color:#dcdcaa">load_config</span>(path):
    text = Path(path).read_text()
    <span style="color:#c586c0">return</span> json.loads(text)


<span style="color:#569cd6">def</span> <span style="color:#dcdcaa">main</span>():
    config = load_config(<span style="color:#ce9178">"settings.json"</span>)
    print(config[<span style="color:#ce9178">"name"</span>])
</pre></div>""",
     subject=[["code", "editor", "python"]], keywords=[["python"], ["parser.py"], ["dark"]],
     qa=[("What programming language is this?", ["python"]), ("What is the name of the open file?", ["parser.py"]),
         ("Is this a light or dark theme?", ["dark"]), ("Is there an error in the code?", ["no"])],
     absurd=["What colour is the cat?", "How many people are in the image?"])

item(id="code-js-light", kind="code", source="html", html="""
<div class="mono" style="background:#ffffff;color:#24292f;width:800px;height:600px;font-size:16px">
 <div style="background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px">server.js</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#cf222e">const</span> express = require(<span style="color:#0a3069">'express'</span>);
<span style="color:#cf222e">const</span> app = express();

app.get(<span style="color:#0a3069">'/health'</span>, (req, res) => {
  res.json({ ok: <span style="color:#0550ae">true</span> });
});

app.listen(<span style="color:#0550ae">3000</span>);
</pre></div>""",
     subject=[["code", "editor", "javascript"]], keywords=[["javascript", "js"], ["server.js"], ["light"]],
     qa=[("Which language is the code written in?", ["javascript"]), ("What is the name of the open file?", ["server.js"]),
         ("Is the editor in dark mode or light mode?", ["light"])],
     absurd=["What is the bird doing?"])

item(id="term-npm-error", kind="terminal", source="html", html="""
<div class="mono" style="background:#0c0c0c;color:#cccccc;width:800px;height:600px;font-size:15px">
 <div style="background:#2b2b2b;padding:6px 12px;font-family:'DejaVu Sans';font-size:13px;color:#ddd">bash</div>
 <pre style="margin:0;padding:12px;line-height:1.5"><span style="color:#16c60c">dev@laptop</span>:~/webapp$ npm install
npm <span style="color:#e74856">ERR!</span> code ENOENT
npm <span style="color:#e74856">ERR!</span> syscall open
npm <span style="color:#e74856">ERR!</span> path /home/dev/webapp/package.json
npm <span style="color:#e74856">ERR!</span> enoent Could not read package.json

<span style="color:#16c60c">dev@laptop</span>:~/webapp$ </pre></div>""",
     subject=[["terminal", "npm", "command"]], keywords=[["error", "err"], ["dark"]],
     qa=[("What command was run?", ["npm install"]), ("Is this a light or dark theme?", ["dark"]),
         ("Did the command succeed?", ["no"])],
     absurd=["What colour is the dog?", "Where is the car parked?"])

item(id="term-pytest", kind="terminal", source="html", html="""
<div class="mono" style="background:#fdf6e3;color:#333;width:800px;height:600px;font-size:15px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ pytest -q
..........F.
================ FAILURES ================
___________ test_parse_date ___________
    assert parse_date("2024-13-01") is None
E   ValueError: month must be in 1..12
<span style="color:#dc322f">FAILED tests/test_dates.py::test_parse_date</span>
1 failed, 11 passed in 0.42s
$ </pre></div>""",
     subject=[["terminal", "pytest", "test"]], keywords=[["failed", "fail"], ["light"]],
     qa=[("Which test failed?", ["test_parse_date"]), ("Did all tests pass?", ["no"]),
         ("How many tests passed?", ["11", "eleven"])],
     absurd=["What is the woman wearing?"])

# --- charts (matplotlib) -------------------------------------------------------------------------------------
item(id="chart-bar", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
bars = ax.bar(["Jan", "Feb", "Mar", "Apr"], [12, 19, 7, 15], color="#1f77b4")
for k, b in enumerate(bars): b.set_gid(f"gt-bar-{k}")
ax.set_title("Monthly signups"); ax.set_ylabel("Signups")
""", subject=[["bar chart", "bar graph", "chart"]], keywords=[["signups", "monthly"]],
     qa=[("What kind of chart is this?", ["a bar chart", "bar chart", "bar"]), ("How many bars are there?", ["4", "four"]),
         ("What is the title of the chart?", ["monthly signups"]), ("Which month is the highest?", ["feb", "february"]),
         ("What colour are the bars?", ["blue"])],
     absurd=["What colour is the cat?", "How many trees are there?"],
     detect=["bar"], point=["bar"])

item(id="chart-hbar", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
bars = ax.barh(["api", "web", "cli"], [82, 64, 91], color=["#d62728", "#2ca02c", "#ff7f0e"])
for k, b in enumerate(bars): b.set_gid(f"gt-bar-{k}")
ax.set_title("Test coverage by package"); ax.set_xlabel("Coverage (%)")
""", subject=[["bar chart", "bar graph", "chart"]], keywords=[["coverage"]],
     qa=[("How many bars are there?", ["3", "three"]), ("What is the title of the chart?", ["test coverage by package"]),
         ("Which package has the highest coverage?", ["cli"])],
     absurd=["What is the horse doing?"],
     detect=["bar"], point=["bar"])

item(id="chart-line", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
ax.plot([2019, 2020, 2021, 2022, 2023], [3.1, 3.8, 4.6, 5.2, 6.0], color="#9467bd", marker="o")
ax.set_title("Response time"); ax.set_xlabel("Year"); ax.set_ylabel("Seconds")
""", subject=[["line chart", "line graph", "chart", "plot"]], keywords=[["response time"]],
     qa=[("What kind of chart is this?", ["a line chart", "line chart", "line"]),
         ("What is the title of the chart?", ["response time"]), ("What does the x-axis show?", ["year"])],
     absurd=["What colour is the bus?"])

item(id="chart-pie", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
w, _ = ax.pie([50, 30, 20], labels=["Chrome", "Firefox", "Safari"], colors=["#1f77b4", "#ff7f0e", "#2ca02c"])
for k, x in enumerate(w): x.set_gid(f"gt-slice-{k}")
ax.set_title("Browser share")
""", subject=[["pie chart", "pie", "chart"]], keywords=[["browser"]],
     qa=[("What kind of chart is this?", ["a pie chart", "pie chart", "pie"]), ("How many slices are there?", ["3", "three"]),
         ("What is the title of the chart?", ["browser share"]), ("Which browser has the largest share?", ["chrome"])],
     absurd=["What is the dog eating?"])

item(id="chart-scatter", kind="chart", source="matplotlib", code="""
import random
r = random.Random(3)
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
xs = [r.uniform(0, 10) for _ in range(40)]
ax.scatter(xs, [2 * x + r.gauss(0, 2) for x in xs], color="#d62728")
ax.set_title("Build time vs files"); ax.set_xlabel("Files (k)"); ax.set_ylabel("Build time (s)")
""", subject=[["scatter", "chart", "plot"]], keywords=[["build time"]],
     qa=[("What kind of chart is this?", ["a scatter plot", "scatter plot", "scatter chart", "scatter"]),
         ("What is the title of the chart?", ["build time vs files"]), ("What colour are the points?", ["red"])],
     absurd=["Where is the boat?"])

# --- diagrams (graphviz) -------------------------------------------------------------------------------------
item(id="diagram-flow", kind="diagram", source="dot", dot="""
digraph G { rankdir=TB; node [shape=box, style=filled, fillcolor="#dbeafe", fontname="DejaVu Sans"];
  start [label="Start", shape=ellipse]; read [label="Read input"]; valid [label="Valid?", shape=diamond];
  save [label="Save record"]; err [label="Show error"]; end [label="End", shape=ellipse];
  start -> read -> valid; valid -> save [label="yes"]; valid -> err [label="no"]; save -> end; err -> read; }
""", subject=[["flowchart", "diagram", "flow chart"]], keywords=[["start"], ["end"]],
     qa=[("What kind of diagram is this?", ["a flowchart", "flowchart", "flow chart"]),
         ("What is the first step?", ["start"])],
     absurd=["What colour is the car?"],
     detect=["node"], point=["node"])

item(id="diagram-tree", kind="diagram", source="dot", dot="""
digraph G { node [shape=box, fontname="DejaVu Sans", style=filled, fillcolor="#fef3c7"];
  src -> components; src -> utils; src -> "index.ts"; components -> "Button.tsx"; components -> "Modal.tsx"; }
""", subject=[["tree", "diagram", "hierarchy"]], keywords=[["src"], ["components"]],
     qa=[("What is the root node?", ["src"]), ("How many boxes are there?", ["6", "six"])],
     absurd=["How many cats are there?"],
     detect=["node"], point=["node"])

item(id="diagram-arch", kind="diagram", source="dot", dot="""
digraph G { rankdir=LR; node [shape=box, fontname="DejaVu Sans", style="rounded,filled", fillcolor="#dcfce7"];
  Browser -> "API server" -> Database; "API server" -> Cache; }
""", subject=[["diagram", "architecture", "flowchart", "boxes"]], keywords=[["database"], ["api"]],
     qa=[("How many boxes are there?", ["4", "four"]), ("What is connected to the database?", ["api server"])],
     absurd=["What colour is the bird?"],
     detect=["node"], point=["node"])

# --- shapes (SVG in Chromium) --------------------------------------------------------------------------------
item(id="shapes-circle-square", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <circle id="gt-circle-0" cx="230" cy="300" r="110" fill="#e11d48"/>
 <rect id="gt-square-0" x="470" y="200" width="200" height="200" fill="#2563eb"/></svg>""",
     subject=[["circle", "square"]], keywords=[["red"], ["blue"]],
     qa=[("What colour is the circle?", ["red"]), ("What colour is the square?", ["blue"]),
         ("How many shapes are there?", ["2", "two"]), ("Is the circle to the left of the square?", ["yes"]),
         ("Is there a triangle?", ["no"])],
     absurd=["What colour is the dog?", "What is the man holding?"],
     detect=["circle", "square"], point=["circle", "square"])

item(id="shapes-triangles", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:#f5f5f4">
 <polygon id="gt-triangle-0" points="150,420 250,220 350,420" fill="#16a34a"/>
 <polygon id="gt-triangle-1" points="420,300 500,140 580,300" fill="#16a34a"/>
 <polygon id="gt-triangle-2" points="560,520 640,360 720,520" fill="#16a34a"/></svg>""",
     subject=[["triangle"]], keywords=[["green"], ["three", "3"]],
     qa=[("How many triangles are there?", ["3", "three"]), ("What colour are the triangles?", ["green"]),
         ("Are there any circles?", ["no"])],
     absurd=["What is the cat doing?"],
     detect=["triangle"], point=["triangle"])

item(id="shapes-star-circles", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <polygon id="gt-star-0" points="200,150 229,240 324,240 247,296 276,386 200,330 124,386 153,296 76,240 171,240" fill="#facc15"/>
 <circle id="gt-circle-0" cx="520" cy="200" r="60" fill="#7c3aed"/>
 <circle id="gt-circle-1" cx="620" cy="420" r="60" fill="#7c3aed"/></svg>""",
     subject=[["star", "circle"]], keywords=[["yellow"], ["purple"]],
     qa=[("What colour is the star?", ["yellow"]), ("How many circles are there?", ["2", "two"]),
         ("What colour are the circles?", ["purple"])],
     absurd=["Where is the bicycle?"],
     detect=["circle", "star"], point=["circle", "star"])

item(id="shapes-dark", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:#111827">
 <rect id="gt-rectangle-0" x="100" y="120" width="300" height="140" fill="#f97316"/>
 <circle id="gt-circle-0" cx="560" cy="400" r="90" fill="#22c55e"/></svg>""",
     subject=[["rectangle", "circle"]], keywords=[["orange"], ["green"]],
     qa=[("What colour is the rectangle?", ["orange"]), ("What colour is the circle?", ["green"]),
         ("Is the rectangle above the circle?", ["yes"]), ("What colour is the background?", ["black", "dark gray", "dark grey", "dark blue"])],
     absurd=["How many people are there?"],
     detect=["circle", "rectangle"], point=["circle", "rectangle"])

# --- everyday objects (emoji, rendered by Chromium with Noto Color Emoji) --------------------------------------
item(id="objects-dog", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:#ecfeff;display:flex;align-items:center;justify-content:center">
 <span data-gt="dog" style="font-size:300px;line-height:1;font-family:'Noto Color Emoji'">&#x1F415;</span></div>""",
     subject=[["dog"]], keywords=[],
     qa=[("What animal is this?", ["dog", "a dog"]), ("How many dogs are there?", ["1", "one"])],
     absurd=["What colour is the car?", "What is the cat doing?"],
     detect=["dog"], point=["dog"])

item(id="objects-fruit", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:white;position:relative;font-family:'Noto Color Emoji'">
 <span data-gt="apple" style="position:absolute;left:80px;top:180px;font-size:200px;line-height:1">&#x1F34E;</span>
 <span data-gt="banana" style="position:absolute;left:440px;top:180px;font-size:200px;line-height:1">&#x1F34C;</span></div>""",
     subject=[["apple", "banana", "fruit"]], keywords=[["banana"], ["apple"]],
     qa=[("What fruit is on the left?", ["apple", "an apple", "red apple"]), ("How many fruits are there?", ["2", "two"])],
     absurd=["What is the dog doing?"],
     detect=["apple", "banana"], point=["apple", "banana"])

item(id="objects-car", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:#f5f5f5;display:flex;align-items:center;justify-content:space-around;font-family:'Noto Color Emoji'">
 <span data-gt="car" style="font-size:180px;line-height:1">&#x1F697;</span><span data-gt="car" style="font-size:180px;line-height:1">&#x1F697;</span></div>""",
     subject=[["car"]], keywords=[["two", "2"], ["red"]],
     qa=[("How many cars are there?", ["2", "two"])],
     absurd=["What colour is the horse?"],
     detect=["car"], point=["car"])

# --- documents --------------------------------------------------------------------------------------------
item(id="doc-readme", kind="document", source="html", html="""
<div style="background:white;width:800px;height:600px;padding:36px 48px;box-sizing:border-box;color:#1f2328">
 <div style="font-size:32px;font-weight:bold;border-bottom:1px solid #d0d7de;padding-bottom:8px">Lunette</div>
 <p style="font-size:16px;line-height:1.6">Local image captions for your editor. No image leaves the machine.</p>
 <div style="font-size:22px;font-weight:bold;margin-top:20px">Install</div>
 <pre class="mono" style="background:#f6f8fa;padding:12px;font-size:15px">npm install lunette</pre>
 <div style="font-size:22px;font-weight:bold;margin-top:20px">License</div>
 <p style="font-size:16px">MIT</p></div>""",
     subject=[["document", "readme", "page", "text"]], keywords=[["lunette"], ["install"]],
     qa=[("What is the title of the document?", ["lunette"]), ("What license is mentioned?", ["mit"])],
     absurd=["What colour is the dog?"])


# === second set (session 10): the same kinds, new pages; `set=2` keeps the first 27 items' history comparable ===
def item2(**kw):
    item(set=2, **kw)


item2(id="ui-signup-dark", kind="ui", source="html", html="""
<div style="background:#0f172a;width:800px;height:600px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:#1e293b;color:#e2e8f0;width:380px;padding:30px;border-radius:10px">
  <div style="font-size:25px;font-weight:bold;margin-bottom:18px">Create your account</div>
  <div style="font-size:14px;color:#94a3b8">Full name</div>
  <div data-gt="text field" style="border:1px solid #475569;border-radius:4px;height:34px;margin:4px 0 14px"></div>
  <div style="font-size:14px;color:#94a3b8">Email</div>
  <div data-gt="text field" style="border:1px solid #475569;border-radius:4px;height:34px;margin:4px 0 22px"></div>
  <span data-gt="button" style="display:inline-block;background:#16a34a;color:white;font-size:16px;padding:10px 26px;border-radius:4px">Sign up</span>
 </div></div>""",
      subject=[["sign up", "signup", "account", "registration", "register", "form"]], keywords=[["dark"], ["email"]],
      qa=[("What does the button say?", ["sign up"]), ("What colour is the button?", ["green"]),
          ("Is this a light or dark theme?", ["dark"]), ("How many text fields are there?", ["2", "two"])],
      absurd=["What is the dog holding?", "How many horses are there?"],
      detect=["button", "text field"], point=["button"])

item2(id="ui-cookie-banner", kind="ui", source="html", html="""
<div style="background:white;width:800px;height:600px;position:relative">
 <div style="padding:40px 48px;font-size:34px;font-weight:bold;color:#111827">Welcome to Brightside</div>
 <div style="padding:0 48px;font-size:17px;line-height:1.7;color:#4b5563">Plan trips, share photos and keep notes in one place.</div>
 <div data-gt="banner" style="position:absolute;left:0;right:0;bottom:0;background:#111827;color:#f9fafb;padding:22px 32px;font-size:16px;display:flex;align-items:center;justify-content:space-between">
  <span>We use cookies to improve your experience.</span>
  <span><span data-gt="button" style="background:#2563eb;padding:9px 18px;border-radius:4px;margin-right:10px">Accept</span><span data-gt="button" style="border:1px solid #9ca3af;padding:8px 18px;border-radius:4px">Decline</span></span>
 </div></div>""",
      subject=[["cookie", "banner", "consent", "welcome", "page"]], keywords=[["brightside"], ["accept"]],
      qa=[("What does the banner say?", ["we use cookies to improve your experience"]),
          ("Where is the banner?", ["bottom", "at the bottom", "bottom of the page"]),
          ("How many buttons are there?", ["2", "two"]), ("What is the title of the page?", ["welcome to brightside"])],
      absurd=["What colour is the cat?", "What is the woman eating?"],
      detect=["banner"], point=["button"])

item2(id="ui-tabs", kind="ui", source="html", html="""
<div style="background:#f8fafc;width:800px;height:600px">
 <div style="padding:28px 40px 0;font-size:28px;font-weight:bold;color:#0f172a">Project Apollo</div>
 <div style="display:flex;gap:28px;padding:22px 40px 0;border-bottom:1px solid #cbd5e1;font-size:17px">
  <span data-gt="tab" style="padding-bottom:10px;color:#2563eb;border-bottom:3px solid #2563eb;font-weight:bold">Overview</span>
  <span data-gt="tab" style="padding-bottom:10px;color:#475569">Activity</span>
  <span data-gt="tab" style="padding-bottom:10px;color:#475569">Settings</span></div>
 <div style="margin:28px 40px;background:white;border:1px solid #e2e8f0;border-radius:8px;padding:22px;font-size:17px;color:#334155">3 open issues<br>Last deploy: 2 hours ago</div>
</div>""",
      subject=[["tab", "project", "dashboard", "page", "overview"]], keywords=[["apollo"], ["light"]],
      qa=[("Which tab is selected?", ["overview"]), ("What is the name of the project?", ["project apollo", "apollo"]),
          ("How many tabs are there?", ["3", "three"]), ("Is this a light or dark theme?", ["light"])],
      absurd=["Where is the bicycle?", "What colour is the bird?"],
      detect=["tab"], point=["tab"])

item2(id="ui-upload-progress", kind="ui", source="html", html="""
<div style="background:#e5e7eb;width:800px;height:600px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:white;width:440px;padding:26px;border-radius:8px;box-shadow:0 4px 12px #0003">
  <div style="font-size:21px;font-weight:bold;margin-bottom:16px">Uploading files</div>
  <div style="font-size:15px;color:#374151;margin-bottom:8px">design.fig</div>
  <div data-gt="progress bar" style="background:#e5e7eb;height:12px;border-radius:6px"><div style="background:#2563eb;width:65%;height:12px;border-radius:6px"></div></div>
  <div style="font-size:15px;color:#374151;margin:8px 0 20px">65%</div>
  <div style="text-align:right"><span data-gt="button" style="display:inline-block;border:1px solid #9ca3af;padding:8px 18px;border-radius:4px">Cancel</span></div>
 </div></div>""",
      subject=[["upload", "progress", "dialog"]], keywords=[["design.fig"], ["cancel"]],
      qa=[("What percentage is shown?", ["65%", "65", "65 percent"]), ("Which file is uploading?", ["design.fig"]),
          ("What does the button say?", ["cancel"])],
      absurd=["How many dogs are there?", "What colour is the car?"],
      detect=["dialog", "progress bar"], point=["button"])

item2(id="ui-unsaved-dialog", kind="ui", source="html", html="""
<div style="background:#f3f4f6;width:800px;height:600px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:white;width:420px;border-radius:8px;overflow:hidden;box-shadow:0 4px 12px #0003">
  <div style="background:#fde68a;height:8px"></div>
  <div style="padding:24px">
   <div style="font-size:22px;font-weight:bold;margin-bottom:10px">Unsaved changes</div>
   <div style="font-size:15px;color:#4b5563;margin-bottom:24px">You have unsaved changes. Leave anyway?</div>
   <div style="text-align:right">
    <span data-gt="button" style="display:inline-block;border:1px solid #9ca3af;padding:8px 18px;border-radius:4px;margin-right:8px">Stay</span>
    <span data-gt="button" style="display:inline-block;background:#d97706;color:white;padding:8px 18px;border-radius:4px">Leave</span>
   </div></div></div></div>""",
      subject=[["dialog", "unsaved", "warning", "confirmation"]], keywords=[["leave"], ["light"]],
      qa=[("What is the title of the dialog?", ["unsaved changes"]), ("How many buttons are there?", ["2", "two"]),
          ("Is this a light or dark theme?", ["light"])],
      absurd=["What is the cat doing?", "What colour is the boat?"],
      detect=["dialog", "button"], point=["button"])

item2(id="code-ts-dark", kind="code", source="html", html="""
<div class="mono" style="background:#1e1e1e;color:#d4d4d4;width:800px;height:600px;font-size:16px">
 <div style="background:#2d2d2d;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px;color:#fff">index.ts</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#569cd6">interface</span> <span style="color:#4ec9b0">User</span> {
  id: <span style="color:#4ec9b0">number</span>;
  name: <span style="color:#4ec9b0">string</span>;
}

<span style="color:#c586c0">export</span> <span style="color:#569cd6">function</span> <span style="color:#dcdcaa">greet</span>(user: <span style="color:#4ec9b0">User</span>): <span style="color:#4ec9b0">string</span> {
  <span style="color:#c586c0">return</span> <span style="color:#ce9178">`Hello, ${user.name}!`</span>;
}
</pre></div>""",
      subject=[["code", "editor", "typescript"]], keywords=[["typescript"], ["index.ts"], ["dark"]],
      qa=[("What programming language is this?", ["typescript"]), ("What is the name of the open file?", ["index.ts"]),
          ("Is this a light or dark theme?", ["dark"])],
      absurd=["What colour is the horse?", "How many apples are there?"])

item2(id="code-rust-light", kind="code", source="html", html="""
<div class="mono" style="background:#ffffff;color:#24292f;width:800px;height:600px;font-size:16px">
 <div style="background:#f3f4f6;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px;color:#24292f;border-bottom:1px solid #d0d7de">main.rs</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#cf222e">use</span> std::fs;

<span style="color:#cf222e">fn</span> <span style="color:#8250df">main</span>() {
    <span style="color:#cf222e">let</span> text = fs::read_to_string(<span style="color:#0a3069">"notes.txt"</span>).unwrap();
    println!(<span style="color:#0a3069">"{} lines"</span>, text.lines().count());
}
</pre></div>""",
      subject=[["code", "editor", "rust"]], keywords=[["rust"], ["main.rs"], ["light"]],
      qa=[("Which language is the code written in?", ["rust"]), ("What is the name of the open file?", ["main.rs"]),
          ("Is the editor in dark mode or light mode?", ["light"])],
      absurd=["What is the bird eating?"])

item2(id="term-git-status", kind="terminal", source="html", html="""
<div class="mono" style="background:#0c0c0c;color:#cccccc;width:800px;height:600px;font-size:15px">
 <pre style="margin:0;padding:14px;line-height:1.5">dev@laptop:~/shop$ git status
On branch feature/login
Changes not staged for commit:
  (use "git add &lt;file&gt;..." to update what will be committed)
	<span style="color:#e74856">modified:   src/auth.ts</span>
	<span style="color:#e74856">modified:   src/app.ts</span>

no changes added to commit
dev@laptop:~/shop$ </pre></div>""",
      subject=[["terminal", "git", "command"]], keywords=[["branch", "feature/login"], ["dark"]],
      qa=[("Which branch is checked out?", ["feature/login"]), ("How many files are modified?", ["2", "two"]),
          ("What command was run?", ["git status"])],
      absurd=["What colour is the dog?", "Where is the train?"])

item2(id="term-tsc-error", kind="terminal", source="html", html="""
<div class="mono" style="background:#1e1e2e;color:#cdd6f4;width:800px;height:600px;font-size:15px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ npx tsc --noEmit
<span style="color:#f38ba8">src/index.ts(12,5): error TS2304: Cannot find name 'fetchUser'.</span>

Found 1 error in src/index.ts:12

$ </pre></div>""",
      subject=[["terminal", "typescript", "tsc", "error", "command"]], keywords=[["error"], ["dark"]],
      qa=[("What does the error say?", ["src/index.ts(12,5): error ts2304: cannot find name 'fetchuser'",
                                        "error ts2304: cannot find name 'fetchuser'", "cannot find name 'fetchuser'"]),
          ("How many errors were found?", ["1", "one"]), ("Did the command succeed?", ["no"])],
      absurd=["What is the man wearing?"])

item2(id="term-docker-ps", kind="terminal", source="html", html="""
<div class="mono" style="background:#fafafa;color:#222;width:800px;height:600px;font-size:14px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ docker ps
CONTAINER ID   IMAGE         STATUS        NAMES
3f2a1b9c0d4e   postgres:16   Up 2 hours    db
9c8d7e6f5a1b   redis:7       Up 2 hours    cache
$ </pre></div>""",
      subject=[["terminal", "docker", "command", "containers"]], keywords=[["postgres"], ["light"]],
      qa=[("How many containers are running?", ["2", "two"]), ("What command was run?", ["docker ps"]),
          ("Is this a light or dark theme?", ["light"])],
      absurd=["What colour is the cat?", "How many people are in the image?"])

item2(id="chart-revenue", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
bars = ax.bar(["Q1", "Q2", "Q3", "Q4"], [40, 55, 48, 70], color="#2ca02c")
for k, b in enumerate(bars): b.set_gid(f"gt-bar-{k}")
ax.set_title("Quarterly revenue"); ax.set_ylabel("Revenue ($k)")
""", subject=[["bar chart", "bar graph", "chart"]], keywords=[["revenue", "quarterly"]],
      qa=[("What kind of chart is this?", ["a bar chart", "bar chart", "bar"]), ("How many bars are there?", ["4", "four"]),
          ("What is the title of the chart?", ["quarterly revenue"]), ("Which quarter is the highest?", ["q4"]),
          ("What colour are the bars?", ["green"])],
      absurd=["What is the dog doing?"],
      detect=["bar"], point=["bar"])

item2(id="chart-two-lines", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
ax.plot(days, [12, 9, 14, 7, 5], color="#d62728", marker="o", label="Errors")
ax.plot(days, [20, 18, 22, 15, 11], color="#ff7f0e", marker="s", label="Warnings")
ax.legend(); ax.set_title("Build issues per day"); ax.set_ylabel("Count")
""", subject=[["line chart", "line graph", "chart", "plot"]], keywords=[["build issues", "issues"]],
      qa=[("What kind of chart is this?", ["a line chart", "line chart", "line"]), ("How many lines are there?", ["2", "two"]),
          ("What is the title of the chart?", ["build issues per day"])],
      absurd=["What colour is the bus?", "Where is the cat?"])

item2(id="chart-pie-os", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
w, _ = ax.pie([40, 30, 20, 10], labels=["Linux", "macOS", "Windows", "Other"],
              colors=["#1f77b4", "#ff7f0e", "#2ca02c", "#7f7f7f"])
for k, x in enumerate(w): x.set_gid(f"gt-slice-{k}")
ax.set_title("Developer OS")
""", subject=[["pie chart", "pie", "chart"]], keywords=[["developer", "os"]],
      qa=[("What kind of chart is this?", ["a pie chart", "pie chart", "pie"]), ("How many slices are there?", ["4", "four"]),
          ("What is the title of the chart?", ["developer os"]), ("Which slice is the largest?", ["linux"])],
      absurd=["What is the horse eating?"],
      detect=["slice"], point=["slice"])

item2(id="diagram-states", kind="diagram", source="dot", dot="""
digraph G { rankdir=LR; node [shape=circle, style=filled, fillcolor="#fef3c7", fontname="DejaVu Sans"];
  Idle -> Loading; Loading -> Success; Loading -> Error; Error -> Idle [label="retry"]; }
""", subject=[["diagram", "state", "flowchart", "graph", "flow chart"]], keywords=[["idle"], ["loading"]],
      qa=[("How many states are there?", ["4", "four"]), ("What is the first state?", ["idle"])],
      absurd=["What colour is the dog?"],
      detect=["node"], point=["node"])

item2(id="diagram-pipeline", kind="diagram", source="dot", dot="""
digraph G { rankdir=LR; node [shape=box, style="rounded,filled", fillcolor="#ffedd5", fontname="DejaVu Sans"];
  Commit -> Build -> Test -> Deploy; }
""", subject=[["diagram", "pipeline", "flowchart", "flow chart", "boxes"]], keywords=[["deploy"], ["build"]],
      qa=[("How many steps are there?", ["4", "four"]), ("What is the last step?", ["deploy"]),
          ("What comes after Build?", ["test"])],
      absurd=["How many birds are there?"],
      detect=["node"], point=["node"])

item2(id="diagram-load-balancer", kind="diagram", source="dot", dot="""
digraph G { rankdir=TB; node [shape=box, style=filled, fillcolor="#e0e7ff", fontname="DejaVu Sans"];
  Client -> "Load balancer"; "Load balancer" -> "Server 1"; "Load balancer" -> "Server 2"; }
""", subject=[["diagram", "architecture", "flowchart", "flow chart", "boxes"]], keywords=[["load balancer"], ["server"]],
      qa=[("How many servers are there?", ["2", "two"]), ("What is the client connected to?", ["load balancer"]),
          ("How many boxes are there?", ["4", "four"])],
      absurd=["What is the cat eating?"],
      detect=["node"], point=["node"])

item2(id="shapes-blue-square", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <rect id="gt-square-0" x="270" y="170" width="260" height="260" fill="#2563eb"/></svg>""",
      subject=[["square"]], keywords=[["blue"]],
      qa=[("What colour is the square?", ["blue"]), ("What shape is this?", ["square", "a square"]),
          ("How many shapes are there?", ["1", "one"])],
      absurd=["What is the dog doing?", "What colour is the car?"],
      detect=["square"], point=["square"])

item2(id="shapes-row", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:#fafaf9">
 <circle id="gt-circle-0" cx="150" cy="300" r="95" fill="#dc2626"/>
 <polygon id="gt-triangle-0" points="300,395 400,205 500,395" fill="#16a34a"/>
 <rect id="gt-square-0" x="560" y="210" width="180" height="180" fill="#2563eb"/></svg>""",
      subject=[["circle", "triangle", "square", "shapes"]], keywords=[["red"], ["green"], ["blue"]],
      qa=[("What colour is the triangle?", ["green"]), ("What colour is the circle?", ["red"]),
          ("How many shapes are there?", ["3", "three"]), ("Is there a star?", ["no"])],
      absurd=["What is the man holding?"],
      detect=["circle", "triangle", "square"], point=["circle", "triangle", "square"])

item2(id="shapes-stars", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <polygon id="gt-star-0" points="180,90 204,164 282,164 219,210 243,284 180,238 117,284 141,210 78,164 156,164" fill="#f97316"/>
 <polygon id="gt-star-1" points="560,90 584,164 662,164 599,210 623,284 560,238 497,284 521,210 458,164 536,164" fill="#f97316"/>
 <polygon id="gt-star-2" points="180,330 204,404 282,404 219,450 243,524 180,478 117,524 141,450 78,404 156,404" fill="#f97316"/>
 <polygon id="gt-star-3" points="560,330 584,404 662,404 599,450 623,524 560,478 497,524 521,450 458,404 536,404" fill="#f97316"/></svg>""",
      subject=[["star"]], keywords=[["orange"], ["four", "4"]],
      qa=[("How many stars are there?", ["4", "four"]), ("What colour are the stars?", ["orange"]),
          ("Are there any circles?", ["no"])],
      absurd=["What colour is the horse?"],
      detect=["star"], point=["star"])

item2(id="objects-cat", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:#fef9c3;display:flex;align-items:center;justify-content:center">
 <span data-gt="cat" style="font-size:300px;line-height:1;font-family:'Noto Color Emoji'">&#x1F408;</span></div>""",
      subject=[["cat"]], keywords=[],
      qa=[("What animal is this?", ["cat", "a cat"]), ("How many cats are there?", ["1", "one"])],
      absurd=["What colour is the bus?", "What is the dog eating?"],
      detect=["cat"], point=["cat"])

item2(id="objects-apples", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:white;display:flex;align-items:center;justify-content:space-evenly;font-family:'Noto Color Emoji'">
 <span data-gt="apple" style="font-size:170px;line-height:1">&#x1F34E;</span><span data-gt="apple" style="font-size:170px;line-height:1">&#x1F34E;</span><span data-gt="apple" style="font-size:170px;line-height:1">&#x1F34E;</span></div>""",
      subject=[["apple"]], keywords=[["three", "3"], ["red"]],
      qa=[("How many apples are there?", ["3", "three"]), ("What fruit is this?", ["apple", "apples", "an apple"]),
          ("What colour are the apples?", ["red"])],
      absurd=["What is the cat doing?"],
      detect=["apple"], point=["apple"])

item2(id="objects-bicycle", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:#f0fdf4;display:flex;align-items:center;justify-content:center">
 <span data-gt="bicycle" style="font-size:280px;line-height:1;font-family:'Noto Color Emoji'">&#x1F6B2;</span></div>""",
      subject=[["bicycle", "bike"]], keywords=[],
      qa=[("What is this?", ["bicycle", "a bicycle", "bike", "a bike"]), ("How many bicycles are there?", ["1", "one"])],
      absurd=["What colour is the dog?", "What is the woman holding?"],
      detect=["bicycle"], point=["bicycle"])

item2(id="doc-changelog", kind="document", source="html", html="""
<div style="background:white;width:800px;height:600px;padding:36px 48px;box-sizing:border-box;color:#1f2328">
 <div style="font-size:32px;font-weight:bold;border-bottom:1px solid #d0d7de;padding-bottom:8px">Changelog</div>
 <div style="font-size:22px;font-weight:bold;margin-top:22px">1.2.0 (2026-03-01)</div>
 <ul style="font-size:16px;line-height:1.8"><li>Added dark mode</li><li>Fixed a crash on startup</li></ul>
 <div style="font-size:22px;font-weight:bold;margin-top:14px">1.1.0 (2026-01-15)</div>
 <ul style="font-size:16px;line-height:1.8"><li>Faster search</li></ul></div>""",
      subject=[["document", "changelog", "page", "text", "release notes"]], keywords=[["changelog"], ["1.2.0"]],
      qa=[("What is the title of the document?", ["changelog"]), ("What is the latest version?", ["1.2.0"])],
      absurd=["What colour is the cat?"])


# === third set (session 16): 22 more pages of the same kinds, some not 4:3, written before any model saw them ===
def item3(**kw):
    item(set=3, **kw)


item3(id="ui-search-empty", kind="ui", source="html", size=(1000, 600), html="""
<div style="background:#ffffff;width:1000px;height:600px;padding:40px 60px;box-sizing:border-box;color:#111827">
 <div style="font-size:28px;font-weight:bold;margin-bottom:24px">Search packages</div>
 <div data-gt="text field" style="border:1px solid #9ca3af;border-radius:6px;height:42px;width:600px;font-size:18px;line-height:42px;padding-left:14px;box-sizing:border-box;color:#111827">left-pad-ultra</div>
 <div style="margin-top:80px;text-align:center;width:600px">
  <div style="font-size:24px;font-weight:bold;color:#374151">No results found</div>
  <div style="font-size:15px;color:#6b7280;margin-top:8px">Try a different search term.</div></div></div>""",
      subject=[["search", "no results"]], keywords=[["packages"], ["light", "white"]],
      qa=[("What does the message say?", ["no results found"]), ("Is this a light or dark theme?", ["light"]),
          ("How many text fields are there?", ["1", "one"]), ("What was searched for?", ["left-pad-ultra"])],
      absurd=["What colour is the dog?", "How many cars are there?"],
      detect=["text field"], point=["text field"])

item3(id="ui-pricing", kind="ui", source="html", html="""
<div style="background:#f8fafc;width:800px;height:600px;padding:36px 30px;box-sizing:border-box;color:#0f172a">
 <div style="font-size:28px;font-weight:bold;text-align:center;margin-bottom:30px">Choose a plan</div>
 <div style="display:flex;justify-content:space-between">
  <div style="background:white;border:1px solid #cbd5e1;border-radius:10px;width:220px;padding:22px;box-sizing:border-box">
   <div style="font-size:20px;font-weight:bold">Free</div><div style="font-size:30px;margin:12px 0">$0</div>
   <div style="font-size:14px;color:#475569;height:120px">1 project<br>Community support</div>
   <span data-gt="button" style="display:inline-block;background:#e2e8f0;padding:9px 18px;border-radius:6px">Get started</span></div>
  <div style="background:white;border:3px solid #7c3aed;border-radius:10px;width:220px;padding:22px;box-sizing:border-box">
   <div style="font-size:20px;font-weight:bold">Pro</div><div style="font-size:30px;margin:12px 0">$12</div>
   <div style="font-size:14px;color:#475569;height:120px">10 projects<br>Email support</div>
   <span data-gt="button" style="display:inline-block;background:#7c3aed;color:white;padding:9px 18px;border-radius:6px">Get started</span></div>
  <div style="background:white;border:1px solid #cbd5e1;border-radius:10px;width:220px;padding:22px;box-sizing:border-box">
   <div style="font-size:20px;font-weight:bold">Team</div><div style="font-size:30px;margin:12px 0">$49</div>
   <div style="font-size:14px;color:#475569;height:120px">Unlimited projects<br>Priority support</div>
   <span data-gt="button" style="display:inline-block;background:#e2e8f0;padding:9px 18px;border-radius:6px">Get started</span></div>
 </div></div>""",
      subject=[["pricing", "plan", "plans"]], keywords=[["pro"], ["team"], ["free"]],
      qa=[("How many plans are there?", ["3", "three"]), ("What is the price of the Pro plan?", ["$12", "12"]),
          ("What does the button say?", ["get started"]), ("How many buttons are there?", ["3", "three"])],
      absurd=["What is the cat eating?"],
      detect=["button"], point=["button"])

item3(id="ui-404", kind="ui", source="html", html="""
<div style="background:#111827;width:800px;height:600px;display:flex;flex-direction:column;align-items:center;justify-content:center;color:#f9fafb">
 <div style="font-size:110px;font-weight:bold;color:#f59e0b">404</div>
 <div style="font-size:26px;margin:8px 0 28px">Page not found</div>
 <span data-gt="button" style="display:inline-block;background:#f59e0b;color:#111827;font-size:17px;padding:11px 30px;border-radius:6px">Go home</span></div>""",
      subject=[["404", "not found", "error"]], keywords=[["page"], ["dark"]],
      qa=[("What does the button say?", ["go home"]), ("What error code is shown?", ["404"]),
          ("Is this a light or dark theme?", ["dark"]), ("What does the page say?", ["page not found", "404 page not found"])],
      absurd=["How many horses are there?", "What colour is the bird?"],
      detect=["button"], point=["button"])

item3(id="ui-sidebar", kind="ui", source="html", size=(900, 600), html="""
<div style="background:#0b1220;width:900px;height:600px;display:flex;color:#e5e7eb">
 <div data-gt="menu" style="width:220px;background:#111a2e;padding:24px 16px;box-sizing:border-box;font-size:16px;line-height:2.6">
  <div style="font-size:20px;font-weight:bold;margin-bottom:14px">Orbitly</div>
  <div>Dashboard</div><div style="background:#2563eb;border-radius:6px;padding-left:10px">Projects</div><div>Team</div><div>Settings</div></div>
 <div style="padding:30px;flex:1">
  <div style="font-size:26px;font-weight:bold;margin-bottom:20px">Projects</div>
  <div style="font-size:16px;color:#9ca3af">You have 4 active projects.</div></div></div>""",
      subject=[["sidebar", "dashboard", "menu", "navigation", "projects"]], keywords=[["dark"], ["orbitly"]],
      qa=[("Which item is selected?", ["projects"]), ("How many items are in the sidebar?", ["4", "four"]),
          ("Is this a light or dark theme?", ["dark"]), ("What is the name of the app?", ["orbitly"])],
      absurd=["What is the dog doing?"],
      detect=["menu"], point=["menu"])

item3(id="ui-saved-toast", kind="ui", source="html", html="""
<div style="background:#f9fafb;width:800px;height:600px;position:relative;color:#111827">
 <div style="padding:30px;font-size:26px;font-weight:bold">Profile</div>
 <div style="padding:0 30px;font-size:15px;color:#4b5563">Name: Ada Park<br>Role: Maintainer</div>
 <div data-gt="notification" style="position:absolute;top:24px;right:24px;background:#16a34a;color:white;font-size:16px;padding:14px 22px;border-radius:8px">Changes saved</div></div>""",
      subject=[["notification", "toast", "profile", "saved"]], keywords=[["changes saved", "saved"]],
      qa=[("What does the notification say?", ["changes saved"]), ("Where is the notification?", ["top right", "top-right", "upper right"]),
          ("What colour is the notification?", ["green"])],
      absurd=["What colour is the car?"],
      detect=["notification"], point=["notification"])

item3(id="ui-login-dark", kind="ui", source="html", size=(600, 800), html="""
<div style="background:#18181b;width:600px;height:800px;display:flex;align-items:center;justify-content:center">
 <div data-gt="dialog" style="background:#27272a;color:#fafafa;width:400px;padding:32px;border-radius:10px;box-sizing:border-box">
  <div style="font-size:26px;font-weight:bold;margin-bottom:22px">Welcome back</div>
  <div style="font-size:14px;color:#a1a1aa">Username</div>
  <div data-gt="text field" style="border:1px solid #52525b;border-radius:4px;height:36px;margin:4px 0 14px"></div>
  <div style="font-size:14px;color:#a1a1aa">Password</div>
  <div data-gt="text field" style="border:1px solid #52525b;border-radius:4px;height:36px;margin:4px 0 24px"></div>
  <span data-gt="button" style="display:inline-block;background:#dc2626;color:white;font-size:16px;padding:10px 30px;border-radius:4px">Sign in</span>
 </div></div>""",
      subject=[["sign in", "login", "log in", "sign-in"]], keywords=[["dark"], ["form", "dialog", "page", "screen"]],
      qa=[("What does the button say?", ["sign in"]), ("How many text fields are there?", ["2", "two"]),
          ("Is this a light or dark theme?", ["dark"]), ("What colour is the button?", ["red"])],
      absurd=["What is the woman holding?", "How many dogs are there?"],
      detect=["button", "text field"], point=["button"])

# --- code and terminals ---
item3(id="code-go", kind="code", source="html", html="""
<div class="mono" style="background:#ffffff;color:#24292f;width:800px;height:600px;font-size:16px">
 <div style="background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px">main.go</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#cf222e">package</span> main

<span style="color:#cf222e">import</span> (
    <span style="color:#0a3069">"fmt"</span>
    <span style="color:#0a3069">"net/http"</span>
)

<span style="color:#cf222e">func</span> <span style="color:#8250df">main</span>() {
    http.HandleFunc(<span style="color:#0a3069">"/"</span>, handler)
    fmt.Println(<span style="color:#0a3069">"listening on :8080"</span>)
    http.ListenAndServe(<span style="color:#0a3069">":8080"</span>, <span style="color:#cf222e">nil</span>)
}
</pre></div>""",
      subject=[["code", "editor", "go"]], keywords=[["main.go"], ["light"]],
      qa=[("What programming language is this?", ["go", "golang"]), ("What is the name of the open file?", ["main.go"]),
          ("Is this a light or dark theme?", ["light"])],
      absurd=["What colour is the horse?", "How many people are there?"])

item3(id="code-java-dark", kind="code", source="html", size=(1000, 600), html="""
<div class="mono" style="background:#282c34;color:#abb2bf;width:1000px;height:600px;font-size:16px">
 <div style="background:#21252b;padding:8px 16px;font-family:'DejaVu Sans';font-size:14px;color:#fff">UserService.java</div>
 <pre style="margin:0;padding:16px;line-height:1.6"><span style="color:#c678dd">public class</span> <span style="color:#e5c07b">UserService</span> {
    <span style="color:#c678dd">private final</span> <span style="color:#e5c07b">UserRepository</span> repository;

    <span style="color:#c678dd">public</span> <span style="color:#e5c07b">User</span> <span style="color:#61afef">findById</span>(<span style="color:#c678dd">long</span> id) {
        <span style="color:#c678dd">return</span> repository.findById(id).orElseThrow();
    }
}
</pre></div>""",
      subject=[["code", "editor", "java"]], keywords=[["userservice.java", "userservice"], ["dark"]],
      qa=[("What programming language is this?", ["java"]), ("What is the name of the open file?", ["userservice.java"]),
          ("Is this a light or dark theme?", ["dark"])],
      absurd=["What is the cat doing?"])

item3(id="term-pip-error", kind="terminal", source="html", html="""
<div class="mono" style="background:#1a1a1a;color:#e0e0e0;width:800px;height:600px;font-size:14px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ pip install torchvizard
ERROR: Could not find a version that satisfies the requirement torchvizard
ERROR: No matching distribution found for torchvizard
$ </pre></div>""",
      subject=[["terminal", "pip", "error", "command"]], keywords=[["error"], ["torchvizard", "pip"]],
      qa=[("What command was run?", ["pip install torchvizard"]), ("Did the command succeed?", ["no"]),
          ("Which package could not be found?", ["torchvizard"])],
      absurd=["What colour is the dog?"])

item3(id="term-git-log", kind="terminal", source="html", html="""
<div class="mono" style="background:#0d1117;color:#c9d1d9;width:800px;height:600px;font-size:14px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ git log --oneline
<span style="color:#e3b341">a1b2c3d</span> Fix login redirect
<span style="color:#e3b341">9f8e7d6</span> Add dark mode toggle
<span style="color:#e3b341">5c4b3a2</span> Initial commit
$ </pre></div>""",
      subject=[["terminal", "git", "command", "log", "commits"]], keywords=[["git log"], ["dark"]],
      qa=[("What command was run?", ["git log --oneline"]), ("How many commits are shown?", ["3", "three"]),
          ("What is the latest commit message?", ["fix login redirect"])],
      absurd=["How many cats are there?"])

item3(id="term-npm-test", kind="terminal", source="html", html="""
<div class="mono" style="background:#ffffff;color:#1f2328;width:800px;height:600px;font-size:14px">
 <pre style="margin:0;padding:14px;line-height:1.5">$ npm test

 <span style="color:#1a7f37">PASS</span>  src/math.test.js
 <span style="color:#1a7f37">PASS</span>  src/strings.test.js

Tests:       12 passed, 12 total
Time:        1.8 s
$ </pre></div>""",
      subject=[["terminal", "test", "tests", "npm", "command"]], keywords=[["passed", "pass"], ["light"]],
      qa=[("Did the tests pass?", ["yes"]), ("How many tests passed?", ["12", "twelve"]),
          ("What command was run?", ["npm test"])],
      absurd=["What colour is the bicycle?", "What is the man eating?"])

# --- charts ---
item3(id="chart-downloads", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(10, 6), dpi=100)
bars = ax.bar(["W1", "W2", "W3", "W4", "W5"], [120, 180, 260, 210, 150], color="#f97316")
for k, b in enumerate(bars): b.set_gid(f"gt-bar-{k}")
ax.set_title("Downloads per week"); ax.set_ylabel("Downloads")
""", size=(1000, 600), subject=[["bar chart", "bar graph", "chart"]], keywords=[["downloads"]],
      qa=[("What kind of chart is this?", ["a bar chart", "bar chart", "bar"]), ("How many bars are there?", ["5", "five"]),
          ("What is the title of the chart?", ["downloads per week"]), ("Which week is the highest?", ["w3"]),
          ("What colour are the bars?", ["orange"])],
      absurd=["What is the dog doing?"],
      detect=["bar"], point=["bar"])

item3(id="chart-memory", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
ax.plot([0, 1, 2, 3, 4, 5, 6], [210, 230, 260, 250, 300, 340, 330], color="#2563eb", marker="o")
ax.set_title("Memory usage"); ax.set_xlabel("Minute"); ax.set_ylabel("MB")
""", subject=[["line chart", "line graph", "chart", "plot"]], keywords=[["memory"]],
      qa=[("What kind of chart is this?", ["a line chart", "line chart", "line"]), ("What is the title of the chart?", ["memory usage"]),
          ("What does the x-axis show?", ["minute", "minutes"])],
      absurd=["How many birds are there?"])

item3(id="chart-languages", kind="chart", source="matplotlib", code="""
fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
w, _ = ax.pie([50, 30, 20], labels=["Python", "Go", "Rust"], colors=["#3b82f6", "#10b981", "#f59e0b"])
for k, x in enumerate(w): x.set_gid(f"gt-slice-{k}")
ax.set_title("Languages")
""", subject=[["pie chart", "pie", "chart"]], keywords=[["languages"], ["python"]],
      qa=[("What kind of chart is this?", ["a pie chart", "pie chart", "pie"]), ("How many slices are there?", ["3", "three"]),
          ("Which slice is the largest?", ["python"]), ("What is the title of the chart?", ["languages"])],
      absurd=["What colour is the cat?"],
      detect=["slice"], point=["slice"])

# --- diagrams ---
item3(id="diagram-login-flow", kind="diagram", source="dot", dot="""
digraph G { node [shape=box, style=filled, fillcolor="#dcfce7", fontname="DejaVu Sans"];
  Start -> "Enter password"; "Enter password" -> "Valid?"; "Valid?" [shape=diamond];
  "Valid?" -> Dashboard [label="yes"]; "Valid?" -> "Enter password" [label="no"]; }
""", subject=[["flowchart", "flow chart", "diagram"]], keywords=[["password"], ["dashboard"]],
      qa=[("What is the first step?", ["start"]), ("What is the last step?", ["dashboard"]),
          ("What comes after Start?", ["enter password"])],
      absurd=["What is the horse eating?"],
      detect=["node"], point=["node"])

item3(id="diagram-three-tier", kind="diagram", source="dot", dot="""
digraph G { rankdir=LR; node [shape=box, style=filled, fillcolor="#fce7f3", fontname="DejaVu Sans"];
  Browser -> "Web app" -> Postgres; }
""", size=(1000, 400), subject=[["diagram", "architecture", "flowchart", "flow chart", "boxes"]], keywords=[["postgres"], ["browser"]],
      qa=[("How many boxes are there?", ["3", "three"]), ("What is connected to Postgres?", ["web app"]),
          ("What is the last box?", ["postgres"])],
      absurd=["What colour is the dog?"],
      detect=["node"], point=["node"])

# --- shapes ---
item3(id="shapes-two-circles", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <circle id="gt-circle-0" cx="240" cy="300" r="120" fill="#dc2626"/>
 <circle id="gt-circle-1" cx="560" cy="300" r="120" fill="#2563eb"/></svg>""",
      subject=[["circle"]], keywords=[["red"], ["blue"], ["two", "2"]],
      qa=[("How many circles are there?", ["2", "two"]), ("What colour is the left circle?", ["red"]),
          ("Is there a square?", ["no"])],
      absurd=["What is the cat doing?"],
      detect=["circle"], point=["circle"])

item3(id="shapes-green-triangle", kind="shapes", source="html", size=(600, 600), html="""
<svg width="600" height="600" style="background:#f8fafc">
 <polygon id="gt-triangle-0" points="300,110 480,470 120,470" fill="#16a34a"/></svg>""",
      subject=[["triangle"]], keywords=[["green"]],
      qa=[("What shape is this?", ["triangle", "a triangle"]), ("What colour is the triangle?", ["green"]),
          ("How many shapes are there?", ["1", "one"])],
      absurd=["What colour is the car?"],
      detect=["triangle"], point=["triangle"])

item3(id="shapes-purple-squares", kind="shapes", source="html", html="""
<svg width="800" height="600" style="background:white">
 <rect id="gt-square-0" x="90" y="220" width="160" height="160" fill="#7c3aed"/>
 <rect id="gt-square-1" x="320" y="220" width="160" height="160" fill="#7c3aed"/>
 <rect id="gt-square-2" x="550" y="220" width="160" height="160" fill="#7c3aed"/></svg>""",
      subject=[["square"]], keywords=[["purple", "violet"], ["three", "3"]],
      qa=[("How many squares are there?", ["3", "three"]), ("What colour are the squares?", ["purple", "violet"]),
          ("Are there any triangles?", ["no"])],
      absurd=["What is the man holding?"],
      detect=["square"], point=["square"])

# --- objects and a document ---
item3(id="objects-car-single", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:#eff6ff;display:flex;align-items:center;justify-content:center">
 <span data-gt="car" style="font-size:280px;line-height:1;font-family:'Noto Color Emoji'">&#x1F697;</span></div>""",
      subject=[["car"]], keywords=[["red"]],
      qa=[("What is this?", ["car", "a car", "a red car", "red car"]), ("How many cars are there?", ["1", "one"])],
      absurd=["What colour is the dog?"],
      detect=["car"], point=["car"])

item3(id="objects-dog-ball", kind="objects", source="html", html="""
<div style="width:800px;height:600px;background:white;display:flex;align-items:center;justify-content:space-evenly;font-family:'Noto Color Emoji'">
 <span data-gt="dog" style="font-size:220px;line-height:1">&#x1F415;</span><span data-gt="ball" style="font-size:120px;line-height:1">&#x26BD;</span></div>""",
      subject=[["dog"]], keywords=[["ball", "football", "soccer"]],
      qa=[("What animal is this?", ["dog", "a dog"]), ("How many dogs are there?", ["1", "one"]),
          ("Is there a cat?", ["no"])],
      absurd=["What colour is the bus?"],
      detect=["dog"], point=["dog"])

item3(id="doc-api", kind="document", source="html", html="""
<div style="background:white;width:800px;height:600px;padding:36px 48px;box-sizing:border-box;color:#1f2328">
 <div style="font-size:32px;font-weight:bold;border-bottom:1px solid #d0d7de;padding-bottom:8px">Users API</div>
 <div class="mono" style="font-size:20px;margin-top:22px"><b style="color:#1a7f37">GET</b> /users/{id}</div>
 <p style="font-size:16px;line-height:1.7">Returns one user by id. Requires the <code>read:users</code> scope.</p>
 <div style="font-size:18px;font-weight:bold;margin-top:16px">Responses</div>
 <ul style="font-size:16px;line-height:1.8"><li>200 OK: the user</li><li>404 Not Found: no such user</li></ul></div>""",
      subject=[["document", "api", "documentation", "page", "text"]], keywords=[["users"], ["get"]],
      qa=[("What is the title of the document?", ["users api"]), ("Which HTTP method is documented?", ["get"])],
      absurd=["What colour is the horse?"])
