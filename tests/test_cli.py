"""The command line from the user's side: analyze, ingest, bad input, help text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tabayyun.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "seed"
    / "alkawthar-iran-russia-media-cooperation.ar.txt"
)

runner = CliRunner()
RELATED_SEED = (
    "إيران تستضيف 200 ضيف أجنبي في منتدى حوار طهران بمشاركة كبار المسؤولين الدوليين",
    "مكانة إيران المتميزة في إنتاج الأدوية / توفير 100 مليون دولار من العملات الأجنبية",
)
SEED_SPEAKERS = ("محمد رضا نوروز بور", "ماريا زاخاروفا", "كاظم جلالي")


def analyze_json(path: Path | str) -> dict:
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_seed_article_is_fully_understood(seed_path: Path) -> None:
    doc = analyze_json(seed_path)
    assert doc["lang"] == "ar"
    assert doc["outlet"] in {"الكوثر_ايران", "الكوثر ايران"}
    assert [link["title"] for link in doc["related"]] == list(RELATED_SEED)
    for sentence in doc["sentences"]:
        assert not any(headline[:30] in sentence["text"] for headline in RELATED_SEED)
        assert "اقرأ ايضا" not in sentence["text"]
    assert not doc["text"].startswith("الكوثر_ايران")

    statements = doc["statements"]
    assert len(statements) >= 8
    per_speaker = Counter(s["speaker"] for s in statements)
    for speaker in SEED_SPEAKERS:
        assert per_speaker[speaker] >= 2, per_speaker
    mentions = {s["mention"] for s in statements if s["speaker"] in SEED_SPEAKERS}
    assert {"زاخاروفا", "جلالي", "نوروز بور"} <= mentions, mentions
    assert any(m.startswith("السفير") for m in mentions), mentions


def test_readable_report_shows_statements_and_related_links(seed_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "Attributed statements" in result.output
    assert "Related links" in result.output


def test_report_marks_sentences_from_the_languages_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tabayyun.claims.checkworthiness import load_default_scorer

    article = FIXTURES / "articles" / "en-flood-bridges.txt"
    scores = [s["checkworthiness"] for s in analyze_json(article)["sentences"]]
    own = load_default_scorer().threshold("checkworthy", "en")
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    above = sum(score >= own for score in scores)
    assert f"{above} of {len(scores)} score {own:.2f} or more" in result.output
    assert result.output.count("✓") == min(above, 10) + 1  # each marked row, and the legend

    monkeypatch.setenv("TABAYYUN_CHECKWORTHINESS_THRESHOLD", "0")
    result = runner.invoke(app, ["analyze", str(article)])
    assert f"{len(scores)} of {len(scores)} score 0.00 or more" in result.output


def test_analyze_reads_standard_input(seed_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "-", "--json"], input=seed_path.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["lang"] == "ar"


def test_the_report_sends_no_control_characters_from_the_article(tmp_path: Path) -> None:
    """An ESC in an article set the terminal's title and cleared its screen."""
    article = tmp_path / "ansi.txt"
    article.write_text(
        "Officials said\x1b]0;PWNED\x07 the bridge cost \x1b[2J£4 million to repair.\n"
        "Minister Eleanor Whitcombe said the money would arrive in 90 days.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "PWNED" in result.output  # the text itself stays, inert


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not text"),
        ("nothing.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
         "no article text"),
        ("latin1.txt", b"Hello \xc3\x28: caf\xe9, na\xefve r\xe9sum\xe9. " * 5, "not valid utf-8"),
    ],
)  # fmt: skip
def test_bad_files_get_one_clear_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    assert message in lines[0].lower()


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABAYYUN_MAX_INPUT_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_text("كلمة " * 1000, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert "over the 1,000-byte limit" in result.output


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/admin", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"],
)
def test_private_addresses_are_refused(url: str) -> None:
    result = runner.invoke(app, ["analyze", url])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "refused" in result.output and "--allow-private" in result.output


def write_batch(folder: Path, seed_path: Path) -> None:
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    # The same article in another encoding is the same content: a duplicate.
    (folder / "seed-cp1256.txt").write_bytes(seed_path.read_text(encoding="utf-8").encode("cp1256"))
    russian = FIXTURES / "articles" / "ru-school-repairs.txt"
    (folder / "ru-cp1251.txt").write_bytes(russian.read_text(encoding="utf-8").encode("cp1251"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)


def test_ingest_stores_good_items_lists_bad_ones_and_is_idempotent(
    tmp_path: Path, seed_path: Path
) -> None:
    folder = tmp_path / "batch"
    write_batch(folder, seed_path)
    db = f"sqlite:///{tmp_path / 'batch.db'}"
    first = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 stored, 1 duplicates, 2 skipped" in first.output
    assert "empty.txt" in first.output and "binary.txt" in first.output

    second = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert second.exit_code == 0, second.output
    assert "0 stored, 3 duplicates, 2 skipped" in second.output

    status = runner.invoke(app, ["db", "status", "--db", db])
    assert "documents: 2" in status.output


def test_ingest_exits_non_zero_only_when_nothing_was_processed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db",
                                 f"sqlite:///{tmp_path / 'x.db'}"])  # fmt: skip
    assert result.exit_code == 1
    assert "0 stored" in result.output and "1 skipped" in result.output


