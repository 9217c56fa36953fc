/**
 * SYNTHETIC MR-like volumes for the synthetic TPI cohort (synthetic-cohort.ts): for each generated patient, three
 * small co-registered sequences (AP arterial phase, PVP portal venous phase, T2-weighted) and a tumour label map
 * (label 1) on the same grid. GENERATED DATA, not patients: they exist to feed the cohort extraction, the demo model,
 * the tests and the benchmark with images whose texture carries a real association with response.
 *
 * Grid: 64 x 64 x 24 voxels, spacing 1.5 x 1.5 x 3 mm, identity direction, int16 intensities (MR-like arbitrary
 * units, 0..32767). Each patient draws from its own xoshiro128** stream seeded by `${seed}:images:${id}`, so one
 * patient (a shard, the demo patient) is generated without the others, identically on every platform.
 *
 * Scene (positions in mm from the grid centre; cx, cy, cz the voxel position over the grid size, in -1/2..1/2):
 *   liver     ellipsoid with semi-axes of about 45 x 41 x 35 mm, intensity L_q; outside it the body wall, 0.45 L_q
 *   bias      multiplicative: f = 1 + b/2 cos(pi cz) + b (1.2 e_x cx + 0.8 e_y cy), e ~ U(-1/2, 1/2),
 *             b = 0.06 (1 + 0.5 min(3, |u_6|))
 *   tumour    lobulated ellipsoid, semi-axes a about the radius R = clamp(9 + 10 size + 1.5 u_4, 8, 22) mm (size: the
 *             clinical diameter on a log scale, 1.5-25 cm -> 0-1), centre within +-8 mm in-plane, +-3 mm across;
 *             normalised radius d = |(x - c) / a| / (1 + l_0 cos(3 theta + p_0) + l_1 cos(2 theta + p_1) cos^2 phi),
 *             mask (label 1) where d <= 1
 *   texture   T = two passes of a 3D box blur (half-width round(s) in-plane, round(s / 2) across slices) over white
 *             noise on the tumour's box, rescaled to unit SD
 *   viable    V_q + slope_q u_k + A_q amp T          necrosis: d < f_n + 0.12 T (irregular edge), N_q + 0.3 A_q T
 *   rim       PVP only: + rim_q (1 + 0.4 u_3) exp(-((d - 0.92) / 0.1)^2) inside, half of it in a ring at d = 1
 *   noise     Gaussian, SD sigma_q (synthetic-noise.ts); value = round(signal x f + noise), clamped to 0..32767
 * with (V, slope, trait k, N, A, rim, sigma) per sequence in SEQUENCE_MODELS: AP hyper-enhancing (700, 110, u_0),
 * PVP washing out below the liver (520 vs 620) with a capsule, T2 bright (430, 45, u_5) with a brighter necrosis.
 *
 * Traits u_0..u_7 are the cohort's latent traits; u_0..u_2 drive response there (r = 0.9 u_0 + 0.7 u_1 - 0.5 u_2):
 *   u_0  arterial hyper-enhancement of viable tumour  (+: better response, as hypervascular HCC under TACE)
 *   u_1  homogeneity: texture amplitude amp = exp(-0.45 u_1) (+: finer, less heterogeneous, better response)
 *   u_2  necrotic core fraction f_n = clamp(0.22 + 0.12 u_2, 0, 0.6) (+: more necrosis, worse response)
 *   u_3  PVP capsule / rim enhancement        u_4  tumour size (with the cohort's max_diameter)
 *   u_5  T2 signal of viable tumour            u_6  texture scale s = 1.2 + 0.5 |u_6| and bias strength
 *   u_7  lobulation
 */
import type { Volume } from '../volume.js';
import { createPrng, type Prng } from './prng.js';
import { fillNormal } from './synthetic-noise.js';

export const SYNTHETIC_IMAGE_DIMS: [number, number, number] = [64, 64, 24];
export const SYNTHETIC_IMAGE_SPACING: [number, number, number] = [1.5, 1.5, 3];
export const SYNTHETIC_SEQUENCES = ['AP', 'PVP', 'T2'] as const;
export type SyntheticSequence = (typeof SYNTHETIC_SEQUENCES)[number];

export interface SyntheticPatientImages {
  id: string;
  /** int16 volumes per sequence, same grid as the mask */
  images: Record<SyntheticSequence, Volume>;
  /** tumour label map: 1 inside, 0 outside (uint8) */
  mask: Volume;
}

