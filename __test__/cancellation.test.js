'use strict';
// Cancellation, the same as bluebird 3.7.2 with `Promise.config({cancellation: true})`.
// Its own file: the switch is per process and cannot be turned off again.

const test = require('node:test');
const assert = require('node:assert');
const Bluebird = require('bluebird');
const Ferro = require('..');
const { same } = require('./helpers/same-as-bluebird');

Bluebird.config({ cancellation: true });
Ferro.config({ cancellation: true });

const turn = (P, ms = 5) => new P((resolve) => setTimeout(resolve, ms));

same('cancel stops handlers, runs onCancel and finally, and reflect sees it', async (P, log) => {
  const source = new P((resolve, reject, onCancel) => {
    onCancel(() => log('onCancel'));
    setTimeout(resolve, 30, 1);
  });
  const chained = source.then((v) => log('then', v)).finally(() => log('finally'));
  const reflection = source.reflect().then((i) => log('reflect', i.isCancelled(), i.isPending(), i.isRejected()));
  chained.cancel();
  log('right after', chained.isCancelled(), chained.isPending(), source.isCancelled());
  await turn(P);
  log('one branch left', source.isCancelled(), source.isPending());
  reflection.cancel();
  await turn(P, 40);
  return [source.isCancelled(), source.isPending(), source.isFulfilled(), source.isRejected(), chained.isCancelled()];
});

same('cancelling the only child cancels the parent and calls its onCancel once', async (P, log) => {
  const parent = new P((resolve, reject, onCancel) => {
    onCancel(() => log('first'));
    onCancel(() => log('second'));
  });
  const child = parent.then(() => log('never'));
  child.cancel();
  child.cancel();
  await turn(P);
  return [parent.isCancelled(), child.isCancelled(), parent.isCancellable(), child.isPending()];
});

same('handlers attached after cancellation see a late cancellation observer error', async (P, log) => {
  const p = new P(() => {});
  p.cancel();
  p.then(() => log('then'), () => log('catch'));
  p.catch(() => log('catch'));
  p.finally(() => log('finally')).catch((e) => log('after finally', e.name, e.message));
  await turn(P);
  return p.isCancelled();
});

same('resolving or rejecting a cancelled promise does nothing', async (P, log) => {
  let resolveIt;
  const p = new P((resolve) => { resolveIt = resolve; });
  p.then((v) => log('value', v));
  p.cancel();
  resolveIt(5);
  await turn(P);
  return [p.isCancelled(), p.isFulfilled()];
});

same('cancel propagates into the promise a handler returned', async (P, log) => {
  const inner = new P((resolve, reject, onCancel) => onCancel(() => log('inner cancelled')));
  const outer = P.resolve(1).then(() => inner);
  await turn(P);
  outer.cancel();
  await turn(P);
  return [inner.isCancelled(), outer.isCancelled()];
});

same('a cancelled promise is not an unhandled rejection', async (P, log) => {
  const seen = [];
  const listener = (reason) => seen.push(reason);
  process.on('unhandledRejection', listener);
  const p = new P(() => {});
  p.cancel();
  await turn(P, 20);
  process.removeListener('unhandledRejection', listener);
  log('events', seen.length);
  return p.isCancelled();
});

same('cancelling Promise.all cancels its pending inputs', async (P, log) => {
  const a = new P((resolve, reject, onCancel) => onCancel(() => log('a cancelled')));
  const b = new P((resolve, reject, onCancel) => onCancel(() => log('b cancelled')));
  const all = P.all([a, b, 3]);
  await turn(P);
  all.cancel();
  await turn(P);
  return [a.isCancelled(), b.isCancelled(), all.isCancelled()];
});

same('cancelling a pending input of Promise.all cancels the result', async (P, log) => {
  const a = new P((resolve, reject, onCancel) => onCancel(() => log('a cancelled')));
  const b = new P((resolve) => setTimeout(resolve, 20, 'b'));
  const all = P.all([a, b]).then((v) => log('all', v), (e) => log('all rejected', e.name));
  a.cancel();
  await turn(P, 40);
  return [a.isCancelled(), b.isFulfilled(), all.isPending(), all.isCancelled()];
});

same('an onCancel that is not a function is a TypeError from the executor', (P) =>
  new P((resolve, reject, onCancel) => onCancel(5)));

same('Promise.using disposes the resources when cancelled', async (P, log) => {
  const resource = P.resolve('r').disposer((r) => log('dispose', r));
  const using = P.using(resource, () => new P(() => {}));
  await turn(P);
  using.cancel();
  await turn(P);
  return using.isCancelled();
});

test('without cancellation the executor gets two arguments (bluebird agrees)', () => {
  const lengths = [];
  for (const P of [require('bluebird').getNewLibraryCopy(), Ferro.getNewLibraryCopy()]) {
    new P(function () { lengths.push(arguments.length); });  
  }
  // A copy of ferrobird shares the process-wide switch (README: Differences); Bluebird's
  // copy does not. The first length is bluebird's.
  assert.deepStrictEqual(lengths, [2, 3]);
});

// Found by the Bluebird-timing fuzz with cancellation on (session 15).
same('settle and allSettled are cancelled by a cancelled input, race sees a late cancellation observer', async (P, log) => {
  const cancelled = new P(() => {});
  cancelled.cancel();
  const pending = new P(() => {});
  const settled = P.allSettled([P.resolve(1), pending]);
  pending.cancel();
  await turn(P);
  const raced = await P.race([cancelled, P.resolve(2)]).catch((e) => [e.name, e.message]);
  return [settled.isCancelled(), raced];
});

same('each keeps calling its iterator after its result is cancelled, as Bluebird\'s chain does', async (P, log) => {
  const each = P.each([1, 2, 3], (v) => log('iterator', v));
  each.cancel();
  await turn(P);
  return each.isCancelled();
});

same('a finally handler run by cancellation may return a rejected promise: nothing is unhandled', async (P, log) => {
  const unhandled = [];
  const count = (reason) => unhandled.push(String(reason));
  process.on('unhandledRejection', count);
  try {
    const source = new P(() => {});
    const viaFinally = source.finally(() => {
      log('finally ran');
      return P.reject(new Error('from finally'));
    });
    source.cancel();
    viaFinally.cancel();
    await turn(P, 20);
    return [viaFinally.isCancelled(), unhandled];
  } finally {
    process.removeListener('unhandledRejection', count);
  }
});

same('a finally attached after cancellation fulfils with undefined once a promise its handler returned settles', async (P) => {
  const cancelled = new P(() => {});
  cancelled.cancel();
  await turn(P);
  const plain = await cancelled.finally(() => 1);
  const awaited = await cancelled.finally(() => P.delay(1));
  return [plain && plain.name, awaited];
});

// On Node 21 and later Bluebird's join is all then spread (join.js): an input cancelled
// already must still cancel the array in the call, as Bluebird's PromiseArray does, in the
// ES timing too (Bluebird's own suite failed there on Node 22-26 once).
same('join and .all() with an input cancelled already: a late cancellation observer, at once', async (P) => {
  const cancelled = new P(() => {});
  cancelled.cancel();
  // reflect() settles on cancellation too: a cancelled outcome is seen, not awaited for ever.
  const outcome = (promise) => promise.then(() => 'fulfilled', (e) => [e.name, e.message]).reflect()
    .then((inspection) => (inspection.isCancelled() ? 'cancelled' : inspection.value()));
  return [await outcome(P.join(1, 2, cancelled, () => 'never')), await outcome(cancelled.all())];
});
