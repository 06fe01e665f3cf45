// The `web` jest project's sandbox: the globals a browser or a web-standard runtime (workers, Deno, edge functions)
// has, and not Node's: no Buffer, process, global, setImmediate. Jest's own matchers need `process` while they load,
// so the environment hides Node's globals through setupFilesAfterEnv (web-globals-setup.cjs), after the framework is
// in place and before the test file and the code under test are loaded. Tests may still import node:fs to read
// fixtures; the code under test never sees a Node global.
const { TestEnvironment } = require('jest-environment-node');

class WebGlobalsEnvironment extends TestEnvironment {}

module.exports = WebGlobalsEnvironment;
