// toyviz playground — numpy's random generator, bit for bit: `numpy.random.default_rng(seed)` is
// SeedSequence(seed) → PCG64 → Generator, and the playgrounds draw from it exactly what the engines
// draw (toyviz/toy/data.py: `normal` for the default initialisation, `uniform` for nn.Linear's).
//
// - SeedSequence (numpy/random/bit_generator.pyx): the seed's 32-bit words are hashed into a pool of
//   four uint32 words, and `generate_state(4, uint64)` hashes the pool again into PCG64's 128-bit
//   state seed and increment. All arithmetic is uint32 (Math.imul and >>> 0).
// - PCG64 (numpy/random/src/pcg64): a 128-bit LCG with the XSL-RR output (the high and low halves
//   xor-ed, rotated right by the top six bits), stepped before each output. BigInt: it runs only while
//   a model is initialised (a few dozen draws per seed).
// - `standard_normal` is numpy's ziggurat (distributions.c, random_standard_normal) on its float64
//   tables (rng_tables.js); `next_double` takes the top 53 bits. The rare tail and wedge branches call
//   Math.log1p and Math.exp, whose last bit may differ from the C library's: a difference could only
//   matter when a comparison ties to the last bit or after the float32 cast, and the browser test
//   checks seeds 0–999 at n = 3…12 against numpy.
//
// Exposed as toyviz.playground.rng (window, worker or node): defaultRng(seed) → {normal, uniform,
// standardNormal, nextDouble, nextUint64}.
(function (root) {
  "use strict";
  const pg = ((root.toyviz = root.toyviz || {}).playground = root.toyviz.playground || {});

  // ---- SeedSequence ---------------------------------------------------------------------------
  const INIT_A = 0x43b0d7e5, MULT_A = 0x931e8875, INIT_B = 0x8b51f9dd, MULT_B = 0x58f38ded;
  const MIX_MULT_L = 0xca01f9dd, MIX_MULT_R = 0x4973f715, XSHIFT = 16, POOL_SIZE = 4;

  /** The seed (a non-negative integer or BigInt) as uint32 words, least significant first ([0] for 0). */
  function seedWords(seed) {
    let s = BigInt(seed);
    if (s < 0n) throw new RangeError("seed must be non-negative");
    const words = [];
    do { words.push(Number(s & 0xffffffffn)); s >>= 32n; } while (s > 0n);
    return words;
  }

  function seedSequencePool(seed) {
    const entropy = seedWords(seed);
    let hashConst = INIT_A;
    function hashmix(value) {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> XSHIFT)) >>> 0;
    }
    function mix(x, y) {
      const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      return (r ^ (r >>> XSHIFT)) >>> 0;
    }
    const pool = [];
    for (let i = 0; i < POOL_SIZE; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
    for (let src = 0; src < POOL_SIZE; src++)
      for (let dst = 0; dst < POOL_SIZE; dst++)
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    for (let src = POOL_SIZE; src < entropy.length; src++)
      for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
    return pool;
  }

  /** SeedSequence(seed).generate_state(words64, uint64) as BigInts (pairs of uint32, little-endian). */
  function generateState(seed, words64) {
    const pool = seedSequencePool(seed);
    let hashConst = INIT_B;
    const w32 = [];
    for (let i = 0; i < 2 * words64; i++) {
      let v = (pool[i % POOL_SIZE] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      w32.push((v ^ (v >>> XSHIFT)) >>> 0);
    }
    const out = [];
    for (let i = 0; i < words64; i++) out.push((BigInt(w32[2 * i + 1]) << 32n) | BigInt(w32[2 * i]));
    return out;
  }

  // ---- PCG64 (XSL-RR 128/64) ---------------------------------------------------------------------
  const MASK64 = (1n << 64n) - 1n, MASK128 = (1n << 128n) - 1n;
  const PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

  function pcg64(seed) {
    const [s0, s1, i0, i1] = generateState(seed, 4);
    const initState = (s0 << 64n) | s1, initSeq = (i0 << 64n) | i1;
    const inc = ((initSeq << 1n) | 1n) & MASK128;
    let state = 0n;
    const step = () => { state = (state * PCG_MULT + inc) & MASK128; };
    step();
    state = (state + initState) & MASK128;
    step();
    return {
      nextUint64() {
        step();
        const x = ((state >> 64n) ^ state) & MASK64, rot = state >> 122n;
        return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
      },
      state: () => ({ state, inc }),
    };
  }

  // ---- Generator: next_double, ziggurat standard_normal, normal, uniform ---------------------------
  const ZIGGURAT_NOR_R = 3.6541528853610088, ZIGGURAT_NOR_INV_R = 0.27366123732975828;
  const TWO_M53 = 1.0 / 9007199254740992.0;

  function defaultRng(seed) {
    const bits = pcg64(seed);
    const { ki, wi, fi } = pg.zigguratTables;
    const nextDouble = () => Number(bits.nextUint64() >> 11n) * TWO_M53;

    function standardNormal() {
      for (;;) {
        let r = bits.nextUint64();
        const idx = Number(r & 0xffn);
        r >>= 8n;
        const sign = Number(r & 1n);
        const rabs = Number((r >> 1n) & 0xfffffffffffffn);   // 52 bits: exact as a number
        let x = rabs * wi[idx];
        if (sign) x = -x;
        if (rabs < ki[idx]) return x;                         // 99.3 % of draws end here
        if (idx === 0) {
          for (;;) {                                          // the tail beyond r, 1 − U avoids log(0)
            const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-nextDouble());
            const yy = -Math.log1p(-nextDouble());
            if (yy + yy > xx * xx)
              return Math.floor(rabs / 256) % 2 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
          }
        } else if ((fi[idx - 1] - fi[idx]) * nextDouble() + fi[idx] < Math.exp(-0.5 * x * x)) {
          return x;
        }
      }
    }
    const fill = (size, draw) => Array.from({ length: size }, draw);
    return {
      nextUint64: bits.nextUint64, nextDouble, standardNormal,
      /** rng.normal(loc, scale, size): loc + scale · z in float64, C order. */
      normal: (loc, scale, size) => fill(size, () => loc + scale * standardNormal()),
      /** rng.uniform(low, high, size): low + (high − low) · U in float64. */
      uniform: (low, high, size) => { const range = high - low; return fill(size, () => low + range * nextDouble()); },
    };
  }

  pg.rng = { defaultRng, seedWords, generateState, pcg64 };
  if (typeof module !== "undefined" && module.exports) module.exports = pg.rng;
})(typeof self !== "undefined" ? self : globalThis);
