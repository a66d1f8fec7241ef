"""``python -m cleaner``: the same as the ``cleaner`` command."""

from cleaner.entry import main

raise SystemExit(main())
