"""`cleaner learn`: per-site rule files learned from a pile of a site's pages.

What a site adds around its stories (menus, footers, promos, disclaimers, share rows)
repeats on every page of the site; the stories do not. The learner counts, per site, the
lines of every page (as hashes of their normalised form: ``normalise``), looks again at
the lines that recur (``count``), chooses rules that never take the story (``select``)
and writes them in the hand-written rule-file format (``write``). ``api`` holds
``cleaner.learn`` and the rule files' loading; ``source`` reads the corpus.
"""
