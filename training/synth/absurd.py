"""Stage: absurd and irrelevant questions with grounded refusals.

A question whose premise is not in the image ("What breed is the dog?" about a settings dialog) is answered by
denying the premise ("There is no dog in the image."). A refusal is produced only for things that are truly
absent: the asked noun is not a registered object name or alias, its category is not present, it does not occur
in any rendered text, and for closed-world scenes (shapes) the exact kind is absent. Scenes may also declare
'absent' facts they know by construction (a terminal without an error message), and labelled UI elements
whose every instance is registered (buttons, tabs, menu items) give absent labels.
"""
from __future__ import annotations

import re

from .language import article, plural
from .qa import QA

# noun -> (category, [premise question templates])
POOL = {
    "dog": ("animal", ["What breed is the dog?", "What colour is the dog?", "What is the dog doing?", "Where is the dog?"]),
    "cat": ("animal", ["What colour is the cat?", "Is the cat sleeping?", "What is the cat looking at?"]),
    "horse": ("animal", ["What colour is the horse?", "Who is riding the horse?"]),
    "bird": ("animal", ["What kind of bird is it?", "Where is the bird sitting?"]),
    "cow": ("animal", ["What is the cow eating?"]),
    "elephant": ("animal", ["How big is the elephant?"]),
    "car": ("vehicle", ["What colour is the car?", "What brand is the car?", "Where is the car parked?"]),
    "bicycle": ("vehicle", ["What colour is the bicycle?", "Who is riding the bicycle?"]),
    "bus": ("vehicle", ["Where is the bus going?", "What number is the bus?"]),
    "airplane": ("vehicle", ["Which airline is the airplane from?", "Is the airplane taking off?"]),
    "boat": ("vehicle", ["What colour is the boat?", "Is the boat moving?"]),
    "train": ("vehicle", ["Where is the train going?"]),
    "person": ("person", ["What is the person wearing?", "What is the person holding?", "How old is the person?"]),
    "man": ("person", ["What is the man wearing?", "What is the man holding?", "Is the man smiling?"]),
    "woman": ("person", ["What is the woman holding?", "What colour is the woman's shirt?"]),
    "child": ("person", ["What is the child playing with?"]),
    "tree": ("plant", ["What kind of tree is it?", "How tall is the tree?"]),
    "flower": ("plant", ["What colour is the flower?", "What kind of flower is it?"]),
    "banana": ("food", ["Is the banana ripe?", "Where is the banana?"]),
    "pizza": ("food", ["What toppings are on the pizza?"]),
    "cake": ("food", ["What flavour is the cake?"]),
    "sandwich": ("food", ["What is in the sandwich?"]),
    "coffee cup": ("drink", ["Is the coffee cup full?", "What colour is the coffee cup?"]),
    "bottle": ("drink", ["What is in the bottle?"]),
    "umbrella": ("object", ["What colour is the umbrella?", "Is the umbrella open?"]),
    "clock": ("object", ["What time does the clock show?"]),
    "chair": ("furniture", ["What colour is the chair?", "Who is sitting on the chair?"]),
    "bed": ("furniture", ["Who is sleeping in the bed?"]),
    "guitar": ("instrument", ["Who is playing the guitar?", "What colour is the guitar?"]),
    "ball": ("sport", ["What colour is the ball?", "Who is holding the ball?"]),
    "house": ("building", ["What colour is the house?", "How many windows does the house have?"]),
    "mountain": ("landscape", ["How high is the mountain?", "Is there snow on the mountain?"]),
    "laptop": ("device", ["What brand is the laptop?", "Is the laptop open?"]),
    "phone": ("device", ["What is on the phone's screen?", "What colour is the phone?"]),
    "television": ("device", ["What is on the television?"]),
    "hat": ("clothing", ["What colour is the hat?", "Who is wearing the hat?"]),
    "shoe": ("clothing", ["What colour is the shoe?"]),
}

GENERIC = ["What colour is the {x}?", "Where is the {x}?", "What is next to the {x}?", "How big is the {x}?"]
# counting something absent is refused too ("How many cats are there?" -> "There are no cats in the image."):
# answered with a number, it reads as if there were some
COUNTING = ["How many {xs} are there?", "How many {xs} are in the image?", "How many {xs} can you see?",
            "Count the {xs}."]

