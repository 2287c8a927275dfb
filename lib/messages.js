'use strict';
// Every error message in one place, so the same failure always says the same thing.
// Texts follow Bluebird 3.7.2 where Bluebird has one, and V8's otherwise.

function classString(value) {
  return Object.prototype.toString.call(value);
}

module.exports = {
  classString,
  CONSTRUCT_DIRECTLY:
    'the promise constructor cannot be invoked directly\n\n    See http://goo.gl/MqrFmX\n',
  SELF_RESOLUTION: 'Chaining cycle detected for promise #<Promise>',
  // Bluebird's, in its timing.
  CIRCULAR_RESOLUTION: 'circular promise resolution chain\n\n    See http://goo.gl/MqrFmX\n',
  BAD_CONSTRUCTOR: 'The .constructor property is neither undefined nor an object',
  BAD_SPECIES: 'object.constructor[Symbol.species] is not a constructor',
  NOT_A_CONSTRUCTOR: 'Promise resolve or reject function is not callable',
  EXECUTOR_TWICE: 'Promise executor has already been invoked with non-undefined arguments',
  BAD_RESOLVERS: 'Promise resolve or reject function is not callable',
  ANY_EMPTY: 'All promises were rejected',
  SCHEDULING_TOO_LATE: 'the scheduling can only be changed while no promise jobs are queued: choose it at start-up',
  badScheduling(modes, value) {
    return 'scheduling must be ' + modes.map((mode) => "'" + mode + "'").join(' or ') + ', got ' + safeString(value);
  },
  expectingFunction(value) {
    return 'expecting a function but got ' + classString(value);
  },
  thenReceiver(value) {
    return 'Method Promise.prototype.then called on incompatible receiver ' + safeString(value);
  },
  // Bluebird's util.toString, for values shown in messages.
  toDisplayString(value) {
    try {
      return value + '';
    } catch (error) {
      return '[no string representation]';
    }
  },
  notAnObject(method) {
    return method + ' called on non-object';
  },
  noMethod(object, methodName) {
    return 'Object ' + classString(object) + " has no method '" + String(methodName) + "'";
  },
  notAPromiseYielded(value, origin) {
    return 'A value ' + module.exports.toDisplayString(value) + ' was yielded that could not be treated as a promise' +
      '\n\n    See http://goo.gl/MqrFmX\n' + '\nFrom coroutine:\n' + origin;
  },
  NOT_A_GENERATOR: 'generatorFunction must be a function\n\n    See http://goo.gl/MqrFmX\n',
  onCancelNotAFunction(callback) {
    return 'onCancel must be a function, got: ' + module.exports.toDisplayString(callback);
  },
  PROMISIFY_ALL_TARGET: 'the target of promisifyAll must be an object or a function\n\n    See http://goo.gl/MqrFmX\n',
  BAD_SUFFIX: 'suffix must be a valid identifier\n\n    See http://goo.gl/MqrFmX\n',
  USING_ARGUMENTS: 'you must pass at least 2 arguments to Promise.using',
  catchPredicate(filter) {
    return 'Catch statement predicate: expecting an object but got ' + classString(filter);
  },
  catchHandler(handler) {
    return 'The last argument to .catch() must be a function, got ' + String(handler);
  },
  notIterable(values) {
    return 'expecting an array or an iterable object but got ' + classString(values);
  },
  badConcurrency(concurrency) {
    return "'concurrency' must be a number but it is " + classString(concurrency);
  },
  tooFewInputs(howMany, length) {
    return 'Input array must contain at least ' + howMany + ' items but contains only ' + length + ' items';
  },
  TOO_MANY_PROMISES: 'ferrobird engine: too many live promises',
  FROZEN_TARGET: 'a promise frozen while it waited cannot be settled: its handlers will not run',
  // The engine and the JS half of the job queue disagree (engine.js): ferrobird's bug.
  LOCKSTEP: 'ferrobird internal error, please report it: the job queue is out of lockstep: ',
  LOCKSTEP_NO_ENTRY: 'a job with no JS entry',
  LOCKSTEP_NO_JOB: 'a JS entry with no job',
  lockstepCount(jobs, entries) {
    return 'the engine enqueued ' + jobs + ' jobs for ' + entries + ' entries';
  },
  lockstepMismatch(node, kind, expectedNode, expectedKind) {
    const where = expectedNode < 0 ? 'a node of its own target' : 'node ' + expectedNode;
    return 'the engine handed back kind ' + kind + ' on node ' + node + ' where the entry expects kind ' + expectedKind + ' on ' + where;
  },
  // The Q flavour's, as q 1.5.1 words them.
  Q_RESOLVER: 'resolver must be a function.',
  Q_NO_CONFLICT: 'Q.noConflict only works when Q is used as a global',
  Q_NO_FUNCTION: "Q can't wrap an undefined function",
  Q_FINALLY: "Q can't apply finally callback",
  qUnsupported(op) {
    return 'Promise does not support operation: ' + op;
  },
  qJoin(x, y) {
    return "Q can't join: not the same: " + x + ' ' + y;
  },
  // The RSVP flavour's, as rsvp 4.8.5 words them.
  RSVP_CALLBACK: 'Callback must be a function',
  rsvpNeedsArray(method) {
    return method + ' must be called with an array';
  },
};

function safeString(value) {
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch (error) {
    return classString(value);
  }
}
