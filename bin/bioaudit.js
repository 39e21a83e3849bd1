#!/usr/bin/env node
// The `bioaudit` command: runs the built CLI app (see `npm run build`).
require('../dist/apps/cli/src/main.js');
