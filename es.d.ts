// Types for require('ferrobird/es'): ECMAScript's Promise on ferrobird's engine. Its
// instances are TypeScript's own `Promise<T>` (lib.es2015.promise.d.ts and later), and its
// constructor is TypeScript's `PromiseConstructor` with ECMA-262 2025's statics added for
// projects whose `lib` predates them.

declare namespace FerrobirdEsPromise {
  /** What `Promise.withResolvers()` returns (lib.es2024.promise.d.ts's PromiseWithResolvers). */
  interface Resolvers<T> {
    promise: Promise<T>;
    resolve(value: T | PromiseLike<T>): void;
    reject(reason?: any): void;
  }

  interface Constructor extends PromiseConstructor {
    readonly prototype: Promise<any>;
    /** A promise and the two functions that settle it. */
    withResolvers<T>(): Resolvers<T>;
    /** Calls `callbackFn(...args)` now; its result or its error settles the promise. */
    try<T, U extends unknown[]>(callbackFn: (...args: U) => T | PromiseLike<T>, ...args: U): Promise<Awaited<T>>;
  }
}

declare const FerrobirdEsPromise: FerrobirdEsPromise.Constructor;
export = FerrobirdEsPromise;