def test_search_finds_ingested_article_by_unnormalised_spelling(
    tmp_path: Path, seed_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert runner.invoke(app, ["ingest", str(seed_path), "--db", db]).exit_code == 0
    # "زاخاروفا" with a hamza-less alef variant and a diacritic still matches.
    result = runner.invoke(app, ["search", "زاخارُوفا", "--db", db])
    assert result.exit_code == 0, result.output
    assert "no results" not in result.output


def test_db_init_then_status(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'new.db'}"
    assert runner.invoke(app, ["db", "init", "--db", db]).exit_code == 0
    status = runner.invoke(app, ["db", "status", "--db", db])
    assert "up to date" in status.output and "documents: 0" in status.output


def test_registry_import_twice_then_round_trip_through_export(tmp_path: Path) -> None:
    from tabayyun.registry import DEMO_REGISTRY

    db, copy = f"sqlite:///{tmp_path / 'r.db'}", f"sqlite:///{tmp_path / 'copy.db'}"
    first = runner.invoke(app, ["registry", "import", str(DEMO_REGISTRY), "--db", db])
    assert first.exit_code == 0, first.output
    assert "20 added, 0 updated, 0 unchanged, 0 rejected" in first.output
    again = runner.invoke(app, ["registry", "import", str(DEMO_REGISTRY), "--db", db])
    assert "0 added, 0 updated, 20 unchanged, 0 rejected" in again.output
    exported = tmp_path / "feed.json"
    assert (
        runner.invoke(app, ["registry", "export", "-o", str(exported), "--db", db]).exit_code == 0
    )
    reimport = runner.invoke(app, ["registry", "import", str(exported), "--db", copy])
    assert "20 added" in reimport.output
    stats = runner.invoke(app, ["registry", "stats", "--db", copy])
    assert "fact-checks: 20" in stats.output


def test_registry_import_lists_bad_items_and_imports_the_rest(tmp_path: Path) -> None:
    mistyped = FIXTURES / "registry" / "mistyped.json"
    result = runner.invoke(app, ["registry", "import", str(mistyped), "--db",
                                 f"sqlite:///{tmp_path / 'r.db'}"])  # fmt: skip
    assert "rejected" in result.output and "reviewRating.ratingValue" in result.output


def test_registry_import_with_persian_headers_then_stats(tmp_path: Path) -> None:
    checks = tmp_path / "checks.csv"
    checks.write_text(
        "ادعا,حکم,تاریخ\n"
        "سد شهر نمونه‌آباد خالی شده است,نادرست,1402/09/01\n"
        "قیمت نان دو برابر شد,قابل‌تأمل,هفته پیش\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'r.db'}"
    result = runner.invoke(app, ["registry", "import", str(checks), "--db", db,
                                 "--map", "claimReviewed=ادعا", "--map", "alternateName=حکم",
                                 "--map", "datePublished=تاریخ"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert "unknown rating 'قابل\u200cتأمل'" in result.output
    assert "\\u200c" not in result.output
    assert "cannot read 'هفته پیش' as a date" in result.output
    stats = runner.invoke(app, ["registry", "stats", "--db", db])
    assert stats.exit_code == 0, stats.output
    assert "(no publisher)" in stats.output and "None" not in stats.output
    assert "قابل\u200cتأمل" in stats.output and "\\u200c" not in stats.output
    bad = runner.invoke(app, ["registry", "import", str(checks), "--db", db, "--map", "ادعا"])
    assert bad.exit_code != 0 and "is not field=column" in bad.output


def test_match_finds_the_fact_check_of_a_reworded_claim(tmp_path: Path) -> None:
    from tabayyun.registry import DEMO_REGISTRY

    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert runner.invoke(app, ["registry", "import", str(DEMO_REGISTRY), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["match", "ذخایر سدهای مشهد تمام شده است", "--db", db])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[1]
    assert "ذخایر سدهای مشهد به صفر رسیده است" in first and "false" in first
    # Persian typed with Arabic letters, its language given: the same fact-check comes first.
    typed = runner.invoke(app, ["match", "ذخاير سدهاي مشهد تمام شده است", "--lang", "fa",
                                "--db", db])  # fmt: skip
    assert (
        typed.exit_code == 0 and "ذخایر سدهای مشهد به صفر رسیده است" in typed.output.splitlines()[1]
    )
    assert (
        runner.invoke(app, ["match", "x", "--db", f"sqlite:///{tmp_path / 'e.db'}"]).exit_code == 2
    )


BRIDGES_ALTERED = (
    "The government will spend £9 billion rebuilding flood-damaged bridges in northern England"
)


def test_match_and_analyze_say_why_an_altered_claim_is_no_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo registry's "£4.5 billion" fact-check is found for a text stating £9 billion, as
    a suggestion with the differing figures, never as a match."""
    from tabayyun.registry import DEMO_REGISTRY

    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert runner.invoke(app, ["registry", "import", str(DEMO_REGISTRY), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["match", BRIDGES_ALTERED, "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "£4.5 billion rebuilding" in line)
    assert lines[at].lstrip().startswith("[suggest]")
    assert "not the same claim: number £9 billion here, £4.5 billion in the claim" in lines[at + 1]

    article = tmp_path / "bridges.txt"
    article.write_text(BRIDGES_ALTERED + ".\n", encoding="utf-8")
    monkeypatch.setenv("TABAYYUN_DATABASE_URL", db)
    report = runner.invoke(app, ["analyze", str(article)])
    assert report.exit_code == 0, report.output
    found = report.output.split("Fact-checks found for its sentences", 1)[1].splitlines()
    at = next(i for i, line in enumerate(found) if "£4.5 billion rebuilding" in line)
    assert "[suggest]" in found[at]
    assert "not the same claim: number £9 billion here, £4.5 billion in the claim" in found[at + 1]


def test_match_says_when_a_text_states_the_opposite_action(tmp_path: Path) -> None:
    """The demo registry checks "закроют 27 школ" (will close) in three languages; a text that
    says the schools will be opened finds those fact-checks as suggestions that name the two
    actions, never as a match."""
    from tabayyun.registry import DEMO_REGISTRY

    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert runner.invoke(app, ["registry", "import", str(DEMO_REGISTRY), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["match", "В Новгородской области откроют 27 школ", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    found = [i for i, line in enumerate(lines) if "27" in line and line.lstrip().startswith("[")]
    assert len(found) == 3, result.output
    for at in found:
        assert lines[at].lstrip().startswith("[suggest]"), lines[at]
        assert lines[at + 1].strip().startswith('not the same claim: "откроют" here'), lines[at + 1]


COMMANDS = [["analyze"], ["ingest"], ["search"], ["db"], ["db", "init"], ["db", "migrate"],
            ["db", "status"], ["stages"], ["config"], ["registry"], ["registry", "import"],
            ["registry", "export"], ["registry", "stats"], ["serve"], ["match"], ["org"],
            ["org", "create"], ["org", "list"], ["user"], ["user", "add"], ["user", "passwd"],
            ["user", "list"], ["user", "deactivate"]]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) > 3


ARTICLES = FIXTURES / "articles"
FIXTURE_ARTICLES = {
    "fa-mashhad-water.txt": ("fa", "خبرگزاری_نمونه", "2024-08-02",
                             ("کامران صدری\u200cنیا", "نرگس امیری", "حسین فرهمند")),
    "ru-school-repairs.txt": ("ru", "НовостиПример", "2024-03-05",
                              ("Андрей Кольцов", "Светлана Вербицкая", "Олег Тарасенко")),
    "en-flood-bridges.txt": ("en", "Sample_News_Wire", "2024-03-05",
                             ("Eleanor Whitcombe", "Daniel Okafor", "Priya Ramsden")),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FIXTURE_ARTICLES))
def test_fixture_articles_are_understood_like_the_seed(name: str) -> None:
    lang, outlet, date, speakers = FIXTURE_ARTICLES[name]
    doc = analyze_json(ARTICLES / name)
    assert (doc["lang"], doc["outlet"], doc["published_at"]) == (lang, outlet, date)
    assert len(doc["related"]) == 2
    for link in doc["related"]:
        assert all(link["title"] not in s["text"] for s in doc["sentences"])
    per_speaker = Counter(s["speaker"] for s in doc["statements"])
    assert len(doc["statements"]) >= 8
    for speaker in speakers:
        assert per_speaker[speaker] >= 2, per_speaker
    # Each speaker is found at least once through a bare surname (in any case form).
    surnames = {s["mention"] for s in doc["statements"] if len(s["mention"].split()) == 1}
    for speaker in speakers:
        assert any(m[:5] in speaker for m in surnames), (speaker, surnames)
    assert any(q["currency"] or q["unit"] == "percent" for q in doc["quantities"])


def test_bundled_seed_is_the_shared_seed() -> None:
    from tabayyun.demo import SEED_SAMPLE, sample_path

    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: run from a checkout beside shared/")
    assert sample_path(SEED_SAMPLE).read_bytes() == SEED.read_bytes()
