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
