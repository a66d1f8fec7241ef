"""The run's record (``Report``) and what is drawn from it: the summary JSON and the HTML page.

``record`` counts what a run did; ``detail`` keeps the bounded extras a report shows (histogram,
tallies per rule and site, a few documents); ``figures`` turns both into plain numbers;
``page`` draws those as one self-contained HTML file; ``output`` writes the files.
"""
