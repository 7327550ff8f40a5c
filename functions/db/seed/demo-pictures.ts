/**
 * Demo seed pictures: product logos, product screenshots and event/community covers.
 *
 * They are drawn in code from a seed string (through a small seeded PRNG, never Math.random or
 * the clock), so the same seed always gives byte-identical PNGs and no binary files live in git.
 * Pixels are painted into a plain RGBA buffer and handed to photon once, to encode as PNG.
 */
import { draw_text_with_color, PhotonImage, Rgba } from '@cf-wasm/photon';

type Rgb = readonly [number, number, number];
/** An RGBA buffer; every picture starts fully opaque, so blending never has to handle alpha. */
type Canvas = { readonly w: number; readonly h: number; readonly px: Uint8Array };
/**
 * A shape: its bounding box and a signed distance in pixels (negative inside), or a bound on it
 * that changes by at most `k` (default 1) per pixel along x.
 */
type Shape = {
  readonly box: readonly [number, number, number, number];
  readonly d: (x: number, y: number) => number;
  readonly k?: number;
};
/** A coverage mask, 0..255 per pixel. */
type Mask = { readonly w: number; readonly h: number; readonly a: Uint8Array };

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [15, 23, 42];

/** xmur3 hash of the seed feeding mulberry32: a deterministic generator of floats in [0, 1). */
function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  let a = (h ^ (h >>> 16)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HSL (hue in degrees, s and l in 0..1) to RGB. */
function hsl(hue: number, s: number, l: number): Rgb {
  const h = ((hue % 360) + 360) % 360;
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A hue in degrees that skips the muddy yellow-olive range (45°–100°). */
const niceHue = (r: number): number => (100 + r * 305) % 360;
/** A second gradient hue `d` degrees from `h`, turning the other way if that lands in yellow-olive. */
function partner(h: number, d: number): number {
  const h2 = (((h + d) % 360) + 360) % 360;
  return h2 > 40 && h2 < 110 ? h - d : h + d;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** Vector length (Math.hypot is much slower in V8). */
const len = (x: number, y: number): number => Math.sqrt(x * x + y * y);

const canvas = (w: number, h: number): Canvas => ({ w, h, px: new Uint8Array(w * h * 4) });

/** Blends colour `col` with opacity `a` (0..1) onto the opaque pixel at byte offset `i`. */
function blend(c: Canvas, i: number, col: Rgb, a: number): void {
  const p = c.px;
  p[i] = Math.round((p[i] ?? 0) + (col[0] - (p[i] ?? 0)) * a);
  p[i + 1] = Math.round((p[i + 1] ?? 0) + (col[1] - (p[i + 1] ?? 0)) * a);
  p[i + 2] = Math.round((p[i + 2] ?? 0) + (col[2] - (p[i + 2] ?? 0)) * a);
}

/** Fills a shape, anti-aliased by its distance field. */
function fill(c: Canvas, s: Shape, col: Rgb, alpha = 1): void {
  const x0 = Math.max(0, Math.floor(s.box[0]));
  const y0 = Math.max(0, Math.floor(s.box[1]));
  const x1 = Math.min(c.w, Math.ceil(s.box[2]));
  const y1 = Math.min(c.h, Math.ceil(s.box[3]));
  const k = s.k ?? 1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; ) {
      const d = s.d(x + 0.5, y + 0.5);
      // Far from the edge, the next `run` pixels are all fully outside or fully inside.
      const run = Math.abs(d) < 0.5 ? 1 : Math.floor((Math.abs(d) - 0.5) / k) + 1;
      if (d < 0.5) {
        const a = alpha * Math.min(1, 0.5 - d);
        for (let e = Math.min(x1, x + run), i = (y * c.w + x) * 4; i < (y * c.w + e) * 4; i += 4)
          blend(c, i, col, a);
      }
      x += run;
    }
  }
}

const circle = (cx: number, cy: number, r: number): Shape => ({
  box: [cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1],
  d: (x, y) => len(x - cx, y - cy) - r,
});
const ring = (cx: number, cy: number, r: number, t: number): Shape => ({
  box: [cx - r - t, cy - r - t, cx + r + t, cy + r + t],
  d: (x, y) => Math.abs(len(x - cx, y - cy) - r) - t / 2,
});
/** Regular n-gon with circumradius r and a vertex at the top (half-plane distances; fine for AA). */
function polygon(cx: number, cy: number, r: number, n: number): Shape {
  const normals = Array.from({ length: n }, (_, k) => {
    const a = ((2 * k + 1) * Math.PI) / n;
    return [Math.sin(a), -Math.cos(a)] as const;
  });
  const apothem = r * Math.cos(Math.PI / n);
  return {
    box: [cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1],
    d: (x, y) => Math.max(...normals.map(([nx, ny]) => (x - cx) * nx + (y - cy) * ny)) - apothem,
  };
}
function roundRect(x: number, y: number, w: number, h: number, r: number): Shape {
  const [cx, cy, hw, hh] = [x + w / 2, y + h / 2, w / 2 - r, h / 2 - r];
  return {
    box: [x - 1, y - 1, x + w + 1, y + h + 1],
    d: (px, py) => {
      const qx = Math.abs(px - cx) - hw;
      const qy = Math.abs(py - cy) - hh;
      return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    },
  };
}
/** Thick line segment with round caps. */
function segment(ax: number, ay: number, bx: number, by: number, t: number): Shape {
  const [dx, dy] = [bx - ax, by - ay];
  const len2 = dx * dx + dy * dy || 1;
  return {
    box: [Math.min(ax, bx) - t, Math.min(ay, by) - t, Math.max(ax, bx) + t, Math.max(ay, by) + t],
    d: (x, y) => {
      const u = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
      return len(x - ax - u * dx, y - ay - u * dy) - t / 2;
    },
  };
}
/** The part of `s` inside `within`. */
const clip = (s: Shape, within: Shape): Shape => ({
  box: s.box,
  d: (x, y) => Math.max(s.d(x, y), within.d(x, y)),
});
/** Everything below the curve y = f(x), from x0 to x1. */
const below = (c: Canvas, f: (x: number) => number, top: number, x0 = 0, x1 = c.w): Shape => ({
  box: [x0, top, x1, c.h],
  d: (x, y) => f(x) - y,
});

/** Opaque linear gradient from `a` to `b` along the direction (dx, dy). */
function gradient(c: Canvas, a: Rgb, b: Rgb, dx: number, dy: number): void {
  const span = Math.abs(dx) * c.w + Math.abs(dy) * c.h;
  const base = Math.min(0, dx * c.w) + Math.min(0, dy * c.h);
  // Smoothstep-eased colour table, indexed by position along the gradient.
  const lut = Array.from({ length: 1024 }, (_, k) => {
    const t = k / 1023;
    return mix(a, b, t * t * (3 - 2 * t));
  });
  for (let y = 0, i = 0; y < c.h; y++) {
    for (let x = 0; x < c.w; x++, i += 4) {
      const col = lut[Math.round(((x * dx + y * dy - base) / span) * 1023)] ?? a;
      c.px[i] = col[0];
      c.px[i + 1] = col[1];
      c.px[i + 2] = col[2];
      c.px[i + 3] = 255;
    }
  }
}

/**
 * Renders Latin text with photon's built-in Roboto onto a transparent scratch image and keeps its
 * alpha, trimmed to the ink, as a mask; `bold` thickens the strokes by that many pixels.
 */
function textMask(str: string, size: number, bold = 0): Mask {
  const gw = Math.ceil(size * 0.75 * str.length + size);
  const gh = Math.ceil(size * 1.5);
  const scratch = new PhotonImage(new Uint8Array(gw * gh * 4), gw, gh);
  const white = new Rgba(255, 255, 255, 255); // consumed by the call below
  let m: Uint8Array;
  try {
    draw_text_with_color(scratch, str, Math.round(size / 2), Math.round(size / 4), size, white);
    m = scratch.get_raw_pixels();
  } finally {
    scratch.free();
  }
  let [x0, y0, x1, y1] = [gw, gh, 0, 0];
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      if ((m[(y * gw + x) * 4 + 3] ?? 0) === 0) continue;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
    }
  }
  // Trim to the ink, dilating by a (bold+1)² square: each pixel takes the max over its up-left block.
  const [w, h] = [Math.max(0, x1 - x0) + bold, Math.max(0, y1 - y0) + bold];
  const a = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let sy = Math.max(y0, y + y0 - bold); sy <= Math.min(y1 - 1, y + y0); sy++) {
        for (let sx = Math.max(x0, x + x0 - bold); sx <= Math.min(x1 - 1, x + x0); sx++) {
          v = Math.max(v, m[(sy * gw + sx) * 4 + 3] ?? 0);
        }
      }
      a[y * w + x] = v;
    }
  }
  return { w, h, a };
}

