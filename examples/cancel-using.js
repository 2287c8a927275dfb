'use strict';
// Cancellation with resources: Promise.using acquires a connection through a disposer and
// releases it however the work ends. Here the work is cancelled half-way: the onCancel
// callback stops the pending query, nothing after it runs, and the disposer still closes the
// connection.
const Promise = require('ferrobird');
Promise.config({ cancellation: true });

function connect() {
  const connection = {
    closed: false,
    query(sql) {
      return new Promise((resolve, _reject, onCancel) => {
        const timer = setTimeout(resolve, 1000, `rows for ${sql}`);
        onCancel(() => {
          clearTimeout(timer);
          console.log('query cancelled:', sql);
        });
      });
    },
    close() {
      this.closed = true;
      console.log('connection closed');
    },
  };
  return Promise.resolve(connection).disposer((conn) => conn.close());
}

const work = Promise.using(connect(), (conn) =>
  conn.query('select 1').then((rows) => console.log('never printed:', rows)));

setTimeout(() => {
  work.cancel();
  console.log('cancelled:', work.isCancelled());
}, 10);
