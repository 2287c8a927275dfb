'use strict';
// Runs the ECMAScript 6 promises conformance suite (promises-es6-tests) against ferrobird's
// main export. Where Bluebird 3.7.2 defines the behaviour, the main export is Bluebird's, so
// the tests of ES rules Bluebird does not follow are excluded here by name, each with the
// Bluebird rule that decides it.
const es6 = require('promises-es6-tests');
const adapter = require('./adapter');

// The suite checks ECMAScript's job order (Promise.all's ticks among native jobs), which the
// main export gives in its ES timing; its default, Bluebird's timing, orders them as
// Bluebird does.
require('../..').config({ scheduling: 'es' });

const EXCLUDED = [
  ["25.4.4.5 Promise.resolve( x ) throws if 'this' is not a constructor", 'Bluebird: statics ignore an unrelated `this`'],
  ["25.4.4.4 Promise.reject( x ) throws if 'this' is not a constructor", 'Bluebird: statics ignore an unrelated `this`'],
  ["25.4.4.1 Promise.all( iterable ) throws if 'this' is not a Promise constructor", 'Bluebird: statics ignore an unrelated `this`'],
  ["25.4.4.3 Promise.race( iterable ) requires 'this' to be a constructor function that supports the parameter conventions of the Promise constructor", 'Bluebird: statics ignore an unrelated `this`'],
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const grep = new RegExp('^(' + EXCLUDED.map(([title]) => escape(title)).join('|') + ')$');

for (const [title, reason] of EXCLUDED) console.log(`excluded: ${title} (${reason})`);
es6(adapter, { reporter: 'dot', grep, invert: true }, function (error) {
  if (error) {
    console.error('ES6 promises:', error.message || error, 'failing');
    process.exitCode = 1;
  }
});
