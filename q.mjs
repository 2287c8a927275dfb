// ESM entry of the Q flavour: `import Q from 'ferrobird/q'`.
import Q from './q.js';

export default Q;
export const { defer, all, allSettled, any, race, when, reject, delay, timeout, nfcall, nfapply, denodeify, ninvoke, npost, isPromise } = Q;
