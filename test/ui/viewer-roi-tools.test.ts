import { expect } from 'chai';
import { gunzipSync } from 'fflate';
import '../../src/ui/viewer/index.js';
import type { WrRoiEditor } from '../../src/ui/viewer/wr-roi-editor.js';
import type { WrRoiTools } from '../../src/ui/viewer/wr-roi-tools.js';
import type { WrSliceViewer } from '../../src/ui/viewer/wr-slice-viewer.js';
import type { RoiFile } from '../../src/ui/viewer/roi-saver.js';
import { createRoiSaver } from '../../src/pipeline/roi-editing.js';
import { countLabel, key, model, pointer } from './viewer-fixture.js';

async function editor(): Promise<{ el: WrRoiEditor; viewer: WrSliceViewer; tools: WrRoiTools }> {
  const el = document.createElement('wr-roi-editor');
  el.model = model();
  el.saver = createRoiSaver(el.model, { stem: 'case-1-roi' });
  document.body.append(el);
  await el.updateComplete;
  const viewer = el.viewer!;
  const tools = el.tools!;
  viewer.box = 320;
  await viewer.updateComplete;
  await tools.updateComplete;
  return { el, viewer, tools };
}

function button(tools: WrRoiTools, selector: string): HTMLButtonElement {
  return tools.shadowRoot!.querySelector(selector) as HTMLButtonElement;
}

async function settle(...els: { updateComplete: Promise<boolean> }[]): Promise<void> {
  for (let n = 0; n < 2; n++) for (const e of els) await e.updateComplete;
}

