'use strict';
// Promise.using / .disposer and Promise.coroutine / spawn: the same as bluebird 3.7.2.

const { same } = require('./helpers/same-as-bluebird');

function resource(P, log, name, fail) {
  return P.delay(2)
    .then(() => {
      if (fail) throw new Error('acquiring ' + name);
      log('acquire', name);
      return name;
    })
    .disposer((r, inspection) => {
      log('dispose', r, inspection.isFulfilled(), inspection.isRejected());
      return P.delay(1);
    });
}

same('using: disposal in order after the function fulfils', (P, log) =>
  P.using(resource(P, log, 'a'), resource(P, log, 'b'), (a, b) => {
    log('use', a, b);
    return 42;
  }));

same('using with an array: disposal after the function throws', (P, log) =>
  P.using([resource(P, log, 'c'), resource(P, log, 'd')], (values) => {
    log('use', values);
    throw new Error('boom');
  }));

same('using: a failed acquisition disposes the acquired ones and rejects', (P, log) =>
  P.using(resource(P, log, 'e'), resource(P, log, 'f', true), () => log('never')));

same('using: plain values and promises are resources too', (P, log) =>
  P.using(1, P.resolve(2), P.resolve(resource(P, log, 'g')), (x, y, z) => [x, y, z]));

same('using: argument errors', async (P) => {
  const errors = [];
  for (const attempt of [() => P.using(resource(P, () => {}, 'h')), () => P.using(resource(P, () => {}, 'i'), 5)]) {
    errors.push(await attempt().then(() => 'no error', (e) => `${e.name}: ${e.message}`));
  }
  return errors;
});

same('disposer needs a function', (P) => {
  try {
    P.resolve(1).disposer(5);
    return 'no error';
  } catch (error) {
    return error.constructor.name;
  }
});

same('coroutine: yields promises, catches their rejections, returns a value', (P, log) => {
  const run = P.coroutine(function* (start) {
    const a = yield P.delay(1, start);
    log('a', a);
    try {
      yield P.reject(new Error('inner'));
    } catch (error) {
      log('caught', error.message);
    }
    const b = yield Promise.resolve(3);
    return a + b;
  });
  return run(1);
});

same('coroutine: runs synchronously up to the first yield', (P, log) => {
  const run = P.coroutine(function* () {
    log('started');
    yield P.resolve();
    log('resumed');
  });
  const result = run();
  log('returned');
  return result;
});

same('coroutine: a value no handler can turn into a promise rejects', (P) =>
  P.coroutine(function* () {
    yield 5;
  })().catch((error) => error.message.split('\n')[0]));

same('coroutine: options.yieldHandler and addYieldHandler', (P) => {
  const own = (value) => (Array.isArray(value) ? P.all(value) : undefined);
  const run = P.coroutine(function* () {
    const pair = yield [P.resolve(1), 2];
    return pair;
  }, { yieldHandler: own });
  return run();
});

same('coroutine: argument errors', (P) => {
  const messages = [];
  try {
    P.coroutine(5);
  } catch (error) {
    messages.push(`${error.name}: ${error.message}`);
  }
  try {
    P.coroutine.addYieldHandler(5);
  } catch (error) {
    messages.push(`${error.name}: ${error.message}`);
  }
  return messages;
});

same('coroutine: a throwing generator rejects', (P) =>
  // eslint-disable-next-line require-yield -- a generator that throws before any yield
  P.coroutine(function* () {
    throw new RangeError('at once');
  })());

same('spawn runs a generator at once', (P) => P.spawn(function* () {
  return (yield P.resolve(7)) * 2;
}));
