"""Recognising quotations of a post, and masking a passage wherever a quote or an excerpt re-flowed it."""

from __future__ import annotations

from forum import privacy
from forum.discussions import quotations
from forum.discussions.quotations import PLACEHOLDER, Quoted

HIDDEN = Quoted(7, (quotations.words("Le **gardien** de la tour Sud nous appelle chaque soir, vers 23 h."),))


def test_a_quote_of_the_markdown_or_of_the_page_text_is_recognised():
    markdown = "> Le **gardien** de la tour Sud nous appelle\n> chaque soir, vers 23 h.\n\nChez nous aussi."
    page_text = "> gardien de la tour Sud nous appelle chaque…\n\nChez nous aussi."
    for text in (markdown, page_text):
        assert quotations.conceal(text, [HIDDEN]) == f"> {PLACEHOLDER}\n\nChez nous aussi."


def test_a_short_quote_counts_only_in_a_reply_to_the_post():
    text = "> tour Sud\n\nOù est-ce ?"
    assert quotations.conceal(text, [HIDDEN]) == text
    assert quotations.conceal(text, [HIDDEN], reply_to_id=7).startswith(f"> {PLACEHOLDER}")


def test_words_must_match_whole_and_in_order():
    assert quotations.conceal("> appelle chaque soir vers 23 h la tour", [HIDDEN], reply_to_id=7) == \
        "> appelle chaque soir vers 23 h la tour"
    assert quotations.conceal("> ardien de la tour Sud nous", [HIDDEN], reply_to_id=7) == "> ardien de la tour Sud nous"


def test_a_nested_quote_is_withdrawn_and_the_quoting_words_stay():
    text = "> > Le gardien de la tour Sud nous appelle\n> Chez nous aussi.\n\nEt ici."
    assert quotations.conceal(text, [HIDDEN]) == f"> > {PLACEHOLDER}\n>\n> Chez nous aussi.\n\nEt ici."


def test_a_line_right_under_the_quote_stays_outside_it():
    text = "> Le gardien de la tour Sud nous appelle\nMoi je réponds ceci."
    assert quotations.conceal(text, [HIDDEN]) == f"> {PLACEHOLDER}\n\nMoi je réponds ceci."


def test_a_passage_is_masked_across_line_breaks_and_quote_markers_only_in_quotes():
    text = "> on a vu le fils\n> Garnier du square\n\nle fils Garnier du square, je le connais."
    masked, count = quotations.redact_quotes(text, "le fils Garnier du square")
    assert count == 1 and masked == "> on a vu [masqué]\n\nle fils Garnier du square, je le connais."
    assert privacy.redact("Vu le fils   Garnier\ndu square.", "le fils Garnier du square") == ("Vu [masqué].", 1)
    assert privacy.redact("rien", "   ") == ("rien", 0)
    assert privacy.needle("le fils Garnier-Lopez") == "Garnier"
