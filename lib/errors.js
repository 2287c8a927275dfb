'use strict';
// Bluebird's error classes, with its names, default messages and shapes.

function notEnumerable(object, name, value) {
  Object.defineProperty(object, name, { value, configurable: true, enumerable: false, writable: true });
}

function subError(name, defaultMessage) {
  function SubError(message) {
    if (!(this instanceof SubError)) return new SubError(message);
    notEnumerable(this, 'message', typeof message === 'string' ? message : defaultMessage);
    notEnumerable(this, 'name', name);
    if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
    else Error.call(this);
  }
  SubError.prototype = Object.create(Error.prototype, {
    constructor: { value: SubError, configurable: true, writable: true, enumerable: false },
  });
  Object.defineProperty(SubError, 'name', { value: name });
  return SubError;
}

const TimeoutError = subError('TimeoutError', 'timeout error');
const CancellationError = subError('CancellationError', 'cancellation error');
const Warning = subError('Warning', 'warning');

// Bluebird's async.throwLater: an error that must not become a rejection (a throwing
// onCancel, disposer or event listener, a rejection reaching .done()) is thrown from a
// timer, as an uncaught exception.
function throwLater(error) {
  setTimeout(() => {
    throw error;
  }, 0);
}

// An Error that is also array-like, as Bluebird's is, and an ES AggregateError with `errors`,
// so code written for either shape works. Bluebird's is made with a message, with or without
// `new`; an ES one with the errors first. Both calls work here: a first argument that is
// iterable (and not a string) is the errors.
function AggregateError(errorsOrMessage, message) {
  if (new.target === undefined) return new AggregateError(...arguments);
  const hasErrors = errorsOrMessage != null && typeof errorsOrMessage !== 'string' && typeof errorsOrMessage[Symbol.iterator] === 'function';
  const list = hasErrors ? Array.from(errorsOrMessage) : [];
  const text = hasErrors ? message : errorsOrMessage;
  const self = Reflect.construct(global.AggregateError, [list, text === undefined ? 'aggregate error' : String(text)], new.target);
  notEnumerable(self, 'length', list.length);
  for (let i = 0; i < list.length; i++) self[i] = list[i];
  return self;
}
Object.setPrototypeOf(AggregateError, global.AggregateError);
AggregateError.prototype = Object.create(global.AggregateError.prototype, {
  constructor: { value: AggregateError, writable: true, configurable: true },
});
// Bluebird's `.error()` catches it, as it catches any rejection Bluebird made.
notEnumerable(AggregateError.prototype, 'isOperational', true);
notEnumerable(AggregateError.prototype, 'toString', function toString() {
  const lines = ['AggregateError of:'];
  for (let i = 0; i < this.length; i++) {
    const error = this[i];
    const text = error === this ? '[Circular AggregateError]' : error && error.stack ? error.stack : String(error);
    lines.push(...text.split('\n').map((line) => '    ' + line));
  }
  return lines.join('\n');
});
for (const method of ['join', 'pop', 'push', 'shift', 'unshift', 'slice', 'filter', 'forEach',
  'some', 'every', 'map', 'indexOf', 'lastIndexOf', 'reduce', 'reduceRight', 'sort', 'reverse']) {
  notEnumerable(AggregateError.prototype, method, Array.prototype[method]);
}
notEnumerable(AggregateError.prototype, 'name', 'AggregateError');

// An error from a node-style callback, as Bluebird's promisify wraps it.
function OperationalError(message) {
  if (!(this instanceof OperationalError)) return new OperationalError(message);
  notEnumerable(this, 'name', 'OperationalError');
  notEnumerable(this, 'message', message);
  this.cause = message;
  this.isOperational = true;
  if (message instanceof Error) {
    notEnumerable(this, 'message', message.message);
    notEnumerable(this, 'stack', message.stack);
  } else if (Error.captureStackTrace) {
    Error.captureStackTrace(this, this.constructor);
  }
}
OperationalError.prototype = Object.create(Error.prototype, {
  constructor: { value: OperationalError, configurable: true, writable: true, enumerable: false },
});

function isUntypedError(error) {
  return error instanceof Error && Object.getPrototypeOf(error) === Error.prototype;
}

const ERROR_KEYS = /^(?:name|message|stack|cause)$/;

// Bluebird's nodeback wrapping: a plain Error becomes an OperationalError carrying it as
// `cause`; anything else is marked `isOperational` (where it can be) and passed on.
// Bluebird's maybeWrapAsError: a primitive thrown or passed to a callback becomes an Error
// with its text, so that the rejection has a stack.
function maybeWrapAsError(value) {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) return value;
  let text;
  try {
    text = String(value);
  } catch (error) {
    text = '[no string representation]';
  }
  return new Error(text);
}

function wrapAsOperationalError(error) {
  if (isUntypedError(error)) {
    const wrapped = new OperationalError(error);
    wrapped.name = error.name;
    wrapped.message = error.message;
    wrapped.stack = error.stack;
    for (const key of Object.keys(error)) {
      if (!ERROR_KEYS.test(key)) wrapped[key] = error[key];
    }
    return wrapped;
  }
  markAsOperational(error);
  return error;
}

// Bluebird's markAsOriginatingFromRejection: `.error()` catches it.
function markAsOperational(error) {
  try {
    notEnumerable(error, 'isOperational', true);
  } catch (ignored) {
    // primitives and frozen objects cannot be marked
  }
}

function isOperational(error) {
  if (error == null) return false;
  return error instanceof OperationalError || error.isOperational === true;
}

module.exports = {
  TimeoutError,
  CancellationError,
  Warning,
  AggregateError,
  OperationalError,
  RejectionError: OperationalError,
  wrapAsOperationalError,
  maybeWrapAsError,
  isOperational,
  markAsOperational,
  throwLater,
};
