"""Page furniture: the lines of a crawled page that are not the story.

Crawled news carries the page around its story: gallery counters ("Image 3 of
8", "Hide Caption 1 of 59"), video lengths ("01:26"), "Please enable
Javascript", copyright notices, share and subscribe prompts, photo credits,
"Related:" links, "Advertisement", comment widgets. Read as prose they become
facts: a counter a casualty figure, a video length a time, a credit a speaker.

``find_furniture`` finds them line by line, with a short reason each, as
``Furniture`` spans: a whole line, or the part of a line the page added to a
sentence (a leading "Buy Photo", a trailing "(Photo: John Smith/AP)" or
copyright notice). The article keeps its text whole, so every offset stays
valid; ``Article.parse_text`` blanks the spans out of what the model reads.

Precision comes before recall: a rule fires only on a pattern no story
sentence has (a copyright notice with its year, a label such as "Image
caption" or "x Embed x Share", a line that is nothing but a credit or a
button); the rules that read a label at the start of a line ("Video:",
"Related:") leave long lines alone. What stays unmarked is read as before.

Reasons: ``caption``, ``gallery``, ``video``, ``javascript``, ``copyright``,
``share``, ``subscribe``, ``comments``, ``related``, ``advertisement``,
``contact``, ``navigation``, ``boilerplate`` (site chrome, and lines an outlet
repeats across its articles: ``RecurringLines``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..records import Article, Furniture

CAPTION = "caption"
GALLERY = "gallery"
VIDEO = "video"
JAVASCRIPT = "javascript"
COPYRIGHT = "copyright"
SHARE = "share"
SUBSCRIBE = "subscribe"
COMMENTS = "comments"
RELATED = "related"
ADVERTISEMENT = "advertisement"
CONTACT = "contact"
NAVIGATION = "navigation"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Rule:
    """One furniture pattern: ``reason`` when ``pattern`` matches a line of at most ``max_words`` words."""

    reason: str
    pattern: re.Pattern[str]
    max_words: int = 1_000_000


def rule(reason: str, pattern: str, max_words: int = 1_000_000) -> Rule:
    """Patterns ignore case (pages shout: "READ MORE:"); ``(?-i:...)`` makes part of one case-sensitive."""
    return Rule(reason, re.compile(pattern, re.IGNORECASE), max_words)


# Credits name a person and an agency ("David Becker/Getty Images").
AGENCY = r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Landov|Shutterstock|iStock(?:photo)?|AP Images|Pool|File)"
NAME = r"(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,3}"
# Who a credit names after its slash: an agency, a newsroom, a station's call letters ("FOX5", "KCTV"),
# staff; not a street ("(Chiquita Boulevard/Cape Coral Parkway W.)").
CREDITOR = (rf"(?:(?-i:[A-Z]{{2,}}\d*)\b|[^()]{{0,60}}?\b(?:{AGENCY}|News|Press|Times|Post|Tribune|Journal|Herald"
            r"|Star|Gazette|Chronicle|Sun|Daily|Staff|Courtesy|Photographer|Media|Images?|Photo)\b)")
# A video's length, alone on its line ("01:26", "1:24:05").
VIDEO_LENGTH = re.compile(r"\(?\d{1,2}:\d{2}(?::\d{2})?\)?")

# The whole line is furniture when one of these matches all of it (stripped).
WHOLE_LINES: list[Rule] = [
    # -- javascript: the page's player or comments, not loaded
    rule(JAVASCRIPT, r"(?:please\s+)?(?:enable|turn on|activate)\s+javascript\b.*", max_words=30),
    rule(JAVASCRIPT, r".*\b(?:requires?|needs?)\s+javascript\b.*", max_words=20),
    rule(JAVASCRIPT, r".*\bjavascript\s+(?:is\s+)?(?:disabled|required|must be enabled|to be enabled)\b.*", max_words=20),
    # -- video: players, their lengths and their titles
    Rule(VIDEO, VIDEO_LENGTH),
    rule(VIDEO, r"(?:videos?|watch|watch (?:the )?video|watch (?:this|the) (?:story|report|video)(?: on your mobile device)?"
                r"|watch mobile video|scroll down for video|now playing:?|more videos?.*|play video|replay"
                r"|raw video|media playback is unsupported on your device.*|having trouble viewing the video\?.*)"),
    # a label, then the video's title: "VIDEO: ...", "Video (02:02) : ...", "[WATCH: ...]", "+ VIDEO | ..."
    rule(VIDEO, r"[+\[►•]?\s*(?:videos?|watch|watch video|watch live|raw video)\s*(?:\(\d{1,2}:\d{2}\))?\s*[:|].*",
         max_words=60),
    rule(VIDEO, r"(?:watch|video)\s+(?:the\s+)?(?:video\s+)?(?:below|above)\b.*", max_words=25),
    rule(VIDEO, r"play pause\b.*", max_words=30),
    rule(VIDEO, r"watch live\b.*", max_words=30),
    rule(VIDEO, r".*\b(?:need|install|download|requires?|latest version of)\b.{0,40}\bflash player\b.*", max_words=30),
    # -- gallery: slide shows and their links
    rule(GALLERY, r"photos?|images?|gallery|slideshow|pictures|enlarge this image|view (?:gallery|slideshow|photos)"),
    rule(GALLERY, r"[►•\[]?\s*(?:photos|gallery|slideshow|pictures|photo gallery)\s*:.*", max_words=60),
    rule(GALLERY, r"(?:photos|pictures|images)\s*:?\s*(?:photos|pictures|images)?\s*:.*", max_words=60),
    # -- caption: a line that is only a photo credit
    rule(CAPTION, r"\(?\s*(?:photo|image|picture)\s*(?:credit)?\s*:\s*[^.!?]{1,80}\)?\.?", max_words=16),
    rule(CAPTION, r"\(?\s*(?:photos?|image|picture|video)\s+(?:by|courtesy(?: of)?|credit|provided by|via)\b"
                  r"[^.!?]{1,80}\)?\.?", max_words=16),
    rule(CAPTION, r"(?:photo\s+)?credit\s*:\s*[^.!?]{1,80}", max_words=16),
    rule(CAPTION, r"\(\s*(?:photo|photos|image|courtesy|credit|source|file photo|file)\b[^()]{0,80}\)", max_words=16),
    rule(CAPTION, r"\((?:\w+\s+){0,3}photo\)", max_words=5),
    rule(CAPTION, rf"(?:{AGENCY}|file photo|courtesy photo)(?:\s*[/,|-]\s*(?:{AGENCY}|contributor|file photo|stringer))*"),
    rule(CAPTION, rf"{NAME}\s*/\s*(?:the\s+)?{NAME}(?:\s*/\s*{NAME})?", max_words=10),
    # -- copyright: a notice naming its holder without a year ("Copyright Associated Press / NBC 5")
    rule(COPYRIGHT, r"copyright\s+(?-i:[A-Z])[^.]{0,80}", max_words=10),
    # -- share: buttons and follow prompts
    rule(SHARE, r"share|share this|share this (?:story|article|post)|tweet|email|e-mail|print|pinterest|google\+?"
                r"|twitter|facebook|linkedin|reddit|whatsapp|tumblr|save|savesave|like this:?(?:\s*like loading\.*)?"
                r"|embed|copy link"),
    rule(SHARE, r"share this\s*:.*", max_words=12),
    rule(SHARE, r"(?:click to )?share on (?:facebook|twitter|linkedin|reddit|pinterest|whatsapp|tumblr)\b.*", max_words=15),
    rule(SHARE, r"click to (?:share|email|print)\b.*", max_words=15),
    rule(SHARE, r"read or share this story\s*:.*", max_words=15),
    rule(SHARE, r"(?:stay up to date,?\s*|be sure to\s+|don'?t forget to\s+|please\s+)?follow\s+(?:us|\S+)\s*(?:on|:)\s*"
                r"(?:facebook|twitter|instagram)\b.*", max_words=25),
    rule(SHARE, r"(?:follow|find|like)\s+(?:us|(?:\S+\s+){0,3}\S+)\s+on\s+(?:facebook|twitter|instagram)\b.*", max_words=25),
    rule(SHARE, r"follow\s+(?:@\w+|\S+\s*:)", max_words=3),  # "Follow @WTOP", "Follow WTOL:"
    rule(SHARE, r"(?:never|don[’']?t|do not) miss another\b.*", max_words=25),
    # -- subscribe: sign-up and account prompts
    rule(SUBSCRIBE, r"(?:sign up|subscribe)\b.*\b(?:newsletters?|e-?mails?|alerts?|today|here|free|digital"
                    r"|access|subscri\w*|inbox|updates)\b.*", max_words=40),
    rule(SUBSCRIBE, r"(?:already a (?:print )?subscriber|already have an account|want to become a .*subscriber"
                    r"|have an online subscription|need an online subscription)\?.*", max_words=25),
    rule(SUBSCRIBE, r"get digital access|thanks? (?:you )?for subscribing!?.*|re-enter zip code.*|subscribers get .*"
                    r"|\d+ of \d+ premium clicks used this month", max_words=25),
    rule(SUBSCRIBE, r"email newsletters\b.*", max_words=20),
    rule(SUBSCRIBE, r".*\bdelivered (?:right |straight )?to your inbox\b.*", max_words=40),
    rule(SUBSCRIBE, r"sorry, this zip ?code is not in our deliverable area\b.*"
                    r"|(?:oops, )?you haven[’']?t selected any newsletters.*", max_words=40),
    # -- comments: the widget and its prompts
    rule(COMMENTS, r"(?:\d+\s+)?(?:pending\s+)?comments?(?:\s*\(\d+\))?|(?:show|view|hide|read|leave|add|post)\s+"
                   r"(?:a\s+|all\s+)?comments?|comment on this (?:story|article)|disqus|(?:\w+\s+)?commenting policy"),
    rule(COMMENTS, r"join the conversation\b.*", max_words=20),
    rule(COMMENTS, r"(?:to )?join the conversation on this story\b.*", max_words=25),
    # -- related: links to other stories
    rule(RELATED, r"[►•\[]?\s*(?:related|more|see also|also see|also read|read next|up next|trending|editor'?s picks"
                  r"|recommended|most popular|most read|top stories)\s*(?::|\|).*", max_words=40),
    rule(RELATED, r"[►•\[]?\s*related(?:\s+(?:coverage|stories|articles|content|links|news|videos?|to this story)\b.*)?",
         max_words=40),
    rule(RELATED, r"related\b.{0,60}\bstories\s*:", max_words=12),
    rule(RELATED, r"[►•\[]?\s*read more\b.*", max_words=40),
    rule(RELATED, r"(?:read|see) (?:the )?(?:full|original) (?:story|article)\b.*", max_words=30),
    rule(RELATED, r"(?:you may also (?:like|be interested in)|more stories you might (?:like|be interested in)"
                  r"|what others are clicking on|more on this topic|trending stories|more news videos"
                  r"|today[’']?s top (?:clicked )?stories"
                  r"|recommended (?:for you|stories|reading))\b.*", max_words=30),
    # -- advertisement
    rule(ADVERTISEMENT, r"[\[(]?\s*(?:advertisements?|advertising|sponsored(?: content)?|paid content|ad|skip ad"
                        r"|ad loading\.*)\s*[\])]?"),
    rule(ADVERTISEMENT, r"(?:\[?advertisement\]?\s*[-–|]?\s*)?[↓]?\s*continue reading(?: below| the main story)?"
                        r"(?:\s*\[advertisement\])*"),
    rule(ADVERTISEMENT, r"advertisement\s*\|\s*advertise on .*", max_words=10),
    rule(ADVERTISEMENT, r"story continues below(?: advertisement)?"),
    # -- contact: a reporter's address alone on its line
    rule(CONTACT, r"(?:(?:e-?mail|twitter|phone|call|contact)\s*:?\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30}"
                  r"|\(?\d{3}\)?[\s.-]?\d{3}-\d{4})(?:\s*(?:,|or|and|\||/)?\s*(?:(?:e-?mail|twitter|phone)\s*:?\s*)?"
                  r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30}|\(?\d{3}\)?[\s.-]?\d{3}-\d{4}))*\.?", max_words=10),
    rule(CONTACT, r"contact\s+[^:]{1,40}:\s*.*@.*", max_words=15),
    # "Contact Karl Etters at ketters@tallahassee.com or @KarlEtters on Twitter."
    rule(CONTACT, r"(?:contact|reach|e-?mail)\s+(?:\S+\s+){0,3}\S+\s+at\s*:?\s+\S*@.*", max_words=30),
    # -- navigation: menus and buttons
    rule(NAVIGATION, r"more|close|menu|next|previous|back to top|skip|expand|show more|load more|print this page"),
    rule(NAVIGATION, r"[^|.]{1,30}(?:\|[^|.]{1,30}){2,}", max_words=30),  # "FREE APPS | NOW | FACEBOOK | TWITTER"
    # -- boilerplate: the site's account, notification and reuse chrome
    rule(BOILERPLATE, r"your notification has been saved\.?|there was a problem saving your notification\.?"
                      r"|email notifications are only sent once a day.*|thank you for registering!?"
                      r"|just one more thing\.*|you are the owner of this article\.?"
                      r"|we have sent (?:you )?a (?:verification|confirmation) email.*"
                      r"|if you do not receive the verification message.*|by submitting your registration information.*"
                      r"|sign in using your .* profile|we look forward to seeing you .*|click here for reuse options!?"
                      r"|you must enter the characters .*|report an error or submit a tip.*|download our app.*"
                      r"|information from\s*:.*|this (?:slideshow|video|content) (?:is )?(?:not )?available\b.*",
         max_words=40),
    rule(BOILERPLATE, r"[(\[]?\s*(?:\w+\s+){0,3}click(?:/tap)? here\b.*", max_words=25),
    # "For more neighborhood news, listen to ... here:"; not "For more than a decade the family lived here."
    rule(BOILERPLATE, r"for (?:more|the latest)\b.{0,80}\b(?:listen|visit|go|see|watch|read|click|tune in)\b.{0,40}"
                      r"\b(?:here|below)\s*[:.!]?", max_words=20),
]

# The whole line is furniture when one of these occurs anywhere in it: a label only page chrome carries.
LABELLED_LINES: list[Rule] = [
    # a slide of a gallery: "Image 3 of 8", "Photo: X Image 1 of / 4 Caption Close", "Hide Caption 1 of 59"
    rule(GALLERY, r"\b(?:image|photo|slide|picture)\s+\d+\s+of\s+(?:/\s*)?\d+\b"),
    rule(GALLERY, r"\bhide caption\b|\bshow caption\b"),
    rule(GALLERY, r"^\d+\s+of\s+\d+\s+(?:photos|images|slides)\b"),  # not "police released 3 of 5 photos"
    # a caption the page labels as one (BBC, NPR, DNAinfo); not "her social media caption read ..."
    rule(CAPTION, r"^image caption\b|\bimage copyright\b.*?\bimage caption\b|\btoggle caption\b|^media caption\b"
                  r"|\bview full caption\b|^enlarge this image\b"),
    # a video player's controls and its title
    rule(VIDEO, r"\bx embed x share\b|\bembed\s*>\s*more news videos\b|\bskip ad ad loading\b|^(?:close\s+)?skip in skip\b"
                r"|\bjust watched\b.{0,200}?\b(?:replay|must watch)\b|\breplay more videos\b"),
]

# Only the start of the line, up to the match's end, is furniture; the rest is read.
LEADING_PARTS: list[Rule] = [
    rule(CAPTION, r"buy photo\b"),
    rule(CAPTION, r"(?:getty images|getty\s*-\s*contributor)(?=\s+(?-i:[A-Z]))"),
    rule(ADVERTISEMENT, r"advertisement(?=\s+(?-i:[A-Z]))"),
]

# From the match to the end of the line is furniture: a notice or credit appended to a sentence.
TRAILING_PARTS: list[Rule] = [
    # "© 2016 Cable News Network", "Copyright 2015 The Associated Press. All rights reserved.",
    # "(TM and © Copyright 2016 CBS Radio Inc. ...)"; never "copyright law": a year, ©, "by" or a name must follow
    rule(COPYRIGHT, r"(?:\(\s*)?(?:tm and\s+)?(?:©|\(c\)\s*(?=\d{4})|\bcopyright\s*(?:©|\(c\))?\s*(?=\d{4}\b|by\b|©))"),
    rule(COPYRIGHT, r"\bimage copyright\b"),
    rule(COPYRIGHT, r"\ball rights reserved\b"),
    rule(COPYRIGHT, r"\bthis material may not be published, broadcast\b"),
    # a credit closing a caption: "(Photo: John Smith/AP)", "(Source: KSLA News 12)", "(Peter Dawson/FOX5)"
    rule(CAPTION, r"\(\s*(?:photo|photos|image|picture|video|file photo|courtesy|credit|source|photo courtesy"
                  r"|photo credit|photo provided)\b[^()]{0,100}\)\s*(?:buy photo)?\s*$"),
    rule(CAPTION, rf"\(\s*(?:{NAME}|{AGENCY})\s*/\s*{CREDITOR}[^()]{{0,40}}\)\s*$"),
    rule(CAPTION, r"\(\s*(?:[\w.-]+\s+){1,2}photo\s*/[^()]{1,60}\)\s*$"),  # "(AP Photo/Charles Rex Arbogast)"
    rule(CAPTION, rf"\(\s*{NAME}\s+for\s+{NAME}\)\s*$"),
    rule(CAPTION, rf"(?<=[.!?”\"'’)]\s){NAME}\s*/\s*{AGENCY}\s*$"),
    rule(CAPTION, r"\bphotograph\s*:\s*[^.]{1,80}$"),
    rule(CAPTION, r"(?<=\S)\s*buy photo\s*$"),
    # a link closing a paragraph: "... on Wednesday night. For more on the service, click here."
    rule(BOILERPLATE, r"(?:^|(?<=[.!?]\s))[^.!?]*\bclick(?:/tap)? here\b[^.!?]*[.!?]?\s*$"),
]

# A labelled line longer than this is a caption or a player run into the story, as texts without line
# breaks have them ("Image copyright Reuters Image caption The boy was found ... Rescuers had ..."):
# only the label's own sentence is furniture.
LABELLED_LINE_WORDS = 60
LABELLED_CAPTION_CHARS = 300  # a caption longer than this has run into the story: only the label goes
# A trailing part with no more than this many words before it, and no sentence, takes the whole
# line: "Gregory Green (Photo: ...)" is a caption, "82nd and Slide Road /Copyright 2016 ..." a notice.
SHORT_PREFIX_WORDS = 6
# A trailing part longer than this runs into the story ("Cheron Shelton © 2016 Cox Media Group.
# Zappala said ..."): it ends with its first sentence.
TRAILING_MAX_WORDS = 60
FIRST_SENTENCE_END = re.compile(r"\S[.!?](?=\s+[\"'“‘]?[A-Z])")
# A line next to a video length that reads as a title (this many words at most, no closing
# punctuation) is the video's title.
VIDEO_TITLE_WORDS = 20
# How a sentence ends (closing quotes and brackets allowed after the stop); a title ends in none of these.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
TITLE_END = re.compile(r"[.!?:;,][\"'”’)\]]*$")
LINE = re.compile(r"[^\n]+")


def find_furniture(text: str) -> list[Furniture]:
    """The page furniture in ``text``, line by line, in order of position."""
    spans: list[Furniture] = []
    lines = [(m.start(), m.group()) for m in LINE.finditer(text)]
    video_lengths: list[int] = []  # indexes into ``lines``
    for index, (offset, raw) in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            continue
        start = offset + len(raw) - len(raw.lstrip())
        if VIDEO_LENGTH.fullmatch(stripped):
            video_lengths.append(index)
        spans.extend(Furniture(start + a, start + b, reason) for a, b, reason in line_furniture(stripped))
    spans.extend(_video_titles(lines, video_lengths, spans))
    return sorted(spans, key=lambda span: span.start)


def line_furniture(line: str) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` spans of one stripped line: the whole line, its start and/or its end."""
    reason = _whole_line_reason(line)
    if reason:
        return [(0, len(line), reason)]
    for candidate in LABELLED_LINES:
        match = candidate.pattern.search(line)
        if match:  # a long line: the label opens a caption that runs on into the story, up to its sentence's end
            stop = FIRST_SENTENCE_END.search(line, match.end(), match.end() + LABELLED_CAPTION_CHARS)
            return [(match.start(), stop.end() if stop else match.end(), candidate.reason)]
    spans: list[tuple[int, int, str]] = []
    head = 0
    for leading in LEADING_PARTS:
        match = leading.pattern.match(line)
        if match:
            spans.append((0, match.end(), leading.reason))
            head = len(line) - len(line[match.end():].lstrip())
            rest = _whole_line_reason(line[head:])
            if rest:
                return spans + [(head, len(line), rest)]
            break
    trailing = _trailing_part(line, head)
    if trailing:
        spans.append(trailing)
    return spans


