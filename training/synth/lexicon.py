"""Word banks for realistic text: names, labels, messages. Everything here is plain data."""

APP_NAMES = ["Lunette", "Orbit", "Pulse", "Nimbus", "Atlas", "Beacon", "Cobalt", "Drift", "Ember", "Fathom", "Glint",
             "Harbor", "Ion", "Juniper", "Keystone", "Lumen", "Meridian", "Nova", "Onyx", "Prism", "Quill", "Relay",
             "Summit", "Tidal", "Umbra", "Vertex", "Willow", "Zephyr", "Acme Cloud", "DevBoard", "Taskly", "Notepad+",
             "PixelForge", "DataDock", "ShipIt", "Kanban Pro"]

FIRST = ["Alice", "Bob", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kira", "Liam", "Maya",
         "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tomas", "Uma", "Victor", "Wen", "Yusuf", "Zoe"]
LAST = ["Anders", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez",
        "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Ueda", "Vogel", "Walsh", "Young", "Zhang"]

DOMAINS = ["example.com", "acme.io", "mail.dev", "corp.net", "studio.org"]

FILE_STEMS = ["main", "index", "app", "server", "utils", "config", "handler", "router", "models", "parser", "client",
              "auth", "cache", "worker", "schema", "api", "cli", "db", "logger", "settings", "helpers", "queue",
              "session", "upload", "metrics", "report", "invoice", "user_service", "payment", "scheduler"]

PROJECTS = ["webapp", "api-server", "dashboard", "lunette", "data-pipeline", "mobile-app", "infra", "docs-site",
            "billing", "auth-service", "scraper", "ml-training", "cli-tool", "game-engine", "chat-bot"]

HOSTS = ["db.internal", "api.example.com", "localhost:5432", "registry.npmjs.org", "10.0.0.12", "cache-01",
         "github.com", "redis:6379", "auth.acme.io"]

BRANCHES = ["main", "master", "develop", "feature/login", "fix/cache-bug", "release/2.4", "feat/dark-mode",
            "hotfix/crash-on-start", "refactor/api", "dependabot/npm/axios-1.6.0"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

LANG_NAMES = ["Python", "JavaScript", "TypeScript", "Rust", "Go", "Java", "C", "C++", "Ruby", "Kotlin", "Swift", "PHP"]
REGIONS = ["North", "South", "East", "West", "Central"]
CITIES = ["Berlin", "Tokyo", "Lagos", "Lima", "Oslo", "Paris", "Seoul", "Austin", "Cairo", "Mumbai", "Sydney", "Toronto"]
TEAMS = ["Frontend", "Backend", "Mobile", "Data", "Infra", "QA", "Design", "Security"]
PRODUCTS = ["Basic plan", "Pro plan", "Team plan", "Enterprise", "Add-on storage", "Support"]
FRUITS = ["Apples", "Bananas", "Cherries", "Grapes", "Oranges", "Pears", "Plums", "Mangoes"]


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def email(rng, name=None):
    name = name or person(rng)
    first, last = name.split()[0].lower(), name.split()[-1].lower()
    return rng.choice([f"{first}.{last}", f"{first[0]}{last}", first]) + "@" + rng.choice(DOMAINS)


def version(rng):
    return f"{rng.randint(0, 5)}.{rng.randint(0, 19)}.{rng.randint(0, 12)}"


def file_name(rng, ext):
    stem = rng.choice(FILE_STEMS) if rng.random() < 0.65 else made_up_name(rng, rng.choice("_-"))
    return stem + "." + ext


def app_name(rng):
    return rng.choice(APP_NAMES) if rng.random() < 0.7 else made_up_word(rng).capitalize()


# Made-up but pronounceable words. Text a model must *read* (a missing module, a failing script, a typo'd
# command) is drawn partly from these, so it cannot be guessed from a small pool of names seen in training:
# the only way to answer is to copy it from the OCR lines.
_ONSETS = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p", "pl", "qu", "r",
           "s", "sh", "st", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "oo", "y"]
_CODAS = ["", "", "b", "ck", "d", "l", "m", "n", "nd", "p", "r", "rk", "s", "t", "x", "z"]


def made_up_word(rng, syllables=None):
    n = syllables or rng.choice([1, 2, 2, 3])
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(n))


def made_up_name(rng, sep="-"):
    """A package / file / identifier-like name: a made-up word, sometimes joined with another or a number."""
    w = made_up_word(rng)
    r = rng.random()
    if r < 0.3:
        return w + sep + made_up_word(rng, 1)
    if r < 0.45:
        return w + str(rng.randint(2, 99))
    return w
