// Rewrites test/durations.json, the seconds each test file took, from a vitest JSON report:
// the order in which a fresh clone starts its test files (test/sequencer.ts).
//
//   npx vitest run --reporter=json --outputFile=.cache/vitest-report.json
//   node scripts/test-durations.mjs .cache/vitest-report.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const report = JSON.parse(readFileSync(process.argv[2] ?? path.join(root, '.cache', 'vitest-report.json'), 'utf8'));
const durations = {};
for (const file of report.testResults) {
  const name = path.relative(root, file.name).split(path.sep).join('/');
  const seconds = file.assertionResults.reduce((s, t) => s + (t.duration ?? 0), 0) / 1000;
  durations[name] = Math.round(seconds * 10) / 10;
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(path.join(root, 'test', 'durations.json'), `${JSON.stringify(sorted, null, 2)}\n`);
process.stdout.write(`test/durations.json: ${Object.keys(sorted).length} files\n`);
