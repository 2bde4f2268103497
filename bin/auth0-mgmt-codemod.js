#!/usr/bin/env node
'use strict';
// Starts the CLI in a Node process sized for the run (see src/cli/launch.ts).
require('../dist/src/cli/launch.js').launch(__filename, process.argv.slice(2), () => {
  require('../dist/src/cli/main.js').main(process.argv.slice(2));
});