def _whole_line_reason(line: str) -> str | None:
    words = len(line.split())
    for candidate in LABELLED_LINES:  # first: a slide's counter says more than the credit before it
        if words <= LABELLED_LINE_WORDS and candidate.pattern.search(line):
            return candidate.reason
    for candidate in WHOLE_LINES:
        if words <= candidate.max_words and candidate.pattern.fullmatch(line):
            return candidate.reason
    return None


def _trailing_part(line: str, head: int) -> tuple[int, int, str] | None:
    found: tuple[int, str] | None = None
    for candidate in TRAILING_PARTS:
        match = candidate.pattern.search(line, head)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), candidate.reason)
    if found is None:
        return None
    start, reason = found
    end = len(line)
    if len(line[start:].split()) > TRAILING_MAX_WORDS:  # a notice glued to the story's next sentence
        stop = FIRST_SENTENCE_END.search(line, start)
        if stop is None:
            return None
        end = stop.end()
    prefix = line[head:start].strip()
    if len(prefix.split()) <= SHORT_PREFIX_WORDS and not SENTENCE_END.search(prefix):
        start = head
    start += len(line[start:]) - len(line[start:].lstrip())
    return start, end, reason


def _video_titles(lines: list[tuple[int, str]], video_lengths: list[int], spans: list[Furniture]) -> list[Furniture]:
    """A title-like line next to a bare video length ("Horse'n around with the mounted patrol" / "1:24")."""
    def marked(start: int, end: int) -> bool:
        return any(span.start < end and start < span.end for span in spans + titles)

    titles: list[Furniture] = []
    for index in video_lengths:
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(lines) and not lines[neighbour][1].strip():
                neighbour += step
            if not 0 <= neighbour < len(lines):
                continue
            offset, raw = lines[neighbour]
            stripped = raw.strip()
            start = offset + len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            if marked(start, end) or len(stripped.split()) > VIDEO_TITLE_WORDS or TITLE_END.search(stripped):
                continue
            titles.append(Furniture(start, end, VIDEO))
    return titles


