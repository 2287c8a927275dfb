// Types for require('ferrobird/q'): q 1.5.1's API on the ferrobird engine.
// Written from q's documented API (https://github.com/kriskowal/q/wiki/API-Reference).

declare namespace Q {
  /** A value, or a promise or thenable for one. */
  type IWhenable<T> = T | PromiseLike<T>;

  interface PromiseState<T> {
    state: 'fulfilled' | 'rejected' | 'pending';
    value?: T;
    reason?: any;
  }

  interface Deferred<T> {
    promise: Promise<T>;
    resolve(value?: IWhenable<T>): void;
    reject(reason?: any): void;
    notify(progress?: any): void;
    /** A node-style callback that resolves or rejects this deferred. */
    makeNodeResolver(): (error: any, value?: T) => void;
  }

  type Resolved<T> = T extends PromiseLike<infer U> ? U : T;

  interface Promise<T> extends PromiseLike<T> {
    then<U = T, V = never>(
      onFulfilled?: ((value: T) => IWhenable<U>) | null,
      onRejected?: ((reason: any) => IWhenable<V>) | null,
      onProgress?: ((progress: any) => any) | null
    ): Promise<U | V>;
    catch<U = never>(onRejected: (reason: any) => IWhenable<U>): Promise<T | U>;
    fail<U = never>(onRejected: (reason: any) => IWhenable<U>): Promise<T | U>;
    finally(callback: () => any): Promise<T>;
    fin(callback: () => any): Promise<T>;
    progress(onProgress: (progress: any) => any): Promise<T>;
    /** Ends the chain: a rejection left unhandled is thrown on a later tick. */
    done(onFulfilled?: ((value: T) => any) | null, onRejected?: ((reason: any) => any) | null, onProgress?: ((progress: any) => any) | null): void;
    spread<U>(onFulfilled: (...values: any[]) => IWhenable<U>, onRejected?: (reason: any) => IWhenable<U>): Promise<U>;
    tap(onFulfilled: (value: T) => any): Promise<T>;
    thenResolve<U>(value: U): Promise<U>;
    thenReject<U = T>(reason?: any): Promise<U>;

    // The value as a remote object: property access and method calls, each a promise.
    get<K extends keyof T>(key: K): Promise<T[K]>;
    get(key: PropertyKey): Promise<any>;
    set(key: PropertyKey, value: any): Promise<void>;
    put(key: PropertyKey, value: any): Promise<void>;
    del(key: PropertyKey): Promise<void>;
    delete(key: PropertyKey): Promise<void>;
    post(name: PropertyKey, args: any[]): Promise<any>;
    mapply(name: PropertyKey, args: any[]): Promise<any>;
    invoke(name: PropertyKey, ...args: any[]): Promise<any>;
    send(name: PropertyKey, ...args: any[]): Promise<any>;
    mcall(name: PropertyKey, ...args: any[]): Promise<any>;
    fapply(args: any[]): Promise<any>;
    fcall(...args: any[]): Promise<any>;
    fbind(...args: any[]): (...args: any[]) => Promise<any>;
    keys(): Promise<string[]>;
    dispatch(op: string, args: any[]): Promise<any>;
    passByCopy(): Promise<T>;

    // The value as a node-style function or method.
    nfapply<U = any>(args: any[]): Promise<U>;
    nfcall<U = any>(...args: any[]): Promise<U>;
    nfbind<U = any>(...args: any[]): (...args: any[]) => Promise<U>;
    denodeify<U = any>(...args: any[]): (...args: any[]) => Promise<U>;
    nbind<U = any>(thisArg: any, ...args: any[]): (...args: any[]) => Promise<U>;
    npost<U = any>(name: PropertyKey, args: any[]): Promise<U>;
    nmapply<U = any>(name: PropertyKey, args: any[]): Promise<U>;
    ninvoke<U = any>(name: PropertyKey, ...args: any[]): Promise<U>;
    nsend<U = any>(name: PropertyKey, ...args: any[]): Promise<U>;
    nmcall<U = any>(name: PropertyKey, ...args: any[]): Promise<U>;
    nodeify(callback?: ((error: any, value?: T) => void) | null): Promise<T>;

    // The value as an array of values or promises.
    all(): Promise<T extends readonly (infer E)[] ? Resolved<E>[] : any[]>;
    allSettled(): Promise<PromiseState<T extends readonly (infer E)[] ? Resolved<E> : any>[]>;
    /** @deprecated use allSettled */
    allResolved(): Promise<Promise<any>[]>;
    race(): Promise<T extends readonly (infer E)[] ? Resolved<E> : any>;
    any(): Promise<T extends readonly (infer E)[] ? Resolved<E> : any>;
    join<U>(other: IWhenable<U>): Promise<T & U>;