/** Intensity model of one sequence (MR arbitrary units). */
interface SequenceModel {
  liver: number;
  /** viable tumour at u = 0 */
  tumour: number;
  /** viable tumour change per unit of its driving trait */
  tumourSlope: number;
  /** which trait drives the viable tumour signal */
  tumourTrait: number;
  necrosis: number;
  /** texture amplitude at amp = 1 */
  texture: number;
  /** rim enhancement at u_3 = 0 (0: none) */
  rim: number;
  noise: number;
}

const SEQUENCE_MODELS: Record<SyntheticSequence, SequenceModel> = {
  AP: { liver: 380, tumour: 700, tumourSlope: 110, tumourTrait: 0, necrosis: 170, texture: 70, rim: 0, noise: 18 },
  PVP: { liver: 620, tumour: 520, tumourSlope: 45, tumourTrait: 0, necrosis: 210, texture: 55, rim: 140, noise: 18 },
  T2: { liver: 230, tumour: 430, tumourSlope: 45, tumourTrait: 5, necrosis: 820, texture: 45, rim: 0, noise: 14 },
};

/** Geometry shared by every synthetic volume: LPS origin so that the grid is centred on (0, 0, 0). */
function grid(data: Volume['data']): Volume {
  const [nx, ny, nz] = SYNTHETIC_IMAGE_DIMS;
  const [sx, sy, sz] = SYNTHETIC_IMAGE_SPACING;
  return {
    dims: [nx, ny, nz],
    spacing: [sx, sy, sz],
    origin: [(-(nx - 1) * sx) / 2, (-(ny - 1) * sy) / 2, (-(nz - 1) * sz) / 2],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    data,
  };
}

/** In-place running-sum box blur of half-width h along one axis of a bx x by x bz block. */
function boxBlurAxis(f: Float64Array, dims: [number, number, number], axis: 0 | 1 | 2, h: number, tmp: Float64Array): void {
  if (h <= 0) return;
  const [bx, by, bz] = dims;
  const stride = axis === 0 ? 1 : axis === 1 ? bx : bx * by;
  const len = dims[axis];
  const lines = (bx * by * bz) / len;
  for (let l = 0; l < lines; l++) {
    // start index of line l: enumerate the two other axes
    let start: number;
    if (axis === 0) start = l * bx;
    else if (axis === 1) start = (l % bx) + bx * by * Math.floor(l / bx);
    else start = l;
    for (let i = 0; i < len; i++) tmp[i] = f[start + i * stride];
    // clamped-edge running sum over [i - h, i + h]
    let sum = 0;
    for (let k = -h; k <= h; k++) sum += tmp[Math.min(len - 1, Math.max(0, k))];
    for (let i = 0; i < len; i++) {
      f[start + i * stride] = sum / (2 * h + 1);
      sum += tmp[Math.min(len - 1, i + h + 1)] - tmp[Math.max(0, i - h)];
    }
  }
}

/** Unit-SD smooth noise on a block: white noise, two box-blur passes per axis, rescaled. */
function textureField(prng: Prng, dims: [number, number, number], hXY: number, hZ: number): Float64Array {
  const n = dims[0] * dims[1] * dims[2];
  const f = new Float64Array(n);
  fillNormal(prng, f);
  const tmp = new Float64Array(Math.max(...dims));
  for (let pass = 0; pass < 2; pass++) {
    boxBlurAxis(f, dims, 0, hXY, tmp);
    boxBlurAxis(f, dims, 1, hXY, tmp);
    boxBlurAxis(f, dims, 2, hZ, tmp);
  }
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s += f[i];
    s2 += f[i] * f[i];
  }
  const mean = s / n;
  const sd = Math.sqrt(Math.max(1e-12, s2 / n - mean * mean));
  for (let i = 0; i < n; i++) f[i] = (f[i] - mean) / sd;
  return f;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The patient's scene parameters, drawn first from its stream (the order of draws is part of the format). */
interface Scene {
  /** tumour semi-axes and centre (mm, relative to the grid centre) */
  axes: number[];
  centre: number[];
  lobulation: number[];
  lobulationPhase: number[];
  necroticFraction: number;
  /** texture amplitude factor and blur half-widths (voxels) */
  amp: number;
  blurXY: number;
  blurZ: number;
  bias: number;
  biasDir: number[];
  liverAxes: number[];
}

