// ESM entry of the ECMAScript flavour: `import Promise from 'ferrobird/es'`.
import Promise from './es.js';

export default Promise;
export { Promise };
