// Types for require('ferrobird/rsvp'): rsvp 4.8.5's API on the ferrobird engine.
// Written from RSVP's documented API (https://github.com/tildeio/rsvp.js).

declare namespace RSVP {
  /** A value, or a promise or thenable for one. */
  type Whenable<T> = T | PromiseLike<T>;
  type Resolved<T> = T extends PromiseLike<infer U> ? U : T;

  type SettledState<T> =
    | { state: 'fulfilled'; value: T }
    | { state: 'rejected'; reason: any };

  interface Deferred<T> {
    promise: Promise<T>;
    resolve(value?: Whenable<T>): void;
    reject(reason?: any): void;
  }

  /** RSVP's promise: ES `then`, `catch` and `finally`, each with an optional label. */
  interface Promise<T> extends PromiseLike<T> {
    then<U = T, V = never>(
      onFulfilled?: ((value: T) => Whenable<U>) | null,
      onRejected?: ((reason: any) => Whenable<V>) | null,
      label?: string
    ): Promise<U | V>;
    catch<U = never>(onRejected?: ((reason: any) => Whenable<U>) | null, label?: string): Promise<T | U>;
    finally(onFinally?: (() => any) | null, label?: string): Promise<T>;
  }

  interface PromiseConstructor {
    new <T>(
      executor: (resolve: (value?: Whenable<T>) => void, reject: (reason?: any) => void) => void,
      label?: string
    ): Promise<T>;
    readonly prototype: Promise<any>;
    resolve(): Promise<void>;
    resolve<T>(value: Whenable<T>, label?: string): Promise<T>;
    cast<T>(value: Whenable<T>, label?: string): Promise<T>;
    reject<T = never>(reason?: any, label?: string): Promise<T>;
    all<T extends readonly unknown[]>(values: T, label?: string): Promise<{ -readonly [K in keyof T]: Resolved<T[K]> }>;
    race<T>(values: readonly Whenable<T>[], label?: string): Promise<T>;
  }

  /** The `on` / `off` / `trigger` mixin, as RSVP.EventTarget. */
  interface EventTargetMixin {
    on(eventName: string, callback: (...args: any[]) => void): void;
    off(eventName: string, callback?: (...args: any[]) => void): void;
    trigger(eventName: string, options?: any, label?: string): void;
  }

  interface EventTargetStatic extends EventTargetMixin {
    /** Adds on, off and trigger to `object`. */
    mixin<O extends object>(object: O): O & EventTargetMixin;
  }

  /** The events RSVP reports: `error` for a rejection nothing handled, and with the
   * `instrument` option `created`, `chained`, `fulfilled` and `rejected`. */
  interface InstrumentEvent {
    guid: string;
    childGuid?: string;
    eventName: string;
    detail: any;
    label?: string;
    timeStamp: number;
    stack?: string;
  }
}

declare namespace RSVP {
  interface Static {
    Promise: RSVP.PromiseConstructor;
    /** The module itself, as the ESM entry's default export. */
    default: RSVP.Static;
    EventTarget: RSVP.EventTargetStatic;

    resolve(): RSVP.Promise<void>;
    resolve<T>(value: RSVP.Whenable<T>, label?: string): RSVP.Promise<T>;
    cast<T>(value: RSVP.Whenable<T>, label?: string): RSVP.Promise<T>;
    reject<T = never>(reason?: any, label?: string): RSVP.Promise<T>;
    defer<T = any>(label?: string): RSVP.Deferred<T>;

    all<T extends readonly unknown[]>(values: T, label?: string): RSVP.Promise<{ -readonly [K in keyof T]: RSVP.Resolved<T[K]> }>;
    allSettled<T extends readonly unknown[]>(
      values: T,
      label?: string
    ): RSVP.Promise<{ -readonly [K in keyof T]: RSVP.SettledState<RSVP.Resolved<T[K]>> }>;
    race<T>(values: readonly RSVP.Whenable<T>[], label?: string): RSVP.Promise<T>;
    hash<O extends object>(object: RSVP.Whenable<O>, label?: string): RSVP.Promise<{ [K in keyof O]: RSVP.Resolved<O[K]> }>;
    hashSettled<O extends object>(
      object: RSVP.Whenable<O>,
      label?: string
    ): RSVP.Promise<{ [K in keyof O]: RSVP.SettledState<RSVP.Resolved<O[K]>> }>;
    map<T, U>(values: RSVP.Whenable<readonly RSVP.Whenable<T>[]>, mapFn: (value: T) => RSVP.Whenable<U>, label?: string): RSVP.Promise<U[]>;
    filter<T>(values: RSVP.Whenable<readonly RSVP.Whenable<T>[]>, filterFn: (value: T) => RSVP.Whenable<boolean>, label?: string): RSVP.Promise<T[]>;

    /** A promise-returning version of a node-style function; `options` true or an array of
     * names gives all the callback's values (as an array, or as an object by those names). */
    denodeify<T = any>(nodeFunc: (...args: any[]) => void, options?: boolean | string[]): (...args: any[]) => RSVP.Promise<T>;

    /** Reads (one argument) or sets an option: `instrument`, `instrument-with-stack`, `async`,
     * `after`. */
    configure(name: string): any;
    configure(name: string, value: any): void;
    on(eventName: 'error', callback: (reason: any, label?: string) => void): void;
    on(eventName: 'created' | 'chained' | 'fulfilled' | 'rejected', callback: (event: RSVP.InstrumentEvent) => void): void;
    on(eventName: string, callback: (...args: any[]) => void): void;
    off(eventName: string, callback?: (...args: any[]) => void): void;

    /** Runs `callback(arg)` soon, on the queue RSVP runs its callbacks on. */
    asap<A>(callback: (arg: A) => void, arg: A): void;
    async<A>(callback: (arg: A) => void, arg: A): void;
    /** Throws `reason` now, and again on a later tick so that it is reported. */
    rethrow(reason: any): never;
  }
}

declare const RSVP: RSVP.Static;

export = RSVP;
