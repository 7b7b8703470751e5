"""Question and sentence templates for 'attr' facts (key -> how to ask about it and how to say it).

An attr fact is {key, value, subj?, lines?}. Scene-specific attributes may instead carry their own
'q' (list of questions), 'a' (answer) and 'sentence' fields.
"""

ATTR = {
    "background": {
        "q": ["What colour is the background?", "What is the background colour?", "What color is the background?"],
        "terse": ["background colour?", "bg color?"],
        "a": "{V}",
        "s": ["The background is {v}.", "It sits on a {v} background."],
    },
    "theme": {
        "q": ["Is this a light or dark theme?", "Does it use a dark theme or a light theme?",
              "Is the {subj} in dark mode or light mode?"],
        "terse": ["light or dark theme?", "light or dark?"],
        "a": "{V}", "choice": True,
        "s": ["The {subj} uses a {v} theme.", "It is shown in a {v} theme."],
    },
    "language": {
        "q": ["What programming language is this?", "Which language is the code written in?",
              "What language is this code in?"],
        "terse": ["language?", "which language"],
        "a": "{v}",
        "s": ["The code is written in {v}.", "It shows {v} code."],
    },
    "file_name": {
        "q": ["What file is open?", "What is the name of the open file?", "Which file is being edited?"],
        "terse": ["file name?", "which file"],
        "a": "{v}",
        "s": ["The open file is {v}.", "The editor tab shows {v}."],
    },
    "command": {
        "q": ["What command was run?", "Which command was executed in the terminal?", "What command is shown?"],
        "terse": ["command?", "what was run"],
        "a": "{v}",
        "s": ["The command {v} was run.", "It ran {v}."],
    },
    "last_command": {
        "q": ["What was the last command run?", "What is the most recent command in the terminal?"],
        "terse": ["last command?"],
        "a": "{v}",
        "s": ["The last command is {v}."],
    },
    "error": {
        "q": ["What is the error message?", "What error is shown?", "What does the error say?"],
        "terse": ["error?", "error message"],
        "a": "{v}",
        "s": ["The error reads \"{v}\".", "It shows the error \"{v}\"."],
    },
    "branch": {
        "q": ["What git branch is checked out?", "Which branch is shown in the status bar?", "What branch is this?"],
        "terse": ["branch?", "git branch"],
        "a": "{v}",
        "s": ["The status bar shows the branch {v}."],
    },
    "title": {
        "q": ["What is the title?", "What is the title of the {subj}?", "What does the title say?"],
        "terse": ["title?", "{subj} title"],
        "a": "{v}",
        "s": ["The {subj} is titled \"{v}\".", "Its title is \"{v}\"."],
    },
    "chart_type": {
        "q": ["What kind of chart is this?", "What type of chart is shown?"],
        "terse": ["chart type?"],
        "a": "{V}",
        "s": [],
    },
    "success": {
        "q": ["Did the command succeed?", "Was the command successful?", "Did it work?"],
        "terse": ["success?"],
        "a": "{V}",
        "s": [],
    },
}


def fill(t: str, **kw) -> str:
    v = kw.get("v", "")
    kw.setdefault("V", v[:1].upper() + v[1:] if isinstance(v, str) else v)
    return t.format(**kw)
