from dumpflow.cli import main

raise SystemExit(main())
