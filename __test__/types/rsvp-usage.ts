// ferrobird/rsvp's typed surface (rsvp.d.ts) used once, compiled with `tsc --strict --noEmit`
// (npm test). Lines marked @ts-expect-error are misuse the types must reject.
import RSVP = require('../../rsvp');
import fs = require('fs');

async function main(): Promise<void> {
  const constructed: RSVP.Promise<number> = new RSVP.Promise<number>((resolve, reject) => {
    resolve(1);
    void reject;
  }, 'a label');
  const n: number = await constructed.then((v) => v + 1, undefined, 'then label');
  const caught: number | string = await RSVP.reject<number>(new Error('x')).catch((e: Error) => e.message, 'catch label');
  const finished: number = await RSVP.resolve(2).finally(() => undefined);
  const cast: string = await RSVP.Promise.cast('c');
  const all: [number, string] = await RSVP.all([1, RSVP.resolve('a')] as [number, RSVP.Promise<string>]);
  const staticAll: [number, string] = await RSVP.Promise.all([1, RSVP.resolve('a')] as [number, RSVP.Promise<string>]);
  const settled = await RSVP.allSettled([RSVP.resolve(1), 2] as [RSVP.Promise<number>, number]);
  const first: RSVP.SettledState<number> = settled[0];
  const raced: number = await RSVP.race([RSVP.resolve(1), 2]);
  const hash: { a: number; b: string } = await RSVP.hash({ a: 1, b: RSVP.resolve('b') });
  const hashSettled: { a: RSVP.SettledState<number> } = await RSVP.hashSettled({ a: RSVP.resolve(1) });
  const mapped: string[] = await RSVP.map([1, RSVP.resolve(2)], (x) => String(x));
  const filtered: number[] = await RSVP.filter([1, 2, 3], (x) => x > 1);
  const deferred: RSVP.Deferred<string> = RSVP.defer<string>();
  deferred.resolve('d');
  const fromDeferred: string = await deferred.promise;
  const readFile: (...args: any[]) => RSVP.Promise<Buffer> = RSVP.denodeify<Buffer>(fs.readFile);
  const read: Buffer = await readFile(__filename);
  RSVP.on('error', (reason) => void reason);
  RSVP.on('created', (event) => void event.guid);
  RSVP.off('error');
  RSVP.configure('instrument', false);
  const instrument: any = RSVP.configure('instrument');
  RSVP.async((x: number) => void x, 1);
  RSVP.asap((x: string) => void x, 'y');
  const target = RSVP.EventTarget.mixin({});
  target.on('e', () => undefined);
  target.trigger('e', {});
  const sameModule: RSVP.Promise<number> = RSVP.default.resolve(5);

  // @ts-expect-error: a number is not a string
  const wrong: string = await RSVP.resolve(1);
  // @ts-expect-error: the executor must be a function
  new RSVP.Promise<number>(42);
  // @ts-expect-error: map needs a mapping function
  RSVP.map([1, 2]);
  // @ts-expect-error: hash takes an object
  RSVP.hash(5);

  void [n, caught, finished, cast, all, staticAll, first, raced, hash, hashSettled, mapped, filtered, fromDeferred, read, instrument, sameModule, wrong];
}

void main;
