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
};

function safeString(value) {
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch (error) {
    return classString(value);
  }
}