    timeout(ms: number, message?: string | Error): Promise<T>;
    delay(ms: number): Promise<T>;

    inspect(): PromiseState<T>;
    isFulfilled(): boolean;
    isRejected(): boolean;
    isPending(): boolean;
    toString(): string;
  }

  interface PromiseConstructor {
    new <T>(resolver: (resolve: (value?: IWhenable<T>) => void, reject: (reason?: any) => void, notify: (progress?: any) => void) => void): Promise<T>;
    <T>(resolver: (resolve: (value?: IWhenable<T>) => void, reject: (reason?: any) => void, notify: (progress?: any) => void) => void): Promise<T>;
    resolve<T>(value: IWhenable<T>): Promise<T>;
    reject<T = never>(reason?: any): Promise<T>;
    all<T extends readonly unknown[]>(values: IWhenable<T>): Promise<{ -readonly [K in keyof T]: Resolved<T[K]> }>;
    race<T>(values: IWhenable<readonly IWhenable<T>[]>): Promise<T>;
    readonly prototype: Promise<any>;
  }
}

declare namespace Q {
  interface Static {
    <T>(value: Q.IWhenable<T>): Q.Promise<T>;
    (): Q.Promise<void>;
    Promise: Q.PromiseConstructor;
    /** Whether promises carry the stack traces of the calls that made them. */
    longStackSupport: boolean;

    defer<T = any>(): Q.Deferred<T>;
    promise<T>(resolver: (resolve: (value?: Q.IWhenable<T>) => void, reject: (reason?: any) => void, notify: (progress?: any) => void) => void): Q.Promise<T>;
    resolve<T>(value: Q.IWhenable<T>): Q.Promise<T>;
    resolve(): Q.Promise<void>;
    reject<T = never>(reason?: any): Q.Promise<T>;
    when<T, U = T, V = never>(
      value: Q.IWhenable<T>,
      onFulfilled?: ((value: T) => Q.IWhenable<U>) | null,
      onRejected?: ((reason: any) => Q.IWhenable<V>) | null,
      onProgress?: ((progress: any) => any) | null
    ): Q.Promise<U | V>;
    isPromise(value: any): value is Q.Promise<any>;
    isPromiseAlike(value: any): value is PromiseLike<any>;
    isFulfilled(value: any): boolean;
    isRejected(value: any): boolean;
    isPending(value: any): boolean;
    /** The value itself if it is a fulfilled promise's, else the promise. */
    nearer<T>(value: Q.IWhenable<T>): T | Q.Promise<T>;
    /** The promise constructor, under q's old name. */
    makePromise: Q.PromiseConstructor;
    passByCopy<T>(value: T): T;

    all<T extends readonly unknown[]>(values: Q.IWhenable<T>): Q.Promise<{ -readonly [K in keyof T]: Q.Resolved<T[K]> }>;
    allSettled<T>(values: Q.IWhenable<readonly Q.IWhenable<T>[]>): Q.Promise<Q.PromiseState<T>[]>;
    /** @deprecated use allSettled */
    allResolved<T>(values: Q.IWhenable<readonly Q.IWhenable<T>[]>): Q.Promise<Q.Promise<T>[]>;
    race<T>(values: Q.IWhenable<readonly Q.IWhenable<T>[]>): Q.Promise<T>;
    any<T>(values: Q.IWhenable<readonly Q.IWhenable<T>[]>): Q.Promise<T>;
    spread<U>(values: Q.IWhenable<readonly any[]>, onFulfilled: (...values: any[]) => Q.IWhenable<U>, onRejected?: (reason: any) => Q.IWhenable<U>): Q.Promise<U>;
    join<T, U>(a: Q.IWhenable<T>, b: Q.IWhenable<U>): Q.Promise<T & U>;

    fcall<T>(fn: (...args: any[]) => Q.IWhenable<T>, ...args: any[]): Q.Promise<T>;
    fapply<T>(fn: (...args: any[]) => Q.IWhenable<T>, args: any[]): Q.Promise<T>;
    fbind<T>(fn: (...args: any[]) => Q.IWhenable<T>, ...args: any[]): (...args: any[]) => Q.Promise<T>;
    try<T>(fn: () => Q.IWhenable<T>): Q.Promise<T>;

