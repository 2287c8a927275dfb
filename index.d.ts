// Type definitions for ferrobird: Bluebird 3.7's API on a Rust promise engine.
//
// Written by hand in the shape of @types/bluebird, so that code typed against Bluebird
// compiles against ferrobird: __test__/types/bluebird-code.ts is compiled against both.
// Where TypeScript can say it in one signature (variadic tuples for join, promisify,
// method, coroutine), it does.

type Constructor<E> = new (...args: any[]) => E;
type CatchFilter<E> = ((error: E) => boolean) | (object & E);
type Filter<E> = Constructor<E> | CatchFilter<E>;
type Resolvable<R> = R | PromiseLike<R>;
type IterateFunction<T, R> = (item: T, index: number, arrayLength: number) => Resolvable<R>;
type Values<R> = Resolvable<Iterable<Resolvable<R>>>;

type WithoutLast<T> = T extends [...infer A, any] ? A : [];
type Last<T> = T extends [...any[], infer L] ? L : never;
type CallbackValues<T> = T extends (error: any, ...data: infer D) => any ? D : never;
type NodeStyleResult<F> = F extends (...args: infer A) => any ? Exclude<CallbackValues<NonNullable<Last<A>>>[0], undefined> : never;
type PromisifiedMethod<F> = F extends (...args: infer A) => any
    ? NodeStyleResult<F> extends never ? never : (...args: WithoutLast<A>) => Promise<NodeStyleResult<F>>
    : never;
type PromisifyAll<T> = { [K in keyof T as K extends string ? `${K}Async` : never]: PromisifiedMethod<T[K]> } & T;
type AwaitedTuple<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type InspectionTuple<T extends readonly unknown[]> = { -readonly [K in keyof T]: Promise.Inspection<Awaited<T[K]>> };

declare class Promise<R> implements PromiseLike<R>, Promise.Inspection<R> {
    readonly [Symbol.toStringTag]: "Object";

    constructor(
        executor: (
            resolve: (thenableOrResult?: Resolvable<R>) => void,
            reject: (error?: any) => void,
            onCancel?: (callback: () => void) => void,
        ) => void,
    );

    // ---- chaining ----
    then<U>(onFulfill?: (value: R) => Resolvable<U>, onReject?: (error: any) => Resolvable<U>): Promise<U>;
    then<TResult1 = R, TResult2 = never>(
        onfulfilled?: ((value: R) => Resolvable<TResult1>) | null,
        onrejected?: ((reason: any) => Resolvable<TResult2>) | null,
    ): Promise<TResult1 | TResult2>;

    catch<U = R>(onReject: ((error: any) => Resolvable<U>) | undefined | null): Promise<U | R>;
    catch<U, E1, E2, E3, E4, E5>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, filter4: Constructor<E4>, filter5: Constructor<E5>, onReject: (error: E1 | E2 | E3 | E4 | E5) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2, E3, E4, E5>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, filter4: Filter<E4>, filter5: Filter<E5>, onReject: (error: E1 | E2 | E3 | E4 | E5) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2, E3, E4>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, filter4: Constructor<E4>, onReject: (error: E1 | E2 | E3 | E4) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2, E3, E4>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, filter4: Filter<E4>, onReject: (error: E1 | E2 | E3 | E4) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2, E3>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, onReject: (error: E1 | E2 | E3) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2, E3>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, onReject: (error: E1 | E2 | E3) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2>(filter1: Constructor<E1>, filter2: Constructor<E2>, onReject: (error: E1 | E2) => Resolvable<U>): Promise<U | R>;
    catch<U, E1, E2>(filter1: Filter<E1>, filter2: Filter<E2>, onReject: (error: E1 | E2) => Resolvable<U>): Promise<U | R>;
    catch<U, E1>(filter1: Constructor<E1>, onReject: (error: E1) => Resolvable<U>): Promise<U | R>;
    catch<U, E1>(filter1: Filter<E1>, onReject: (error: E1) => Resolvable<U>): Promise<U | R>;
    caught: Promise<R>["catch"];

    error<U>(onReject: (reason: any) => Resolvable<U>): Promise<U>;
    finally(handler: () => Resolvable<any>): Promise<R>;
    lastly: Promise<R>["finally"];
    bind(thisArg: any): Promise<R>;
    done<U>(onFulfilled?: (value: R) => Resolvable<U>, onRejected?: (error: any) => Resolvable<U>): void;

