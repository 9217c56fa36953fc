import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 separable wavelets (tests 5.a.1-7.a.2) vs reference response maps', () => {
  ibsi2MapTests('separable_wavelet');
});
