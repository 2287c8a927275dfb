'use strict';
module.exports = { rootDir: __dirname, testMatch: ['**/*.jest.js'], testEnvironment: 'node' };
