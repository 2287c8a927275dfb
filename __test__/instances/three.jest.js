'use strict';
// One of three jest files that share a worker (scenario.js).
require('./scenario')('three');
