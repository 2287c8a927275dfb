// ferrobird/es's typed surface (es.d.ts) used once, compiled with `tsc --strict --noEmit`
// (npm test). Lines marked @ts-expect-error are misuse the types must reject.
import EsPromise = require('../../es');

async function main(): Promise<void> {
  const n: number = await EsPromise.resolve(1).then((v) => v + 1);
  const constructed: Promise<string> = new EsPromise<string>((resolve) => resolve('a'));
  const all: [number, string] = await EsPromise.all([1, constructed] as const);
  const settled = await EsPromise.allSettled([EsPromise.reject(new Error('x'))]);
  const status: 'fulfilled' | 'rejected' = settled[0].status;
  const { promise, resolve } = EsPromise.withResolvers<number>();
  resolve(2);
  const fromTry: number = await EsPromise.try((a: number, b: number) => a + b, 1, 2);
  const raced: number = await EsPromise.race([promise, EsPromise.resolve(3)]);
  const any: number = await EsPromise.any([promise]);
  const caught: number | string = await EsPromise.reject<number>(new Error('x')).catch((e: Error) => e.message);
  const finished: number = await EsPromise.resolve(4).finally(() => undefined);
  class Sub<T> extends EsPromise<T> {}
  const sub: Sub<number> = new Sub<number>((r) => r(5));
  // @ts-expect-error: then's handler gets a number
  await EsPromise.resolve(1).then((v: string) => v);
  // @ts-expect-error: try passes its arguments on, typed
  await EsPromise.try((a: number) => a, 'not a number');
  void [n, all, status, fromTry, raced, any, caught, finished, sub];
}

void main;