    tap(onFulFill: (value: R) => Resolvable<any>): Promise<R>;
    tapCatch(onReject: (error?: any) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3, E4, E5>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, filter4: Constructor<E4>, filter5: Constructor<E5>, onReject: (error: E1 | E2 | E3 | E4 | E5) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3, E4, E5>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, filter4: Filter<E4>, filter5: Filter<E5>, onReject: (error: E1 | E2 | E3 | E4 | E5) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3, E4>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, filter4: Constructor<E4>, onReject: (error: E1 | E2 | E3 | E4) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3, E4>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, filter4: Filter<E4>, onReject: (error: E1 | E2 | E3 | E4) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3>(filter1: Constructor<E1>, filter2: Constructor<E2>, filter3: Constructor<E3>, onReject: (error: E1 | E2 | E3) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2, E3>(filter1: Filter<E1>, filter2: Filter<E2>, filter3: Filter<E3>, onReject: (error: E1 | E2 | E3) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2>(filter1: Constructor<E1>, filter2: Constructor<E2>, onReject: (error: E1 | E2) => Resolvable<any>): Promise<R>;
    tapCatch<E1, E2>(filter1: Filter<E1>, filter2: Filter<E2>, onReject: (error: E1 | E2) => Resolvable<any>): Promise<R>;
    tapCatch<E1>(filter1: Constructor<E1>, onReject: (error: E1) => Resolvable<any>): Promise<R>;
    tapCatch<E1>(filter1: Filter<E1>, onReject: (error: E1) => Resolvable<any>): Promise<R>;

    delay(ms: number): Promise<R>;
    timeout(ms: number, message?: string | Error): Promise<R>;

    nodeify(callback: (err: any, value?: R) => void, options?: Promise.SpreadOption): this;
    nodeify(...sink: any[]): this;
    asCallback(callback: (err: any, value?: R) => void, options?: Promise.SpreadOption): this;
    asCallback(...sink: any[]): this;

    // ---- synchronous inspection ----
    isFulfilled(): boolean;
    isRejected(): boolean;
    isPending(): boolean;
    isCancelled(): boolean;
    isResolved(): boolean;
    value(): R;
    reason(): any;
    reflect(): Promise<Promise.Inspection<R>>;
    suppressUnhandledRejections(): void;
    toString(): string;
    toJSON(): object;

    // ---- value sugar ----
    call<U extends keyof Q, Q>(
        this: Promise<Q>,
        propertyName: U,
        ...args: any[]
    ): Promise<Q[U] extends (...args: any[]) => any ? ReturnType<Q[U]> : never>;
    get<U extends keyof R>(key: U): Promise<R[U]>;
    return(): Promise<void>;
    return<U>(value: U): Promise<U>;
    thenReturn(): Promise<void>;
    thenReturn<U>(value: U): Promise<U>;
    throw(reason: Error): Promise<never>;
    thenThrow(reason: Error): Promise<never>;
    catchReturn<U>(value: U): Promise<R | U>;
    catchReturn<U>(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, filter4: Constructor<Error>, filter5: Constructor<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, filter4: Filter<Error>, filter5: Filter<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, filter4: Constructor<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, filter4: Filter<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Constructor<Error>, filter2: Constructor<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Filter<Error>, filter2: Filter<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Constructor<Error>, value: U): Promise<R | U>;
    catchReturn<U>(filter1: Filter<Error>, value: U): Promise<R | U>;
    catchThrow(reason: Error): Promise<R>;
    catchThrow(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, filter4: Constructor<Error>, filter5: Constructor<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, filter4: Filter<Error>, filter5: Filter<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, filter4: Constructor<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, filter4: Filter<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Constructor<Error>, filter2: Constructor<Error>, filter3: Constructor<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Filter<Error>, filter2: Filter<Error>, filter3: Filter<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Constructor<Error>, filter2: Constructor<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Filter<Error>, filter2: Filter<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Constructor<Error>, reason: Error): Promise<R>;
    catchThrow(filter1: Filter<Error>, reason: Error): Promise<R>;

    // ---- collections on a promise for an iterable ----
    spread<U, Q>(this: Promise<R & Iterable<Q>>, fulfilledHandler: (...values: Q[]) => Resolvable<U>): Promise<U>;
    all<T extends readonly unknown[]>(this: Promise<T>): Promise<AwaitedTuple<T>>;
    all<Q>(this: Promise<Iterable<Resolvable<Q>>>): Promise<Q[]>;
    all(): Promise<never>;
    props<K, V>(this: PromiseLike<Map<K, Resolvable<V>>>): Promise<Map<K, V>>;
    props<T>(this: PromiseLike<Promise.ResolvableProps<T>>): Promise<T>;
    any<Q>(this: Promise<R & Iterable<Q>>): Promise<Q>;
    any(): Promise<never>;
    some<Q>(this: Promise<R & Iterable<Q>>, count: number): Promise<R>;
    some(count: number): Promise<never>;
    race<Q>(this: Promise<R & Iterable<Q>>): Promise<Q>;
    race(): Promise<never>;
    map<U, Q>(this: Promise<R & Iterable<Q>>, mapper: IterateFunction<Q, U>, options?: Promise.ConcurrencyOption): Promise<U[]>;
    reduce<U, Q>(
        this: Promise<R & Iterable<Q>>,
        reducer: (memo: U, item: Q, index: number, arrayLength: number) => Resolvable<U>,
        initialValue?: Resolvable<U>,
    ): Promise<U>;
    filter<Q>(this: Promise<R & Iterable<Q>>, filterer: IterateFunction<Q, boolean>, options?: Promise.ConcurrencyOption): Promise<R>;
    each<Q>(this: Promise<R & Iterable<Q>>, iterator: IterateFunction<Q, any>): Promise<R>;
    mapSeries<U, Q>(this: Promise<R & Iterable<Q>>, iterator: IterateFunction<Q, U>): Promise<U[]>;

    // ---- cancellation and resources ----
    cancel(): void;
    break(): void;
    isCancellable(): boolean;
    disposer(disposeFn: (arg: R, promise: Promise<R>) => Resolvable<void>): Promise.Disposer<R>;

    // ---- statics ----
    static try<R>(fn: () => Resolvable<R>): Promise<R>;
    static attempt<R>(fn: () => Resolvable<R>): Promise<R>;
    static method<A extends any[], R>(fn: (...args: A) => Resolvable<R>): (...args: A) => Promise<R>;
    // @types/bluebird's overloads, result type first, for code that gives the type arguments.
    static method<R>(fn: () => Resolvable<R>): () => Promise<R>;
    static method<R, A1>(fn: (arg1: A1) => Resolvable<R>): (arg1: A1) => Promise<R>;
    static method<R, A1, A2>(fn: (arg1: A1, arg2: A2) => Resolvable<R>): (arg1: A1, arg2: A2) => Promise<R>;
    static method<R, A1, A2, A3>(fn: (arg1: A1, arg2: A2, arg3: A3) => Resolvable<R>): (arg1: A1, arg2: A2, arg3: A3) => Promise<R>;
    static method<R, A1, A2, A3, A4>(fn: (arg1: A1, arg2: A2, arg3: A3, arg4: A4) => Resolvable<R>): (arg1: A1, arg2: A2, arg3: A3, arg4: A4) => Promise<R>;
    static method<R, A1, A2, A3, A4, A5>(fn: (arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5) => Resolvable<R>): (arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5) => Promise<R>;
    static resolve(): Promise<void>;
    static resolve<R>(value: Resolvable<R>): Promise<R>;
    static fulfilled: typeof Promise.resolve;
    static cast<R>(value: Resolvable<R>): Promise<R>;
    static reject(reason: any): Promise<never>;
    static rejected: typeof Promise.reject;
    static defer<R>(): Promise.Resolver<R>;
    static bind(thisArg: any): Promise<void>;
    static is(value: any): boolean;
    static longStackTraces(): void;
    static hasLongStackTraces(): boolean;
    static delay<R>(ms: number, value: Resolvable<R>): Promise<R>;
    static delay(ms: number): Promise<void>;

    static promisify<F extends (...args: any[]) => void>(
        func: F,
        options?: Promise.PromisifyOptions,
    ): (...args: WithoutLast<Parameters<F>>) => Promise<NodeStyleResult<F>>;
    // @types/bluebird's overloads, result type first, for code that gives the type arguments.
    static promisify<T>(func: (callback: (err: any, result?: T) => void) => void, options?: Promise.PromisifyOptions): () => Promise<T>;
    static promisify<T, A1>(
        func: (arg1: A1, callback: (err: any, result?: T) => void) => void,
        options?: Promise.PromisifyOptions,
    ): (arg1: A1) => Promise<T>;
    static promisify<T, A1, A2>(
        func: (arg1: A1, arg2: A2, callback: (err: any, result?: T) => void) => void,
        options?: Promise.PromisifyOptions,
    ): (arg1: A1, arg2: A2) => Promise<T>;
    static promisify<T, A1, A2, A3>(
        func: (arg1: A1, arg2: A2, arg3: A3, callback: (err: any, result?: T) => void) => void,
        options?: Promise.PromisifyOptions,
    ): (arg1: A1, arg2: A2, arg3: A3) => Promise<T>;
    static promisify<T, A1, A2, A3, A4>(
        func: (arg1: A1, arg2: A2, arg3: A3, arg4: A4, callback: (err: any, result?: T) => void) => void,
        options?: Promise.PromisifyOptions,
    ): (arg1: A1, arg2: A2, arg3: A3, arg4: A4) => Promise<T>;
    static promisify<T, A1, A2, A3, A4, A5>(
        func: (arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, callback: (err: any, result?: T) => void) => void,
        options?: Promise.PromisifyOptions,
    ): (arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5) => Promise<T>;
    static promisify(nodeFunction: (...args: any[]) => void, options?: Promise.PromisifyOptions): (...args: any[]) => Promise<any>;
    static promisifyAll<T extends object>(target: T, options?: Promise.PromisifyAllOptions<T>): PromisifyAll<T>;
    static fromNode<T>(resolver: (callback: (err: any, result?: T) => void) => void, options?: Promise.FromNodeOptions): Promise<T>;
    static fromCallback<T>(resolver: (callback: (err: any, result?: T) => void) => void, options?: Promise.FromNodeOptions): Promise<T>;

    static coroutine<T, A extends any[] = []>(
        generatorFunction: (...args: A) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (...args: A) => Promise<T>;
    // @types/bluebird's overloads, for code that gives the argument types one by one.
    static coroutine<T, A1>(
        generatorFunction: (a1: A1) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1) => Promise<T>;
    static coroutine<T, A1, A2>(
        generatorFunction: (a1: A1, a2: A2) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2) => Promise<T>;
    static coroutine<T, A1, A2, A3>(
        generatorFunction: (a1: A1, a2: A2, a3: A3) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3) => Promise<T>;
    static coroutine<T, A1, A2, A3, A4>(
        generatorFunction: (a1: A1, a2: A2, a3: A3, a4: A4) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3, a4: A4) => Promise<T>;
    static coroutine<T, A1, A2, A3, A4, A5>(
        generatorFunction: (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5) => Promise<T>;
    static coroutine<T, A1, A2, A3, A4, A5, A6>(
        generatorFunction: (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6) => Promise<T>;
    static coroutine<T, A1, A2, A3, A4, A5, A6, A7>(
        generatorFunction: (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7) => Promise<T>;
    static coroutine<T, A1, A2, A3, A4, A5, A6, A7, A8>(
        generatorFunction: (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8) => IterableIterator<any>,
        options?: Promise.CoroutineOptions,
    ): (a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8) => Promise<T>;
    static spawn<T>(generatorFunction: () => IterableIterator<any>): Promise<T>;

    static onPossiblyUnhandledRejection(handler: (reason: any) => any): void;
    static onPossiblyUnhandledRejection(handler?: (error: Error, promise: Promise<any>) => void): void;
    static onUnhandledRejectionHandled(handler?: (promise: Promise<any>) => void): void;

    static all<T extends readonly unknown[] | []>(values: T): Promise<AwaitedTuple<T>>;
    static all<R>(values: Values<R>): Promise<R[]>;
    static allSettled<T extends readonly unknown[] | []>(values: T): Promise<InspectionTuple<T>>;
    static allSettled<R>(values: Values<R>): Promise<Array<Promise.Inspection<R>>>;
    static settle<R>(values: Values<R>): Promise<Array<Promise.Inspection<R>>>;
    static props<K, V>(map: Resolvable<Map<K, Resolvable<V>>>): Promise<Map<K, V>>;
    static props<T>(object: PromiseLike<Promise.ResolvableProps<T>>): Promise<T>;
    static props<T>(object: Promise.ResolvableProps<T>): Promise<T>;
    static any<R>(values: Values<R>): Promise<R>;
    static race<R>(values: Values<R>): Promise<R>;
    static some<R>(values: Values<R>, count: number): Promise<R[]>;
    static join<V extends readonly unknown[], R>(
        ...valuesThenHandler: [...values: V, handler: (...values: AwaitedTuple<V>) => Resolvable<R>]
    ): Promise<R>;
    // @types/bluebird's overloads, result type first, for code that gives the type arguments.
    static join<R, A1>(arg1: Resolvable<A1>, handler: (arg1: A1) => Resolvable<R>): Promise<R>;
    static join<R, A1, A2>(arg1: Resolvable<A1>, arg2: Resolvable<A2>, handler: (arg1: A1, arg2: A2) => Resolvable<R>): Promise<R>;
    static join<R, A1, A2, A3>(arg1: Resolvable<A1>, arg2: Resolvable<A2>, arg3: Resolvable<A3>, handler: (arg1: A1, arg2: A2, arg3: A3) => Resolvable<R>): Promise<R>;
    static join<R, A1, A2, A3, A4>(arg1: Resolvable<A1>, arg2: Resolvable<A2>, arg3: Resolvable<A3>, arg4: Resolvable<A4>, handler: (arg1: A1, arg2: A2, arg3: A3, arg4: A4) => Resolvable<R>): Promise<R>;
    static join<R, A1, A2, A3, A4, A5>(arg1: Resolvable<A1>, arg2: Resolvable<A2>, arg3: Resolvable<A3>, arg4: Resolvable<A4>, arg5: Resolvable<A5>, handler: (arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5) => Resolvable<R>): Promise<R>;
    static join<R>(...values: Array<Resolvable<R>>): Promise<R[]>;
    static map<R, U>(values: Values<R>, mapper: IterateFunction<R, U>, options?: Promise.ConcurrencyOption): Promise<U[]>;
    static reduce<R, U>(
        values: Values<R>,
        reducer: (total: U, current: R, index: number, arrayLength: number) => Resolvable<U>,
        initialValue?: Resolvable<U>,
    ): Promise<U>;
    static filter<R>(values: Values<R>, filterer: IterateFunction<R, boolean>, option?: Promise.ConcurrencyOption): Promise<R[]>;
    static each<R>(values: Values<R>, iterator: IterateFunction<R, any>): Promise<R[]>;
    static mapSeries<R, U>(values: Values<R>, iterator: IterateFunction<R, U>): Promise<U[]>;

    static using<R, T>(disposer: Promise.Disposer<R>, executor: (transaction: R) => PromiseLike<T>): Promise<T>;
    static using<R1, R2, T>(
        disposer: Promise.Disposer<R1>,
        disposer2: Promise.Disposer<R2>,
        executor: (transaction1: R1, transaction2: R2) => PromiseLike<T>,
    ): Promise<T>;
    static using<R1, R2, R3, T>(
        disposer: Promise.Disposer<R1>,
        disposer2: Promise.Disposer<R2>,
        disposer3: Promise.Disposer<R3>,
        executor: (transaction1: R1, transaction2: R2, transaction3: R3) => PromiseLike<T>,
    ): Promise<T>;
    static using<T>(...disposersThenExecutor: [...disposers: Array<Promise.Disposer<any>>, executor: (...resources: any[]) => PromiseLike<T>]): Promise<T>;

    static config(options: Promise.ConfigOptions): void;
    static setScheduler(scheduler: (callback: (...args: any[]) => void) => void): (callback: (...args: any[]) => void) => void;
    static getNewLibraryCopy(): typeof Promise;
    static noConflict(): typeof Promise;

    static Promise: typeof Promise;
    static version: string;
    static PromiseInspection: new <T>(promise?: Promise<T>) => Promise.Inspection<T>;
    static TypeError: TypeErrorConstructor;
    static RangeError: RangeErrorConstructor;
}

declare namespace Promise {
    interface ConcurrencyOption {
        concurrency: number;
    }
    interface SpreadOption {
        spread: boolean;
    }
    interface FromNodeOptions {
        multiArgs?: boolean | undefined;
    }
    interface PromisifyOptions {
        context?: any;
        multiArgs?: boolean | undefined;
    }
    interface PromisifyAllOptions<T> extends PromisifyOptions {
        suffix?: string | undefined;
        filter?(name: string, func: (...args: any[]) => any, target?: any, passesDefaultFilter?: boolean): boolean;
        promisifier?(
            this: T,
            originalMethod: (...args: any[]) => any,
            defaultPromisifer: (...args: any[]) => (...args: any[]) => Promise<any>,
        ): () => PromiseLike<any>;
    }
    interface CoroutineOptions {
        yieldHandler(value: any): any;
    }
    interface ConfigOptions {
        warnings?: boolean | { wForgottenReturn: boolean } | undefined;
        longStackTraces?: boolean | undefined;
        cancellation?: boolean | undefined;
        monitoring?: boolean | undefined;
        asyncHooks?: boolean | undefined;
        /** ferrobird only: 'warn' prints unhandled rejections and goes on, as Bluebird does. */
        /** `"warn"` (the default without `--unhandled-rejections`): Bluebird's print and go on; `"throw"` or `"node"`: Node's mode. */
        unhandledRejections?: "warn" | "throw" | "node" | undefined;
        /**
         * ferrobird only: delay and timeout on the native timer service (one tokio thread,
         * expiries delivered in batches) instead of setTimeout. Pays with very many timers of
         * different delays; fake timers do not apply to it.
         */
        nativeTimers?: boolean | undefined;
        /**
         * ferrobird only: when handlers run. 'es' (the default) interleaves them with native
         * promise jobs as ECMA-262 does; 'bluebird' is Bluebird 3.7's timing (batches drained
         * from setImmediate, promises of ours adopted at once, a thenable's `then` called while
         * resolving). Choose it at start-up (or with FERROBIRD_SCHEDULING): it throws once
         * promise jobs are queued.
         */
        scheduling?: "es" | "bluebird" | undefined;
        /**
         * ferrobird only: on Node 24 and later (AsyncLocalStorage on async context frames),
         * each handler runs in the AsyncLocalStorage context of the call that attached it, as
         * native promises' do; `false` gives Bluebird's behaviour (the context of whoever runs
         * the jobs). Without frames (Node 20 and 22) it is always off; `asyncHooks: true`
         * keeps the contexts there.
         */
        asyncContext?: boolean | undefined;
    }

    class OperationalError extends Error {
        readonly isOperational: true;
        cause?: unknown;
    }
    const RejectionError: typeof OperationalError;
    class TimeoutError extends Error {}
    class CancellationError extends Error {}
    class Warning extends Error {}
    class AggregateError extends Error implements ArrayLike<Error> {
        length: number;
        [index: number]: Error;
        join(separator?: string): string;
        pop(): Error;
        push(...errors: Error[]): number;
        shift(): Error;
        unshift(...errors: Error[]): number;
        slice(begin?: number, end?: number): AggregateError;
        filter(callback: (element: Error, index: number, array: AggregateError) => boolean, thisArg?: any): AggregateError;
        forEach(callback: (element: Error, index: number, array: AggregateError) => void, thisArg?: any): undefined;
        some(callback: (element: Error, index: number, array: AggregateError) => boolean, thisArg?: any): boolean;
        every(callback: (element: Error, index: number, array: AggregateError) => boolean, thisArg?: any): boolean;
        map(callback: (element: Error, index: number, array: AggregateError) => boolean, thisArg?: any): AggregateError;
        indexOf(searchElement: Error, fromIndex?: number): number;
        lastIndexOf(searchElement: Error, fromIndex?: number): number;
        reduce(callback: (accumulator: any, element: Error, index: number, array: AggregateError) => any, initialValue?: any): any;
        reduceRight(callback: (previousValue: any, element: Error, index: number, array: AggregateError) => any, initialValue?: any): any;
        sort(compareFunction?: (errLeft: Error, errRight: Error) => number): AggregateError;
        reverse(): AggregateError;
    }
    class Disposer<R> {}

    type Thenable<T> = PromiseLike<T>;
    type ResolvableProps<T> = object & { [K in keyof T]: Resolvable<T[K]> };

    interface Resolver<R> {
        promise: Promise<R>;
        resolve(value: R): void;
        resolve(): void;
        reject(reason: any): void;
        callback(err: any, value: R, ...values: R[]): void;
    }

    interface Inspection<R> {
        isFulfilled(): boolean;
        isRejected(): boolean;
        isCancelled(): boolean;
        isPending(): boolean;
        value(): R;
        reason(): any;
    }
}

export = Promise;
