import { expect } from 'chai';
import '../../src/ui/wr-app.js';

describe('<wr-app>', () => {
  it('shows the on-device status and the page chosen by the URL hash', async () => {
    location.hash = '#/extract';
    const el = document.createElement('wr-app');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#privacy-status')!.textContent).to.match(/Processed on this device/);
    expect(el.shadowRoot!.querySelector('wr-privacy-panel'), 'what is stored here, and erase').to.exist;
    expect(el.shadowRoot!.querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('#/extract');
    expect(el.shadowRoot!.querySelector('wr-extract-page')).to.exist;
    el.remove();
  });

  it('falls back to the first page for an unknown hash', async () => {
    location.hash = '#/no-such-page';
    const el = document.createElement('wr-app');
    document.body.append(el);
    await el.updateComplete;
    expect(el.page).to.equal('extract');
    el.remove();
    location.hash = '';
  });
});
