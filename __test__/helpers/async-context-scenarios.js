'use strict';
// Scenarios for AsyncLocalStorage (async-context.test.js). Each is `(P, context)`, where
// `context` has two storages `als` and `other`, `log(...parts)` and `settle()`, a promise of
// the host's that resolves once the scenario's handlers have had time to run.
//
// `es`: the ECMAScript API, run on native promises and on ferrobird, which must log the same.
// `bluebird`: Bluebird's API, which native promises lack; each line logs the store next to
// the store of the call it came from, and the two must agree.
//
// Run as a script (`node async-context-scenarios.js <library>`), it runs every scenario on
// that library ('native', or a path to require) and prints `{ name: log }` as JSON.

const { AsyncLocalStorage } = require('async_hooks');

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A pending promise and the function that resolves it.
function gate(P) {
  let open;
  const promise = new P((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const es = {
  'a pending promise: handlers see the context of then(), not of resolve()'(P, { als, log }) {
    const g = gate(P);
    als.run('A', () => g.promise.then(() => log('A', als.getStore())));
    g.promise.then(() => log('none', als.getStore()));
    als.run('B', () => g.promise.catch(() => {}).then(() => log('B', als.getStore())));
    als.run('C', () => setTimeout(() => g.open(1), 1));
  },

  'a settled promise: the context of then()'(P, { als, log }) {
    const done = P.resolve(1);
    const failed = P.reject(new Error('no'));
    als.run('A', () => done.then(() => log('A', als.getStore())));
    als.run('B', () => failed.catch(() => log('B', als.getStore())));
    done.then(() => log('none', als.getStore()));
    failed.catch(() => log('none', als.getStore()));
  },

  'nested runs and two storages'(P, { als, other, log }) {
    const g = gate(P);
    als.run('A', () =>
      other.run('X', () => {
        als.run('B', () => g.promise.then(() => log('B X', als.getStore(), other.getStore())));
        g.promise.then(() => log('A X', als.getStore(), other.getStore()));
      })
    );
    other.run('Y', () => setTimeout(() => g.open(), 1));
  },

  'enterWith before then()'(P, { als, log }) {
    const g = gate(P);
    setTimeout(() => {
      als.enterWith('E');
      g.promise.then(() => log('E', als.getStore()));
      als.enterWith('F');
      g.promise.then(() => log('F', als.getStore()));
      g.open();
    }, 1);
  },

  'enterWith inside a handler stays in that handler'(P, { als, log }) {
    const g = gate(P);
    als.run('A', () => {
      g.promise.then(() => {
        als.enterWith('inside');
        log('first', als.getStore());
      });
      g.promise.then(() => log('second', als.getStore()));
    });
    g.promise.then(() => log('third', als.getStore()));
    setTimeout(() => {
      g.open();
      P.resolve().then(() => log('a later job', als.getStore()));
      setTimeout(() => log('a later task', als.getStore()), 1);
    }, 1);
  },

  'exit'(P, { als, log }) {
    const g = gate(P);
    als.run('A', () => als.exit(() => g.promise.then(() => log('exited', als.getStore()))));
    als.run('B', () => setTimeout(() => g.open(), 1));
  },

  'snapshot'(P, { als, log }) {
    const g = gate(P);
    const snapshot = als.run('S', () => AsyncLocalStorage.snapshot());
    als.run('A', () => g.promise.then(() => log('A S', als.getStore(), snapshot(() => als.getStore()))));
    g.promise.then(() => snapshot(() => P.resolve().then(() => log('S', als.getStore()))));
    setTimeout(() => g.open(), 1);
  },

  'await'(P, { als, log }) {
    const g = gate(P);
    als.run('A', async () => {
      await g.promise;
      log('A after await', als.getStore());
    });
    als.run('B', async () => {
      const value = await P.resolve(2).then((v) => v + 1);
      log('B after await', value, als.getStore());
    });
    als.run('C', () => setTimeout(() => g.open(), 1));
  },

  'a handler returning a promise resolved elsewhere'(P, { als, log }) {
    const g = gate(P);
    const inner = gate(P);
    als.run('A', () =>
      g.promise
        .then(() => inner.promise)
        .then(() => log('A', als.getStore()))
    );
    als.run('C', () => setTimeout(() => g.open(), 1));
    als.run('D', () => setTimeout(() => inner.open(), 2));
  },

  'catch and finally'(P, { als, log }) {
    const g = gate(P);
    als.run('A', () =>
      g.promise
        .then(() => {
          throw new Error('x');
        })
        .catch(() => log('catch A', als.getStore()))
        .finally(() => log('finally A', als.getStore()))
    );
    als.run('B', () => setTimeout(() => g.open(), 1));
  },

  'all, race, allSettled, any'(P, { als, log }) {
    const g = gate(P);
    als.run('A', () => P.all([g.promise, 1]).then(() => log('all A', als.getStore())));
    als.run('B', () => P.race([g.promise]).then(() => log('race B', als.getStore())));
    als.run('C', () => P.allSettled([g.promise]).then(() => log('allSettled C', als.getStore())));
    als.run('D', () => P.any([g.promise]).then(() => log('any D', als.getStore())));
    als.run('E', () => setTimeout(() => g.open(), 1));
  },

  'a thenable is called in the context of resolve()'(P, { als, log }) {
    const thenable = {
      then(resolve) {
        log('then of the thenable', als.getStore());
        resolve(1);
      },
    };
    als.run('B', () => P.resolve(thenable));
    als.run('A', () => P.resolve(thenable).then(() => log('A', als.getStore())));
  },

  'a subclass'(P, { als, log }) {
    class Sub extends P {}
    const g = gate(Sub);
    als.run('A', () => g.promise.then(() => log('A', als.getStore())));
    als.run('B', () => Sub.resolve(1).then(() => log('B', als.getStore())));
    als.run('C', () => setTimeout(() => g.open(), 1));
  },
};

// Bluebird's API: `log(what, store, expected)`, where `expected` is the store of the call.
const bluebird = {
  'map, filter, reduce, each, mapSeries: the callbacks and the result'(P, { als, log }) {
    const g = gate(P);
    als.run('map', () =>
      P.map([g.promise, 2], (v) => {
        log('mapper', als.getStore(), 'map');
        return P.delay(1, v);
      }).then(() => log('map result', als.getStore(), 'map'))
    );
    als.run('filter', () => P.filter([g.promise], () => log('filterer', als.getStore(), 'filter')));
    als.run('reduce', () =>
      P.reduce([g.promise, 2], (a, v) => {
        log('reducer', als.getStore(), 'reduce');
        return a + v;
      }, 0)
    );
    als.run('each', () => P.each([g.promise], () => log('each', als.getStore(), 'each')));
    als.run('mapSeries', () => P.mapSeries([g.promise], () => log('mapSeries', als.getStore(), 'mapSeries')));
    als.run('concurrency', () =>
      P.map([1, 2, 3], () => log('mapper with concurrency', als.getStore(), 'concurrency'), { concurrency: 1 })
    );
    als.run('opener', () => setTimeout(() => g.open(1), 1));
  },

  'promisify and fromCallback'(P, { als, log }) {
    const later = (value, callback) => setTimeout(() => callback(null, value), 1);
    const laterAsync = P.promisify(later);
    let call;
    als.run('A', () => laterAsync(1).then(() => log('promisified', als.getStore(), 'A')));
    als.run('B', () => P.fromCallback((callback) => { call = callback; }).then(() => log('fromCallback', als.getStore(), 'B')));
    als.run('C', () => setTimeout(() => call(null, 1), 2));
  },

  'delay, timeout, tap, spread, asCallback'(P, { als, log }) {
    als.run('delay', () => P.delay(1).then(() => log('delay', als.getStore(), 'delay')));
    als.run('timeout', () =>
      P.delay(10).timeout(1).catch(() => log('timeout', als.getStore(), 'timeout'))
    );
    als.run('tap', () => P.delay(1, 1).tap(() => log('tap', als.getStore(), 'tap')));
    als.run('spread', () => P.delay(1, [1, 2]).spread(() => log('spread', als.getStore(), 'spread')));
    als.run('asCallback', () => P.delay(1).asCallback(() => log('asCallback', als.getStore(), 'asCallback')));
  },

  'coroutine'(P, { als, log }) {
    const run = P.coroutine(function* (expected) {
      log('coroutine start', als.getStore(), expected);
      yield P.delay(1);
      log('coroutine after yield', als.getStore(), expected);
      return 1;
    });
    als.run('A', () => run('A').then(() => log('coroutine result', als.getStore(), 'A')));
    als.run('B', () => run('B').then(() => log('coroutine result', als.getStore(), 'B')));
  },

  'bound promises and Promise.try'(P, { als, log }) {
    const receiver = {};
    als.run('bind', () =>
      P.bind(receiver)
        .delay(1)
        .then(function () {
          log('bound', als.getStore(), 'bind', this === receiver);
        })
    );
    als.run('try', () => P.try(() => log('try', als.getStore(), 'try')).then(() => log('after try', als.getStore(), 'try')));
  },
};

async function runAll(P, scenarios) {
  const results = {};
  for (const [name, scenario] of Object.entries(scenarios)) {
    const lines = [];
    const context = {
      als: new AsyncLocalStorage(),
      other: new AsyncLocalStorage(),
      log: (...parts) => lines.push(parts.map(String).join(' ')),
    };
    scenario(P, context);
    await wait(40);
    results[name] = lines;
  }
  return results;
}

module.exports = { es, bluebird, runAll };

if (require.main === module) {
  const [library, set] = process.argv.slice(2);
  const P = library === 'native' ? Promise : require(library);
  runAll(P, set === 'bluebird' ? bluebird : es).then((results) => {
    process.stdout.write(JSON.stringify(results));
  });
}