/** Blends a mask in colour `col` with its top-left corner at (x, y). */
function stamp(c: Canvas, m: Mask, x: number, y: number, col: Rgb, alpha = 1): void {
  for (let my = 0; my < m.h; my++) {
    for (let mx = 0; mx < m.w; mx++) {
      const a = m.a[my * m.w + mx] ?? 0;
      const tx = Math.round(x) + mx;
      const ty = Math.round(y) + my;
      if (a > 0 && tx >= 0 && ty >= 0 && tx < c.w && ty < c.h)
        blend(c, (ty * c.w + tx) * 4, col, (alpha * a) / 255);
    }
  }
}

function encode(c: Canvas): Uint8Array {
  const img = new PhotonImage(c.px, c.w, c.h);
  try {
    return img.get_bytes();
  } finally {
    img.free();
  }
}

/** A 512×512 app-icon logo: seeded gradient rounded square, a geometric motif and a white letter. */
export function drawDemoLogo(seed: string, letter: string): Uint8Array {
  const rnd = prng(`logo:${seed}`);
  const c = canvas(512, 512);
  const hue = niceHue(rnd());
  const hue2 = partner(hue, (rnd() < 0.5 ? -1 : 1) * (30 + rnd() * 40));
  gradient(c, hsl(hue, 0.75, 0.58), hsl(hue2, 0.7, 0.4), 1, 1);
  const motifs = [
    ring(256, 256, 168, 34),
    circle(256, 256, 178),
    polygon(256, 286, 220, 3),
    polygon(256, 256, 200, 4),
  ];
  fill(c, motifs[Math.floor(rnd() * motifs.length)] ?? circle(256, 256, 178), WHITE, 0.2);
  fill(c, circle(96 + rnd() * 320, 96 + rnd() * 60, 28 + rnd() * 24), WHITE, 0.16);
  const ch = letter.trim().charAt(0).toUpperCase();
  if (/^[A-Z]$/.test(ch)) {
    const m = textMask(ch, 290, 10);
    stamp(c, m, 260 - m.w / 2, 266 - m.h / 2, INK, 0.18);
    stamp(c, m, 256 - m.w / 2, 258 - m.h / 2, WHITE);
  }
  // Cut out the rounded square: alpha outside it goes to 0.
  const mask = roundRect(16, 16, 480, 480, 112);
  for (let y = 0; y < 512; y++) {
    for (let x = 0; x < 512; x++) {
      const cov = Math.max(0, Math.min(1, 0.5 - mask.d(x + 0.5, y + 0.5)));
      const i = (y * 512 + x) * 4 + 3;
      c.px[i] = Math.round((c.px[i] ?? 0) * cov);
    }
  }
  return encode(c);
}

