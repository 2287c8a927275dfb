// Code typed against Bluebird (@types/bluebird) accepts ferrobird in its place.
import Bluebird = require('bluebird');
import Ferro = require('../..');

const asBluebird: typeof Bluebird = Ferro;
const instance: Bluebird<number> = Ferro.resolve(1);
const fromMap: Bluebird<string[]> = Ferro.map([1, 2], (n) => String(n));
const inspection: Bluebird.Inspection<number> = Ferro.resolve(1).reflect().value();
const disposer: Bluebird.Disposer<number> = Ferro.resolve(1).disposer(() => undefined);
const resolver: Bluebird.Resolver<number> = Ferro.defer<number>();
const timeout: Bluebird.TimeoutError = new Ferro.TimeoutError();

function takesBluebird(make: typeof Bluebird): Bluebird<number> {
  return make.resolve(1).then((n) => n + 1);
}
takesBluebird(Ferro);

export { asBluebird, instance, fromMap, inspection, disposer, resolver, timeout };