function drawScene(prng: Prng, u: readonly number[], diameterCm: number): Scene {
  // mean radius 9-21 mm from the clinical diameter (log scale, compressed into the small field) and u_4
  const sizeScore = clamp((Math.log(diameterCm) - Math.log(1.5)) / (Math.log(25) - Math.log(1.5)), 0, 1);
  const radius = clamp(9 + 10 * sizeScore + 1.5 * u[4], 8, 22);
  const axes = [radius * (0.9 + 0.2 * prng.float()), radius * (0.9 + 0.2 * prng.float()), radius * (0.8 + 0.2 * prng.float())];
  const centre = [(prng.float() - 0.5) * 16, (prng.float() - 0.5) * 16, (prng.float() - 0.5) * 6];
  const lobulation = [0.08 + 0.05 * Math.abs(u[7]) * prng.float(), 0.06 + 0.04 * prng.float()];
  const lobulationPhase = [2 * Math.PI * prng.float(), 2 * Math.PI * prng.float()];
  const scale = 1.2 + 0.5 * Math.min(3, Math.abs(u[6]));
  return {
    axes,
    centre,
    lobulation,
    lobulationPhase,
    necroticFraction: clamp(0.22 + 0.12 * u[2], 0, 0.6),
    amp: Math.exp(-0.45 * u[1]),
    blurXY: Math.round(scale),
    blurZ: Math.round(scale / 2),
    bias: 0.06 * (1 + 0.5 * Math.min(3, Math.abs(u[6]))),
    biasDir: [prng.float() - 0.5, prng.float() - 0.5],
    liverAxes: [44 + 2 * prng.float(), 40 + 3 * prng.float(), 34 + 2 * prng.float()],
  };
}

/** Voxel box around the tumour (with a margin for the rim) and, per box voxel, its normalised radius d. */
interface TumourBox {
  lo: number[];
  dims: [number, number, number];
  d: Float64Array;
  texture: Float64Array;
  mask: Uint8Array;
}

/** Centre of voxel index k along axis a, in mm from the grid centre. */
const mm = (k: number, a: number) => (k - (SYNTHETIC_IMAGE_DIMS[a] - 1) / 2) * SYNTHETIC_IMAGE_SPACING[a];

function tumourBox(prng: Prng, s: Scene): TumourBox {
  const [nx, ny] = SYNTHETIC_IMAGE_DIMS;
  const outer = 1.3 * Math.max(...s.axes);
  const lo: number[] = [];
  const hi: number[] = [];
  for (let a = 0; a < 3; a++) {
    const c = (SYNTHETIC_IMAGE_DIMS[a] - 1) / 2;
    lo.push(clamp(Math.floor((s.centre[a] - outer) / SYNTHETIC_IMAGE_SPACING[a] + c), 0, SYNTHETIC_IMAGE_DIMS[a] - 1));
    hi.push(clamp(Math.ceil((s.centre[a] + outer) / SYNTHETIC_IMAGE_SPACING[a] + c), 0, SYNTHETIC_IMAGE_DIMS[a] - 1));
  }
  const dims: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const texture = textureField(prng, dims, s.blurXY, s.blurZ);
  const d = new Float64Array(dims[0] * dims[1] * dims[2]);
  const mask = new Uint8Array(SYNTHETIC_IMAGE_DIMS[0] * SYNTHETIC_IMAGE_DIMS[1] * SYNTHETIC_IMAGE_DIMS[2]);
  const [l0, l1] = s.lobulation;
  const [p0, p1] = s.lobulationPhase;
  let b = 0;
  for (let z = lo[2]; z <= hi[2]; z++) {
    const ez = (mm(z, 2) - s.centre[2]) / s.axes[2];
    for (let y = lo[1]; y <= hi[1]; y++) {
      const ey = (mm(y, 1) - s.centre[1]) / s.axes[1];
      for (let x = lo[0]; x <= hi[0]; x++, b++) {
        const ex = (mm(x, 0) - s.centre[0]) / s.axes[0];
        const r = Math.sqrt(ex * ex + ey * ey + ez * ez);
        // lobulated surface: radius 1 + l0 cos(3 theta + p0) + l1 cos(2 theta + p1) cos^2(phi)
        const theta = Math.atan2(ey, ex);
        const sinPhi = r > 0 ? ez / r : 0;
        const surface = 1 + l0 * Math.cos(3 * theta + p0) + l1 * Math.cos(2 * theta + p1) * (1 - sinPhi * sinPhi);
        d[b] = r / surface;
        if (d[b] <= 1) mask[x + nx * (y + ny * z)] = 1;
      }
    }
  }
  return { lo, dims, d, texture, mask };
}