class RecurringLines:
    """Lines an outlet repeats verbatim across its articles within one reading run: its boilerplate.

    Fed the articles one by one as they are read (``mark``); a line of at least
    ``MIN_WORDS`` words that does not end like a sentence becomes furniture
    (``boilerplate``) in the ``MIN_ARTICLES``-th article of the same site that
    carries it and in every one after; the earlier articles keep it, as
    nothing yet said it recurs. Lines ending like a sentence are left alone:
    "No arrests have been made." recurs in one outlet's stories and is news.
    The site is the URL's host (without ``www.`` or ``m.``), else the outlet;
    an article with neither is not compared. At most ``MAX_TRACKED`` lines are
    counted: past that, lines seen once are forgotten.
    """

    MIN_WORDS = 3
    MIN_ARTICLES = 3
    MAX_CHARS = 300
    MAX_TRACKED = 200_000

    def __init__(self) -> None:
        self._articles_with: dict[int, int] = {}  # hash of (site, line) -> articles carrying it

    def mark(self, article: Article) -> None:
        """Add the article's recurring lines to its ``furniture``."""
        site = site_of(article)
        if site is None:
            return
        covered = [(span.start, span.end) for span in article.furniture]
        found: list[Furniture] = []
        seen_here: set[int] = set()
        for match in LINE.finditer(article.text):
            line = match.group().strip()
            if not self._candidate(line):
                continue
            key = hash((site, line))
            if key in seen_here:
                continue
            seen_here.add(key)
            count = self._articles_with.get(key, 0) + 1
            self._articles_with[key] = count
            if count >= self.MIN_ARTICLES:
                start = match.start() + match.group().index(line)
                end = start + len(line)
                if not any(a < end and start < b for a, b in covered):
                    found.append(Furniture(start, end, BOILERPLATE))
        if len(self._articles_with) > self.MAX_TRACKED:
            self._articles_with = {key: n for key, n in self._articles_with.items() if n > 1}
        if found:
            article.furniture = sorted(article.furniture + found, key=lambda span: span.start)

    def _candidate(self, line: str) -> bool:
        return len(line) <= self.MAX_CHARS and len(line.split()) >= self.MIN_WORDS and not SENTENCE_END.search(line)


def site_of(article: Article) -> str | None:
    """The site an article comes from: its URL's host without ``www.``/``m.``, else its outlet."""
    return site_of_url(article.url) or (article.outlet.lower() if article.outlet else None)


def site_of_url(url: str | None) -> str | None:
    """A URL's host without ``www.``/``m.`` ("https://www.reuters.com/x" → "reuters.com"), or None."""
    try:
        host = urlsplit(url.strip()).hostname if url else None
    except ValueError:  # "http://[::1" and the like: no host to read
        return None
    return re.sub(r"^(?:www\d*|m)\.", "", host) if host else None
