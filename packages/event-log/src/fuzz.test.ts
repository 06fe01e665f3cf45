// Property tests: whatever bytes arrive (mutated real logs, random text, any chunking), the reader returns events or
// throws only its own typed errors, finishes in bounded time, and never loops.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobEventLog, JobEventLogError } from './index.js';

process.env.TZ = 'UTC';
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'event-logs');
const seeds = ['normal.log', 'held.log', 'xml.log', 'json.log', 'adinfo.log', 'factory.log'].map((f) => readFileSync(join(dir, f), 'latin1'));

/** Reads everything, continuing after each typed error; returns how many events and errors there were. */
function drain(bytes: Uint8Array, cut: number): { events: number; errors: number } {
  const log = new JobEventLog([bytes.subarray(0, cut), bytes.subarray(cut)]);
  let events = 0,
    errors = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const before = log.position.offset;
    try {
      for (const e of log) {
        events++;
        e.items();
      }
      return { events, errors };
    } catch (e) {
      if (!(e instanceof JobEventLogError)) throw e;
      errors++;
      // a truncated source has nothing more to give, and a source that is not a log stays one
      if (e.name === 'JobEventLogTruncatedError' || log.position.offset === before) return { events, errors };
    }
  }
  throw new Error('the reader did not make progress');
}

const mutation = fc.record({
  seed: fc.integer({ min: 0, max: seeds.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 40 }),
      ins: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\n...\n', '...', '\n', '{', '}', '<c>', '</c>', '005 (1.0.0) ', '"', '\t', ':', '\r\n')),
    }),
    { maxLength: 6 },
  ),
  cut: fc.nat(),
});

test('mutated real logs: events or typed errors only, in bounded time', () => {
  fc.assert(
    fc.property(mutation, ({ seed, edits, cut }) => {
      let t = seeds[seed]!;
      for (const { at, del, ins } of edits) {
        const p = at % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      const b = new TextEncoder().encode(t);
      const t0 = Date.now();
      drain(b, cut % (b.length + 1));
      expect(Date.now() - t0).toBeLessThan(2000);
    }),
    { numRuns: 300 },
  );
});

test('random bytes: typed errors only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (b, cut) => {
      drain(b, cut % (b.length + 1));
    }),
    { numRuns: 300 },
  );
});

test('an unmodified log gives no errors whatever the cut', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), (seed, cut) => {
      const b = new TextEncoder().encode(seeds[seed]!);
      expect(drain(b, cut % (b.length + 1)).errors).toBe(0);
    }),
    { numRuns: 100 },
  );
});
