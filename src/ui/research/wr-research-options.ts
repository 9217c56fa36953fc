import { LitElement, css, html, nothing } from 'lit';
import type { ResearchOptions } from '../../core/research/options.js';
import { researchStyles } from './styles.js';

type Split = NonNullable<ResearchOptions['split']>;

/**
 * The settings of a run: endpoint, split (stratified random r:1 with seed, or by centre), feature reduction,
 * LASSO (folds, seed, lambda rule, CV measure), clinical-model thresholds and the risk cut-off. Properties down,
 * a whole new options object up on every change; an unparsable number leaves the options as they were.
 *
 * @fires options-change - the new ResearchOptions
 */
export class WrResearchOptions extends LitElement {
  static override properties = {
    options: { attribute: false },
    centres: { attribute: false },
    hasRepeat: { type: Boolean },
    disabled: { type: Boolean },
  };

  options!: ResearchOptions;
  centres: string[] = [];
  hasRepeat = false;
  disabled = false;

  static override styles = [
    researchStyles,
    css`
      .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1rem; }
      .centres { display: flex; gap: 0.8rem; flex-wrap: wrap; }
    `,
  ];

  private set(patch: Partial<ResearchOptions>) {
    this.options = { ...this.options, ...patch };
    this.dispatchEvent(new CustomEvent<ResearchOptions>('options-change', { detail: this.options, bubbles: true, composed: true }));
  }

  private num(e: Event, apply: (v: number) => void, integer = false) {
    const input = e.target as HTMLInputElement;
    const v = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(v) && (!integer || Number.isInteger(v));
    input.setCustomValidity(ok ? '' : 'Enter a number');
    if (ok) apply(v);
  }

  private sel<T extends string>(e: Event): T {
    return (e.target as HTMLSelectElement).value as T;
  }

  private setSplit(kind: 'random' | 'centre') {
    const cur = this.options.split ?? { kind: 'random' };
    if (kind === cur.kind) return;
    const split: Split = kind === 'random' ? { kind: 'random', ratio: 3, seed: 1 } : { kind: 'centre', trainingCentres: this.centres.slice(0, Math.max(1, this.centres.length - 1)) };
    this.set({ split });
  }

  private toggleCentre(c: string, on: boolean) {
    const cur = this.options.split;
    if (cur?.kind !== 'centre') return;
    const set = new Set(cur.trainingCentres);
    if (on) set.add(c);
    else set.delete(c);
    this.set({ split: { kind: 'centre', trainingCentres: this.centres.filter((x) => set.has(x)) } });
  }

