"""Source profiles are data: adding a site is a TOML file, and the cleaner's core names no site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tasks.cleaners import html, text
from tasks.cleaners.profiles import PROFILE_DIR, load_profiles, parse_selectors

RULE_NAME = re.compile(r"^[a-z_]+:[a-z_]+$")


def test_every_rule_name_is_family_colon_name():
    for profile in load_profiles():
        rules = [*profile.line_rules.values(), *profile.edge_line_rules.values(),
                 *(rule for _, rule in profile.patterns), *(rule for rule, _ in profile.html.remove)]
        assert rules and all(RULE_NAME.match(rule) for rule in rules), profile.name


def test_site_profiles_extend_the_generic_one():
    *specific, generic = load_profiles()
    assert generic.name == "generic"
    for profile in specific:
        assert set(generic.line_rules) <= set(profile.line_rules)
        assert set(generic.html.remove) <= set(profile.html.remove)


def test_a_new_site_is_one_data_file(tmp_path: Path):
    shutil.copy(PROFILE_DIR / "generic.toml", tmp_path)
    (tmp_path / "newsite.toml").write_text(
        'name = "newsite"\ndomains = ["newsite.example"]\n'
        '[text.lines]\n"chrome:promo" = ["Download our app"]\n'
        '[html]\nbody = [".story-text"]\n')
    *specific, _ = load_profiles(tmp_path)
    [profile] = specific
    assert profile.covers("www.newsite.example".removeprefix("www.")) and profile.covers("m.newsite.example")
    assert profile.rule_for_line("download our APP") == "chrome:promo"
    assert profile.rule_for_line("Skip to main content") == "chrome:skip_link"  # inherited
    assert profile.html.body == (".story-text",)


def test_a_selector_outside_the_supported_subset_fails_at_load(tmp_path: Path):
    shutil.copy(PROFILE_DIR / "generic.toml", tmp_path)
    (tmp_path / "newsite.toml").write_text('name = "newsite"\n[html.remove]\n"chrome:promo" = ["a:hover"]\n')
    with pytest.raises(ValueError, match=r"'newsite', html.remove.chrome:promo: .*':hover'"):
        load_profiles(tmp_path)


def test_selector_subset_parses_compounds_combinators_and_lists():
    [first, second] = parse_selectors('article > p.lead#x[data-a="b c"], [ROLE=navigation]')
    assert first.combinators == (">",)
    assert first.compounds[0].tag == "article"
    assert (first.compounds[1].tag, first.compounds[1].classes, first.compounds[1].ids,
            first.compounds[1].attributes) == ("p", ("lead",), ("x",), (("data-a", "b c"),))
    assert second.compounds[0].attributes == (("role", "navigation"),)
    for bad in ("", "a >", "p + p", "p ~ p", "a::before", "div:not(.x)", "[a^=b]", ".x."):
        with pytest.raises(ValueError):
            parse_selectors(bad)


def test_cleaner_core_names_no_site():
    for module in (text, html):
        source = Path(module.__file__).read_text()
        assert not re.search(r"voanews|polygraph|rferl|pangea", source, re.IGNORECASE), module.__name__


def test_patterns_are_linear_on_long_input():
    import time  # noqa: PLC0415

    long_line = "0:00 " * 200_000 + "x"
    started = time.perf_counter()
    for profile in load_profiles():
        profile.rule_for_line(long_line)
        profile.rule_for_line("©" + " 2024" * 100_000)
    assert time.perf_counter() - started < 5
