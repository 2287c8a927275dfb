// Bluebird code with explicit type arguments, in @types/bluebird 3.5's order, compiled against
// @types/bluebird and against ferrobird's index.d.ts (tsconfig.bluebird-code.json and
// tsconfig.ferrobird-code.json): a type argument list that compiles for Bluebird compiles for
// ferrobird, and means the same.
import Promise = require('promise-lib');
import fs = require('fs');

const readdir = Promise.promisify<string[], string>(fs.readdir);
const listed: Promise<string[]> = readdir('.');

const stat = Promise.promisify<fs.Stats, string>(fs.stat);
const size: Promise<number> = stat('.').then((s) => s.size);

const noArgs = Promise.promisify<number>((callback: (err: any, result?: number) => void) => callback(null, 1));
const one: Promise<number> = noArgs();

const two = Promise.promisify<string, number, boolean>((n: number, b: boolean, callback: (err: any, result?: string) => void) => callback(null, `${n}${b}`));
const twoResult: Promise<string> = two(1, true);

const constant = Promise.method<number>(() => 1);
const constantResult: Promise<number> = constant();

const toText = Promise.method<string, number>((x: number) => String(x));
const text: Promise<string> = toText(3);

const add = Promise.method<number, number, number>((a: number, b: number) => a + b);
const sum: Promise<number> = add(1, 2);

const coroutineOne = Promise.coroutine<string, number>(function* (x: number) {
  const value: number = yield Promise.resolve(x);
  return String(value);
});
const coroutineResult: Promise<string> = coroutineOne(4);

const coroutineNone = Promise.coroutine<boolean>(function* () {
  yield Promise.delay(1);
  return true;
});
const coroutineNoneResult: Promise<boolean> = coroutineNone();

const mapped: Promise<string[]> = Promise.map<number, string>([1, 2, Promise.resolve(3)], (n) => String(n), { concurrency: 2 });
const reduced: Promise<number> = Promise.reduce<number, number>([1, 2, 3], (total, n) => total + n, 0);
const filtered: Promise<number[]> = Promise.filter<number>([1, 2, 3], (n) => n > 1);
const mappedSeries: Promise<string[]> = Promise.mapSeries<number, string>([1, 2], (n) => String(n));
const each: Promise<number[]> = Promise.each<number>([1, 2], (n) => n);

const joined: Promise<string> = Promise.join<string, number, string>(Promise.resolve(1), 'a', (a, b) => `${a}${b}`);
const joinedThree: Promise<number> = Promise.join<number, number, number, number>(1, 2, Promise.resolve(3), (a, b, c) => a + b + c);
const joinedArray: Promise<number[]> = Promise.join<number>(1, 2, 3);

interface Connection { query(sql: string): Promise<number> }
declare function connect(): Promise<Connection>;
const disposer = connect().disposer((connection) => undefined);
const used: Promise<number> = Promise.using<Connection, number>(disposer, (connection) => connection.query('select 1'));
const usedTwo: Promise<number> = Promise.using<Connection, Connection, number>(disposer, disposer, (a, b) => a.query('a'));

const resolved: Promise<number> = Promise.resolve<number>(1);
const all: Promise<number[]> = Promise.all<number>([1, Promise.resolve(2)]);
const props: Promise<{ a: number }> = Promise.props<{ a: number }>({ a: Promise.resolve(1) });
const some: Promise<number[]> = Promise.some<number>([1, 2, 3], 2);
const any: Promise<number> = Promise.any<number>([1, 2]);
const race: Promise<number> = Promise.race<number>([1, 2]);
const attempted: Promise<number> = Promise.try<number>(() => 1);
const delayed: Promise<string> = Promise.delay<string>(1, 'x');
const fromCallback: Promise<number> = Promise.fromCallback<number>((callback) => callback(null, 1));
const deferred = Promise.defer<number>();
const deferredPromise: Promise<number> = deferred.promise;

const chained: Promise<string> = Promise.resolve(1).then<string>((n) => String(n));
const caught: Promise<number | string> = Promise.resolve(1).catch<string>(() => 'x');
const mappedInstance: Promise<string[]> = Promise.resolve([1, 2]).map<string, number>((n) => String(n));
const reducedInstance: Promise<number> = Promise.resolve([1, 2]).reduce<number, number>((a, b) => a + b, 0);
const tapped: Promise<number> = Promise.resolve(1).tap((n) => n);
const cast: Promise<number> = Promise.cast<number>(1);

export {
  listed, size, one, twoResult, constantResult, text, sum, coroutineResult, coroutineNoneResult, mapped, reduced,
  filtered, mappedSeries, each, joined, joinedThree, joinedArray, used, usedTwo, resolved, all, props, some, any, race,
  attempted, delayed, fromCallback, deferredPromise, chained, caught, mappedInstance, reducedInstance, tapped, cast,
};
