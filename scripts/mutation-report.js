// Reads Stryker's JSON report (reports/mutation/mutation.json) and prints the mutation score of
// each rule file; exits 1 when one is under the floor (90 % by default, MUTATION_FLOOR to change).
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it.
const fs = require('node:fs');

const floor = Number(process.env.MUTATION_FLOOR ?? 90);
const report = JSON.parse(fs.readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
let failed = false;
const rows = Object.entries(report.files).map(([file, { mutants }]) => {
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const score = detected + undetected ? (100 * detected) / (detected + undetected) : 100;
  if (score < floor) failed = true;
  return { file, mutants: detected + undetected, killed: detected, survived: undetected, score: Number(score.toFixed(1)) };
});
rows.sort((a, b) => a.score - b.score);
console.table(rows);
const survivors = Object.entries(report.files).flatMap(([file, { mutants }]) =>
  mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => `${file}:${m.location.start.line} ${m.mutatorName} ${m.status}${m.replacement ? ` -> ${m.replacement.slice(0, 80)}` : ''}`),
);
if (process.env.MUTATION_SURVIVORS) console.log(survivors.join('\n'));
console.log(failed ? `a file is under ${floor} %` : `every file at ${floor} % or more`);
process.exit(failed ? 1 : 0);