  override render() {
    const o = this.options;
    if (!o) return nothing;
    const split = o.split ?? { kind: 'random' };
    const uni = o.univariate === false ? null : (o.univariate ?? {});
    const cor = o.correlation === false ? null : (o.correlation ?? {});
    const lasso = o.lasso ?? {};
    const cut = o.cutoff ?? {};
    return html`<fieldset ?disabled=${this.disabled}>
      <legend>Settings</legend>
      <div class="columns">
        <div class="grid">
          <label for="endpoint">Endpoint</label>
          <select id="endpoint" @change=${(e: Event) => this.set({ endpoint: this.sel(e) })}>
            <option value="objective-response" ?selected=${o.endpoint !== 'disease-control'}>Objective response (CR + PR vs SD + PD)</option>
            <option value="disease-control" ?selected=${o.endpoint === 'disease-control'}>Disease control (CR + PR + SD vs PD)</option>
          </select>
          <label for="split-kind">Split</label>
          <select id="split-kind" @change=${(e: Event) => this.setSplit(this.sel(e))}>
            <option value="random" ?selected=${split.kind === 'random'}>Stratified random (seeded)</option>
            <option value="centre" ?selected=${split.kind === 'centre'} ?disabled=${this.centres.length < 2}>By centre (external validation)</option>
          </select>
          ${split.kind === 'random'
            ? html`<label for="split-ratio">Training : validation</label>
                <span><input id="split-ratio" type="number" min="0.1" step="0.5" .value=${String(split.ratio ?? 3)} @change=${(e: Event) => this.num(e, (v) => this.set({ split: { ...split, ratio: v } }))} /> : 1</span>
                <label for="split-seed">Split seed</label>
                <input id="split-seed" type="number" step="1" .value=${String(split.seed ?? 1)} @change=${(e: Event) => this.num(e, (v) => this.set({ split: { ...split, seed: v } }), true)} />`
            : html`<span>Training centres</span>
                <span class="centres" id="training-centres">
                  ${this.centres.map((c) => html`<label><input type="checkbox" name="centre" value=${c} .checked=${split.trainingCentres.includes(c)} @change=${(e: Event) => this.toggleCentre(c, (e.target as HTMLInputElement).checked)} /> ${c}</label>`)}
                </span>`}
          <label for="cutoff-method">Risk cut-off</label>
          <select id="cutoff-method" @change=${(e: Event) => this.set({ cutoff: { ...cut, method: this.sel(e) } })}>
            <option value="median" ?selected=${(cut.method ?? 'median') === 'median'}>Median of the combined score</option>
            <option value="youden" ?selected=${cut.method === 'youden'}>Youden threshold (response)</option>
            <option value="maxstat" ?selected=${cut.method === 'maxstat'}>Maximally selected log-rank statistic</option>
          </select>
          ${cut.method === 'maxstat'
            ? html`<label for="cutoff-endpoint">Cut-off outcome</label>
                <select id="cutoff-endpoint" @change=${(e: Event) => this.set({ cutoff: { ...cut, survivalEndpoint: this.sel(e) } })}>
                  <option value="os" ?selected=${cut.survivalEndpoint !== 'pfs'}>Overall survival</option>
                  <option value="pfs" ?selected=${cut.survivalEndpoint === 'pfs'}>Progression-free survival</option>
                </select>`
            : nothing}
        </div>
        <div class="grid">
          <label for="variance-threshold">Variance filter: drop if variance &le;</label>
          <input id="variance-threshold" type="number" min="0" step="any" .value=${String(o.varianceThreshold ?? 0)} @change=${(e: Event) => this.num(e, (v) => this.set({ varianceThreshold: v }))} />
          <label for="icc-threshold">ICC filter: keep if ICC(3,1) &ge;</label>
          <input id="icc-threshold" type="number" min="0" max="1" step="0.05" ?disabled=${!this.hasRepeat} title=${this.hasRepeat ? '' : 'needs a second reader\'s feature table'} .value=${String(o.icc?.threshold ?? 0.75)} @change=${(e: Event) => this.num(e, (v) => this.set({ icc: { ...o.icc, threshold: v } }))} />
          <label for="univariate-test">Univariate filter</label>
          <span>
            <select id="univariate-test" @change=${(e: Event) => { const v = this.sel<'mann-whitney' | 'welch' | 'off'>(e); this.set({ univariate: v === 'off' ? false : { ...(uni ?? {}), test: v } }); }}>
              <option value="mann-whitney" ?selected=${uni !== null && (uni.test ?? 'mann-whitney') === 'mann-whitney'}>Mann-Whitney U</option>
              <option value="welch" ?selected=${uni?.test === 'welch'}>Welch t test</option>
              <option value="off" ?selected=${uni === null}>Off</option>
            </select>
            ${uni ? html`p &lt; <input id="univariate-alpha" type="number" min="0" max="1" step="0.01" .value=${String(uni.alpha ?? 0.05)} @change=${(e: Event) => this.num(e, (v) => this.set({ univariate: { ...uni, alpha: v } }))} />
              <label><input id="univariate-bh" type="checkbox" .checked=${uni.adjust === 'BH'} @change=${(e: Event) => this.set({ univariate: { ...uni, adjust: (e.target as HTMLInputElement).checked ? 'BH' : 'none' } })} /> BH-adjusted</label>` : nothing}
          </span>
          <label for="correlation-method">Correlation filter</label>
          <span>
            <select id="correlation-method" @change=${(e: Event) => { const v = this.sel<'pearson' | 'spearman' | 'off'>(e); this.set({ correlation: v === 'off' ? false : { ...(cor ?? {}), method: v } }); }}>
              <option value="pearson" ?selected=${cor !== null && (cor.method ?? 'pearson') === 'pearson'}>Pearson</option>
              <option value="spearman" ?selected=${cor?.method === 'spearman'}>Spearman</option>
              <option value="off" ?selected=${cor === null}>Off</option>
            </select>
            ${cor ? html`|r| &le; <input id="correlation-threshold" type="number" min="0" max="1" step="0.05" .value=${String(cor.threshold ?? 0.9)} @change=${(e: Event) => this.num(e, (v) => this.set({ correlation: { ...cor, threshold: v } }))} />` : nothing}
          </span>
          <label for="lambda-rule">LASSO lambda</label>
          <select id="lambda-rule" @change=${(e: Event) => this.set({ lasso: { ...lasso, rule: this.sel(e) } })}>
            <option value="lambda.min" ?selected=${(lasso.rule ?? 'lambda.min') === 'lambda.min'}>lambda.min (lowest CV error)</option>
            <option value="lambda.1se" ?selected=${lasso.rule === 'lambda.1se'}>lambda.1se (sparser, within 1 SE)</option>
          </select>
          <label for="nfolds">Cross-validation</label>
          <span>
            <input id="nfolds" type="number" min="3" max="20" step="1" .value=${String(lasso.nfolds ?? 10)} @change=${(e: Event) => this.num(e, (v) => this.set({ lasso: { ...lasso, nfolds: v } }), true)} /> folds,
            <select id="type-measure" @change=${(e: Event) => this.set({ lasso: { ...lasso, typeMeasure: this.sel(e) } })}>
              <option value="deviance" ?selected=${(lasso.typeMeasure ?? 'deviance') === 'deviance'}>deviance</option>
              <option value="auc" ?selected=${lasso.typeMeasure === 'auc'}>AUC</option>
            </select>
          </span>
          <label for="cv-seed">Fold seed</label>
          <input id="cv-seed" type="number" step="1" .value=${String(lasso.seed ?? 1)} @change=${(e: Event) => this.num(e, (v) => this.set({ lasso: { ...lasso, seed: v } }), true)} />
        </div>
      </div>
    </fieldset>`;
  }
}

customElements.define('wr-research-options', WrResearchOptions);

declare global {
  interface HTMLElementTagNameMap {
    'wr-research-options': WrResearchOptions;
  }
}
