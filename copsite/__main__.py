from copsite.cli import main

raise SystemExit(main())