/** Liver (1) or body wall (0.45) factor and the multiplicative bias field, shared by the three sequences. */
function background(s: Scene): { tissue: Float64Array; field: Float64Array } {
  const [nx, ny, nz] = SYNTHETIC_IMAGE_DIMS;
  const n = nx * ny * nz;
  const tissue = new Float64Array(n);
  const field = new Float64Array(n);
  for (let z = 0; z < nz; z++) {
    const lz = mm(z, 2) / s.liverAxes[2];
    const fz = 1 + 0.5 * s.bias * Math.cos((Math.PI * (z - (nz - 1) / 2)) / nz);
    for (let y = 0; y < ny; y++) {
      const ly = mm(y, 1) / s.liverAxes[1];
      const fy = fz + s.bias * s.biasDir[1] * 0.8 * ((y - (ny - 1) / 2) / ny);
      let i = nx * (y + ny * z);
      for (let x = 0; x < nx; x++, i++) {
        const lx = mm(x, 0) / s.liverAxes[0];
        tissue[i] = lx * lx + ly * ly + lz * lz <= 1 ? 1 : 0.45;
        field[i] = fy + s.bias * s.biasDir[0] * 1.2 * ((x - (nx - 1) / 2) / nx);
      }
    }
  }
  return { tissue, field };
}

/** Noise-free intensities of one sequence: background, then the tumour (viable, necrotic core, rim). */
function sequenceSignal(m: SequenceModel, u: readonly number[], s: Scene, box: TumourBox, tissue: Float64Array): Float64Array {
  const [nx, ny] = SYNTHETIC_IMAGE_DIMS;
  const value = new Float64Array(tissue.length);
  for (let i = 0; i < value.length; i++) value[i] = m.liver * tissue[i];
  const viable = m.tumour + m.tumourSlope * u[m.tumourTrait];
  const rim = m.rim * (1 + 0.4 * u[3]);
  const texture = m.texture * s.amp;
  let b = 0;
  for (let z = box.lo[2]; z < box.lo[2] + box.dims[2]; z++) {
    for (let y = box.lo[1]; y < box.lo[1] + box.dims[1]; y++) {
      let i = box.lo[0] + nx * (y + ny * z);
      for (let x = 0; x < box.dims[0]; x++, b++, i++) {
        const d = box.d[b];
        const t = box.texture[b];
        if (d <= 1) {
          value[i] = d < s.necroticFraction + 0.12 * t ? m.necrosis + 0.3 * m.texture * t : viable + texture * t;
          if (rim > 0) value[i] += rim * Math.exp(-(((d - 0.92) / 0.1) ** 2));
        } else if (rim > 0 && d < 1.15) value[i] += 0.5 * rim * Math.exp(-(((d - 1) / 0.06) ** 2));
      }
    }
  }
  return value;
}

/** round(value x field + sigma x noise), clamped to 0..32767 (rounding half up, as Math.round for these values). */
function toInt16(value: Float64Array, field: Float64Array, sigma: number, noise: Float64Array): Int16Array {
  const data = new Int16Array(value.length);
  for (let i = 0; i < data.length; i++) {
    const v = value[i] * field[i] + sigma * noise[i];
    data[i] = v <= 0 ? 0 : v >= 32767 ? 32767 : (v + 0.5) | 0;
  }
  return data;
}

/**
 * The volumes of one patient. `traits` are the patient's 8 latent traits (SyntheticCohort.traits[i]);
 * `diameterCm` its clinical maximum diameter (only its rank matters: it is compressed into the small field).
 */
export function syntheticPatientImages(seed: number | string, id: string, traits: readonly number[], diameterCm: number): SyntheticPatientImages {
  const prng = createPrng(`${seed}:images:${id}`);
  const scene = drawScene(prng, traits, diameterCm);
  const box = tumourBox(prng, scene);
  const { tissue, field } = background(scene);
  const noise = new Float64Array(tissue.length);
  const images = {} as Record<SyntheticSequence, Volume>;
  for (const q of SYNTHETIC_SEQUENCES) {
    const m = SEQUENCE_MODELS[q];
    const value = sequenceSignal(m, traits, scene, box, tissue);
    images[q] = grid(toInt16(value, field, m.noise, fillNormal(prng, noise)));
  }
  return { id, images, mask: grid(box.mask) };
}