# related words that also count as presence (a clip art "puppy" is a dog)
SYNONYMS = {
    "dog": ["puppy", "hound", "poodle", "terrier", "dalmatian", "canine", "hot dog"], "cat": ["kitten", "kitty", "feline"],
    "car": ["automobile", "taxi", "vehicle", "racing"], "person": ["people", "man", "woman", "child", "boy", "girl",
                                                                  "face", "user", "avatar", "human", "stick"],
    "man": ["person", "people", "face", "boy"], "woman": ["person", "people", "face", "girl", "lady"],
    "child": ["kid", "boy", "girl", "baby", "person"], "bird": ["penguin", "parrot", "eagle", "duck", "owl", "chicken"],
    "phone": ["telephone", "mobile", "smartphone", "cellphone"], "laptop": ["computer", "notebook"],
    "television": ["tv", "monitor", "screen"], "coffee cup": ["coffee", "mug", "cup", "tea"],
    "flower": ["rose", "tulip", "sunflower", "blossom", "daisy"], "tree": ["palm", "pine", "forest", "oak"],
    "boat": ["ship", "sailboat", "canoe", "yacht"], "airplane": ["plane", "jet", "aircraft"],
    "house": ["home", "building", "hut", "cottage"], "ball": ["soccer", "football", "basketball", "baseball"],
    "hat": ["cap", "helmet"], "shoe": ["boot", "sneaker"], "bicycle": ["bike", "cycle"],
}


def _mentions(text: str, noun: str) -> bool:
    words = [noun, plural(noun)] + SYNONYMS.get(noun, [])
    t = text.lower()
    return any(re.search(r"\b" + re.escape(w.lower()) + r"s?\b", t) for w in words)


def absent_nouns(scene) -> list:
    """Pool nouns that are certainly not in the scene."""
    text = scene.all_text() + "\n" + " ".join(scene.present) + "\n" + " ".join(
        " ".join(map(str, o.attrs.get("keywords", ()))) + " " + o.phrase for o in scene.objects)
    out = []
    for noun, (cat, _) in POOL.items():
        if cat in scene.categories or noun in scene.present:
            continue
        if scene.meta.get("uncertain_categories") and cat in scene.meta["uncertain_categories"]:
            continue
        if _mentions(text, noun):
            continue
        out.append(noun)
    return out


def refusal_text(noun: str, counting: bool = False) -> str:
    if noun == "person":
        return "There are no people in the image."
    if counting:
        return f"There are no {plural(noun)} in the image."
    return f"There is no {noun} in the image."


def generate(scene, rng, n: int = 3) -> list:
    out = []
    nouns = absent_nouns(scene)
    rng.shuffle(nouns)
    for noun in nouns[:n]:
        cat, qs = POOL[noun]
        counting = rng.random() < 0.25
        if counting:
            q = rng.choice(COUNTING).format(xs="people" if noun == "person" else plural(noun))
        else:
            q = rng.choice(qs + ([g.format(x=noun) for g in GENERIC] if cat != "person" else []))
        out.append(QA(q, refusal_text(noun, counting), "refusal", refusal=True, protect=[noun], key="refusal",
                      source="absurd"))
    # a plain existence question about an absent thing is answered "No", not refused
    if nouns and rng.random() < 0.6:
        noun = rng.choice(nouns)
        ph = "a person" if noun == "person" else article(noun)
        out.append(QA(f"Is there {ph} in the image?", "No", "yesno", protect=[noun],
                      paraphrases=[f"Do you see {ph}?", f"Does the image contain {ph}?"], source="absurd"))
    # absent kinds in closed-world scenes
    cw = scene.facts_of("closed_world")
    if cw:
        from .scenes.shapes import SHAPES
        names = set(cw[0]["names"])
        absent = [s for s in SHAPES if s not in names]
        if absent:
            s = rng.choice(absent)
            q = rng.choice([f"What colour is the {s}?", f"Where is the {s}?", f"How big is the {s}?"])
            out.append(QA(q, f"There is no {s} in the image.", "refusal", refusal=True, protect=[s], key="refusal",
                          source="absurd"))
    # absent labels of complete, labelled element kinds (buttons, tabs, menu items)
    for lab in scene.meta.get("absent_labels", []):
        if rng.random() < 0.5:
            continue
        name, label = lab["name"], lab["label"]
        if any(label.lower() in ln.text.lower() for ln in scene.lines):
            continue
        q = rng.choice([f'What does the "{label}" {name} do?', f'Where is the "{label}" {name}?',
                        f'Is the "{label}" {name} enabled?', f'What colour is the "{label}" {name}?'])
        out.append(QA(q, f'There is no "{label}" {name} in the image.', "refusal", refusal=True, protect=[label],
                      key="refusal", source="absurd"))
        break
    # scene-declared absences
    for f in scene.facts_of("absent"):
        out.append(QA(f["q"][0], f["a"], "refusal", refusal=True, paraphrases=list(f["q"][1:]), key="refusal",
                      source="absurd"))
    return out