function statsRows(tools: WrRoiTools): string[][] {
  return Array.from(tools.shadowRoot!.querySelectorAll('table.stats tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim()));
}

describe('<wr-roi-editor> (<wr-slice-viewer> + <wr-roi-tools>)', () => {
  afterEach(() => document.querySelectorAll('wr-roi-editor').forEach((e) => e.remove()));

  it('tool buttons and the radius reach the viewer; a stroke updates the label table', async () => {
    const { el, viewer, tools } = await editor();
    button(tools, 'button[data-tool="brush"]').click();
    const radius = tools.shadowRoot!.querySelector('input.radius') as HTMLInputElement;
    radius.value = '0.8';
    radius.dispatchEvent(new Event('change'));
    await settle(el, viewer, tools);
    expect([viewer.tool, viewer.radiusMm]).to.deep.equal(['brush', 0.8]);
    pointer(viewer, 'pointerdown', 5, 5);
    pointer(viewer, 'pointerup', 5, 5);
    await settle(el, viewer, tools);
    // radius 0.8 mm = one 0.8 mm pixel: a plus of 5 voxels of 0.8 x 0.8 x 3 mm = 0.00960 mL
    expect(statsRows(tools)).to.deep.equal([['1', '5', '0.010']]);
    expect(button(tools, 'button.undo').disabled).to.equal(false);
  });

  it('interpolates between two drawn slices, makes a ring, undoes and redoes', async () => {
    const { el, viewer, tools } = await editor();
    const labels = el.model!.editor.labels;
    button(tools, 'button[data-tool="brush"]').click();
    await settle(el, viewer, tools);
    viewer.radiusMm = 2.4;
    // a disc on slice 2 and on slice 6 (Home, then up 2 and 4)
    key(viewer, 'Home');
    key(viewer, 'ArrowUp');
    key(viewer, 'ArrowUp');
    await settle(viewer);
    pointer(viewer, 'pointerdown', 16, 12);
    pointer(viewer, 'pointerup', 16, 12);
    for (let n = 0; n < 4; n++) key(viewer, 'ArrowUp');
    await settle(viewer);
    pointer(viewer, 'pointerdown', 16, 12);
    pointer(viewer, 'pointerup', 16, 12);
    await settle(el, viewer, tools);
    const disc = countLabel(labels, 1) / 2;
    // radius 3 pixels: 29 lattice points
    expect(disc).to.equal(29);
    button(tools, 'button.interpolate').click();
    await settle(el, viewer, tools);
    expect(tools.shadowRoot!.querySelector('.message')!.textContent).to.equal('Interpolated 3 axial slices.');
    // the same disc on slices 3, 4, 5
    for (const k of [3, 4, 5]) expect(countLabel(labels.subarray(k * 768, (k + 1) * 768), 1)).to.equal(29);
    const ringMm = tools.shadowRoot!.querySelector('input.ring-mm') as HTMLInputElement;
    ringMm.value = '1';
    ringMm.dispatchEvent(new Event('change'));
    button(tools, 'button.ring').click();
    await settle(el, viewer, tools);
    const rows = statsRows(tools);
    expect(rows.map((r) => r[0])).to.deep.equal(['1', '2']);
    // a 1 mm ring around a cylinder of 5 discs (z spacing 3 mm > 1 mm): only in-plane neighbours within 1 mm,
    // i.e. the pixels outside a disc with a 4-neighbour (0.8 mm) in it (diagonals are 1.13 mm): 20 per disc of 29
    expect(rows[1][1]).to.equal(String(20 * 5));
    // the viewer shows the ring in its colour at full opacity: pixel (16, 8) is just outside the disc (radius 3)
    viewer.opacity = 1;
    await settle(viewer);
    const ctx = viewer.shadowRoot!.querySelector('canvas')!.getContext('2d')!;
    expect(Array.from(ctx.getImageData(16, 8, 1, 1).data)).to.deep.equal([64, 200, 255, 255]);
    button(tools, 'button.undo').click();
    await settle(el, viewer, tools);
    expect(countLabel(labels, 2)).to.equal(0);
    expect(Array.from(ctx.getImageData(16, 8, 1, 1).data)).to.not.deep.equal([64, 200, 255, 255]);
    button(tools, 'button.undo').click();
    await settle(el, viewer, tools);
    expect(countLabel(labels, 1)).to.equal(58);
    button(tools, 'button.redo').click();
    button(tools, 'button.redo').click();
    await settle(el, viewer, tools);
    expect([countLabel(labels, 1), countLabel(labels, 2)]).to.deep.equal([145, 100]);
  });

  it('saves the mask as NIfTI: the downloaded file holds the labels on the image grid', async () => {
    const { el, viewer, tools } = await editor();
    const labels = el.model!.editor.labels;
    labels[3 + 32 * (4 + 24 * 5)] = 1;
    labels[4 + 32 * (4 + 24 * 5)] = 2;
    tools.refresh();
    await settle(tools);
    const saved = new Promise<RoiFile>((resolve) => el.addEventListener('wr-roi-saved', (e) => resolve((e as CustomEvent<RoiFile>).detail)));
    const formats = Array.from(tools.shadowRoot!.querySelectorAll('button[data-format]')).map((b) => b.getAttribute('data-format'));
    // not from DICOM: NIfTI only
    expect(formats).to.deep.equal(['nifti']);
    button(tools, 'button[data-format="nifti"]').click();
    const file = await saved;
    expect(file.name).to.equal('case-1-roi.nii.gz');
    const raw = gunzipSync(file.bytes);
    const h = new DataView(raw.buffer, raw.byteOffset);
    expect([h.getInt16(42, true), h.getInt16(44, true), h.getInt16(46, true), h.getInt16(70, true)]).to.deep.equal([32, 24, 10, 2]);
    expect([h.getFloat32(80, true), h.getFloat32(84, true), h.getFloat32(88, true)].map((x) => +x.toFixed(6))).to.deep.equal([0.8, 0.8, 3]);
    expect(Array.from(raw.subarray(352))).to.deep.equal(Array.from(labels));
    expect(tools.shadowRoot!.querySelector('.message')!.textContent).to.equal('Saved case-1-roi.nii.gz.');
    void viewer;
  });

  it('offers DICOM SEG when the image came from DICOM and downloads a Part 10 SEG', async () => {
    const { el, tools } = await editor();
    el.model!.editor.labels[3 + 32 * (4 + 24 * 5)] = 1;
    el.saver = createRoiSaver(el.model!, {
      stem: 'case-2',
      source: { studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.1', frameOfReferenceUid: '1.2.3.2', sopClassUid: '1.2.840.10008.5.1.4.1.1.4', sopInstanceUids: Array.from({ length: 10 }, (_, k) => `1.2.3.1.${k + 1}`) },
    });
    await settle(el, tools);
    const formats = Array.from(tools.shadowRoot!.querySelectorAll('button[data-format]')).map((b) => b.getAttribute('data-format'));
    expect(formats).to.deep.equal(['nifti', 'seg']);
    const saved = new Promise<RoiFile>((resolve) => el.addEventListener('wr-roi-saved', (e) => resolve((e as CustomEvent<RoiFile>).detail)));
    button(tools, 'button[data-format="seg"]').click();
    const file = await saved;
    expect([file.name, file.type]).to.deep.equal(['case-2-seg.dcm', 'application/dicom']);
    expect(String.fromCharCode(...file.bytes.subarray(128, 132))).to.equal('DICM');
    // the referenced instance of slice 5 is in the file
    expect(new TextDecoder('latin1').decode(file.bytes)).to.contain('1.2.3.1.6');
  });
});
