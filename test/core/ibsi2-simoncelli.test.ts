import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 Simoncelli wavelet (tests 8.a.1-8.a.3) vs reference response maps', () => {
  ibsi2MapTests('simoncelli_wavelet');
});
