/**
 * GPU rotation-invariant separable filters (Laws 3.a.2-3.c.3, wavelets 5.a.2, 6.a.2, 7.a.*: every right-angle
 * rotation's distinct response computed once and pooled on the GPU) against their CPU twins and the IBSI 2 maps.
 * A file of its own so that vitest runs it beside filters-ibsi2.node.test.ts.
 */
import { describe } from 'vitest';
import { coveredTests, gpuMapTests } from './filters-ibsi2-suite.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

describe('GPU separable filters vs CPU twins and IBSI 2 phase 1 maps, rotation invariant (Dawn)', () => {
  gpuMapTests(coveredTests().filter((t) => t.params.rotation_invariance === true), () => node.gpu());
});