/** A card with a soft shadow. */
function card(c: Canvas, x: number, y: number, w: number, h: number, col: Rgb = WHITE): void {
  fill(c, roundRect(x - 1, y + 1, w + 2, h + 3, 14), INK, 0.06);
  fill(c, roundRect(x, y, w, h, 12), col);
}
/** A skeleton "text" line. */
const line = (c: Canvas, x: number, y: number, w: number, col: Rgb = [203, 213, 225], h = 10): void =>
  fill(c, roundRect(x, y, w, h, h / 2), col);

const SCREENS = ['Dashboard', 'Analytics', 'Catalog', 'Board'] as const;

/** A 1280×800 mock-up of an app screen; the layout varies with `index`. */
export function drawDemoScreenshot(seed: string, index: number): Uint8Array {
  const base = prng(`shot:${seed}`);
  const rnd = prng(`shot:${seed}:${index}`);
  const hue = niceHue(base());
  const kind = (Math.floor(base() * 4) + index) % 4;
  const accent = hsl(hue, 0.65, 0.5);
  const soft = hsl(hue, 0.7, 0.93);
  const c = canvas(1280, 800);
  fill(c, roundRect(0, 0, 1280, 800, 0), [246, 247, 251]);
  // Top bar with a logo tile and the screen name.
  fill(c, roundRect(0, 0, 1280, 64, 0), hsl(hue, 0.55, 0.38));
  fill(c, roundRect(20, 14, 36, 36, 10), WHITE, 0.9);
  fill(c, circle(38, 32, 9), accent);
  const title = textMask(SCREENS[kind] ?? '', 24, 1);
  stamp(c, title, 76, 32 - title.h / 2, WHITE);
  fill(c, circle(1236, 32, 17), WHITE, 0.85);
  line(c, 1000, 27, 180, WHITE, 12);
  // Sidebar with menu items, the current one highlighted.
  fill(c, roundRect(0, 64, 224, 736, 0), WHITE);
  fill(c, roundRect(223, 64, 1, 736, 0), [226, 232, 240]);
  for (let k = 0; k < 7; k++) {
    const y = 96 + k * 52;
    if (k === kind) fill(c, roundRect(12, y - 13, 200, 40, 10), soft);
    fill(c, roundRect(28, y, 16, 16, 5), k === kind ? accent : [203, 213, 225]);
    line(c, 56, y + 3, 80 + rnd() * 60, k === kind ? accent : [203, 213, 225]);
  }
  const [X, Y, W] = [248, 88, 1008];
  if (kind === 0) {
    // Three stat cards and a bar chart.
    for (let k = 0; k < 3; k++) {
      const x = X + k * 344;
      card(c, x, Y, 320, 128);
      line(c, x + 24, Y + 26, 90);
      line(c, x + 24, Y + 56, 120 + rnd() * 60, [51, 65, 85], 22);
      fill(c, roundRect(x + 24, Y + 94, 56, 16, 8), k === 2 ? [254, 226, 226] : [220, 252, 231]);
    }
    card(c, X, Y + 152, W, 536);
    line(c, X + 28, Y + 180, 160, [100, 116, 139], 12);
    for (let g = 0; g < 5; g++) fill(c, roundRect(X + 28, Y + 260 + g * 96, W - 56, 1, 0), [226, 232, 240]);
    for (let b = 0; b < 12; b++) {
      const h = 60 + rnd() * 320;
      fill(c, roundRect(X + 52 + b * 78, Y + 644 - h, 40, h, 8), b % 2 ? accent : mix(accent, WHITE, 0.45));
    }
  } else if (kind === 1) {
    // A line chart with a filled area, and a list.
    card(c, X, Y, 640, 688);
    line(c, X + 28, Y + 28, 140, [100, 116, 139], 12);
    for (let g = 0; g < 5; g++) fill(c, roundRect(X + 40, Y + 200 + g * 100, 560, 1, 0), [226, 232, 240]);
    const pts = Array.from({ length: 9 }, (_, k) => [X + 40 + k * 70, Y + 200 + rnd() * 320] as const);
    const yAt = (x: number): number => {
      const k = Math.max(0, Math.min(7, Math.floor((x - X - 40) / 70)));
      const [[ax, ay], [bx, by]] = [pts[k] ?? [0, 0], pts[k + 1] ?? [0, 0]];
      return ay + ((by - ay) * (x - ax)) / (bx - ax);
    };
    const area = below(c, yAt, Y + 180, X + 40, X + 600);
    fill(c, { ...area, box: [X + 40, Y + 180, X + 600, Y + 600], k: 5 }, accent, 0.14);
    for (let k = 0; k < 8; k++) {
      const [[ax, ay], [bx, by]] = [pts[k] ?? [0, 0], pts[k + 1] ?? [0, 0]];
      fill(c, segment(ax, ay, bx, by, 5), accent);
    }
    for (const [px, py] of pts) {
      fill(c, circle(px, py, 7), WHITE);
      fill(c, ring(px, py, 7, 4), accent);
    }
    card(c, X + 664, Y, 344, 688);
    for (let k = 0; k < 8; k++) {
      const y = Y + 32 + k * 80;
      fill(c, circle(X + 704, y + 20, 20), hsl(hue + k * 40, 0.6, 0.8));
      line(c, X + 740, y + 8, 100 + rnd() * 80, [100, 116, 139]);
      line(c, X + 740, y + 26, 60 + rnd() * 60);
    }
  } else if (kind === 2) {
    // A catalogue grid of cards with picture placeholders.
    for (let k = 0; k < 6; k++) {
      const x = X + (k % 3) * 344;
      const y = Y + Math.floor(k / 3) * 352;
      card(c, x, y, 320, 328);
      const h0 = hue + rnd() * 120 - 60;
      const img = roundRect(x + 12, y + 12, 296, 180, 10);
      fill(c, img, hsl(h0, 0.6, 0.82));
      fill(c, clip(circle(x + 60 + rnd() * 200, y + 170, 60 + rnd() * 40), img), hsl(h0, 0.55, 0.7));
      fill(c, clip(polygon(x + 200 + rnd() * 40, y + 160, 56, 3), img), hsl(h0 + 20, 0.5, 0.62));
      line(c, x + 20, y + 214, 150 + rnd() * 100, [71, 85, 105], 14);
      line(c, x + 20, y + 242, 120 + rnd() * 120);
      fill(c, roundRect(x + 20, y + 276, 96, 32, 16), accent);
    }
  } else {
    // A kanban board with three columns.
    for (let k = 0; k < 3; k++) {
      const x = X + k * 344;
      fill(c, roundRect(x, Y, 320, 688, 14), [232, 236, 243]);
      line(c, x + 20, Y + 22, 110, [100, 116, 139], 12);
      let y = Y + 56;
      for (let n = 0; n < 2 + Math.floor(rnd() * 3); n++) {
        const h = 96 + Math.floor(rnd() * 3) * 24;
        card(c, x + 12, y, 296, h);
        fill(c, roundRect(x + 28, y + 16, 64, 16, 8), hsl(hue + (n + k) * 50, 0.7, 0.85));
        line(c, x + 28, y + 44, 160 + rnd() * 90, [71, 85, 105]);
        if (h > 100) line(c, x + 28, y + 66, 100 + rnd() * 120);
        fill(c, circle(x + 284, y + h - 24, 12), hsl(hue + n * 70, 0.5, 0.7));
        y += h + 14;
      }
    }
  }
  for (let a = 3; a < c.px.length; a += 4) c.px[a] = 255; // a screen is opaque
  return encode(c);
}

