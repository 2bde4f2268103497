// @ts-check
'use strict';

/**
 * Median, not mean: one run disturbed by the machine (a page-cache miss, another process) should
 * not move the figure.
 * @param {number[]} values
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @param {number | null | undefined} v
 * @param {number} digits
 */
function num(v, digits) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** @param {number | null | undefined} v */
function times(v) {
  return v === null || v === undefined ? '–' : `${v >= 10 ? num(v, 0) : num(v, 2)}×`;
}

/** @param {boolean | null} v */
function yesNo(v) {
  return v === null ? 'n/a' : v ? 'yes' : 'NO';
}

/**
 * @param {Record<string, number>} r
 * @param {string} kind
 */
function resultText(r, kind) {
  if (kind === 'grep') return r.matched === undefined ? '' : `${r.matched} matched`;
  if (kind === 'codemod') {
    const parts = [];
    if (r.candidates !== undefined) parts.push(`${r.candidates} cand`);
    if (r.changed !== undefined) parts.push(`${r.changed} changed`);
    if (r.errors) parts.push(`${r.errors} err`);
    return parts.join(', ');
  }
  const parts = [];
  if (r.ok !== undefined) parts.push(`${r.ok} ok`);
  if (r.skipped !== undefined) parts.push(`${r.skipped} skip`);
  if (r.unmodified !== undefined && r.unmodified > 0) parts.push(`${r.unmodified} unmod`);
  if (r.errors !== undefined) parts.push(`${r.errors} err`);
  return parts.join(', ');
}

/**
 * @typedef {{ id: string, scenario: string, label: string, kind: string, files: number, status: string, skipReason: string | null, exitCodes: (number | null)[], wallMs: number | null, filesPerSecond: number | null, msPerFile: number | null, peakMb: number | null, results: Record<string, number> }} LegSummary
 * @typedef {{ id: string, leg: string, text: string, value: number | null, met: boolean | null }} Target
 * @param {{ legs: LegSummary[], ratios: { bigVsGrep: number | null, bigVsJscodeshiftPerFile: number | null, bigVsJscodeshiftSameFiles: number | null, legacyThroughputCommon: number | null, legacyThroughputAll: number | null, bigVsRecastCodemodPerFile: number | null, legacyThroughputVsRecastCommon: number | null, legacyThroughputVsRecastAll: number | null, scalingVsGrep: Record<string, number | null> }, targets: Target[], scaling: { files: number, msPerFile: number | null }[], marginalMsPerFile: number | null, quick: boolean, runs: number, load?: { before: number, after: number } }} s
 * @returns {string}
 */
function formatTable(s) {
  /** @type {Record<string, string>} */
  const ratioText = {
    'big.codemod': s.ratios.bigVsGrep === null ? '' : `${times(s.ratios.bigVsGrep)} grep's time`,
    'big.jscodeshift':
      s.ratios.bigVsJscodeshiftPerFile === null ? '' : `ours ${times(s.ratios.bigVsJscodeshiftPerFile)} faster per file`,
    'big.codemod-sample':
      s.ratios.bigVsJscodeshiftSameFiles === null ? '' : `${times(s.ratios.bigVsJscodeshiftSameFiles)} faster, same files`,
    'legacy.jscodeshift':
      s.ratios.legacyThroughputCommon === null
        ? ''
        : `ours ${times(s.ratios.legacyThroughputCommon)} throughput (${times(s.ratios.legacyThroughputAll)} incl. .vue)`,
    'big.jscodeshift-recast':
      s.ratios.bigVsRecastCodemodPerFile === null ? '' : `ours ${times(s.ratios.bigVsRecastCodemodPerFile)} faster per file`,
    'legacy.jscodeshift-recast':
      s.ratios.legacyThroughputVsRecastCommon === null
        ? ''
        : `ours ${times(s.ratios.legacyThroughputVsRecastCommon)} throughput (${times(s.ratios.legacyThroughputVsRecastAll)} incl. .vue)`,
  };
  for (const [n, v] of Object.entries(s.ratios.scalingVsGrep)) {
    if (v !== null) ratioText[`scale.codemod.${n}`] = `${times(v)} grep's time`;
  }

  const header = ['scenario', 'command', 'files', 'wall s', 'files/s', 'ms/file', 'peak MB', 'result', 'ratio', 'target', 'met'];
  const rows = [header];
  for (const leg of s.legs) {
    const targets = s.targets.filter((t) => t.leg === leg.id);
    const failed = leg.status === 'failed' ? ` (exit ${leg.exitCodes.filter((c) => c !== 0).join('/')})` : '';
    const label = leg.label + (leg.scenario === 'scaling' ? ` @${leg.files}` : '');
    if (leg.status === 'skipped') {
      const targetText = targets.map((t) => t.text).join(', ');
      rows.push([leg.scenario, label, num(leg.files, 0), 'skipped', '', '', '', 'CLI unavailable', '', targetText, targets.map(() => 'n/a').join(', ')]);
      continue;
    }
    rows.push([
      leg.scenario,
      label,
      num(leg.files, 0),
      num(leg.wallMs === null ? null : leg.wallMs / 1000, 2) + failed,
      num(leg.filesPerSecond, 0),
      num(leg.msPerFile, 3),
      num(leg.peakMb, 0),
      resultText(leg.results, leg.kind),
      leg.status === 'failed' ? 'FAILED' : ratioText[leg.id] ?? '',
      targets.map((t) => t.text).join(', '),
      targets.map((t) => yesNo(t.met)).join(', '),
    ]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (/** @type {string[]} */ r) =>
    r.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [];
  out.push(
    `auth0-mgmt-codemod benchmark: median of ${s.runs} run${s.runs === 1 ? '' : 's'}` +
      (s.quick ? ' (--quick: small corpora, a smoke test; the targets are for the full run)' : ''),
  );
  if (s.load && s.load.before > 0.5) {
    out.push(`warning: load average ${s.load.before.toFixed(2)} before the run (${s.load.after.toFixed(2)} after): other processes were busy, figures are noisy`);
  }
  out.push('');
  out.push(line(header));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  let previous = '';
  for (const r of rows.slice(1)) {
    if (previous && r[0] !== previous) out.push('');
    previous = r[0];
    out.push(line(r));
  }
  out.push('');
  const scale = s.scaling.map((p) => `${num(p.files, 0)} → ${num(p.msPerFile, 3)}`).join(', ');
  out.push(
    `scaling (ms per file, codemod): ${scale}; marginal cost between the two largest: ${num(s.marginalMsPerFile, 4)} ms/file`,
  );
  return out.join('\n');
}

module.exports = { median, formatTable };
