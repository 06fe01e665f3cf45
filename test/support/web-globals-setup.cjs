// Hides Node's globals in the `web` project's sandbox (see web-globals-environment.cjs).
for (const name of ['Buffer', 'process', 'global', 'setImmediate', 'clearImmediate']) delete globalThis[name];
if (typeof Buffer !== 'undefined' || typeof process !== 'undefined') throw new Error('web globals: Node globals still visible');
