'use strict';
// Bluebird's collection methods, static and instance: all, props, any, some, race, map,
// filter, mapSeries, each, reduce, settle, allSettled. Inputs may be promises for iterables;
// the values in them may be promises too.

const { expectingFunction, classString } = require('./messages');
const { AggregateError } = require('./errors');

module.exports = function installCollections(core) {
  const { Promise, PromiseInspection, isPromise, INTERNAL, STATE, CANCELLED, FULFILLED } = core;

  // With cancellation on, cancelling a collection's result cancels its inputs (Bluebird).
  function cancelsInputs(result, values) {
    if (!core.cancellationEnabled() || !Array.isArray(values)) return result;
    core.onCancel(result, {
      cancelled() {
        for (const value of values) if (isPromise(value)) value.cancel();
      },
    });
    return result;
  }

  // An object as a promise of this library: itself if it is one (of this very constructor),
  // else Promise.resolve of it. The collections read its state to skip a job per element.
  function asOwnPromise(value) {
    return isPromise(value) && value.constructor === Promise ? value : Promise.resolve(value);
  }

  // What an element of a collection is now: a plain value, or a fulfilled promise's value.
  // Anything else gets an element reaction that reports `index` to `aggregate` (its
  // `settled`), and the answer is WAITING when the promise is pending (its job comes when it
  // settles), QUEUED when it is rejected or cancelled (its job is queued now).
  const WAITING = Object.freeze({});
  const QUEUED = Object.freeze({});

  function valueNowOrReact(value, aggregate, index) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const promise = asOwnPromise(value);
    const bits = promise._bits;
    if ((bits & (STATE | CANCELLED)) === FULFILLED) return promise._value;
    core.addElementReaction(promise, aggregate, index);
    return (bits & STATE) === 0 ? WAITING : QUEUED;
  }

  function isReacting(value) {
    return value === WAITING || value === QUEUED;
  }

  const esAll = Promise.all;
  const esRace = Promise.race;

  function toArray(values) {
    if (values == null || typeof values[Symbol.iterator] !== 'function' || typeof values === 'string') {
      throw new TypeError('expecting an array or an iterable object but got ' + classString(values));
    }
    return Array.from(values);
  }

  // Resolves `input` (a value or a promise for one) and hands the array to `body`.
  function withArray(input, body) {
    return Promise.resolve(input).then((values) => body(toArray(values)));
  }

  // The same, without copying an array, for a `body` that reads every element before it
  // returns (as Bluebird reads them): map and filter. Copying map c16's 1e5 inputs was most
  // of the bytes it promoted beyond bluebird's.
  function withArrayReadAtOnce(input, body) {
    return Promise.resolve(input).then((values) => body(Array.isArray(values) ? values : toArray(values)));
  }

  // Bluebird's all and race also take a promise for the array; other constructors (`this`)
  // get ECMA-262's.
  function acceptingPromiseForArray(esMethod) {
    return function (input) {
      if (this !== Promise) return esMethod.call(this, input);
      if (input !== null && typeof input === 'object' && typeof input.then === 'function') {
        return Promise.resolve(input).then((values) => esMethod.call(Promise, values));
      }
      return cancelsInputs(esMethod.call(Promise, input), input);
    };
  }

  // Promise.all over an array, on the main export: one element reaction per element instead
  // of ECMA-262's resolve-element closures and derived promises, and a single job for all the
  // elements that are already fulfilled (plain values and fulfilled promises of ours), queued
  // after the loop. Their jobs in the spec only store a value and count down; the result
  // settles in the last element job, and nothing is queued between the last element's job
  // and the end of the loop, so the result still settles between the same jobs as the
  // spec's (the ES6 conformance suite, differential.test.js and the fuzz check the tick).
  // Taken only while `then` and `resolve` are the originals: a patched one must be called,
  // as the spec calls it.
  //
  // An element job is quiet (core.js) when it is a fulfilment and more element jobs are to
  // come: those only store a value, and a later one settles the result, on the spec's tick.
  // `unqueued` counts the element reactions on pending promises whose jobs are not queued
  // yet; until the loop ends (`looping`) it is not known, and every job has its microtask.
  function AllAggregate(result, values) {
    this.result = result;
    this.values = values;
    this.remaining = values.length;
    this.done = false;
    this.looping = true;
    this.unqueued = 0;
  }

  AllAggregate.prototype.elementDue = function (fulfilled) {
    this.unqueued--;
    return fulfilled && !this.looping && this.unqueued !== 0;
  };

  AllAggregate.prototype.settled = function (index, fulfilled, value) {
    if (this.done) return;
    if (!fulfilled) {
      this.done = true;
      core.reject(this.result, value);
      return;
    }
    this.values[index] = value;
    this.countDown(1);
  };

  AllAggregate.prototype.countDown = function (count) {
    this.remaining -= count;
    if (this.remaining === 0) {
      this.done = true;
      core.resolve(this.result, this.values);
    }
  };

  // The one job of the `count` elements whose values were stored when Promise.all ran.
  function FulfilledRun(aggregate, count) {
    this.aggregate = aggregate;
    this.count = count;
  }

  FulfilledRun.prototype.settled = function () {
    if (!this.aggregate.done) this.aggregate.countDown(this.count);
  };

  const originalThen = Promise.prototype.then;
  const originalResolve = Promise.resolve;

  function allOfArray(input) {
    const length = input.length;
    const values = new Array(length);
    const result = new Promise(INTERNAL);
    const aggregate = new AllAggregate(result, values);
    if (length === 0) core.resolve(result, values);
    let fulfilled = 0; // elements already fulfilled: their values are stored now
    for (let i = 0; i < length; i++) {
      const value = valueNowOrReact(input[i], aggregate, i);
      if (value === WAITING) aggregate.unqueued++;
      if (isReacting(value)) continue;
      values[i] = value;
      fulfilled++;
    }
    aggregate.looping = false;
    if (fulfilled !== 0) core.addFulfilledElement(new FulfilledRun(aggregate, fulfilled), 0, undefined);
    return cancelsInputs(result, input);
  }

  const allWithPromiseForArray = acceptingPromiseForArray(esAll);
  Promise.all = function all(input) {
    if (this === Promise && Array.isArray(input) && Promise.prototype.then === originalThen && Promise.resolve === originalResolve) {
      return allOfArray(input);
    }
    return allWithPromiseForArray.call(this, input);
  };
  Promise.race = acceptingPromiseForArray(esRace);

  function reflectAll(input) {
    return withArray(input, (values) =>
      esAll.call(Promise, values.map((value) => {
        const promise = Promise.resolve(value);
        return promise.then(() => new PromiseInspection(promise), () => new PromiseInspection(promise));
      }))
    );
  }
  Promise.settle = reflectAll;
  Promise.allSettled = reflectAll;

  Promise.props = function (input) {
    return Promise.resolve(input).then((object) => {
      if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
        throw new TypeError('cannot await properties of a non-object\n\n    See http://goo.gl/MqrFmX\n');
      }
      if (object instanceof Map) {
        const keys = [...object.keys()];
        return esAll.call(Promise, [...object.values()]).then((values) => new Map(keys.map((key, i) => [key, values[i]])));
      }
      const keys = Object.keys(object);
      return esAll.call(Promise, keys.map((key) => object[key])).then((values) => {
        const result = {};
        keys.forEach((key, i) => { result[key] = values[i]; });
        return result;
      });
    });
  };

  function rangeError(howMany, length) {
    return new RangeError('Input array must contain at least ' + howMany + ' items but contains only ' + length + ' items');
  }

  function some(input, howMany, unwrap) {
    if ((howMany | 0) !== howMany || howMany < 0) {
      return Promise.reject(new TypeError('expecting a positive integer\n\n    See http://goo.gl/MqrFmX\n'));
    }
    return withArray(input, (values) => cancelsInputs(new Promise((resolve, reject) => {
      if (howMany === 0) return resolve([]);
      if (howMany > values.length) return reject(rangeError(howMany, values.length));
      const fulfilled = [];
      const errors = [];
      let done = false;
      for (const value of values) {
        Promise.resolve(value).then((result) => {
          if (done) return;
          fulfilled.push(result);
          if (fulfilled.length === howMany) {
            done = true;
            resolve(unwrap ? fulfilled[0] : fulfilled);
          }
        }, (reason) => {
          if (done) return;
          errors.push(reason);
          if (values.length - errors.length < howMany) {
            done = true;
            reject(new AggregateError(errors));
          }
        });
      }
    }), values));
  }

  Promise.some = (input, howMany) => some(input, howMany, false);
  Promise.any = (input) => some(input, 1, true);

  function concurrencyOf(options) {
    if (options === undefined || options === null) return Infinity;
    const concurrency = options.concurrency;
    if (concurrency === undefined) return Infinity;
    if (typeof concurrency !== 'number') {
      throw new TypeError("'concurrency' must be a number but it is " + classString(concurrency));
    }
    return concurrency >= 1 ? concurrency : Infinity;
  }

  // map and filter: inputs awaited in parallel, mappers started as inputs arrive, at most
  // `limit` mapper results pending at once, results in input order. Like Promise.all, one
  // MapAggregate per call and one element reaction per pending input or mapper result: an
  // input's reaction reports index i, a mapper result's i + length.
  function MapAggregate(result, values, mapper, limit, keep) {
    this.result = result;
    this.values = values;
    // map's results overwrite the inputs (a mapper has read its input before its result
    // arrives); filter needs both. A second 1e5 array was promoted on every map c16 run.
    this.mapped = keep ? new Array(values.length) : values;
    this.mapper = mapper;
    this.limit = limit;
    this.keep = keep;
    this.running = 0;
    this.finished = 0;
    this.done = false;
    // Inputs that arrived while every slot was taken, by index: a stack, as Bluebird's queue
    // is (it pops), so the latest arrival is mapped first. Its bottom is a range of
    // consecutive indexes, [waitFrom, waitTo), its top the array `waiting`: map c16's 1e5
    // plain inputs are one range, not an array grown to 1e5 every run (3% of its profile).
    this.waitFrom = 0;
    this.waitTo = 0;
    this.waiting = [];
  }

  // Every job of map's and filter's is quiet (core.js): Bluebird runs them in its batches,
  // and so may a mapper that one starts.
  MapAggregate.prototype.elementDue = function () {
    return true;
  };

  MapAggregate.prototype.settled = function (index, fulfilled, value) {
    if (this.done) return;
    if (!fulfilled) {
      this.fail(value);
      return;
    }
    const length = this.values.length;
    if (index < length) this.arrived(index, value);
    else this.finish(index - length, value);
    this.pump();
  };

  MapAggregate.prototype.fail = function (reason) {
    this.done = true;
    core.reject(this.result, reason);
  };

  // An input is here: its mapper starts now if a slot is free, as Bluebird starts it.
  MapAggregate.prototype.arrived = function (index, value) {
    this.values[index] = value;
    if (this.running < this.limit) this.start(index);
    else this.wait(index);
  };

  MapAggregate.prototype.wait = function (index) {
    if (this.waiting.length === 0) {
      if (this.waitFrom === this.waitTo) {
        this.waitFrom = index;
        this.waitTo = index + 1;
        return;
      }
      if (index === this.waitTo) {
        this.waitTo++;
        return;
      }
    }
    this.waiting.push(index);
  };

  // Starts waiting mappers while slots are free, the latest arrival first; a mapper that
  // returns a plain value or a fulfilled promise finishes in the loop (no recursion).
  MapAggregate.prototype.pump = function () {
    while (!this.done && this.running < this.limit) {
      let index;
      if (this.waiting.length !== 0) index = this.waiting.pop();
      else if (this.waitFrom < this.waitTo) index = --this.waitTo;
      else return;
      this.start(index);
    }
  };

  MapAggregate.prototype.start = function (index) {
    this.running++;
    let result;
    try {
      result = this.mapper(this.values[index], index, this.values.length);
    } catch (error) {
      this.fail(error);
      return;
    }
    result = valueNowOrReact(result, this, index + this.values.length);
    if (!isReacting(result)) this.finish(index, result);
  };

  MapAggregate.prototype.finish = function (index, value) {
    this.running--;
    this.mapped[index] = value;
    if (++this.finished < this.values.length) return;
    this.done = true;
    let output = this.mapped;
    if (this.keep) output = this.values.filter((_, i) => this.mapped[i]);
    core.fulfill(this.result, output);
  };

  function mapping(input, mapper, options, keep) {
    if (typeof mapper !== 'function') return Promise.reject(new TypeError(expectingFunction(mapper)));
    let limit;
    try {
      limit = concurrencyOf(options);
    } catch (error) {
      return Promise.reject(error);
    }
    return withArrayReadAtOnce(input, (values) => {
      const length = values.length;
      const result = new Promise(INTERNAL);
      if (length === 0) {
        core.fulfill(result, []);
        return result;
      }
      const aggregate = new MapAggregate(result, new Array(length), mapper, limit, keep);
      for (let i = 0; i < length && !aggregate.done; i++) {
        const value = valueNowOrReact(values[i], aggregate, i);
        if (!isReacting(value)) aggregate.arrived(i, value);
      }
      aggregate.pump();
      return cancelsInputs(result, values);
    });
  }

  Promise.map = (input, mapper, options) => mapping(input, mapper, options, false);
  Promise.filter = (input, predicate, options) => mapping(input, predicate, options, true);

  // reduce, mapSeries and each: one item at a time, in order.
  function reduce(input, reducer, initial, hasInitial) {
    if (typeof reducer !== 'function') return Promise.reject(new TypeError(expectingFunction(reducer)));
    return withArray(input, (values) => {
      const length = values.length;
      let index = 0;
      let accumulator = hasInitial ? Promise.resolve(initial) : undefined;
      if (!hasInitial) {
        if (length === 0) return undefined;
        accumulator = Promise.resolve(values[0]);
        index = 1;
      }
      for (let i = index; i < length; i++) {
        accumulator = accumulator.then((acc) =>
          Promise.resolve(values[i]).then((item) => reducer(acc, item, i, length))
        );
      }
      return accumulator;
    });
  }

  Promise.reduce = function (input, reducer, initial) {
    return reduce(input, reducer, initial, arguments.length > 2);
  };

  Promise.mapSeries = function (input, mapper) {
    if (typeof mapper !== 'function') return Promise.reject(new TypeError(expectingFunction(mapper)));
    return withArray(input, (values) => {
      const results = [];
      return reduce(values, (_, item, index, length) =>
        Promise.resolve(mapper(item, index, length)).then((mapped) => { results.push(mapped); }), undefined, true
      ).then(() => results);
    });
  };

  Promise.each = function (input, iterator) {
    if (typeof iterator !== 'function') return Promise.reject(new TypeError(expectingFunction(iterator)));
    return withArray(input, (values) => {
      const resolved = [];
      return reduce(values, (_, item, index, length) => {
        resolved.push(item);
        return iterator(item, index, length);
      }, undefined, true).then(() => resolved);
    });
  };

  // Instance forms: the promise's value is the input.
  Promise.prototype.all = function () { return this.then((values) => Promise.all(values)); };
  Promise.prototype.props = function () { return Promise.props(this); };
  Promise.prototype.settle = function () { return Promise.settle(this); };
  Promise.prototype.any = function () { return Promise.any(this); };
  Promise.prototype.some = function (howMany) { return Promise.some(this, howMany); };
  Promise.prototype.race = function () { return this.then((values) => Promise.race(values)); };
  Promise.prototype.map = function (mapper, options) { return Promise.map(this, mapper, options); };
  Promise.prototype.filter = function (predicate, options) { return Promise.filter(this, predicate, options); };
  Promise.prototype.mapSeries = function (mapper) { return Promise.mapSeries(this, mapper); };
  Promise.prototype.each = function (iterator) { return Promise.each(this, iterator); };
  Promise.prototype.reduce = function (reducer, initial) {
    return arguments.length > 1 ? Promise.reduce(this, reducer, initial) : Promise.reduce(this, reducer);
  };
};
