'use strict';
// Optional instrumentation (monitoring events, cancellation links, long stack traces): each
// hook is null until a feature that needs it is switched on, so the hot path pays one load.
// The runtime (core.js, library.js) calls them; features set them (debug.js, cancellation.js):
//   created(promise)                   a promise was made (after its executor ran)
//   chained(parent, child)             `_then` derived `child` from `parent`
//   settled(promise, state, value)     it settles (value CANCEL: it is cancelled)
//   followed(promise, resolution)      it was resolved with a thenable
//   thenCalled(promise, thenable)      a thenable's `then` that is no library's original,
//                                      called to resolve it, has returned
const hooks = { created: null, chained: null, settled: null, followed: null, thenCalled: null, rejected: null, ran: null, context: null };
// `ran(phase, promise, result)` brackets each handler run by a reaction (forgotten returns).
// `context(promise)` / `context(null)` bracket other user code run on a promise's behalf: an
// executor, a collection's callback, a coroutine's step (long stack traces).
// `rejected(promise, reason, synchronous)`: a rejection starts at `promise`.
const HANDLER_START = 0;
const HANDLER_RETURNED = 1;
const HANDLER_THREW = 2;
const hookLists = { created: [], chained: [], settled: [], followed: [], thenCalled: [], rejected: [], ran: [], context: [] };

// Adds (or, with `on` false, removes) `fn` to the hook `name`; several features may share one.
function setHook(name, fn, on) {
  const list = hookLists[name].filter((f) => f !== fn);
  if (on) list.push(fn);
  hookLists[name] = list;
  if (list.length === 0) hooks[name] = null;
  else if (list.length === 1) hooks[name] = list[0];
  else {
    hooks[name] = function (a, b, c) {
      for (let i = 0; i < list.length; i++) list[i](a, b, c);
    };
  }
}


module.exports = { hooks, setHook, HANDLER_START, HANDLER_RETURNED, HANDLER_THREW };
