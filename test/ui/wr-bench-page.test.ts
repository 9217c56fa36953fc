/**
 * The benchmark page: its button runs the real kernel benchmark (bench/gpu-page.ts, here on the page's own WebGPU
 * device rather than in the worker) and shows the adapter and one table row per kernel and ROI size; the app
 * routes #/bench to it.
 */
import { expect } from 'chai';
import { benchPage, type BenchReport } from '../../src/bench/gpu-page.js';
import { KERNEL_HEADER } from '../../src/bench/kernels.js';
import { acquireGpu, type GpuAcquisition } from '../../src/gpu/device.js';
import '../../src/ui/bench/wr-bench-page.js';
import '../../src/ui/wr-app.js';

describe('<wr-bench-page>', () => {
  let acquisition: GpuAcquisition;
  before(async () => {
    acquisition = await acquireGpu(navigator.gpu);
  });
  after(() => {
    if (acquisition.ok) acquisition.gpu.device.destroy();
  });

  it('runs the kernel benchmark on this GPU and shows the adapter and the timings', async () => {
    const el = document.createElement('wr-bench-page');
    el.options = { maxExponent: 3, levels: [16], repeats: 1 };
    el.client = { benchKernels: (o) => benchPage(() => Promise.resolve(acquisition), o) };
    document.body.append(el);
    await el.updateComplete;
    const done = new Promise<BenchReport>((resolve) => el.addEventListener('bench-done', (e) => resolve((e as CustomEvent<BenchReport>).detail)));
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    const report = await done;
    await el.updateComplete;
    expect(report.gpu).to.equal(acquisition.ok);
    const root = el.shadowRoot!;
    expect(root.querySelector('#adapter')!.textContent).to.contain(acquisition.ok ? acquisition.gpu.adapterName : 'none');
    expect(root.querySelector('#software') !== null).to.equal(report.software);
    expect([...root.querySelectorAll('#timings th')].map((th) => th.textContent)).to.deep.equal(KERNEL_HEADER);
    const rows = [...root.querySelectorAll('#timings tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!));
    // 7 kernels and the whole case, for one ROI size and one grey-level count
    expect(rows.length).to.equal(8);
    expect(rows.map((r) => r[0])).to.include('whole case (all above)');
    for (const r of rows) {
      expect(Number(r[3]), `CPU ms of ${r[0]}`).to.be.at.least(0);
      if (acquisition.ok) expect(Number(r[5]), `GPU ms of ${r[0]}`).to.be.greaterThan(0);
    }
    el.remove();
  });

  it('is the app page #/bench', async () => {
    location.hash = '#/bench';
    const app = document.createElement('wr-app');
    document.body.append(app);
    await app.updateComplete;
    expect(app.shadowRoot!.querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('#/bench');
    expect(app.shadowRoot!.querySelector('wr-bench-page')).to.exist;
    app.remove();
    location.hash = '';
  });
});
