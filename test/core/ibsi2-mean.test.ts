import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 mean filter (tests 1.a.1-1.b.1) vs reference response maps', () => {
  ibsi2MapTests('mean');
});
