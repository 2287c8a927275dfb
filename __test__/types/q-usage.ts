// ferrobird/q's typed surface (q.d.ts) used once, compiled with `tsc --strict --noEmit`
// (npm test). Lines marked @ts-expect-error are misuse the types must reject.
import Q = require('../../q');
import fs = require('fs');

async function main(): Promise<void> {
  const n: number = await Q(1).then((v) => v + 1);
  const nothing: void = await Q();
  const d = Q.defer<string>();
  d.resolve('a');
  d.notify(50);
  const fromDeferred: string = await d.promise.progress(() => undefined).fin(() => undefined);
  const callback: (error: any, value?: string) => void = Q.defer<string>().makeNodeResolver();
  const made: Q.Promise<number> = Q.promise<number>((resolve, reject, notify) => {
    notify(1);
    resolve(2);
    void reject;
  });
  const constructed: Q.Promise<number> = new Q.Promise<number>((resolve) => resolve(3));
  const caught: number | string = await Q.reject<number>(new Error('x')).catch((e: Error) => e.message);
  const failed: number | boolean = await Q(1).fail(() => false);
  const all: [number, string] = await Q.all([1, Q('a')] as [number, Q.Promise<string>]);
  const settled: Q.PromiseState<number>[] = await Q.allSettled([Q(1), 2]);
  const raced: number = await Q.race([Q(1), 2]);
  const spread: number = await Q([1, 2]).spread((a: number, b: number) => a + b);
  const staticSpread: string = await Q.spread([1, 'b'], (a, b) => `${a}${b}`);
  const got: number = await Q({ size: 4 }).get('size');
  const invoked: any = await Q({ f: (x: number) => x }).invoke('f', 1);
  const keys: string[] = await Q.keys({ a: 1 });
  const called: number = await Q.fcall((a: number) => a * 2, 21);
  const when: string = await Q.when(1, (v) => String(v));
  const read: Buffer = await Q.nfcall<Buffer>(fs.readFile, __filename);
  const readLater: (...args: any[]) => Q.Promise<Buffer> = Q.denodeify<Buffer>(fs.readFile);
  const ninvoked: string[] = await Q.ninvoke<string[]>(fs, 'readdir', __dirname);
  const delayed: string = await Q.delay('v', 1);
  const waited: void = await Q.delay(1);
  const timed: number = await Q(1).timeout(100, 'too slow').delay(1);
  const tapped: number = await Q(1).tap(() => undefined).thenResolve(2);
  const state: Q.PromiseState<number> = Q(1).inspect();
  const flags: boolean = Q(1).isFulfilled() || Q(1).isRejected() || Q(1).isPending() || Q.isPromise(5);
  const tried: number = await Q.try(() => 7);
  const finished: number = await Q.finally(Q(8), () => undefined);
  const generated = Q.async(function* (x: number) {
    const y: number = yield Q(x);
    return y + 1;
  });
  const fromGenerator: any = await generated(1);
  const nodeified: number = await Q(1).nodeify((error, value) => void [error, value]);
  Q(1).done((v) => v, (e) => e);
  Q.longStackSupport = true;
  Q.onerror = (error) => void error;
  const reasons: string[] = Q.getUnhandledReasons();

  // @ts-expect-error: a number is not a string
  const wrong: string = await Q(1);
  // @ts-expect-error: defer's resolve wants the deferred's type
  Q.defer<number>().resolve('x');
  // @ts-expect-error: no such method
  Q(1).bogus();
  // @ts-expect-error: delay needs a number of milliseconds
  Q.delay('soon');

  void [n, nothing, fromDeferred, callback, made, constructed, caught, failed, all, settled, raced, spread, staticSpread, got, invoked, keys, called, when, read, readLater, ninvoked, delayed, waited, timed, tapped, state, flags, tried, finished, fromGenerator, nodeified, reasons, wrong];
}

void main;
