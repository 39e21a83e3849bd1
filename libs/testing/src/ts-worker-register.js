// Loads TypeScript sources in a worker_threads Worker started from them (under jest, whose @swc/jest transform
// does not reach a worker thread): `--require` this in the worker's execArgv. Compiles .ts files with the
// repo's .swcrc, as jest does, and resolves `@app/<lib>` as jest's moduleNameMapper does. Tests only: in dist/
// the workers are built .js files and this is never loaded.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const options = { ...JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8')), swcrc: false };
options.sourceMaps = 'inline';

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@app\/([a-z-]+)$/.exec(request);
  return resolve.call(this, lib ? path.join(root, 'libs', lib[1], 'src') : request, ...rest);
};
