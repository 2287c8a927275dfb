// ESM entry: `import Promise from 'ferrobird'`, with the error classes as named imports.
import Promise from './index.js';

export default Promise;
export { Promise };
export const {
  TypeError,
  RangeError,
  OperationalError,
  RejectionError,
  TimeoutError,
  CancellationError,
  AggregateError,
  Warning,
  PromiseInspection,
} = Promise;
