import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 Gabor filter (tests 4.a.1-4.b.2) vs reference response maps', () => {
  ibsi2MapTests('gabor');
});
