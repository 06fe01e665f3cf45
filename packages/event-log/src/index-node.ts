/** The Node entry point: everything in index.ts, with file names accepted by `new JobEventLog(path)`. */
export * from './index.js';
export { FileSource, openJobEventLog, type FileSourceOptions } from './node-file.js';
