/** The IBSI 1 digital phantom, decoded with the project's own Node reader (real itk-wasm). */
import { maskFromLabels, type Mask, type Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { PHANTOM_IMAGE, PHANTOM_MASK } from './refdata.js';

export async function loadPhantom(): Promise<{ image: Volume; mask: Mask }> {
  const image = await readImageFile(PHANTOM_IMAGE);
  const mask = maskFromLabels(await readImageFile(PHANTOM_MASK));
  return { image, mask };
}
