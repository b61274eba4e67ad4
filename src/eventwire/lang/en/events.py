"""English words the event coder reads: the parse labels are Universal/ClearNLP, the words English."""

from __future__ import annotations

import re

# Candidates: a noun is a trigger only in these roles of its clause.
NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "oprd", "conj"})
LOOK_THROUGH = frozenset(
    {"prep", "agent", "prt", "dobj", "pobj", "compound", "amod", "acomp", "nmod", "npadvmod"}
)
LOOK_UP = frozenset({"dobj", "pobj", "compound", "amod", "nsubjpass", "attr", "nsubj", "npadvmod"})
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b(?!-)")  # "beat Liverpool 2-1"
SPORT = frozenset(
    "match league cup tournament championship striker goalkeeper midfielder scorer "
    "innings wicket touchdown quarterback playoff playoffs semifinal semi-final olympics fixture derby "
    "squad".split()
)
FALL_TO = frozenset({"fall", "fall to", "fall into hand"})
# Nouns that only frame the event noun they hold: "a mediation effort", "three days of talks".
FRAMES = frozenset(
    "effort mission bid attempt campaign operation process initiative day week hour month night round series "
    "wave spate string".split()
)
# A verb that orders another event is no event of its own: "ordered the paper to suspend publication".
ORDERING = frozenset({"order"})

# Roles.
SUBJECTS = frozenset({"nsubj", "csubj"})
TARGET_PREPS = frozenset(
    {"against", "on", "with", "to", "at", "into", "upon", "toward", "towards", "from", "between"}
)
# Verbs whose object is what moves; the target is where or to whom it goes ("offered its troops to Lebanon").
TRANSFER = frozenset(
    "send give offer provide deliver donate supply sell lend grant withdraw deploy dispatch transfer ship "
    "extend pull remove evacuate return move airlift".split()
)
MOVED = frozenset({"to", "from", "into", "in", "for"})
# Verbs whose subject undergoes the event noun they hold: "faces charges", "got 15 years", "received a ban".
UNDERGOING = frozenset("face get receive suffer undergo serve".split())
IN = frozenset({"in"})  # last resort: the place of the event stands for its target ("bombs in Kabul")
# Reasons and examples: what lies under them is no target ("executed for much less reason, such as …").
ASIDE = frozenset({"for", "such"})
BY = frozenset({"by"})
PART_OF = frozenset({"of"})  # "fighters of the RSF": the group a part belongs to
MEMBER_TAGS = frozenset({"NNS", "NNPS", "CD"})  # words for some members of a group: "fighters", "one"
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_MOST = 8  # tokens a dateline may span: "NAIROBI, Kenya (Reuters) —"
PRONOUNS_PERSON = frozenset({"he", "him", "she", "her"})

# Modality.
FUTURE = frozenset({"will", "shall", "'ll"})
MODAL = frozenset({"could", "would", "may", "might", "should", "must", "can", "'d"})
# Verbs whose complement has not (yet) happened: "threatened to attack", "agreed to release".
IRREALIS = frozenset(
    "threaten plan want aim seek try attempt promise vow pledge agree offer propose urge demand call ask "
    "intend hope expect prepare consider refuse decline fail warn".split()
)
NEGATING = frozenset({"fail", "refuse", "decline"})
INTENT = frozenset(
    "ready willing prepared plan intend promise pledge vow offer decide agree swear determined".split()
)
OBLIGATION = frozenset({"must", "should"})
SAYING = frozenset("say tell announce state declare add report insist warn claim confirm".split())
CONDITIONS = frozenset({"if", "unless"})
WOULD = "would"
NO = "no"
TO = "to"
# "not only … but": no negation.
NOT_ONLY = frozenset({"only", "just", "merely"})
# Casualties: the lowest figure vague counts stand for (ACLED).
VAGUE_COUNTS = {  # longest first: "hundreds of thousands" before "hundreds"
    "hundreds of thousands": 100000,
    "tens of thousands": 10000,
    "thousands": 1000,
    "hundreds": 100,
    "a few": 2,
    "several": 2,
    "dozens": 12,
    "scores": 20,
    "some": 1,
}
# Verbs that say someone was killed (one named victim counts 1), and those whose subject dies.
KILLING = frozenset("kill slay execute massacre murder behead assassinate die perish".split())
DYING = frozenset({"die", "perish"})
# Counted things that are no people: "shot down 92 drones".
NOT_PEOPLE = frozenset(
    "drone missile rocket shell bomb aircraft plane jet helicopter tank vehicle car truck building house "
    "home shot round bullet year day month hour minute dollar percent mile kilometre kilometer".split()
)
