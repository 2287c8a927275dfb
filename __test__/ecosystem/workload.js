'use strict';
// Real libraries of the Bluebird era on one library (argv[2]: `bluebird` or `ferrobird`):
// knex 0.19 (a query builder that runs its statements with Bluebird, schema migrations
// included) and Sequelize 5 (an ORM on a copy of Bluebird, with CLS through cls-bluebird),
// both on sqlite3 in memory. For `ferrobird`, a require hook swaps every `require('bluebird')`
// for ferrobird, as a user would. Prints one JSON line of everything observable.

const Module = require('node:module');
const path = require('node:path');

const library = process.argv[2];
if (library === 'ferrobird') {
  // FERROBIRD_ROOT: another checkout (to see an older build fail).
  const ferrobird = path.resolve(process.env.FERROBIRD_ROOT || path.join(__dirname, '..', '..'), 'index.js');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, isMain, options) {
    if (request === 'bluebird') return ferrobird;
    return resolve.call(this, request, parent, isMain, options);
  };
}

const out = {};

async function knexWorkload() {
  const knex = require('knex')({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const log = [];
  // Migrations run through knex's runner, which chains its statements with
  // Bluebird.bind(this).return(queries).reduce(...).
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('name').notNullable();
    t.integer('age');
  });
  await knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.integer('user_id').references('users.id');
    t.string('title');
  });
  await knex.schema.alterTable('users', (t) => {
    t.string('email');
    t.dropColumn('age');
  });
  log.push(await knex.raw("select name from sqlite_master where type = 'table' order by name"));
  log.push(await knex('users').insert([{ name: 'ada', email: 'a@x' }, { name: 'bob', email: 'b@x' }]));
  await knex.transaction(async (trx) => {
    const [id] = await trx('users').insert({ name: 'cy', email: 'c@x' });
    await trx('posts').insert([{ user_id: id, title: 'first' }, { user_id: id, title: 'second' }]);
  });
  try {
    await knex.transaction(async (trx) => {
      await trx('users').insert({ name: 'dee', email: 'd@x' });
      throw new Error('roll back');
    });
  } catch (error) {
    log.push('rolled back: ' + error.message);
  }
  log.push(await knex('users').select('id', 'name', 'email').orderBy('id'));
  log.push(await knex('posts').join('users', 'users.id', 'posts.user_id').select('users.name', 'posts.title').orderBy('posts.id'));
  log.push(await knex('users').where('name', 'bob').update({ email: 'bob@x' }));
  log.push(await knex('users').count('* as n'));
  // knex's own Bluebird promise methods on a query.
  log.push(await knex('users').select('name').orderBy('id').map((row) => row.name.toUpperCase()));
  log.push(await knex('users').select('name').orderBy('id').reduce((memo, row) => memo + row.name, ''));
  await knex.destroy();
  out.knex = log;
}

async function sequelizeWorkload() {
  const cls = require('cls-hooked');
  const Sequelize = require('sequelize');
  const namespace = cls.createNamespace('ecosystem-' + library);
  Sequelize.useCLS(namespace);
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
  const User = sequelize.define('User', { name: Sequelize.STRING, age: Sequelize.INTEGER });
  const Task = sequelize.define('Task', { title: Sequelize.STRING, done: Sequelize.BOOLEAN });
  User.hasMany(Task);
  Task.belongsTo(User);
  await sequelize.sync({ force: true });
  const log = [];
  // CRUD in a managed transaction that every query finds through CLS, with no
  // `transaction` option passed.
  await sequelize.transaction(async () => {
    const ada = await User.create({ name: 'ada', age: 36 });
    await Task.bulkCreate([{ title: 'write', done: false, UserId: ada.id }, { title: 'test', done: true, UserId: ada.id }]);
    log.push('in transaction: ' + (namespace.get('transaction') !== undefined));
    await User.create({ name: 'bob', age: 41 });
  });
  try {
    await sequelize.transaction(async () => {
      await User.create({ name: 'cy', age: 20 });
      throw new Error('roll back');
    });
  } catch (error) {
    log.push('rolled back: ' + error.message);
  }
  const users = await User.findAll({ include: [Task], order: [['id', 'ASC'], [Task, 'id', 'ASC']] });
  log.push(users.map((u) => ({ name: u.name, age: u.age, tasks: u.Tasks.map((t) => [t.title, t.done]) })));
  await User.update({ age: 42 }, { where: { name: 'bob' } });
  log.push(await User.count());
  log.push((await User.findOne({ where: { name: 'bob' } })).age);
  await Task.destroy({ where: { done: true } });
  log.push(await Task.count());
  // The CLS context through Sequelize's Bluebird copy's collection methods.
  await namespace.runAndReturn(async () => {
    namespace.set('request', 'r1');
    const seen = await Sequelize.Promise.map([1, 2, 3], (x) => Sequelize.Promise.delay(1, namespace.get('request') + ':' + x));
    log.push(seen);
    const reduced = await Sequelize.Promise.reduce([1, 2], (memo, x) => memo + namespace.get('request') + x, '');
    log.push(reduced);
  });
  await sequelize.close();
  out.sequelize = log;
}

(async () => {
  await knexWorkload();
  await sequelizeWorkload();
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.stack) }) + '\n');
  process.exitCode = 1;
});
