'use strict';
// Promise.map with a concurrency limit: at most 2 files are open at once, however many
// there are, and the results keep the input order.
const Promise = require('ferrobird');
const fs = require('fs');
const path = require('path');
const readFile = Promise.promisify(fs.readFile);

let open = 0;
let mostOpen = 0;
const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.js')).sort();

Promise.map(files, (name) => {
  open += 1;
  mostOpen = Math.max(mostOpen, open);
  return readFile(path.join(__dirname, name), 'utf8')
    .then((text) => ({ name, lines: text.split('\n').length }))
    .finally(() => { open -= 1; });
}, { concurrency: 2 }).then((sizes) => {
  for (const { name, lines } of sizes) console.log(`${name}: ${lines} lines`);
  console.log('most files open at once:', mostOpen);
});
