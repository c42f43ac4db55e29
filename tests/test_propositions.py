"""Question targets as propositions: one rule, checked form by form."""

from __future__ import annotations

import pytest

from stancer.data.propositions import question_to_proposition


@pytest.mark.parametrize(
    ("question", "proposition"),
    [
        ("Should we ban X?", "We should ban X"),
        ("Is X good?", "X is good"),
        (
            "Should we ban the production of generic drugs",
            "We should ban the production of generic drugs",
        ),
        ("Should women take HRT post-menopause?", "Women should take HRT post-menopause"),
        ("Should animal testing be banned", "Animal testing should be banned"),
        ("Should the death penalty be abolished", "The death penalty should be abolished"),
        ("Shouldn't online gambling be banned", "Online gambling should be banned"),
        ("Should there be a curfew for children?", "There should be a curfew for children"),
        ("Is science a threat to mankind", "Science is a threat to mankind"),
        ("Is the advertisement harmful?", "The advertisement is harmful"),
        ("Is social poverty the main cause of crime", "Social poverty is the main cause of crime"),
        ("Are E-Cigarettes safe?", "E-Cigarettes are safe"),
        ("Does Vitamin C prevent common cold?", "Vitamin C prevents common cold"),
        ("Does big data bring more benefits", "Big data brings more benefits"),
        ("Do all countries have the right to X", "All countries have the right to X"),
        (
            "Will artificial intelligence replace humans",
            "Artificial intelligence will replace humans",
        ),
    ],
)
def test_questions_become_propositions(question: str, proposition: str) -> None:
    assert question_to_proposition(question) == proposition


@pytest.mark.parametrize(
    "question",
    [
        "Can Marijuana Use Cause Death?",  # Title Case: the verb cannot be told from the nouns
        "Is the Internet harmful to interpersonal relationships?",  # subject too long to be sure
        "Are DACA and the DREAM Act Good for America?",
    ],
)
def test_unparsed_questions_keep_their_meaning(question: str) -> None:
    assert question_to_proposition(question) == (
        f"The answer to the question '{question.rstrip('?')}?' is yes"
    )


def test_a_proposition_stays_as_it_is() -> None:
    assert question_to_proposition("This house would ban boxing") == "This house would ban boxing"


@pytest.mark.parametrize(
    "question",
    [
        "Is Obamacare Decreasing the Federal Deficit?",  # an -ing verb before the article
        "Is Marijuana Bad for the Immune System?",  # a preposition before the article
        "Has Obamacare Improved Medicaid?",  # an auxiliary the rule cannot move
        "Under Obamacare, Are Insurers Required to Cover Birth Control?",  # a leading clause
    ],
)
def test_questions_the_rule_cannot_parse_take_the_fallback(question: str) -> None:
    assert question_to_proposition(question).startswith("The answer to the question '")
