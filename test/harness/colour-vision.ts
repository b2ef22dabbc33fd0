/**
 * Colour arithmetic for the palette test: WCAG contrast, CIELAB ΔE (1976), and simulated
 * deuteranopia and protanopia (Machado, Oliveira and Fernandes 2009, severity 1.0, applied
 * to linear RGB). Enough to ask "can a colour-blind reader tell these two apart, and do both
 * stand out from the page?".
 */
export type Rgb = readonly [number, number, number];

export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16) / 255) as unknown as Rgb;
}

const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const unlin = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

export function luminance(c: Rgb): number {
  const [r, g, b] = c.map(lin) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

const MACHADO = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
} as const;

export type Vision = 'normal' | keyof typeof MACHADO;

export function simulate(c: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return c;
  const l = c.map(lin);
  return MACHADO[vision].map((row) => unlin(Math.min(1, Math.max(0, row[0] * l[0]! + row[1] * l[1]! + row[2] * l[2]!)))) as unknown as Rgb;
}

function lab(c: Rgb): [number, number, number] {
  const [r, g, b] = c.map(lin) as [number, number, number];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 ΔE between two colours as seen with `vision`. */
export function deltaE(a: Rgb, b: Rgb, vision: Vision = 'normal'): number {
  const p = lab(simulate(a, vision));
  const q = lab(simulate(b, vision));
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
