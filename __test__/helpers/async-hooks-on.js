'use strict';
// Preloaded (-r) by async-context.test.js: switches asyncHooks on before a scenario runs.
require('../..').config({ asyncHooks: true });
