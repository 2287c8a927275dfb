'use strict';
// The host's own Promise, as a library for run.js's `--library native` (checks the host).
module.exports = Promise;
