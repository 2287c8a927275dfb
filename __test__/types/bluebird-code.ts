// Code written against Bluebird's types (@types/bluebird), compiled twice by `npm test`:
// once with 'promise-lib' mapped to @types/bluebird, to prove it is Bluebird code, and once
// mapped to ferrobird's index.d.ts. The second compile is the promise a user relies on when
// they change `require('bluebird')` to `require('ferrobird')`: their typed code still compiles.
//
// Why not `const x: typeof Bluebird = Ferro`: tsc cannot decide that for two independent
// declarations of a recursive class with generic overloads. It rejects @types/bluebird against
// a renamed verbatim copy of itself (tsc 4.9.5, 5.0.4, 5.5.4, 5.9.3), so the check would say
// nothing about ferrobird.
import Promise = require('promise-lib');

type Library = typeof Promise;

class NotFound extends Error {}

function lookup(id: number): Promise<string> {
  return id > 0 ? Promise.resolve(`user${id}`) : Promise.reject(new NotFound(String(id)));
}

function orDefault(p: Promise<string>, fallback: string): Promise<string> {
  return p.catch(NotFound, () => fallback).catch((e: unknown) => (e instanceof Error ? e.message : 'unknown'));
}

function withDeadline<T>(lib: Library, p: PromiseLike<T>, ms: number): Promise<T | null> {
  return lib.resolve(p).timeout(ms).catch(lib.TimeoutError, () => null);
}

function inspect<T>(p: Promise<T>): Promise<Promise.Inspection<T>> {
  return p.reflect();
}

function settleAll(ids: number[]): Promise<Array<Promise.Inspection<string>>> {
  return Promise.all(ids.map((id) => lookup(id).reflect()));
}

function connection(name: string): Promise.Disposer<{ name: string; close(): void }> {
  return Promise.resolve({ name, close() {} }).disposer((conn) => conn.close());
}

function useConnection(): Promise<string> {
  return Promise.using(connection('db'), (conn) => Promise.resolve(conn.name));
}

function deferred(): Promise.Resolver<number> {
  const resolver = Promise.defer<number>();
  resolver.resolve(1);
  return resolver;
}

function mapNames(ids: number[]): Promise<string[]> {
  return Promise.map(ids, (id) => lookup(id), { concurrency: 2 })
    .filter((name) => name.length > 0)
    .mapSeries((name) => name.toUpperCase());
}

function totals(ids: number[]): Promise<number> {
  return Promise.reduce(ids, (sum: number, id) => lookup(id).then((name) => sum + name.length), 0);
}

function profile(id: number): Promise<{ name: string; id: number }> {
  return Promise.props({ name: lookup(id), id });
}

const readFile = Promise.promisify((path: string, cb: (err: Error | null, data?: string) => void) => cb(null, path));

function readBoth(): Promise<string> {
  return Promise.join(readFile('a'), readFile('b'), (a, b) => a + b);
}

const counter = Promise.coroutine(function* (start: number) {
  const next: number = yield Promise.resolve(start + 1);
  return next;
});

function dual(cb?: (err: any, value?: string) => void): Promise<string> {
  return lookup(1).asCallback(cb);
}

function cancellable(): Promise<number> {
  const p = new Promise<number>((resolve, _reject, onCancel) => {
    const timer = setTimeout(() => resolve(1), 10);
    if (onCancel) onCancel(() => clearTimeout(timer));
  });
  p.cancel();
  return p;
}

async function awaited(): globalThis.Promise<number> {
  const name: string = await orDefault(lookup(0), 'nobody');
  const results = await settleAll([1, -1]);
  const fulfilled = results.filter((r) => r.isFulfilled()).map((r) => r.value());
  const late: number | null = await withDeadline(Promise, Promise.delay(5, 7), 100);
  return name.length + fulfilled.length + (late ?? 0);
}

export {
  lookup, orDefault, withDeadline, inspect, settleAll, useConnection, deferred, mapNames, totals, profile,
  readBoth, counter, dual, cancellable, awaited,
};
