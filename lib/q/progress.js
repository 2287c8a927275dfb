'use strict';
// Q's progress notifications: `deferred.notify(value)` reaches the progress handlers of every
// `then` on its promise, each on a later tick; a handler's result (or the value itself, when
// there is none) is passed on to the promise that `then` returned, and so down the chain.
// A promise resolved with another pending Q promise hears that one's notifications, and
// stops hearing its own once it is resolved, as in Q.
//
// Only a *source* can ever be notified: the promise of a deferred whose `notify` someone
// holds, what a source's `then` returns, and what follows a source. Sources carry the core's
// FLAVOUR_BIT; a `then` on anything else links nothing, so that a `then` pays nothing for
// progress (the promises of denodeify and friends are never sources: their deferred is not
// handed out).
// Listeners live in a WeakMap from a source to an array of links.

function ProgressLink(child, progressed) {
  this.child = child;
  this.progressed = progressed;
}

module.exports = function installProgress(q) {
  const { Q, Promise, isPromise, STATE, FLAVOUR_BIT: SOURCE, setHook } = q;
  const listeners = new WeakMap();
  // A source that was resolved with a thenable: no longer notified itself; when the thenable
  // is a Q promise, notifications go to that one.
  const forwards = new WeakMap();

  q.markSource = function markSource(promise) {
    promise._bits |= SOURCE;
  };

  function settledOrLocked(promise) {
    return (promise._bits & STATE) !== 0 || forwards.has(promise);
  }

  function listenersOf(promise) {
    let list = listeners.get(promise);
    if (list === undefined) {
      list = [];
      listeners.set(promise, list);
    }
    return list;
  }

  function nearest(promise) {
    let current = promise;
    for (let next = forwards.get(current); isPromise(next); next = forwards.get(current)) current = next;
    return current;
  }

  // A progress handler given to `then` on a promise that is no source (yet): kept for the day
  // it becomes one (linkWaiters). Only `then` calls with a progress handler pay for it.
  const handlersOfWaiting = new WeakMap();

  q.linkProgress = function linkProgress(parent, child, progressed) {
    if ((parent._bits & (SOURCE | STATE)) !== SOURCE) {
      if (typeof progressed === 'function' && (parent._bits & STATE) === 0) handlersOfWaiting.set(child, progressed);
      return;
    }
    child._bits |= SOURCE;
    listenersOf(nearest(parent)).push(new ProgressLink(child, progressed));
  };

  // `source` has just become a source: what was derived from it while it was none (its
  // waiters, and theirs) is linked now, as Q links every `then`.
  function linkWaiters(source) {
    const stack = [source];
    while (stack.length !== 0) {
      const parent = stack.pop();
      const waiters = parent._waiters;
      if (waiters === undefined) continue;
      const list = Array.isArray(waiters) ? waiters : [waiters];
      for (let i = 0; i < list.length; i++) {
        const child = list[i];
        if (!isPromise(child) || (child._bits & (SOURCE | STATE)) !== 0) continue;
        child._bits |= SOURCE;
        listenersOf(nearest(parent)).push(new ProgressLink(child, handlersOfWaiting.get(child)));
        handlersOfWaiting.delete(child);
        stack.push(child);
      }
    }
  }

  function deliver(link, value) {
    let passed = value;
    const progressed = link.progressed;
    if (typeof progressed === 'function') {
      try {
        // Called as a plain function: its `this` is undefined, as in Q.
        passed = progressed(value);
      } catch (error) {
        if (typeof Q.onerror === 'function') Q.onerror(error);
        else throw error;
        return;
      }
    }
    if (!settledOrLocked(link.child)) q.notify(link.child, passed);
  }

  q.notify = function notify(promise, value) {
    const list = listeners.get(promise);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const link = list[i];
      queueMicrotask(() => deliver(link, value));
    }
  };

  // A source resolved with a thenable stops being notified; one resolved with a pending
  // source hands over its listeners, and so does any Q promise that follows a source.
  setHook('followed', function forwardProgress(promise, followee) {
    if (!isPromise(promise)) return;
    // A thenable that is no Q promise may notify through the function Q hands its `then`
    // (setThenableNotifier, below): what follows it is a source from now on.
    if (!isPromise(followee)) promise._bits |= SOURCE;
    const followsSource = isPromise(followee) && (followee._bits & (SOURCE | STATE)) === SOURCE;
    if ((promise._bits & SOURCE) === 0 && !followsSource) return;
    forwards.set(promise, followee);
    if (!followsSource) {
      linkWaiters(promise);
      return;
    }
    const wasSource = (promise._bits & SOURCE) !== 0;
    promise._bits |= SOURCE;
    if (!wasSource) linkWaiters(promise);
    const list = listeners.get(promise);
    if (list === undefined) return;
    listeners.delete(promise);
    const into = listenersOf(nearest(followee));
    for (let i = 0; i < list.length; i++) into.push(list[i]);
  }, true);

  // Q calls a thenable's `then` with a third function, for its progress: what it is given
  // reaches this promise's progress listeners (a promise that follows a thenable is a
  // source). Q passes on the first argument only.
  q.setThenableNotifier(function notifierOf(promise) {
    if ((promise._bits & SOURCE) === 0) {
      promise._bits |= SOURCE;
      linkWaiters(promise);
    }
    return function notify(value) {
      if ((promise._bits & STATE) === 0) q.notify(promise, value);
    };
  });

  Promise.prototype.progress = function progress(progressed) {
    return this.then(undefined, undefined, progressed);
  };
  Q.progress = function progress(object, progressed) {
    return Q(object).then(undefined, undefined, progressed);
  };
};
