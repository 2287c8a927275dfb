'use strict';
// Runs one test262 test in this process, as a test262 host would: the harness files it
// includes, then the test, in the main realm, with the library under test as the global
// `Promise`. Prints `PASS` or `FAIL <why>` on its last line.
//
//   node child.js <test262 dir> <test file, relative> <library> <strict: 0|1>
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { parse } = require('./frontmatter');

const [dir, file, library, strictArg] = process.argv.slice(2);
const source = fs.readFileSync(path.join(dir, file), 'utf8');
const meta = parse(source);
const strict = strictArg === '1';

let printed = '';
globalThis.print = (text) => {
  printed += String(text) + '\n';
};
globalThis.$262 = {
  global: globalThis,
  gc: typeof global.gc === 'function' ? global.gc : undefined,
  evalScript: (code) => vm.runInThisContext(code),
  detachArrayBuffer: (buffer) => structuredClone(buffer, { transfer: [buffer] }),
  createRealm() {
    throw new Error('this host has no $262.createRealm');
  },
  agent: {},
};

globalThis.Promise = require(library);

function finish(ok, why) {
  process.stdout.write(ok ? '\nPASS\n' : `\nFAIL ${String(why).split('\n')[0]}\n`);
  process.exitCode = 0;
}

const includes = ['assert.js', 'sta.js', ...(meta.flags.includes('async') ? ['doneprintHandle.js'] : []), ...meta.includes];
try {
  for (const include of includes) {
    vm.runInThisContext(fs.readFileSync(path.join(dir, 'harness', include), 'utf8'), { filename: include });
  }
} catch (error) {
  finish(false, 'harness: ' + error);
  process.exit(0);
}

let thrown = null;
try {
  vm.runInThisContext((strict ? '"use strict";\n' : '') + source, { filename: file });
} catch (error) {
  thrown = error;
}

if (meta.negative !== null) {
  const name = thrown && thrown.constructor && thrown.constructor.name;
  if (name === meta.negative.type) finish(true);
  else finish(false, `expected ${meta.negative.type}, got ${thrown === null ? 'no error' : thrown}`);
} else if (thrown !== null) {
  finish(false, thrown);
} else if (meta.flags.includes('async')) {
  // $DONE prints its verdict; the process waits for every job and timer first.
  process.on('exit', () => {
    if (/Test262:AsyncTestComplete/.test(printed)) finish(true);
    else if (/Test262:AsyncTestFailure/.test(printed)) finish(false, printed.match(/Test262:AsyncTestFailure:(.*)/)[1]);
    else finish(false, '$DONE was never called');
  });
} else {
  finish(true);
}
