import { expect } from 'chai';
import '../../src/ui/viewer/wr-slice-viewer.js';
import type { WrSliceViewer } from '../../src/ui/viewer/wr-slice-viewer.js';
import { canvas, countLabel, key, model, pixel, pointer, stage } from './viewer-fixture.js';

async function viewer(): Promise<WrSliceViewer> {
  const el = document.createElement('wr-slice-viewer');
  el.model = model();
  el.box = 320;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<wr-slice-viewer>', () => {
  afterEach(() => document.querySelectorAll('wr-slice-viewer').forEach((e) => e.remove()));

  it('draws the middle axial slice with the mm aspect and reads out voxel, LPS position and value', async () => {
    const v = await viewer();
    const c = canvas(v);
    expect([c.width, c.height]).to.deep.equal([32, 24]);
    // 25.6 x 19.2 mm fitted into 320 px: 320 x 240
    const r = c.getBoundingClientRect();
    expect([Math.round(r.width), Math.round(r.height)]).to.deep.equal([320, 240]);
    expect(v.currentSlice).to.equal(5);
    pointer(v, 'pointermove', 7, 3, { buttons: 0 });
    await v.updateComplete;
    const readout = v.shadowRoot!.querySelector('.readout')!.textContent!.trim();
    // voxel (7, 3, 5): L −20 + 5.6, P 10 + 2.4, S 50 + 15; value 7 + 30 + 5000
    expect(readout).to.equal('(7, 3, 5)  L -14.4 P 12.4 S 65.0 mm  value 5037  label 0');
    expect(v.shadowRoot!.querySelector('.slice')!.textContent).to.equal('slice 6 / 10');
  });

  it('brush strokes paint the mask in the current slice and the overlay shows them', async () => {
    const v = await viewer();
    const m = v.model!;
    v.tool = 'brush';
    v.radiusMm = 1.6;
    v.opacity = 1;
    await v.updateComplete;
    let changes = 0;
    v.addEventListener('wr-roi-change', () => changes++);
    const before = pixel(v, 12, 10);
    pointer(v, 'pointerdown', 10, 10);
    pointer(v, 'pointermove', 14, 10);
    pointer(v, 'pointerup', 14, 10);
    await v.updateComplete;
    expect(changes).to.equal(1);
    const labels = m.editor.labels;
    const n = (i: number, j: number, k: number) => labels[i + 32 * (j + 24 * k)];
    // radius 1.6 mm = 2 pixels of 0.8 mm: a 5-pixel-high band from x 8 to 16 on row 10, slice 5 only
    expect([n(8, 10, 5), n(10, 8, 5), n(14, 12, 5), n(16, 10, 5), n(12, 10, 5)]).to.deep.equal([1, 1, 1, 1, 1]);
    expect([n(7, 10, 5), n(12, 7, 5), n(12, 10, 4), n(12, 10, 6)]).to.deep.equal([0, 0, 0, 0]);
    expect(countLabel(labels, 1)).to.equal(
      Array.from({ length: 32 * 24 }, (_, p) => p).filter((p) => {
        const x = p % 32;
        const y = Math.floor(p / 32);
        // the union of discs of radius 2 pixels centred on (10..14, 10)
        return [10, 11, 12, 13, 14].some((cx) => (x - cx) ** 2 + (y - 10) ** 2 <= 4);
      }).length,
    );
    // opacity 1: the overlay colour of label 1 replaces the grey value
    expect(pixel(v, 12, 10)).to.deep.equal([255, 64, 64, 255]);
    expect(before).to.not.deep.equal([255, 64, 64, 255]);
    // the outline checkbox draws only the band's border: its centre pixel shows the grey value again
    const outline = v.shadowRoot!.querySelector<HTMLInputElement>('input.outline')!;
    outline.checked = true;
    outline.dispatchEvent(new Event('change'));
    await v.updateComplete;
    expect(v.overlay).to.equal('outline');
    expect(pixel(v, 12, 10)).to.deep.equal(before);
    expect(pixel(v, 12, 8)).to.deep.equal([255, 64, 64, 255]);
    outline.checked = false;
    outline.dispatchEvent(new Event('change'));
    await v.updateComplete;
    expect(pixel(v, 12, 10)).to.deep.equal([255, 64, 64, 255]);
    // the readout names the label under the pointer
    pointer(v, 'pointermove', 12, 10, { buttons: 0 });
    await v.updateComplete;
    expect(v.shadowRoot!.querySelector('.readout')!.textContent).to.match(/label 1$/);
    // the eraser removes it again
    v.tool = 'eraser';
    v.radiusMm = 5;
    pointer(v, 'pointerdown', 12, 10);
    pointer(v, 'pointerup', 12, 10);
    expect(countLabel(labels, 1)).to.equal(0);
  });

  it('fill fills the closed outline clicked inside', async () => {
    const v = await viewer();
    const labels = v.model!.editor.labels;
    // a square outline, rows / columns 4 and 9, on slice 5
    for (let t = 4; t <= 9; t++) for (const [i, j] of [[t, 4], [t, 9], [4, t], [9, t]]) labels[i + 32 * (j + 24 * 5)] = 1;
    v.tool = 'fill';
    await v.updateComplete;
    pointer(v, 'pointerdown', 6, 6);
    expect(countLabel(labels, 1)).to.equal(36);
  });

  it('keys change slices and orientation; the wheel scrolls slices; ctrl + wheel zooms', async () => {
    const v = await viewer();
    const slices: number[] = [];
    v.addEventListener('wr-slice-change', (e) => slices.push((e as CustomEvent).detail.slice));
    key(v, 'ArrowUp');
    key(v, 'ArrowUp');
    key(v, 'PageDown');
    key(v, 'End');
    key(v, 'Home');
    expect(slices).to.deep.equal([6, 7, 2, 9, 0]);
    stage(v).dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
    expect(v.currentSlice).to.equal(1);
    key(v, 'c');
    await v.updateComplete;
    expect(v.orientation).to.equal('coronal');
    // coronal: 32 wide, 10 slices of 3 mm high; the middle of 24 rows
    expect([canvas(v).width, canvas(v).height, v.currentSlice]).to.deep.equal([32, 10, 12]);
    pointer(v, 'pointermove', 0, 0, { buttons: 0 });
    await v.updateComplete;
    // top-left of coronal slice 12 is voxel (0, 12, 9): the head end
    expect(v.shadowRoot!.querySelector('.readout')!.textContent).to.match(/^\(0, 12, 9\)/);
    const w0 = canvas(v).getBoundingClientRect().width;
    stage(v).dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
    await v.updateComplete;
    expect(canvas(v).getBoundingClientRect().width / w0).to.be.closeTo(1.25, 1e-6);
  });

  it('window/level: dragging widens the window and raises the level; presets come from the volume', async () => {
    const v = await viewer();
    const m = v.model!;
    const before = { ...m.window };
    v.tool = 'window';
    const range = m.range.max - m.range.min;
    const s = stage(v);
    const r = canvas(v).getBoundingClientRect();
    // one drag of (+50, +20) px: width + 50 range / 512, level + 20 range / 512
    s.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + 10, clientY: r.top + 10, button: 0, buttons: 1, pointerId: 1, bubbles: true }));
    s.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + 60, clientY: r.top + 30, buttons: 1, pointerId: 1, bubbles: true }));
    s.dispatchEvent(new PointerEvent('pointerup', { clientX: r.left + 60, clientY: r.top + 30, pointerId: 1, bubbles: true }));
    expect(m.window.width).to.be.closeTo(before.width + (50 * range) / 512, 1e-9);
    expect(m.window.level).to.be.closeTo(before.level + (20 * range) / 512, 1e-9);
    const select = v.shadowRoot!.querySelector('select.preset') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).to.deep.equal(['', 'auto', 'contrast', 'bright', 'full']);
    select.value = 'full';
    select.dispatchEvent(new Event('change'));
    await v.updateComplete;
    // full range: 0 .. 9261 (31 + 230 + 9000)
    expect(m.window).to.deep.equal({ width: 9261, level: 4630.5 });
    expect(v.shadowRoot!.querySelector('.wl')!.textContent).to.equal('W 9261 L 4631');
    // a window centred on slice 5's values: voxel (0, 0, 5) = 5000 shows mid-grey
    m.window = { width: 1000, level: 5000 };
    v.refresh();
    expect(pixel(v, 0, 0)).to.deep.equal([128, 128, 128, 255]);
  });
});
