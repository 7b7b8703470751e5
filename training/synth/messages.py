"""Composed UI messages: toast and dialog text built from parts, with made-up names and numbers in the slots.

A short fixed list of messages teaches a model to recall them ("Your draft will be permanently deleted.") rather
than to read them: on a real screenshot it then writes the nearest remembered message. Composed messages are
rarely the same twice, so the only way to quote one is to copy it from the OCR lines.
"""
from . import lexicon as L
from .language import cap, plural

# things apps act on (nouns with regular plurals)
THINGS = ["file", "folder", "project", "branch", "report", "invoice", "draft", "workspace", "backup", "image", "page",
          "document", "dataset", "template", "playlist", "snippet", "channel", "dashboard", "record", "note",
          "task", "ticket", "release", "build", "container", "volume", "cluster", "model", "script", "album",
          "contact", "account", "key", "token", "webhook", "schedule", "extension", "theme", "profile", "board"]

# (base, past participle, -ing form)
VERBS = [("save", "saved", "saving"), ("archive", "archived", "archiving"), ("publish", "published", "publishing"),
         ("sync", "synced", "syncing"), ("restore", "restored", "restoring"), ("import", "imported", "importing"),
         ("export", "exported", "exporting"), ("rename", "renamed", "renaming"), ("share", "shared", "sharing"),
         ("move", "moved", "moving"), ("upload", "uploaded", "uploading"), ("download", "downloaded", "downloading"),
         ("delete", "deleted", "deleting"), ("install", "installed", "installing"), ("update", "updated", "updating"),
         ("deploy", "deployed", "deploying"), ("copy", "copied", "copying"), ("open", "opened", "opening"),
         ("create", "created", "creating"), ("duplicate", "duplicated", "duplicating"), ("load", "loaded", "loading"),
         ("verify", "verified", "verifying"), ("schedule", "scheduled", "scheduling"), ("connect", "connected", "connecting"),
         ("reset", "reset", "resetting"), ("pause", "paused", "pausing"), ("resume", "resumed", "resuming"),
         ("compress", "compressed", "compressing"), ("attach", "attached", "attaching"), ("revert", "reverted", "reverting")]

PLACES = ["Downloads", "Desktop", "Documents", "the cloud", "Archive", "Shared", "Trash", "Backups", "Drafts"]

# verbs that take a destination ("moved to Archive")
TO_PLACE = [("move", "moved", "moving"), ("copy", "copied", "copying"), ("export", "exported", "exporting"),
            ("upload", "uploaded", "uploading"), ("archive", "archived", "archiving"), ("save", "saved", "saving")]

REASONS = ["permission denied", "file too large", "timed out after {s}s", "quota exceeded", "name already taken",
           "invalid format", "not connected", "server returned {code}", "disk is full", "checksum mismatch",
           "unsupported file type", "access expired", "too many requests", "path not found"]


def _name(rng):
    """What the message is about: a made-up name, a file name, or a name with a number."""
    r = rng.random()
    if r < 0.4:
        return L.made_up_name(rng, rng.choice("-_")) if rng.random() < 0.5 else L.made_up_word(rng).capitalize()
    if r < 0.7:
        return L.file_name(rng, rng.choice(["csv", "pdf", "zip", "png", "json", "md", "txt", "xlsx", "log"]))
    return f"{L.made_up_word(rng, 2).capitalize()} {rng.randint(2, 99)}"


def _reason(rng):
    return rng.choice(REASONS).format(s=rng.choice([5, 10, 30, 60, 90, 120]), code=rng.choice([400, 403, 404, 409, 413, 500, 502, 503]))


def toast_message(rng, kind=None):
    """(kind, message) for a notification; short enough for a toast (about 45 characters at most)."""
    thing = rng.choice(THINGS)
    base, done, doing = rng.choice(VERBS)
    name = _name(rng)
    n = rng.randint(2, 250)
    kind = kind or rng.choice(["success", "success", "error", "error", "warning", "info"])
    if kind == "success":
        options = [f"{cap(thing)} {name} {done}", f"{n} {plural(thing)} {done}", f'"{name}" was {done}',
                   f"{cap(rng.choice(TO_PLACE)[1])} {name} to {rng.choice(PLACES)}", f"{cap(thing)} {done} in {rng.randint(1, 59)}s"]
    elif kind == "error":
        options = [f"Could not {base} {name}", f"Failed to {base} {thing}: {_reason(rng)}", f"{name}: {_reason(rng)}",
                   f"{cap(thing)} {name} not found", f"Cannot {base} {n} {plural(thing)}"]
    elif kind == "warning":
        options = [f"{name} expires in {rng.randint(2, 30)} days", f"{n} {plural(thing)} need attention",
                   f"{cap(thing)} {name} is almost full", f"{cap(thing)} is {rng.randint(80, 99)}% full"]
    else:
        options = [f"{n} new {plural(thing)}", f"{L.person(rng)} {rng.choice(['shared', 'updated', 'commented on', 'renamed'])} {name}", f"{cap(doing)} {name}...",
                   f"{cap(thing)} {name} is ready"]
    return kind, rng.choice(options)


def dialog_message(rng):
    """(type, icon, title, message, buttons, primary kind) for a modal dialog with composed text."""
    thing, other = rng.sample(THINGS, 2)
    base, done, doing = rng.choice(VERBS)
    move_base, moved, _ = rng.choice(TO_PLACE)
    name = _name(rng)
    n = rng.randint(2, 90)
    options = [
        ("confirmation", "warning", f"Delete {thing} {name}?",
         f"{cap(thing)} {name} and its {n} {plural(other)} will be removed.", ["Cancel", "Delete"], "danger"),
        ("confirmation", "warning", f"{cap(move_base)} {n} {plural(thing)}?",
         f"The {plural(thing)} will be {moved} to {rng.choice(PLACES)}.", ["Cancel", cap(move_base)], "primary"),
        ("error", "error", f"Could not {base} {name}", f"{cap(_reason(rng))}. Try again later.", ["Close", "Retry"],
         "primary"),
        ("error", "error", f"{cap(thing)} not found", f"{cap(name)} was moved or deleted.", ["OK"], "primary"),
        ("success", "success", f"{cap(thing)} {done}", f"{cap(name)} was {done} successfully.", ["Done"], "primary"),
        ("update", "info", f"{cap(doing)} {name}", f"{n} of {n + rng.randint(1, 400)} {plural(thing)} {done}.",
         ["Cancel", "Hide"], "primary"),
    ]
    return rng.choice(options)


BANNER_FOLLOW_UPS = {"error": ["Please try again.", "Try again later.", "Contact support if this continues.",
                               "Check your connection."],
                     "warning": ["Review it before continuing.", "Some features may not work.", "Act soon."],
                     "info": ["No action is needed.", "Learn more in the docs.", "It may take a few minutes."],
                     "success": ["You can close this page.", "All done.", "Changes take effect now."]}


def banner_message(rng, kind):
    """A page banner's text: an optional "Error:"-style prefix, a composed message, sometimes a follow-up."""
    _, msg = toast_message(rng, kind)
    msg = msg.rstrip(".") + "."
    if rng.random() < 0.4:
        msg += " " + rng.choice(BANNER_FOLLOW_UPS[kind])
    if rng.random() < 0.5:
        msg = {"error": "Error", "warning": "Warning", "info": rng.choice(["Note", "Info"]), "success": "Success"}[kind] + ": " + msg
    return msg
