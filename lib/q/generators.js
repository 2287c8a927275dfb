'use strict';
// Q.async, Q.spawn and Q.promised: generator functions that yield promises, and functions
// whose promised arguments are awaited before the call.

module.exports = function installGenerators(q) {
  const { Q, reject } = q;

  Q.async = function async(makeGenerator) {
    return function () {
      const generator = makeGenerator.apply(this, arguments);
      function continuer(verb, arg) {
        let result;
        try {
          result = generator[verb](arg);
        } catch (exception) {
          return reject(exception);
        }
        if (result.done) return Q(result.value);
        return Q(result.value).then(callback, errback);
      }
      const callback = (value) => continuer('next', value);
      const errback = (reason) => continuer('throw', reason);
      return callback();
    };
  };

  Q.spawn = function spawn(makeGenerator) {
    Q.done(Q.async(makeGenerator)());
  };

  Q.promised = function promised(callback) {
    return function () {
      return Q.spread([this, Q.all(arguments)], (self, args) => callback.apply(self, args));
    };
  };
};
