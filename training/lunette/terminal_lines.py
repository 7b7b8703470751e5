"""A terminal's command and git log read from its OCR lines (pack manifest `generation.terminal: "ocr_lines"`).

The PyTorch reference of `src/engine/terminalLines.ts`, step for step; `test/fixtures/terminal.json` holds cases
both sides must pass. Asked "What command was run?", the model cut the command short ("git log" for "git log
--oneline") or ran it into the output ("npm test_ASS"); asked how many commits a `git log --oneline` shows, it said
2 of 3; asked the latest commit message, it wrote "9f8d6 Add6 Ad". Yet each is a line of the OCR block: a command
follows a shell's prompt ("$ ", "% ", "❯ ", "➜ ", after a user@host:path, or "PS C:\\path> "), and each
commit of a log starts with its abbreviated hash (7 to 40 hex digits, at least one a digit, after a graph's "* " or "commit ").

So when a question asks which command was run (`asked_terminal` "command"), the answer is the text after the prompt
of the first line that has one with a command (oh-my-zsh's arrow is followed by a folder and a git branch first;
asked the last, latest or most recent command, of the last such line); when it asks how many commits (`asked_terminal` "commits"), the
number of commit lines (none: the model answers); when it asks the latest, last, newest or most recent commit
(message), the text after the first commit line's hash, less a ref list ("(HEAD -> main)"). The answer is the
model's only candidate (`Generator.best_answer` with `only_candidates`).
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

_ASKS_COMMAND = re.compile(r"\b(what|which)\b.*\bcommand\b")
_ASKS_COMMITS = re.compile(r"\bhow many commits\b|\bnumber of commits\b")
_ASKS_LATEST = re.compile(r"\b(latest|last|newest|most recent|top)\b.*\bcommit\b")
# a shell's prompt, then the command (the prompt may follow a virtual environment's "(venv) " and user@host:path,
# OCR may read a space before its ":", or be PowerShell's "PS C:\path>" or cmd's "C:\path>"; a bare ">" is npm's
# echo of a script, "> vite build", or a REPL's)
_PROMPT = re.compile(r"^(?:\([\w.-]+\)\s+)?(?:PS [^>]*>|[A-Za-z]:\\[^>]*>|[\w.@~\-]*(?: ?:[\w.@~:/\\\-\[\]]*)?"
                     r"[$%\u276f\u279c])\s+(\S.*)$", re.ASCII)
# a commit line of a log: its abbreviated hash (at least one digit), then its subject
_COMMIT = re.compile(r"^(?:\*\s+)?(?:commit\s+)?(?=[0-9a-f]*[0-9])([0-9a-f]{7,40})\b\s*(.*)$", re.ASCII)
_REFS = re.compile(r"^\([^)]*\)\s*")
# oh-my-zsh's prompt ("➜  app git:(main) ✗ ", OCR may read the arrow "->"): the folder is always there
_ZSH_PROMPT = re.compile(r"^(?:\u279c|->)\s+\S+(?:\s+git:\([^)]*\))?(?:\s+\u2717)?\s+(?!git:\()(\S.*)$", re.ASCII)
_ZSH_START = re.compile(r"^(?:\u279c|->)\s")
_LAST = re.compile(r"\b(last|latest|most recent|final|newest)\b")


def asked_terminal(question: str) -> Optional[str]:
    """"command" when `question` asks which command was run, "last command" when it asks the last one, "commits"
    when it asks how many commits there are, "latest" when it asks the latest commit; else None."""
    text = question.lower()
    if _ASKS_COMMITS.search(text):
        return "commits"
    if _ASKS_LATEST.search(text):
        return "latest"
    if _ASKS_COMMAND.search(text) and "how many" not in text:
        return "last command" if _LAST.search(text) else "command"
    return None


def terminal_answers(lines: Sequence[Tuple[int, int, str]], asked: str) -> List[str]:
    """The answer the OCR block (x, y in whole percent, text; in reading order) leaves, as `asked_terminal` names
    the question; none where it has no such line."""
    if asked in ("command", "last command"):
        commands = [found.group(1).strip() for found in map(_prompt, (text.strip() for _, _, text in lines)) if found]
        return commands[-1:] if asked == "last command" else commands[:1]
    commits = [found for found in (_COMMIT.match(text.strip()) for _, _, text in lines) if found]
    if asked == "commits":
        return [str(len(commits))] if commits else []
    subject = _REFS.sub("", commits[0].group(2)).strip() if commits else ""
    return [subject] if subject else []


def _prompt(text: str):
    """The prompt's match of a line (oh-my-zsh's when it starts with its arrow), or None."""
    return (_ZSH_PROMPT if _ZSH_START.match(text) else _PROMPT).match(text)
