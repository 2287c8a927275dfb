// Every part of ferrobird's typed surface used once, compiled with `tsc --strict --noEmit`
// (npm test). Lines marked @ts-expect-error are misuse the types must reject.
import Promise = require('../..');
import { TimeoutError, CancellationError, OperationalError, AggregateError } from '../..';

async function main(): globalThis.Promise<void> {
  const n: number = await new Promise<number>((resolve, reject, onCancel) => {
    if (onCancel) onCancel(() => undefined);
    resolve(1);
    void reject;
  });
  const s: string = await Promise.resolve(n).then((v) => String(v));
  const caught: number | string = await Promise.reject(new Error('x')).catch(TypeError, (e) => e.message).catch(() => 0);
  const filtered: number | boolean = await Promise.resolve(1).catch((e: unknown) => e instanceof RangeError, () => false);
  const tuple: [number, string] = await Promise.all([1, Promise.resolve('a')] as [number, Promise<string>]);
  const list: number[] = await Promise.map([1, 2, 3], (x) => x * 2, { concurrency: 2 });
  const reduced: number = await Promise.reduce([1, 2, 3], (sum: number, x) => sum + x, 0);
  const kept: number[] = await Promise.filter([1, 2, 3], (x) => x > 1);
  const props: { a: number; b: string } = await Promise.props({ a: 1, b: Promise.resolve('b') });
  const joined: string = await Promise.join(Promise.resolve(1), 'two', (a, b) => `${a}${b}`);
  const some: number[] = await Promise.some([1, 2, 3], 2);
  const first: number = await Promise.any([1, Promise.resolve(2)]);
  const settled = await Promise.allSettled([1, Promise.reject(new Error('r'))]);
  const firstSettled: boolean = settled[0].isFulfilled();
  const read = Promise.promisify((path: string, cb: (err: Error | null, data?: string) => void) => cb(null, path));
  const data: string = await read('file');
  const api = Promise.promisifyAll({ get(key: string, cb: (err: Error | null, value?: number) => void) { cb(null, key.length); } });
  const got: number = await api.getAsync('key');
  const method = Promise.method((a: number, b: number) => a + b);
  const summed: number = await method(1, 2);
  const co = Promise.coroutine<number, [number]>(function* (x: number) {
    const y: number = yield Promise.resolve(x);
    return y + 1;
  });
  const fromCo: number = await co(1);
  const delayed: string = await Promise.delay(1, 'late');
  const timed: number = await Promise.resolve(1).timeout(100, 'too slow');
  const tapped: number = await Promise.resolve(1).tap(() => undefined).tapCatch(() => undefined);
  const returned: string = await Promise.resolve(1).return('r');
  const viaGet: number = await Promise.resolve({ k: 1 }).get('k');
  const spread: number = await Promise.resolve([1, 2]).spread((a: number, b: number) => a + b);
  const inspection = await Promise.resolve(1).reflect();
  const value: number = inspection.value();
  const viaCallback = Promise.resolve(1).asCallback((err, v) => void [err, v]);
  const fromNode: number = await Promise.fromCallback<number>((cb) => cb(null, 1));
  const resource: number = await Promise.using(Promise.resolve(1).disposer(() => undefined), (r) => Promise.resolve(r + 1));
  const deferred = Promise.defer<number>();
  deferred.resolve(1);
  Promise.config({ cancellation: true, longStackTraces: false, warnings: { wForgottenReturn: false }, asyncHooks: false, nativeTimers: false, scheduling: "es" });
  const copy: typeof Promise = Promise.getNewLibraryCopy();
  const version: string = Promise.version;
  const errors = [new TimeoutError('t'), new CancellationError('c'), new OperationalError('o'), new AggregateError('a')];
  const isTimeout: boolean = errors[0] instanceof Promise.TimeoutError;
  const pending = new Promise<void>(() => undefined);
  pending.cancel();
  const native: PromiseLike<number> = Promise.resolve(1);
  const awaited: number = await (async () => Promise.resolve(5))();

  // @ts-expect-error: the executor must be a function
  new Promise<number>(42);
  // @ts-expect-error: a string is not a number
  const wrong: number = await Promise.resolve('s');
  // @ts-expect-error: map needs a mapper
  Promise.map([1, 2]);
  // @ts-expect-error: no such method
  Promise.resolve(1).nonsense();
  // @ts-expect-error: get takes a key of the value
  Promise.resolve({ k: 1 }).get('missing');

  void [n, s, caught, filtered, tuple, list, reduced, kept, props, joined, some, first, firstSettled, data, got, summed, fromCo,
    delayed, timed, tapped, returned, viaGet, spread, value, viaCallback, fromNode, resource, copy, version, isTimeout, native,
    awaited, wrong];
}

void main;
