// ESM entry of the RSVP flavour: `import RSVP, { Promise, hash } from 'ferrobird/rsvp'`.
import RSVP from './rsvp.js';

export default RSVP;
export const {
  asap, cast, Promise, EventTarget, all, allSettled, race, hash, hashSettled, rethrow, defer, denodeify, configure, on, off,
  resolve, reject, map, async, filter,
} = RSVP;
