"""News: from an article to its attributed statements and their stance.

`quotes` finds quoted passages by their marks, `parsing` holds spaCy's English parse,
`attribution` finds who said each quote, `speakers` resolves mentions to canonical speakers,
`reported` finds indirect speech and the clause a fragment is read with, `analysis` runs it all
with the model (`stancer.analyze`), and `report` renders the result as a table or an HTML page.
"""
