"""A site rule file with one rule, for tests that load a user's own rule folder."""

SITE_RULES = """\
[site]
id = "example.test"
domains = ["example.test"]

[[rule]]
id = "example.sale-banner"
kind = "drop_line"
pattern = '^SALE: everything must go, and every item in the shop is half price today[.]$'
why = "sale banner at the top of every page"
"""
