"""Paragraph-level clean-up of what extractors leave in: captions and credits, "Read more" and "More in …"
links, newsletter and subscription prompts, share widgets, empty bullets and repeated paragraphs.

Rules that look for keywords only apply to short paragraphs, so a story that mentions a newsletter keeps it.
"""

from __future__ import annotations

import re

_SHORT_WORDS = 25  # keyword rules apply up to this many words

# A paragraph that is wholly boilerplate, whatever its length.
_WHOLE = re.compile(
    r"""^(?:
        [-–—•*·|]*                                     # empty bullets and separators
      | advertisement | advert | sponsored(?:\ content)? | skip\ ad(?:vertisement)?
      | (?:share|tweet|email|print|save|comment)(?:\ (?:this|on\ \w+|article|story))?(?:\s*[|/]\s*\w+)*
      | (?:related|recommended|trending|popular|latest|top)
        (?:\ (?:stories|articles|news|content|videos?|links))?
      | most\ (?:read|popular|viewed|shared)
      | tags?:? | topics:?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Keyword rules for short paragraphs.
_SHORT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:read|see|click|tap|watch|listen)(?: the)? (?:more|also|here|next|full|now|on)\b",
        r"^more (?:in|from|on|about|stories|news|coverage|articles)\b",
        r"^(?:continue|keep) reading\b",
        r"^(?:subscribe|sign up|register|log ?in|join)\b",
        r"\b(?:newsletters?|digital edition|subscription|your inbox|signing up|create an account|free trial"
        r"|paywall)\b",
        r"^(?:follow|like) us\b",
        r"^(?:share|download) (?:this|the) (?:article|story|app)\b",
        r"^(?:copyright|©)",
        r"\ball rights reserved\b",
        r"^(?:thanks|thank you) for (?:reading|signing|subscribing|your)\b",
        r"^(?:sorry|oops)[!.,]",
        r"^(?:we use|this (?:site|website) uses) cookies\b",
        r"^(?:updated|published|posted|last modified):? (?:on )?\w",
    )
]

# A photo caption or credit: ends with "Photo: The Sun", "Credit: AFP", "(Getty Images)", "| Reuters".
_CREDIT_LABEL = re.compile(
    r"\b(?:photo|photograph|image|picture|video|illustration|credit|file photo)s?(?: by| credit)?"
    r"\s*[:|]\s*[\w .,&'’/-]{1,60}$",
    re.IGNORECASE,
)
_AGENCIES = r"(?:Getty Images|Reuters|AP Photo|AP|AFP|EPA|Shutterstock|Alamy|PA Wire|PA|Bloomberg|File)"
_CREDIT_AGENCY = re.compile(
    rf"(?:\([^()]{{0,40}}\b{_AGENCIES}\b[^()]{{0,40}}\)"  # (Getty Images), (AP Photo/Jane Doe)
    rf"|[|/©]\s*{_AGENCIES}\b[\w ./]{{0,30}}"  # | Reuters, © AFP
    rf"|^{_AGENCIES})\s*$"
)
# Repeats of paragraphs this long are copies (captions, pull quotes); shorter ones may be headings.
_REPEAT_WORDS = 6


def is_boilerplate(paragraph: str) -> bool:
    text = paragraph.strip()
    if _WHOLE.match(text):
        return True
    if len(text.split()) > _SHORT_WORDS:
        return False
    return bool(_CREDIT_LABEL.search(text) or _CREDIT_AGENCY.search(text)) or any(
        r.search(text) for r in _SHORT
    )


def keep_mask(paragraphs: list[str], title: str | None = None) -> list[bool]:
    """Which paragraphs to keep: not boilerplate, not a repeat, not the headline repeated on top."""
    seen: set[str] = set()
    mask = []
    for paragraph in paragraphs:
        key = " ".join(paragraph.split()).casefold()
        keep = bool(key) and key not in seen and not is_boilerplate(paragraph)
        if keep and len(key.split()) >= _REPEAT_WORDS:
            seen.add(key)
        mask.append(keep)
    first = next((i for i, keep in enumerate(mask) if keep), None)
    if (
        first is not None
        and title
        and " ".join(paragraphs[first].split()).casefold() == " ".join(title.split()).casefold()
    ):
        mask[first] = False
    return mask


def clean_paragraphs(paragraphs: list[str], title: str | None = None) -> list[str]:
    return [p for p, keep in zip(paragraphs, keep_mask(paragraphs, title), strict=True) if keep]
