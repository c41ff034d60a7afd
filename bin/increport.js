#!/usr/bin/env node
'use strict';
// Node >= 22.1 keeps V8's compiled code of the bundle between runs (in the OS temporary folder, or
// NODE_COMPILE_CACHE): a cold `increport check` then skips most of the bundle's compile. Node 20 lacks it.
require('node:module').enableCompileCache?.();
require('../dist/cli.js').main();
