import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPECTED_CALLS_FILE, readExpectedCalls } from '../../scripts/bench/scenarios';

/** The benchmark compares its call counts with the committed table, read from where it lives. */
describe("the benchmark's expected calls", () => {
  it('are read from the committed scripts/bench/expected-calls.json by default', () => {
    expect(EXPECTED_CALLS_FILE).toBe('scripts/bench/expected-calls.json');
    const table = readExpectedCalls();
    expect(table).toEqual(JSON.parse(readFileSync('scripts/bench/expected-calls.json', 'utf8')));
    expect(table['provisioning: new user']).toBe(2);
  });
});
