/** Both sides: every IBSI 2 phase-1 test id with a reference map is run by one of the ibsi2-*.test.ts files. */
import { describe, expect, it } from 'vitest';
import { filterForTest, ibsi2Tests } from '../helpers/ibsi2.js';

/** Riesz tests: parameters not in the table, run with inferred parameters in ibsi2-riesz.test.ts. */
const RIESZ_WITH_MAP = ['9.a', '9.b.1', '10.b.1'];
/** No consensus map was published for these. */
const NO_MAP = ['9.b.2', '10.a', '10.b.2'];

describe('IBSI 2 phase-1 coverage', () => {
  const tests = ibsi2Tests();
  it('lists 36 tests, 33 with a reference map', () => {
    expect(tests.length).toBe(36);
    expect(tests.filter((t) => t.map).length).toBe(33);
    expect(tests.filter((t) => !t.map).map((t) => t.id)).toEqual(NO_MAP);
  });
  it('maps every test with a map and known parameters to a filter, and only the Riesz tests lack one', () => {
    const unmapped = tests.filter((t) => t.map && !filterForTest(t)).map((t) => t.id);
    expect(unmapped).toEqual(RIESZ_WITH_MAP);
  });
});