/** A 1600×900 event/community cover: soft gradient, translucent circles and waves. */
export function drawDemoCover(seed: string): Uint8Array {
  const rnd = prng(`cover:${seed}`);
  const c = canvas(1600, 900);
  const hue = niceHue(rnd());
  const hue2 = partner(hue, (rnd() < 0.5 ? -1 : 1) * (25 + rnd() * 35));
  gradient(c, hsl(hue, 0.7, 0.72), hsl(hue2, 0.6, 0.48), 1, 0.6);
  for (let k = 0; k < 7; k++) {
    const col = rnd() < 0.55 ? WHITE : hsl(hue + rnd() * 60 - 30, 0.75, 0.6);
    fill(c, circle(rnd() * 1600, rnd() * 900, 120 + rnd() * 320), col, 0.1 + rnd() * 0.14);
  }
  for (let k = 0; k < 2; k++) {
    const [amp, freq, phase, base] = [30 + rnd() * 40, 0.002 + rnd() * 0.003, rnd() * 6.3, 640 + k * 110];
    const f = (x: number): number => base + amp * Math.sin(x * freq + phase) + 12 * Math.sin(x * freq * 3.1);
    fill(c, below(c, f, base - amp - 14), WHITE, 0.16 + k * 0.08);
  }
  return encode(c);
}
