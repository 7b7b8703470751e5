"""UI screenshots: dialogs, forms, settings pages, toasts, menus, tables; light and dark themes."""
from __future__ import annotations

from .. import colors, fonts, lexicon as L, messages as M
from ..language import article, cap, join, number, plural
from ..scene import Canvas
from .common import canvas_size
from .uikit import (button, checkbox, dropdown, glyph_icon, label_obj, make_theme, rrect, text_field, toggle,
                    window_chrome)

# ---- shared ---------------------------------------------------------------------------------------------------------
BUTTON_POOL = ["OK", "Cancel", "Save", "Delete", "Retry", "Continue", "Export", "Import", "Upload", "Submit", "Apply",
               "Close", "Next", "Back", "Allow", "Deny", "Install", "Sign out", "Publish", "Archive", "Discard",
               "Restart", "Update", "Confirm", "Share", "Download", "Send", "Create"]


def _absent_labels(c, name, present, pool=BUTTON_POOL, k=3, rng=None):
    cands = [b for b in pool if b not in present]
    rng.shuffle(cands)
    return [{"name": name, "label": b} for b in cands[:k]]


NAV = ["Dashboard", "Projects", "Issues", "Pull requests", "Activity", "Reports", "Team", "Billing", "Inbox",
       "Calendar", "Files", "Analytics", "Deployments", "Logs", "Integrations", "Help"]


def _background_app(c, th, rng, title=None, dim=False):
    """A plausible app behind a dialog/toast: window chrome, a header, a sidebar, and grey bars that stand for the
    page's content. Returns (app name, height of the title bar, width of the sidebar)."""
    app = title or L.app_name(rng)
    top = window_chrome(c, th, app)
    side_w = int(c.w * rng.uniform(0.16, 0.24))
    c.draw.rectangle([0, top + 1, side_w, c.h], fill=th.panel)
    c.draw.line([(side_w, top), (side_w, c.h)], fill=th.border)
    y = top + int(16 * th.s)
    bar = th.panel2 if th.dark else (226, 230, 236)
    nav = rng.sample(NAV, 7) if rng.random() < 0.6 else None
    nf = th.font(0.95)
    i = 0
    while y < c.h - 20:
        if nav and i < len(nav) and fonts.text_width(nf, nav[i]) < side_w - 24 * th.s:
            c.text((int(14 * th.s), y), nav[i], nf, th.muted, role="nav")
        else:
            c.draw.rounded_rectangle([int(14 * th.s), y, side_w - int(rng.uniform(20, 50) * th.s), y + int(8 * th.s)],
                                     radius=3, fill=bar)
        i += 1
        y += int(26 * th.s)
    x0 = side_w + int(24 * th.s)
    y = top + int(24 * th.s)
    while y < c.h - 40 * th.s:
        w = int((c.w - x0 - 24 * th.s) * rng.uniform(0.3, 1.0))
        hh = int(rng.choice([8, 8, 8, 40, 70]) * th.s)
        c.draw.rounded_rectangle([x0, y, x0 + w, y + hh], radius=4, fill=bar)
        y += hh + int(16 * th.s)
    return app, top, side_w


def _dim(c, amount):
    from PIL import Image
    ov = Image.new("RGB", c.image.size, (0, 0, 0))
    c.image.paste(Image.blend(c.image, ov, amount))


# ---- dialog ---------------------------------------------------------------------------------------------------------
def _dialog_templates(rng):
    n = rng.randint(2, 12)
    f = L.file_name(rng, rng.choice(["ts", "py", "md", "json", "txt", "png"]))
    host = rng.choice(L.HOSTS)
    app = L.app_name(rng)
    ver = L.version(rng)
    return [
        ("confirmation", "warning", f"Delete {n} files?", "This action cannot be undone.", ["Cancel", "Delete"], "danger"),
        ("confirmation", "warning", f"Delete {f}?", f"{f} will be moved to the trash.", ["Cancel", "Move to Trash"],
         "danger"),
        ("save", "warning", "Unsaved changes", f"Do you want to save the changes you made to {f}?",
         ["Don't Save", "Cancel", "Save"], "primary"),
        ("update", "info", "Update available", f"{app} {ver} is ready to install. Restart to apply the update.",
         ["Later", "Restart now"], "primary"),
        ("error", "error", "Connection failed", f"Could not connect to {host}. Check your network and try again.",
         ["Cancel", "Retry"], "primary"),
        ("error", "error", "Build failed", f"The build exited with code {rng.choice([1, 2, 127, 137])}.",
         ["Close", "Show log"], "primary"),
        ("permission", "info", "Allow notifications?", f"{app} would like to send you notifications.",
         ["Deny", "Allow"], "primary"),
        ("sign out", "info", "Sign out?", "You will need to sign in again to sync your settings.",
         ["Cancel", "Sign out"], "danger"),
        ("success", "success", "Export complete", f"{n} records were exported to {rng.choice(['report.csv', 'data.json', 'export.xlsx'])}.",
         ["Open folder", "Done"], "primary"),
        ("error", "error", "Invalid license key", "The license key you entered is not valid.", ["OK"], "primary"),
        ("confirmation", "warning", "Discard draft?", "Your draft will be permanently deleted.", ["Keep editing", "Discard"],
         "danger"),
    ]


