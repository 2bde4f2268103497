// @ts-check
'use strict';

/**
 * A small seeded generator (mulberry32): the corpora must be the same on every machine and every
 * run, so figures from two runs describe the same files.
 * @param {number} seed
 */
function createRandom(seed) {
  let state = seed >>> 0;
  /** @returns {number} a float in [0, 1) */
  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /**
   * @param {number} min
   * @param {number} max inclusive
   */
  function int(min, max) {
    return min + Math.floor(next() * (max - min + 1));
  }
  /**
   * @template T
   * @param {readonly T[]} items
   * @returns {T}
   */
  function pick(items) {
    return items[Math.floor(next() * items.length)];
  }
  /** @param {number} p */
  function chance(p) {
    return next() < p;
  }
  /**
   * Fisher–Yates, in place.
   * @template T
   * @param {T[]} items
   * @returns {T[]}
   */
  function shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
  /** @param {number} length */
  function token(length) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  }
  return { next, int, pick, chance, shuffle, token };
}

module.exports = { createRandom };
