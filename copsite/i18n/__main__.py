"""`python -m copsite.i18n update | init LANG`: maintain the catalogs."""

from copsite.i18n import main

raise SystemExit(main())