def dialog(rng, th):
    w, h = canvas_size(rng, (520, 1200), (1.0, 1.9))
    c = Canvas(w, h, th.bg)
    app, _, _ = _background_app(c, th, rng)
    _dim(c, rng.uniform(0.35, 0.6))
    # half the dialogs say something composed, which has to be read rather than recalled (see messages.py)
    dtype, icon, title, msg, buttons, pkind = (M.dialog_message(rng) if rng.random() < 0.5 else
                                               rng.choice(_dialog_templates(rng)))
    dw = int(min(w * 0.85, rng.uniform(340, 460) * th.s))
    pad = int(20 * th.s)
    tf = th.font(1.25, bold=True)
    mf = th.font(1.0)
    msg_lines = fonts.wrap(mf, msg, dw - 2 * pad - (int(40 * th.s) if icon else 0))
    extra = rng.random() < 0.25
    bh = int(th.fs * 2.3)
    dh = pad + int(th.fs * 1.9) + len(msg_lines) * int(th.fs * 1.5) + (int(th.fs * 2.0) if extra else 0) + \
        int(th.fs * 1.2) + bh + pad
    dx = (w - dw) // 2
    dy = max(int(h * 0.12), (h - dh) // 2 + rng.randint(-20, 20))
    if dy + dh > h - 4:
        return None
    # shadow + card
    rrect(c, (dx + 3, dy + 5, dx + dw + 3, dy + dh + 5), fill=(0, 0, 0), radius=th.radius + 2)
    rrect(c, (dx, dy, dx + dw, dy + dh), fill=th.panel, outline=th.border, radius=th.radius + 2)
    c.add("dialog", (dx, dy, dx + dw + 1, dy + dh + 1), phrase=f"{dtype} dialog", countable=False,
          attrs={"relatable": False})
    x = dx + pad
    ty = dy + pad
    icon_col = None
    if icon:
        r = int(th.fs * 0.9)
        icon_col = glyph_icon(c, th, x + r, ty + r, r, icon)
        x += 2 * r + int(12 * th.s)
    tline = c.text((x, ty), title, tf, th.text, role="title")
    y = ty + int(th.fs * 1.9)
    mlines = []
    for m in msg_lines:
        ln = c.text((x, y), m, mf, th.muted if rng.random() < 0.5 else th.text, role="message", group="msg")
        if ln:
            mlines.append(ln)
        y += int(th.fs * 1.5)
    cb = None
    if extra:
        cb, _ = checkbox(c, th, x, y + int(4 * th.s), "Don't ask again", rng.random() < 0.3)
        y += int(th.fs * 2.0)
    # buttons, right aligned, primary last
    by = dy + dh - pad - bh
    bf = th.font(1.0)
    widths = [fonts.text_width(th.font(1.0, True), b) + 2 * int(14 * th.s) for b in buttons]
    gap = int(8 * th.s)
    bx = dx + dw - pad - sum(widths) - gap * (len(buttons) - 1)
    if bx < dx + pad:
        return None
    bobjs = []
    for i, b in enumerate(buttons):
        kind = pkind if i == len(buttons) - 1 else "secondary"
        o, box = button(c, th, bx, by, b, kind=kind, min_w=widths[i])
        bobjs.append(o)
        bx = box[2] + gap
    c.detect_names.update({"button", "dialog"} | ({"checkbox"} if cb else set()))

    # facts
    tl = [tline.id] if tline else []
    blines = [o.attrs["label_line"] for o in bobjs if "label_line" in o.attrs]
    bnames = [o.attrs["label"] for o in bobjs]
    theme_adj = "dark" if th.dark else "light"
    kind_phrase = {"confirmation": "confirmation dialog", "save": "save prompt", "update": "update dialog",
                   "error": "error dialog", "permission": "permission prompt", "sign out": "sign-out dialog",
                   "success": "success dialog"}[dtype]
    c.fact("subject", 1.0, phrase=f'{article(theme_adj + " " + kind_phrase)} titled "{title}"',
           short=f'{cap(theme_adj)} {kind_phrase} "{title}" with {join(bnames)} buttons' if len(bnames) > 1 else
           f'{cap(theme_adj)} {kind_phrase} "{title}" with an {bnames[0]} button' if bnames[0][0] in "AEIOU" else
           f'{cap(theme_adj)} {kind_phrase} "{title}" with a {bnames[0]} button',
           phrase_alt=f"{article(theme_adj + ' ' + kind_phrase)} over an app window",
           short_alt=f"{cap(theme_adj)} {kind_phrase} with {len(bnames)} button{'s' if len(bnames) > 1 else ''}",
           lines=tl + blines)
    c.fact("text", 0.7, role="title", text=title, of="dialog", lines=tl)
    if mlines and len(mlines) == len(msg_lines):
        c.fact("text", 0.8, role="message", text=msg, of="dialog", lines=[ln.id for ln in mlines], caption=False,
               q=["What does the dialog say?", "What is the message in the dialog?", "What does the message say?"])
        c.fact("detail", 0.8, text=f'The message reads "{msg}"', lines=[ln.id for ln in mlines],
               alt="It shows a short message under the title")
    if len(bobjs) > 1:
        c.fact("qa", 0.6, q=["What buttons are in the dialog?", "Which buttons does the dialog have?",
                             "What are the button labels?"], a=join(bnames), lines=blines, qtype="text")
        c.fact("detail", 0.6, text=f"It has {number(len(bobjs))} buttons: {join(bnames)}", lines=blines,
               alt=f"It has {number(len(bobjs))} buttons")
    c.fact("count", 0.4, noun="button", n=len(bobjs), objs=[o.id for o in bobjs])
    prim = bobjs[-1]
    if prim.color:
        c.fact("qa", 0.6, q=["Which button is highlighted?", "Which button is the primary action?",
                             "Which button stands out?"], a=prim.attrs["label"],
               lines=[prim.attrs["label_line"]] if "label_line" in prim.attrs else [], qtype="text")
        c.fact("detail", 0.5, text=f'The {prim.attrs["label"]} button is {prim.color}',
               lines=[prim.attrs["label_line"]] if "label_line" in prim.attrs else [],
               alt=f"The main button is {prim.color}")
    for o in bobjs:
        if o.color:
            c.fact("object", 0.3, obj=o.id)
    if cb:
        st = cb.attrs["checked"]
        c.fact("qa", 0.4, q=['Is "Don\'t ask again" checked?', "Is the checkbox checked?"],
               a="Yes" if st else "No", lines=[cb.attrs["label_line"]] if "label_line" in cb.attrs else [],
               objs=[cb.id], qtype="yesno")
    if icon_col:
        iname = {"info": "blue information", "warning": "orange warning", "error": "red error", "success": "green check"}[icon]
        c.fact("detail", 0.35, text=f"{article(iname)} icon sits next to the title")
    c.fact("attr", 0.4, key="theme", value=theme_adj, subj="dialog")
    c.fact("qa", 0.3, q=["Is this a dialog box?", "Is a modal dialog open?"], a="Yes", qtype="yesno")
    c.present.update({"button", "dialog", "window", "icon"})
    return c.scene("ui", screen="dialog", theme=th.name, absent_labels=_absent_labels(c, "button", bnames, rng=rng))


# ---- form -------------------------------------------------------------------------------------------------------------
FORMS = {
    "login": ("Sign in", [("Email", "email"), ("Password", "password")], "Remember me", "Sign in", "Forgot password?"),
    "signup": ("Create your account", [("Full name", "name"), ("Email", "email"), ("Password", "password")],
               "I agree to the Terms of Service", "Create account", "Already have an account? Sign in"),
    "contact": ("Contact us", [("Name", "name"), ("Email", "email"), ("Subject", "subject")], None, "Send message",
                None),
    "project": ("New project", [("Project name", "project"), ("Repository URL", "url"), ("Branch", "branch")],
                "Initialize with a README", "Create project", None),
    "payment": ("Payment details", [("Cardholder name", "name"), ("Card number", "card"), ("Expiry date", "expiry")],
                "Save this card", "Pay now", None),
    "reset": ("Reset password", [("Email address", "email")], None, "Send reset link", "Back to sign in"),
}

ERRORS = {"email": "Please enter a valid email address.", "password": "Password must be at least 8 characters.",
          "name": "This field is required.", "project": "Project name is already taken.",
          "url": "Enter a valid URL.", "card": "Card number is invalid.", "subject": "This field is required.",
          "branch": "Branch not found.", "expiry": "Card has expired."}


def _field_value(rng, kind, name):
    return {"email": L.email(rng, name), "password": "hunter2secret", "name": name,
            "subject": rng.choice(["Billing question", "Bug report", "Feature request"]),
            "project": rng.choice(L.PROJECTS), "url": f"https://github.com/{name.split()[0].lower()}/{rng.choice(L.PROJECTS)}",
            "branch": rng.choice(L.BRANCHES[:4]), "card": "4242 4242 4242 4242", "expiry": f"{rng.randint(1, 12):02d}/2{rng.randint(5, 9)}"}[kind]


def form(rng, th):
    w, h = canvas_size(rng, (420, 1100), (0.6, 1.6))
    c = Canvas(w, h, th.bg)
    key = rng.choice(list(FORMS))
    title, fields, cbl, submit, link = FORMS[key]
    app = L.app_name(rng)
    cw = int(min(w * 0.88, rng.uniform(300, 400) * th.s))
    pad = int(24 * th.s)
    fh = int(th.fs * 1.45) + int(th.fs * 2.4) + int(th.fs * 1.1)
    err_i = rng.randrange(len(fields)) if rng.random() < 0.35 else None
    need = pad + int(th.fs * 1.4) + int(th.fs * 2.4) + len(fields) * fh + (int(th.fs * 1.4) if err_i is not None else 0) + \
        (int(th.fs * 2.2) if cbl else 0) + int(th.fs * 2.6) + (int(th.fs * 2.4) if link else 0) + pad
    h = need + int(rng.uniform(16, 260) * th.s)
    w = max(cw + int(16 * th.s), min(w, cw + int(rng.uniform(16, 500) * th.s)))
    c = Canvas(w, h, th.bg)
    cx0 = (w - cw) // 2
    cy0 = max(4, (h - need) // 2)
    rrect(c, (cx0, cy0, cx0 + cw, cy0 + need), fill=th.panel, outline=th.border, radius=th.radius + 4)
    x = cx0 + pad
    y = cy0 + pad
    brand = c.text((x, y), app, th.font(0.95, bold=True), th.accent, role="brand")
    y += int(th.fs * 1.4)
    tline = c.text((x, y), title, th.font(1.5, bold=True), th.text, role="title")
    y += int(th.fs * 2.4)
    name = L.person(rng)
    filled = rng.random() < 0.6
    fobjs = []
    for i, (lab, kind) in enumerate(fields):
        val = _field_value(rng, kind, name) if filled or i == err_i else None
        ph = None if val else {"email": "you@example.com", "password": "Enter your password", "name": "Jane Doe",
                               "url": "https://", "card": "1234 5678 9012 3456", "expiry": "MM/YY"}.get(kind)
        err = ERRORS[kind] if i == err_i else None
        if err and kind == "email":
            val = val.split("@")[0] + "@"
        o, y = text_field(c, th, x, y, cw - 2 * pad, lab, val, ph, err, password=(kind == "password"),
                          focused=(i == 0 and not filled and rng.random() < 0.4))
        o.attrs["kind"] = kind
        fobjs.append(o)
        y += int(th.fs * 1.1)
    cb = None
    if cbl:
        cb, yy = checkbox(c, th, x, y, cbl, rng.random() < 0.5)
        y = yy + int(th.fs * 1.1)
    bo, box = button(c, th, x, y, submit, kind="primary", min_w=cw - 2 * pad)
    y = box[3] + int(th.fs * 0.9)
    lline = None
    if link:
        lo, _ = button(c, th, x, y, link, kind="link", min_w=cw - 2 * pad)
        lline = lo
    c.detect_names.update({"button", "text field"} | ({"checkbox"} if cb else set()))

    theme_adj = "dark" if th.dark else "light"
    noun = {"login": "sign-in form", "signup": "sign-up form", "contact": "contact form",
            "project": "new project form", "payment": "payment form", "reset": "password reset form"}[key]
    labels = [o.attrs.get("label", "") for o in fobjs]
    lab_lines = [o.attrs["label_line"] for o in fobjs if "label_line" in o.attrs]
    tl = [tline.id] if tline else []
    c.fact("subject", 1.0, phrase=f"{article(theme_adj + ' ' + noun)} titled \"{title}\"",
           short=f'{cap(theme_adj)} {noun} "{title}" with {join([l.lower() if l not in ("URL",) else l for l in labels])} fields',
           phrase_alt=f"{article(theme_adj + ' ' + noun)}",
           short_alt=f"{cap(theme_adj)} {noun} with {number(len(fobjs))} text field{'s' if len(fobjs) > 1 else ''}",
           lines=tl + lab_lines)
    c.fact("text", 0.6, role="title", text=title, of="form", lines=tl)
    c.fact("qa", 0.6, q=["What fields does the form have?", "Which fields are in the form?",
                         "What are the field labels?"], a=join(labels), lines=lab_lines, qtype="text")
    c.fact("count", 0.4, noun="text field", n=len(fobjs), objs=[o.id for o in fobjs])
    sl = [bo.attrs["label_line"]] if "label_line" in bo.attrs else []
    c.fact("qa", 0.6, q=["What does the submit button say?", "What is the label of the main button?",
                         f"What is written on the {bo.color} button?"], a=submit, lines=sl, qtype="text")
    c.fact("detail", 0.6, text=f'{cap(article(bo.color))} "{submit}" button is at the bottom', lines=sl,
           alt=f"{cap(article(bo.color))} button is at the bottom")
    c.fact("object", 0.3, obj=bo.id)
    if brand:
        c.fact("qa", 0.3, q=["What is the app name?", "Which app is this form for?"], a=app, lines=[brand.id],
               qtype="text")
    if err_i is not None:
        eo = fobjs[err_i]
        el = [eo.attrs["error_line"]] if eo.attrs.get("error_line") is not None else []
        ll = [eo.attrs["label_line"]] if "label_line" in eo.attrs else []
        c.fact("qa", 0.7, q=["What error is shown?", "What does the error message say?",
                             "What is the validation error?"], a=ERRORS[fields[err_i][1]], lines=el,
               qtype="text")
        c.fact("qa", 0.6, q=["Which field has an error?", "Which field is invalid?"], a=eo.attrs["label"],
               lines=ll + el, qtype="text")
        c.fact("detail", 0.75, text=f'The {eo.attrs["label"]} field shows the error "{ERRORS[fields[err_i][1]]}"',
               lines=ll + el, alt="One field is outlined in red with an error message")
        c.fact("qa", 0.4, q=["Are there any errors in the form?", "Does the form show an error?"], a="Yes",
               qtype="yesno", objs=[eo.id])
    else:
        c.fact("absent", 0.0, q=["What is the error message?", "What error does the form show?"],
               a="There is no error message in the image.")
        c.fact("qa", 0.3, q=["Does the form show an error?", "Are there any errors in the form?"], a="No",
               qtype="yesno")
    for o in fobjs:
        v, vl = o.attrs.get("value"), o.attrs.get("value_line")
        if v and vl is not None and "label_line" in o.attrs:
            c.fact("qa", 0.4, q=[f'What is entered in the {o.attrs["label"]} field?',
                                 f'What is typed in the {o.attrs["label"]} field?'], a=v,
                   lines=[vl, o.attrs["label_line"]], qtype="text")
    if cb:
        st = cb.attrs["checked"]
        ll = [cb.attrs["label_line"]] if "label_line" in cb.attrs else []
        c.fact("qa", 0.5, q=[f'Is "{cbl}" checked?', "Is the checkbox checked?", "Is the checkbox ticked?"],
               a="Yes" if st else "No", lines=ll, objs=[cb.id], qtype="yesno")
        c.fact("detail", 0.4, text=f'The "{cbl}" checkbox is {"checked" if st else "not checked"}', lines=ll,
               alt=f"A checkbox is {'checked' if st else 'unchecked'}")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="form")
    c.present.update({"button", "form", "text field", "field"})
    return c.scene("ui", screen="form", theme=th.name,
                   absent_labels=_absent_labels(c, "button", [submit], rng=rng))


# ---- settings page --------------------------------------------------------------------------------------------------
SETTINGS = {
    "General": [("Auto save", "Save files automatically after a delay."), ("Check for updates", None),
                ("Open last project on startup", None), ("Send usage statistics", "Help us improve the app."),
                ("Language", ["English", "Deutsch", "Français", "Español", "日本語"][:4])],
    "Appearance": [("Theme", ["Dark", "Light", "System"]), ("Font size", ["12", "13", "14", "16"]),
                   ("Show minimap", None), ("Compact mode", "Reduce padding around items."),
                   ("Animations", None)],
    "Editor": [("Format on save", None), ("Word wrap", None), ("Tab size", ["2", "4", "8"]),
               ("Show line numbers", None), ("Highlight current line", None), ("Insert final newline", None)],
    "Notifications": [("Desktop notifications", "Show alerts outside the app."), ("Email digest", ["Daily", "Weekly", "Never"]),
                      ("Sound", None), ("Notify on build failure", None), ("Do not disturb", None)],
    "Privacy": [("Telemetry", "Share crash reports and usage data."), ("Clear history on exit", None),
                ("Block third-party cookies", None), ("Remember passwords", None)],
    "Accounts": [("Sync settings", "Keep settings in sync across devices."), ("Two-factor authentication", None),
                 ("Session timeout", ["15 minutes", "1 hour", "Never"]), ("Show profile publicly", None)],
}


def settings(rng, th):
    w, h = canvas_size(rng, (640, 1300), (1.2, 2.1))
    c = Canvas(w, h, th.bg)
    app = L.app_name(rng)
    top = window_chrome(c, th, f"Settings - {app}" if rng.random() < 0.5 else "Settings")
    side_w = int(max(130 * th.s, w * rng.uniform(0.2, 0.27)))
    c.draw.rectangle([0, top + 1, side_w, h], fill=th.panel)
    c.draw.line([(side_w, top), (side_w, h)], fill=th.border)
    sections = list(SETTINGS)
    sel = rng.choice(sections)
    y = top + int(14 * th.s)
    nav_lines = {}
    nf = th.font(1.0)
    rowh = int(th.fs * 2.3)
    for s in sections:
        if y + rowh > h:
            break
        if s == sel:
            rrect(c, (int(8 * th.s), y, side_w - int(8 * th.s), y + rowh), fill=colors.mix(th.panel, th.accent, 0.25),
                  radius=th.radius)
            c.draw.rectangle([int(8 * th.s), y, int(11 * th.s), y + rowh], fill=th.accent)
        ln = c.text((int(20 * th.s), y + rowh / 2), s, th.font(1.0, bold=(s == sel)), th.text, role="menu item",
                    anchor="lm")
        if ln:
            nav_lines[s] = ln.id
        y += rowh + int(4 * th.s)
    if sel not in nav_lines:
        return None
    x0 = side_w + int(28 * th.s)
    y = top + int(22 * th.s)
    head = c.text((x0, y), sel, th.font(1.6, bold=True), th.text, role="heading")
    y += int(th.fs * 2.8)
    items = list(SETTINGS[sel])
    rng.shuffle(items)
    ctrl_x = w - int(30 * th.s)
    state_facts = []
    toggles_on, n_toggles = 0, 0
    for label, extra in items:
        item_h = int(th.fs * (3.4 if isinstance(extra, str) else 2.6))
        if y + item_h > h - 8:
            break
        lab = c.text((x0, y), label, th.font(1.0, bold=False), th.text, role="setting")
        if lab is None:
            break
        desc = None
        if isinstance(extra, str):
            desc = c.text((x0, y + int(th.fs * 1.4)), extra, th.font(0.85), th.muted, role="description")
        midy = y + (item_h - int(th.fs * 0.8)) / 2 - int(th.fs * 0.2)
        room = ctrl_x - lab.box[2] - int(24 * th.s)
        if isinstance(extra, list):
            val = rng.choice(extra)
            dw = min(int(140 * th.s), room)
            if dw < fonts.text_width(th.font(1.0), val) + int(40 * th.s):
                break
            box, vl = dropdown(c, th, ctrl_x - dw, int(midy - th.fs * 1.1 + th.fs * 0.4), dw, val)
            o = label_obj(c, "dropdown", box, label, lab, attrs={"value": val})
            if vl:
                state_facts.append(("dropdown", label, val, [lab.id, vl.id], o))
        elif rng.random() < 0.75:
            on = rng.random() < 0.5
            tw = int(th.fs * 1.3 * 1.8)
            box = toggle(c, th, ctrl_x - tw, int(midy - th.fs * 0.25), on)
            o = label_obj(c, "toggle", box, label, lab, attrs={"on": on})
            state_facts.append(("toggle", label, on, [lab.id], o))
            n_toggles += 1
            toggles_on += on
        else:
            on = rng.random() < 0.5
            sz = int(th.fs * 1.15)
            # checkbox without its own label text: the setting's label names it
            bx, by = ctrl_x - sz, int(midy - th.fs * 0.2)
            if on:
                rrect(c, (bx, by, bx + sz, by + sz), fill=th.accent, radius=max(0, th.radius // 2))
                c.draw.line([(bx + sz * 0.22, by + sz * 0.52), (bx + sz * 0.42, by + sz * 0.72),
                             (bx + sz * 0.78, by + sz * 0.3)], fill=colors.on_colour(th.accent), width=max(2, int(sz * 0.14)))
            else:
                rrect(c, (bx, by, bx + sz, by + sz), fill=th.panel, outline=th.muted, radius=max(0, th.radius // 2))
            o = label_obj(c, "checkbox", (bx, by, bx + sz, by + sz), label, lab, attrs={"checked": on})
            state_facts.append(("checkbox", label, on, [lab.id], o))
        c.draw.line([(x0, y + item_h - int(4 * th.s)), (w - int(20 * th.s), y + item_h - int(4 * th.s))],
                    fill=th.border)
        y += item_h + int(6 * th.s)
    if not state_facts:
        return None
    c.detect_names.update({o.name for o in c.objects if o.name in ("toggle", "dropdown", "checkbox")})
    theme_adj = "dark" if th.dark else "light"
    nl = [nav_lines[sel]]
    c.fact("subject", 1.0, phrase=f"{article(theme_adj)} settings page open on the {sel} section",
           short=f"{cap(theme_adj)} settings page showing {sel} options",
           phrase_alt=f"{article(theme_adj)} settings page with a sidebar of sections",
           short_alt=f"{cap(theme_adj)} settings page with a sidebar and options", lines=nl)
    c.fact("qa", 0.6, q=["Which settings section is selected?", "Which section is open?",
                         "What section of the settings is shown?"], a=sel, lines=nl, qtype="text")
    if head:
        c.fact("text", 0.3, role="heading", text=sel, lines=[head.id], caption=False)
    shown = [s for s in sections if s in nav_lines]
    c.fact("qa", 0.4, q=["What sections are in the sidebar?", "What are the settings categories?"],
           a=join(shown), lines=[nav_lines[s] for s in shown], qtype="text")
    for kind, label, val, lines, o in state_facts:
        if kind == "toggle":
            c.fact("qa", 0.5, q=[f'Is "{label}" turned on?', f'Is {label} enabled?', f'Is the {label} toggle on?'],
                   a="Yes" if val else "No", lines=lines, objs=[o.id], qtype="yesno")
            c.fact("detail", 0.45, text=f'"{label}" is switched {"on" if val else "off"}', lines=lines)
        elif kind == "checkbox":
            c.fact("qa", 0.5, q=[f'Is "{label}" checked?', f'Is {label} enabled?'], a="Yes" if val else "No",
                   lines=lines, objs=[o.id], qtype="yesno")
            c.fact("detail", 0.4, text=f'"{label}" is {"checked" if val else "unchecked"}', lines=lines)
        else:
            c.fact("qa", 0.55, q=[f"What is {label} set to?", f'What value is selected for "{label}"?'], a=val,
                   lines=lines, qtype="text")
            c.fact("detail", 0.5, text=f"{label} is set to {val}", lines=lines)
    if n_toggles >= 2:
        c.fact("qa", 0.4, q=["How many toggles are switched on?", "How many switches are on?"], a=str(toggles_on),
               objs=[o.id for k, *_, o in state_facts if k == "toggle"], qtype="count")
    c.fact("attr", 0.4, key="theme", value=theme_adj, subj="settings page")
    c.present.update({"settings", "toggle", "sidebar", "window"})
    return c.scene("ui", screen="settings", theme=th.name)


# ---- toast ------------------------------------------------------------------------------------------------------------
TOASTS = [("success", "Changes saved"), ("success", "Copied to clipboard"), ("success", "Build succeeded in {t}s"),
          ("success", "Deployed to production"), ("success", "{n} files uploaded"), ("error", "Upload failed: file too large"),
          ("error", "Could not save changes"), ("error", "Build failed with {n} errors"), ("error", "Network error. Retrying..."),
          ("warning", "Disk space is running low"), ("warning", "Your session expires in {n} minutes"),
          ("info", "{n} new messages"), ("info", "A new version is available"), ("info", "Sync in progress"),
          ("success", "Pull request #{pr} merged"), ("info", "{name} joined the project")]


def toast(rng, th):
    w, h = canvas_size(rng, (560, 1300), (1.2, 2.0))
    c = Canvas(w, h, th.bg)
    app, top, _ = _background_app(c, th, rng)
    if rng.random() < 0.6:   # composed: has to be read rather than recalled (see messages.py)
        kind, msg = M.toast_message(rng)
    else:
        kind, msg = rng.choice(TOASTS)
        msg = msg.format(t=rng.randint(2, 95), n=rng.randint(2, 30), pr=rng.randint(10, 4800), name=L.person(rng))
    action = rng.choice([None, None, "Undo", "View", "Dismiss", "Details"]) if kind != "error" else rng.choice([None, "Retry"])
    f = th.font(1.0)
    pad = int(14 * th.s)
    r = int(th.fs * 0.7)
    tw = fonts.text_width(f, msg) + 2 * pad + 2 * r + int(10 * th.s)
    aw = fonts.text_width(th.font(1.0, True), action) + int(24 * th.s) if action else 0
    tw += aw
    th_ = int(th.fs * 3.2)
    where = rng.choice(["bottom right", "top right", "bottom", "bottom left", "top"])
    m = int(20 * th.s)
    if tw > w - 2 * m:
        return None
    x = {"bottom right": w - tw - m, "top right": w - tw - m, "bottom left": m, "bottom": (w - tw) // 2,
         "top": (w - tw) // 2}[where]
    y = h - th_ - m if where.startswith("bottom") else top + m
    style_dark = th.dark or rng.random() < 0.4
    tb = (50, 50, 54) if style_dark and not th.dark else (th.panel2 if th.dark else (255, 255, 255))
    fg = (240, 240, 240) if style_dark else th.text
    rrect(c, (x + 2, y + 3, x + tw + 2, y + th_ + 3), fill=colors.mix(th.bg, (0, 0, 0), 0.3), radius=th.radius + 2)
    rrect(c, (x, y, x + tw, y + th_), fill=tb, outline=th.border, radius=th.radius + 2)
    icol = glyph_icon(c, th, x + pad + r, y + th_ / 2, r, kind)
    ml = c.text((x + pad + 2 * r + int(10 * th.s), y + th_ / 2), msg, f, fg, role="toast", anchor="lm")
    if ml is None:
        return None
    o = c.add("notification", (x, y, x + tw + 1, y + th_ + 1), phrase=f"{kind} notification",
              aliases=("toast",), attrs={"relatable": False})
    ab = None
    if action:
        ab = c.text((x + tw - pad - aw / 2 + int(6 * th.s), y + th_ / 2), action, th.font(1.0, True), th.accent,
                    role="button", anchor="mm")
    c.detect_names.add("notification")
    theme_adj = "dark" if th.dark else "light"
    from ..language import position_phrase
    pos_p = position_phrase(where if where not in ("bottom", "top") else where)
    if where in ("bottom", "top"):
        pos_p = f"at the {where} center"
    c.fact("subject", 1.0, phrase=f'{article(kind if kind != "info" else "info")} notification saying "{msg}" {pos_p} of {article(theme_adj)} app window',
           short=f'{cap(kind)} toast "{msg}" {pos_p} of {article(theme_adj)} app window',
           phrase_alt=f"{article(kind)} notification {pos_p} of {article(theme_adj)} app window",
           short_alt=f"{cap(kind)} notification {pos_p} of {article(theme_adj)} app window", lines=[ml.id])
    c.fact("text", 0.8, role="notification", text=msg, lines=[ml.id],
           q=["What does the notification say?", "What is the toast message?", "What message is shown?"])
    where_a = {"bottom": "Bottom center", "top": "Top center"}.get(where, cap(where))
    c.fact("qa", 0.5, q=["Where is the notification?", "Where does the toast appear?"], a=where_a, objs=[o.id],
           qtype="position")
    col = {"success": "green", "error": "red", "warning": "orange", "info": "blue"}[kind]
    c.fact("qa", 0.4, q=["What colour is the notification icon?", "What color is the icon in the toast?"],
           a=cap(col), objs=[o.id], qtype="colour")
    c.fact("qa", 0.5, q=["Is this a success or an error message?" if kind in ("success", "error") else
                         "What kind of notification is this?"], a=cap(kind) if kind in ("success", "error") else
           {"warning": "A warning", "info": "An informational message"}[kind], lines=[ml.id], qtype="attr",
           choice=kind in ("success", "error"))
    c.fact("detail", 0.45, text=f"The notification has {article(col)} {kind if kind != 'info' else 'information'} icon")
    if ab:
        c.fact("qa", 0.4, q=["What action does the notification offer?", "What button is in the toast?"],
               a=action, lines=[ab.id], qtype="text")
        c.fact("detail", 0.5, text=f'It offers a "{action}" action', lines=[ab.id], alt="It has an action link")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="app")
    c.fact("qa", 0.3, q=[f"What is the app name?", "What app is this?"], a=app, qtype="text",
           lines=[ln.id for ln in c.lines if ln.role == "window title"][:1] or [-1])
    c.present.update({"notification", "toast", "window", "icon", "app"})
    return c.scene("ui", screen="toast", theme=th.name)


# ---- menu -------------------------------------------------------------------------------------------------------------
MENUS = {
    "File": [("New File", "Ctrl+N"), ("Open...", "Ctrl+O"), ("Open Recent", None), None, ("Save", "Ctrl+S"),
             ("Save As...", "Ctrl+Shift+S"), ("Save All", None), None, ("Close Window", "Ctrl+W"), ("Exit", "Ctrl+Q")],
    "Edit": [("Undo", "Ctrl+Z"), ("Redo", "Ctrl+Y"), None, ("Cut", "Ctrl+X"), ("Copy", "Ctrl+C"), ("Paste", "Ctrl+V"),
             None, ("Find", "Ctrl+F"), ("Replace", "Ctrl+H")],
    "View": [("Command Palette", "Ctrl+Shift+P"), ("Explorer", "Ctrl+Shift+E"), ("Search", "Ctrl+Shift+F"), None,
             ("Zoom In", "Ctrl+="), ("Zoom Out", "Ctrl+-"), ("Toggle Full Screen", "F11")],
    "Run": [("Start Debugging", "F5"), ("Run Without Debugging", "Ctrl+F5"), ("Stop Debugging", "Shift+F5"),
            None, ("Toggle Breakpoint", "F9"), ("Step Over", "F10"), ("Step Into", "F11")],
    "Help": [("Welcome", None), ("Documentation", None), ("Keyboard Shortcuts", "Ctrl+K Ctrl+S"), None,
             ("Report Issue", None), ("Check for Updates...", None), ("About", None)],
}
CONTEXT = [("Open", None), ("Open to the Side", "Ctrl+Enter"), None, ("Cut", "Ctrl+X"), ("Copy", "Ctrl+C"),
           ("Copy Path", "Shift+Alt+C"), None, ("Rename", "F2"), ("Delete", "Delete")]


def menu(rng, th):
    w, h = canvas_size(rng, (440, 900), (1.0, 1.6))
    c = Canvas(w, h, th.bg)
    top = window_chrome(c, th, L.app_name(rng))
    mb_h = int(th.fs * 2.1)
    c.draw.rectangle([0, top + 1, w, top + mb_h], fill=th.panel)
    names = ["File", "Edit", "Selection", "View", "Go", "Run", "Terminal", "Help"]
    context = rng.random() < 0.3
    open_name = rng.choice(list(MENUS))
    x = int(10 * th.s)
    mf = th.font(0.95)
    ox = None
    bar_lines = []
    for n in names:
        tw = fonts.text_width(mf, n)
        if x + tw + 20 > w:
            break
        if n == open_name and not context:
            rrect(c, (x - 6 * th.s, top + 3, x + tw + 6 * th.s, top + mb_h - 3), fill=th.panel2, radius=th.radius)
            ox = x - int(6 * th.s)
        ln = c.text((x, top + mb_h / 2), n, mf, th.text, role="menu bar", anchor="lm")
        bar_lines.append(ln)
        x += tw + int(18 * th.s)
    if ox is None and not context:
        return None
    # content: a file list so a context menu has something to belong to
    y = top + mb_h + int(16 * th.s)
    files = rng.sample(["README.md", "package.json", "src", "tests", "index.ts", "server.py", "Dockerfile",
                        ".gitignore", "tsconfig.json", "Cargo.toml", "main.go", "LICENSE"], 6)
    sel_file = rng.randrange(len(files))
    flines = []
    for i, fn in enumerate(files):
        if y + th.fs * 2 > h:
            break
        if context and i == sel_file:
            c.draw.rectangle([int(8 * th.s), y - 3 * th.s, int(w * 0.35), y + th.fs * 1.5], fill=th.panel2)
        ln = c.text((int(20 * th.s), y), fn, th.font(0.95), th.muted if not (context and i == sel_file) else th.text,
                    role="file")
        flines.append((fn, ln))
        y += int(th.fs * 1.9)
    items = CONTEXT if context else MENUS[open_name]
    itf = th.font(0.95)
    sf = th.font(0.85)
    iw = max(fonts.text_width(itf, it[0]) + (fonts.text_width(sf, it[1]) if it and it[1] else 0) for it in items if it) + \
        int(70 * th.s)
    ih = int(th.fs * 2.0)
    mh = sum(ih if it else int(9 * th.s) for it in items) + int(10 * th.s)
    if context:
        if sel_file >= len(flines) or flines[sel_file][1] is None:
            return None
        mx = int(w * rng.uniform(0.2, 0.35))
        my = flines[sel_file][1].box[3] + int(4 * th.s)
    else:
        mx, my = ox, top + mb_h
    if mx + iw > w - 4 or my + mh > h - 4:
        return None
    rrect(c, (mx + 3, my + 4, mx + iw + 3, my + mh + 4), fill=colors.mix(th.bg, (0, 0, 0), 0.35), radius=th.radius)
    rrect(c, (mx, my, mx + iw, my + mh), fill=th.panel, outline=th.border, radius=th.radius)
    c.add("menu", (mx, my, mx + iw + 1, my + mh + 1), phrase="context menu" if context else f"{open_name} menu",
          attrs={"relatable": False}, countable=False)
    real = [it for it in items if it]
    hover = rng.choice(real)
    disabled = rng.choice([it for it in real if it is not hover]) if rng.random() < 0.3 else None
    yy = my + int(5 * th.s)
    item_lines = {}
    for it in items:
        if it is None:
            c.draw.line([(mx + 8 * th.s, yy + 4 * th.s), (mx + iw - 8 * th.s, yy + 4 * th.s)], fill=th.border)
            yy += int(9 * th.s)
            continue
        label, sc = it
        if it is hover:
            rrect(c, (mx + 4 * th.s, yy, mx + iw - 4 * th.s, yy + ih), fill=th.accent, radius=th.radius)
        col = colors.on_colour(th.accent) if it is hover else (th.muted if it is disabled else th.text)
        ln = c.text((mx + int(24 * th.s), yy + ih / 2), label, itf, col, role="menu item", anchor="lm")
        sl = None
        if sc:
            sl = c.text((mx + iw - int(14 * th.s), yy + ih / 2), sc, sf, col if it is hover else th.muted,
                        role="shortcut", anchor="rm")
        if ln:
            item_lines[label] = (ln, sl)
            label_obj(c, "menu item", (mx + 4 * th.s, yy, mx + iw - 4 * th.s, yy + ih), label, ln,
                      attrs={"shortcut": sc, "relatable": False}, countable=False)
        yy += ih
    c.detect_names.update({"menu"})
    theme_adj = "dark" if th.dark else "light"
    labels = [it[0] for it in real]
    il = [item_lines[l][0].id for l in labels if l in item_lines]
    what = "context menu" if context else f"{open_name} menu"
    hov = hover[0]
    hl = [item_lines[hov][0].id] if hov in item_lines else [-1]
    if context:
        fn, fl = flines[sel_file]
        c.fact("subject", 1.0, phrase=f"{article(theme_adj)} editor window with a context menu open on {fn}",
               short=f"{cap(theme_adj)} app with a right-click menu open on {fn}",
               phrase_alt=f"{article(theme_adj)} app window with a context menu open",
               short_alt=f"{cap(theme_adj)} app window with a context menu open", lines=[fl.id])
        c.fact("qa", 0.5, q=["Which file was right-clicked?", "Which file is the menu for?"], a=fn, lines=[fl.id],
               qtype="text")
    else:
        c.fact("subject", 1.0, phrase=f"{article(theme_adj)} app window with the {open_name} menu open",
               short=f"{cap(theme_adj)} app window with the {open_name} menu open",
               phrase_alt=f"{article(theme_adj)} app window with a drop-down menu open",
               short_alt=f"{cap(theme_adj)} app window with a drop-down menu open",
               lines=[ln.id for ln in bar_lines if ln and ln.text == open_name])
        c.fact("qa", 0.6, q=["Which menu is open?", "What menu is expanded?"], a=open_name,
               lines=[ln.id for ln in bar_lines if ln and ln.text == open_name] or [-1], qtype="text")
    c.fact("qa", 0.6, q=["Which menu item is highlighted?", "Which item is selected in the menu?",
                         "What menu item is the cursor on?"], a=hov, lines=hl, qtype="text")
    c.fact("detail", 0.7, text=f'The item "{hov}" is highlighted', lines=hl, alt="One menu item is highlighted")
    if len(il) == len(labels):
        c.fact("qa", 0.5, q=["What items are in the menu?", "List the menu items.", "What options does the menu have?"],
               a=join(labels), lines=il, qtype="text")
        c.fact("qa", 0.45, q=["How many items are in the menu?", "How many options does the menu have?"],
               a=str(len(labels)), lines=il, qtype="count")
        c.fact("detail", 0.55, text=f"The {what} lists {join(labels)}", lines=il,
               alt=f"The menu lists {number(len(labels))} items")
        if rng.random() < 0.5:
            c.fact("qa", 0.4, q=["What is the first item in the menu?", "What is the top menu item?"], a=labels[0],
                   lines=il[:1], qtype="text")
    for label, sc in real:
        if sc and label in item_lines and item_lines[label][1] is not None:
            c.fact("qa", 0.35, q=[f'What is the keyboard shortcut for "{label}"?', f"What shortcut does {label} use?"],
                   a=sc, lines=[item_lines[label][0].id, item_lines[label][1].id], qtype="text")
    if disabled and disabled[0] in item_lines:
        c.fact("qa", 0.3, q=["Which menu item is disabled?", "Which item is greyed out?"], a=disabled[0],
               lines=[item_lines[disabled[0]][0].id], qtype="text")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="app")
    absent = [{"name": "menu item", "label": l} for l in
              rng.sample(["Print", "Export as PDF", "Share", "Properties", "Duplicate", "Format Document"], 2)]
    c.present.update({"menu", "window", "file"})
    return c.scene("ui", screen="menu", theme=th.name, absent_labels=absent)


# ---- table ------------------------------------------------------------------------------------------------------------
def _table_data(rng):
    kind = rng.choice(["builds", "users", "servers", "orders"])
    n = rng.randint(3, 8)
    if kind == "builds":
        cols = ["Pipeline", "Branch", "Status", "Duration"]
        rows = []
        names = rng.sample(["build", "test", "lint", "deploy", "e2e", "docs", "release", "security-scan", "bench",
                            "package"], n)
        for nm in names:
            rows.append([nm, rng.choice(L.BRANCHES[:6]), rng.choice(["Passed", "Passed", "Failed", "Running", "Canceled"]),
                         f"{rng.randint(0, 14)}m {rng.randint(0, 59):02d}s"])
        return "CI runs", "pipeline runs", cols, rows, 2
    if kind == "users":
        cols = ["Name", "Email", "Role", "Status"]
        rows = []
        for _ in range(n):
            p = L.person(rng)
            rows.append([p, L.email(rng, p), rng.choice(["Admin", "Editor", "Viewer", "Owner"]),
                         rng.choice(["Active", "Active", "Invited", "Suspended"])])
        return "Team members", "team members", cols, rows, 3
    if kind == "servers":
        cols = ["Host", "Region", "CPU", "Status"]
        rows = [[f"{rng.choice(['web', 'api', 'db', 'cache', 'worker'])}-{rng.randint(1, 40):02d}",
                 rng.choice(["us-east-1", "eu-west-1", "ap-south-1", "us-west-2"]), f"{rng.randint(2, 99)}%",
                 rng.choice(["Healthy", "Healthy", "Degraded", "Down"])] for _ in range(n)]
        names = set()
        rows = [r for r in rows if not (r[0] in names or names.add(r[0]))]
        return "Servers", "servers", cols, rows, 3
    cols = ["Order", "Customer", "Total", "Status"]
    rows = [[f"#{rng.randint(1000, 9999)}", L.person(rng), f"${rng.randint(5, 900)}.{rng.randint(0, 99):02d}",
             rng.choice(["Paid", "Pending", "Refunded", "Shipped"])] for _ in range(n)]
    return "Recent orders", "orders", cols, rows, 3


STATUS_COLOURS = {"Passed": "green", "Failed": "red", "Running": "blue", "Canceled": "gray", "Active": "green",
                  "Invited": "blue", "Suspended": "red", "Healthy": "green", "Degraded": "orange", "Down": "red",
                  "Paid": "green", "Pending": "orange", "Refunded": "gray", "Shipped": "blue"}


def table(rng, th):
    title, noun, cols, rows, status_col = _table_data(rng)
    tf = th.font(0.95)
    hf = th.font(0.95, bold=True)
    pad = int(14 * th.s)
    colw = [max(fonts.text_width(hf, cols[j]), max(fonts.text_width(tf, r[j]) for r in rows)) + 2 * pad + int(16 * th.s)
            for j in range(len(cols))]
    tw = sum(colw)
    rh = int(th.fs * 2.4)
    w = max(tw + int(60 * th.s), int(rng.uniform(1.0, 1.3) * (tw + 60 * th.s)))
    h = int(th.fs * 4) + rh * (len(rows) + 1) + int(th.fs * 5) + int(rng.uniform(10, 80) * th.s)
    c = Canvas(w, h, th.bg)
    x0 = (w - tw) // 2
    y = int(th.fs * 1.2)
    tl = c.text((x0, y), title, th.font(1.4, bold=True), th.text, role="title")
    y += int(th.fs * 2.6)
    rrect(c, (x0, y, x0 + tw, y + rh * (len(rows) + 1)), fill=th.panel, outline=th.border, radius=th.radius)
    c.draw.rectangle([x0 + 1, y + 1, x0 + tw - 1, y + rh], fill=th.panel2)
    hl = []
    x = x0
    for j, col in enumerate(cols):
        hl.append(c.text((x + pad, y + rh / 2), col, hf, th.text, role="column header", anchor="lm"))
        x += colw[j]
    cell = {}
    striped = rng.random() < 0.4
    pill_objs = []
    for i, r in enumerate(rows):
        yy = y + rh * (i + 1)
        if striped and i % 2 == 1:
            c.draw.rectangle([x0 + 1, yy, x0 + tw - 1, yy + rh], fill=colors.mix(th.panel, th.panel2, 0.5))
        c.draw.line([(x0, yy), (x0 + tw, yy)], fill=th.border)
        x = x0
        for j, v in enumerate(r):
            if j == status_col and v in STATUS_COLOURS:
                cname = STATUS_COLOURS[v]
                col = colors.rgb(rng, cname, 0)
                pw = fonts.text_width(th.font(0.85, True), v) + int(16 * th.s)
                ph = int(th.fs * 1.5)
                bx, by = x + pad - int(4 * th.s), yy + (rh - ph) / 2
                rrect(c, (bx, by, bx + pw, by + ph), fill=colors.mix(col, th.panel, 0.82 if not th.dark else 0.6),
                      radius=ph // 2)
                ln = c.text((bx + pw / 2, by + ph / 2), v, th.font(0.85, True),
                            colors.mix(col, (0, 0, 0), 0.25) if not th.dark else colors.mix(col, (255, 255, 255), 0.45),
                            role="status", anchor="mm")
                po = c.add("status badge", (bx, by, bx + pw + 1, by + ph + 1), phrase=f"{v} badge", color=cname,
                           countable=False, attrs={"relatable": False, "label": v, "label_style": "prefix"})
                pill_objs.append(po)
            else:
                ln = c.text((x + pad, yy + rh / 2), fonts.fit(tf, v, colw[j] - pad), tf, th.text if j == 0 else th.muted,
                            role="cell", anchor="lm")
            cell[(i, j)] = ln
            x += colw[j]
    yb = y + rh * (len(rows) + 1) + int(th.fs * 1.0)
    total = len(rows) + rng.choice([0, 0, rng.randint(5, 60)])
    pag = c.text((x0, yb), f"Showing 1-{len(rows)} of {total}", th.font(0.85), th.muted, role="footer")
    c.add("table", (x0, y, x0 + tw + 1, y + rh * (len(rows) + 1) + 1), phrase="table of " + noun, countable=False,
          attrs={"relatable": False})
    c.detect_names.update({"table"})
    theme_adj = "dark" if th.dark else "light"
    tll = [tl.id] if tl else []
    c.fact("subject", 1.0, phrase=f'{article(theme_adj)} table titled "{title}" listing {number(len(rows))} {noun}',
           short=f'{cap(theme_adj)} "{title}" table listing {len(rows)} {noun}',
           phrase_alt=f"{article(theme_adj)} data table with {number(len(rows))} rows",
           short_alt=f"{cap(theme_adj)} data table with {len(rows)} rows and {len(cols)} columns", lines=tll)
    if tl:
        c.fact("text", 0.5, role="title", text=title, of="table", lines=tll)
    hdr = [ln.id for ln in hl if ln]
    if len(hdr) == len(cols):
        c.fact("qa", 0.6, q=["What are the column headers?", "What columns does the table have?",
                             "What are the column names?"], a=join(cols), lines=hdr, qtype="text")
        c.fact("detail", 0.6, text=f"The columns are {join(cols)}", lines=hdr, alt=f"It has {number(len(cols))} columns")
    c.fact("qa", 0.5, q=["How many rows does the table have?", "How many rows are in the table?",
                         "How many entries are listed?"], a=str(len(rows)), qtype="count")
    keycol = 0
    for i in rng.sample(range(len(rows)), min(3, len(rows))):
        k, v = rows[i][keycol], rows[i][status_col]
        kl, vl = cell.get((i, keycol)), cell.get((i, status_col))
        if kl is None or vl is None or sum(1 for r in rows if r[keycol] == k) > 1:
            continue
        cn = cols[status_col].lower()
        c.fact("qa", 0.5, q=[f"What is the {cn} of {k}?", f"What {cn} does {k} have?",
                             f"What does the {cols[status_col]} column say for {k}?"], a=v, lines=[kl.id, vl.id],
               qtype="text")
        if status_col != 1:
            c2 = 1
            v2 = rows[i][c2]
            l2 = cell.get((i, c2))
            if l2 is not None:
                c.fact("qa", 0.4, q=[f"What is the {cols[c2].lower()} for {k}?", f"Which {cols[c2].lower()} is {k}?"
                                     if cols[c2] == "Branch" else f"What is the {cols[c2].lower()} of {k}?"], a=v2,
                       lines=[kl.id, l2.id], qtype="text")
    statuses = [r[status_col] for r in rows]
    for sv in sorted(set(statuses)):
        n = statuses.count(sv)
        sl = [cell[(i, status_col)].id for i in range(len(rows)) if cell.get((i, status_col)) is not None]
        if len(sl) == len(rows):
            c.fact("qa", 0.45, q=[f'How many rows have the status "{sv}"?', f"How many are {sv.lower()}?"], a=str(n),
                   lines=sl, qtype="count")
    bad = [r[keycol] for r in rows if r[status_col] in ("Failed", "Down", "Suspended")]
    if len(bad) == 1:
        i = [r[keycol] for r in rows].index(bad[0])
        if cell.get((i, keycol)) is not None:
            sv = rows[i][status_col]
            c.fact("qa", 0.6, q=[f"Which one is {sv.lower()}?", f"Which row shows {sv}?"], a=bad[0],
                   lines=[cell[(i, keycol)].id, cell[(i, status_col)].id], qtype="text")
            c.fact("detail", 0.65, text=f"{bad[0]} is marked {sv} in red", lines=[cell[(i, keycol)].id],
                   alt=f"One row has a red {sv} badge")
    if pag:
        c.fact("qa", 0.3, q=["How many entries are there in total?", "How many results are there in total?"],
               a=str(total), lines=[pag.id], qtype="count")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="table")
    c.present.update({"table", "row", "column"})
    return c.scene("ui", screen="table", theme=th.name)


# ---- banner -----------------------------------------------------------------------------------------------------------
# (light background, border, text) of inline alert banners, by kind
BANNER_COLOURS = {"error": ((254, 226, 226), (220, 38, 38), (153, 27, 27), "red"),
                  "warning": ((254, 243, 199), (217, 119, 6), (146, 64, 14), "yellow"),
                  "info": ((219, 234, 254), (37, 99, 235), (30, 64, 175), "blue"),
                  "success": ((220, 252, 231), (22, 163, 74), (22, 101, 52), "green")}
PAGE_TITLES = ["Dashboard", "Billing", "Settings", "Projects", "Deployments", "Account", "Reports", "Overview",
               "Team", "Integrations", "Invoices", "Builds"]


def banner(rng, th):
    """An inline alert banner across the top of a page's content (error, warning, info or success)."""
    w, h = canvas_size(rng, (560, 1300), (1.1, 2.0))
    c = Canvas(w, h, th.bg)
    page = rng.choice(PAGE_TITLES)
    if rng.random() < 0.5:
        # a web page: a header bar with the page title, content below
        hh = int(th.fs * 3.2)
        head = (17, 24, 39) if rng.random() < 0.6 else th.accent
        c.draw.rectangle([0, 0, w, hh], fill=head)
        c.text((int(24 * th.s), hh / 2), page, th.font(1.25), (255, 255, 255), role="title", anchor="lm")
        x0, top = int(24 * th.s), hh
    else:
        _, top, side_w = _background_app(c, th, rng)
        # the content column starts right of the sidebar; the grey content bars under it are painted over
        x0 = side_w + int(24 * th.s)
        c.draw.rectangle([x0 - int(8 * th.s), top + 1, w, h], fill=th.bg)
        c.text((x0, top + int(16 * th.s)), page, th.font(1.4, True), th.text, role="title")
        top += int(th.fs * 3.2)
    kind = rng.choice(["error", "error", "warning", "info", "success"])
    msg = M.banner_message(rng, kind)
    light_bg, edge, ink, col = BANNER_COLOURS[kind]
    bg = colors.mix(th.bg, edge, 0.22) if th.dark else light_bg
    fg = colors.mix(edge, (255, 255, 255), 0.45) if th.dark else ink
    pad = int(16 * th.s)
    f = th.font(1.05)
    icon = rng.random() < 0.5
    r = int(th.fs * 0.6)
    bx0, by0 = x0, top + int(rng.uniform(14, 30) * th.s)
    bx1 = w - int(24 * th.s)
    text_x = bx0 + pad + (2 * r + int(10 * th.s) if icon else 0)
    if fonts.text_width(f, msg) > bx1 - text_x - pad:
        return None
    by1 = by0 + int(th.fs * 3.0)
    rrect(c, (bx0, by0, bx1, by1), fill=bg, outline=edge if rng.random() < 0.7 else None, radius=th.radius + 1)
    if rng.random() < 0.3:   # a bar on the left edge, as many design systems draw it
        c.draw.rectangle([bx0, by0, bx0 + max(3, int(4 * th.s)), by1], fill=edge)
    if icon:
        glyph_icon(c, th, bx0 + pad + r, (by0 + by1) / 2, r, kind)
    ml = c.text((text_x, (by0 + by1) / 2), msg, f, fg, role="alert", anchor="lm")
    if ml is None:
        return None
    o = c.add("alert", (bx0, by0, bx1 + 1, by1 + 1), phrase=f"{kind} banner", aliases=("banner",),
              attrs={"relatable": False})
    c.detect_names.add("alert")
    # the page's own text below
    y = by1 + int(18 * th.s)
    follow = [f"Last updated {rng.randint(2, 59)} minutes ago", f"{rng.randint(2, 40)} {plural(rng.choice(M.THINGS))}",
              f"Signed in as {L.email(rng)}", f"Plan: {rng.choice(L.PRODUCTS)}"]
    for t in rng.sample(follow, rng.randint(1, 2)):
        if y > h - 2 * th.fs:
            break
        c.text((x0, y), t, th.font(0.95), th.muted, role="text")
        y += int(th.fs * 1.8)
    theme_adj = "dark" if th.dark else "light"
    c.fact("subject", 1.0, phrase=f'{article(kind)} banner saying "{msg}" at the top of {article(theme_adj)} {page} page',
           short=f'{cap(kind)} banner "{msg}" on {article(theme_adj)} {page} page',
           phrase_alt=f"{article(kind)} banner at the top of {article(theme_adj)} web page",
           short_alt=f"{cap(kind)} banner on {article(theme_adj)} web page", lines=[ml.id])
    qs = {"error": ["What does the error say?", "What is the error message?"],
          "warning": ["What does the warning say?", "What is the warning?"],
          "info": ["What does the notice say?", "What does the info banner say?"],
          "success": ["What does the success message say?", "What does the confirmation say?"]}[kind]
    c.fact("text", 0.9, role="banner", text=msg, lines=[ml.id],
           q=qs + ["What does the banner say?", "What is the alert message?", "What message is shown at the top?"])
    c.fact("qa", 0.5, q=["Is there an error?", "Is an error shown?", "Does the page show an error?"],
           a="Yes" if kind == "error" else "No", lines=[ml.id], qtype="yesno")
    c.fact("qa", 0.4, q=["What colour is the banner?", "What color is the alert?"], a=cap(col), objs=[o.id],
           qtype="colour")
    c.fact("qa", 0.3, q=["What page is this?", "What is the page title?"], a=page, qtype="text",
           lines=[ln.id for ln in c.lines if ln.role == "title"][:1] or [-1])
    c.fact("detail", 0.45, text=f"The banner is {col}", alt="A coloured banner spans the page")
    c.fact("attr", 0.3, key="theme", value=theme_adj, subj="page")
    c.present.update({"alert", "banner", "page", "message"} | ({"icon"} if icon else set()))
    return c.scene("ui", screen="banner", theme=th.name)


SCREENS = {"banner": banner, "dialog": dialog, "form": form, "settings": settings, "toast": toast, "menu": menu, "table": table}


def generate(rng, hint=None):
    for _ in range(20):
        screen = hint or rng.choice(list(SCREENS))
        th = make_theme(rng)
        sc = SCREENS[screen](rng, th)
        if sc is not None:
            return sc
    raise RuntimeError("ui scene generation kept failing")
