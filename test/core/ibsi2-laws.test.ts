import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 Laws kernels (tests 3.a.1-3.c.3) vs reference response maps', () => {
  ibsi2MapTests('laws');
});
