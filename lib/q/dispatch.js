'use strict';
// Q's promise-as-proxy: messages (get, set, delete, post, apply, keys) sent to the value a
// promise will have, performed on a later tick once it is fulfilled; a rejected promise
// answers every message with its rejection. Each method also exists as a static taking the
// object (or a promise for it) first.

const slice = Array.prototype.slice;

function perform(value, op, args) {
  switch (op) {
    case 'when':
      return value;
    case 'get':
      return value[args[0]];
    case 'set':
      value[args[0]] = args[1];
      return undefined;
    case 'delete':
      delete value[args[0]];
      return undefined;
    case 'post':
      // With no name, post applies the promised function itself (Mark Miller's proposal).
      if (args[0] === null || args[0] === undefined) return value.apply(undefined, args[1]);
      return value[args[0]].apply(value, args[1]);
    case 'apply':
      return value.apply(args[0], args[1]);
    case 'keys':
      return Object.keys(value);
    default:
      throw new Error(messages.qUnsupported(op));
  }
}

const messages = require('../messages');

module.exports = function installDispatch(q) {
  const { Q, Promise } = q;
  const proto = Promise.prototype;

  proto.dispatch = function dispatch(op, args) {
    return this._then((value) => perform(value, op, args), undefined, undefined, undefined, undefined);
  };

  proto.get = function get(key) {
    return this.dispatch('get', [key]);
  };
  proto.set = proto.put = function set(key, value) {
    return this.dispatch('set', [key, value]);
  };
  proto.delete = proto.del = function del(key) {
    return this.dispatch('delete', [key]);
  };
  proto.post = proto.mapply = function post(name, args) {
    return this.dispatch('post', [name, args]);
  };
  proto.invoke = proto.send = proto.mcall = function invoke(name) {
    return this.dispatch('post', [name, slice.call(arguments, 1)]);
  };
  proto.fapply = function fapply(args) {
    return this.dispatch('apply', [undefined, args]);
  };
  proto.fcall = function fcall() {
    return this.dispatch('apply', [undefined, slice.call(arguments)]);
  };
  proto.fbind = function fbind() {
    const promise = this;
    const args = slice.call(arguments);
    return function fbound() {
      return promise.dispatch('apply', [this, args.concat(slice.call(arguments))]);
    };
  };
  proto.keys = function keys() {
    return this.dispatch('keys', []);
  };

  Q.dispatch = function dispatch(object, op, args) {
    return Q(object).dispatch(op, args);
  };
  Q.get = function get(object, key) {
    return Q(object).dispatch('get', [key]);
  };
  Q.set = Q.put = function set(object, key, value) {
    return Q(object).dispatch('set', [key, value]);
  };
  Q.delete = Q.del = function del(object, key) {
    return Q(object).dispatch('delete', [key]);
  };
  Q.post = Q.mapply = function post(object, name, args) {
    return Q(object).dispatch('post', [name, args]);
  };
  Q.invoke = Q.send = Q.mcall = function invoke(object, name) {
    return Q(object).dispatch('post', [name, slice.call(arguments, 2)]);
  };
  Q.fapply = function fapply(object, args) {
    return Q(object).dispatch('apply', [undefined, args]);
  };
  Q.try = Q.fcall = function fcall(object) {
    return Q(object).dispatch('apply', [undefined, slice.call(arguments, 1)]);
  };
  Q.fbind = function fbind(object) {
    const promise = Q(object);
    const args = slice.call(arguments, 1);
    return function fbound() {
      return promise.dispatch('apply', [this, args.concat(slice.call(arguments))]);
    };
  };
  Q.keys = function keys(object) {
    return Q(object).dispatch('keys', []);
  };
};