    nfcall<T = any>(fn: (...args: any[]) => any, ...args: any[]): Q.Promise<T>;
    nfapply<T = any>(fn: (...args: any[]) => any, args: any[]): Q.Promise<T>;
    nfbind<T = any>(fn: (...args: any[]) => any, ...args: any[]): (...args: any[]) => Q.Promise<T>;
    denodeify<T = any>(fn: (...args: any[]) => any, ...args: any[]): (...args: any[]) => Q.Promise<T>;
    nbind<T = any>(fn: (...args: any[]) => any, thisArg: any, ...args: any[]): (...args: any[]) => Q.Promise<T>;
    npost<T = any>(object: any, name: PropertyKey, args: any[]): Q.Promise<T>;
    nmapply<T = any>(object: any, name: PropertyKey, args: any[]): Q.Promise<T>;
    ninvoke<T = any>(object: any, name: PropertyKey, ...args: any[]): Q.Promise<T>;
    nsend<T = any>(object: any, name: PropertyKey, ...args: any[]): Q.Promise<T>;
    nmcall<T = any>(object: any, name: PropertyKey, ...args: any[]): Q.Promise<T>;
    nodeify<T>(value: Q.IWhenable<T>, callback?: ((error: any, value?: T) => void) | null): Q.Promise<T>;

    get(object: any, key: PropertyKey): Q.Promise<any>;
    set(object: any, key: PropertyKey, value: any): Q.Promise<void>;
    put(object: any, key: PropertyKey, value: any): Q.Promise<void>;
    del(object: any, key: PropertyKey): Q.Promise<void>;
    post(object: any, name: PropertyKey, args: any[]): Q.Promise<any>;
    mapply(object: any, name: PropertyKey, args: any[]): Q.Promise<any>;
    invoke(object: any, name: PropertyKey, ...args: any[]): Q.Promise<any>;
    send(object: any, name: PropertyKey, ...args: any[]): Q.Promise<any>;
    mcall(object: any, name: PropertyKey, ...args: any[]): Q.Promise<any>;
    keys(object: any): Q.Promise<string[]>;
    dispatch(object: any, op: string, args: any[]): Q.Promise<any>;

    catch<T, U = never>(value: Q.IWhenable<T>, onRejected: (reason: any) => Q.IWhenable<U>): Q.Promise<T | U>;
    finally<T>(value: Q.IWhenable<T>, callback: () => any): Q.Promise<T>;
    fail<T, U = never>(value: Q.IWhenable<T>, onRejected: (reason: any) => Q.IWhenable<U>): Q.Promise<T | U>;
    fin<T>(value: Q.IWhenable<T>, callback: () => any): Q.Promise<T>;
    progress<T>(value: Q.IWhenable<T>, onProgress: (progress: any) => any): Q.Promise<T>;
    done<T>(value: Q.IWhenable<T>, onFulfilled?: ((value: T) => any) | null, onRejected?: ((reason: any) => any) | null, onProgress?: ((progress: any) => any) | null): void;
    tap<T>(value: Q.IWhenable<T>, onFulfilled: (value: T) => any): Q.Promise<T>;
    thenResolve<U>(value: any, result: U): Q.Promise<U>;
    thenReject<U = never>(value: any, reason?: any): Q.Promise<U>;
    timeout<T>(value: Q.IWhenable<T>, ms: number, message?: string | Error): Q.Promise<T>;
    delay(ms: number): Q.Promise<void>;
    delay<T>(value: Q.IWhenable<T>, ms: number): Q.Promise<T>;

    /** Runs a generator function as a coroutine: each yielded promise is awaited. */
    async<F extends (...args: any[]) => Generator<any, any, any>>(makeGenerator: F): (...args: Parameters<F>) => Q.Promise<any>;
    spawn(makeGenerator: () => Generator<any, any, any>): void;
    /** A function that resolves its arguments (and `this`) before calling `fn`. */
    promised<T>(fn: (...args: any[]) => Q.IWhenable<T>): (...args: any[]) => Q.Promise<T>;

    nextTick(callback: () => void): void;
    /** Only works when Q is a global script: throws here, as in q. */
    noConflict(): never;
    getUnhandledReasons(): string[];
    resetUnhandledRejections(): void;
    stopUnhandledRejectionTracking(): void;
    /** Called with an error that `done()` would throw. */
    onerror: ((error: any) => void) | null | undefined;
  }
}

declare const Q: Q.Static;

export = Q;
