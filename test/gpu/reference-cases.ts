/**
 * The reference volumes of the GPU tests, read with the project's Node reader: the IBSI 1 digital phantom (its
 * intensities are grey levels: discretisation 'none') and PyRadiomics' brain1 (label 1, fixed bin width 25 in
 * PyRadiomics' convention, as its baseline).
 */
import { discretise, type Discretisation, type GreyLevels } from '../../src/core/discretise.js';
import { maskFromLabels, type Mask, type Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { loadPhantom } from '../helpers/phantom.js';
import { sharedPath } from '../helpers/refdata.js';

export interface ReferenceCase {
  name: string;
  image: Volume;
  mask: Mask;
  discretisation: Discretisation;
  grey: GreyLevels;
}

export const BRAIN1_DISCRETISATION: Discretisation = { kind: 'fixed-bin-size', width: 25, convention: 'pyradiomics' };

let cached: Promise<ReferenceCase[]> | undefined;

export function referenceCases(): Promise<ReferenceCase[]> {
  cached ??= (async () => {
    const phantom = await loadPhantom();
    const dir = (f: string) => sharedPath('refdata/pyradiomics/brain1', f);
    const image = await readImageFile(dir('brain1_image.nrrd'));
    const mask = maskFromLabels(await readImageFile(dir('brain1_label.nrrd')), 1);
    const none: Discretisation = { kind: 'none' };
    return [
      { name: 'IBSI phantom', ...phantom, discretisation: none, grey: discretise(phantom.image, phantom.mask, none) },
      { name: 'brain1', image, mask, discretisation: BRAIN1_DISCRETISATION, grey: discretise(image, mask, BRAIN1_DISCRETISATION) },
    ];
  })();
  return cached;
}
