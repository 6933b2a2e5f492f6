/**
 * `npm run eval`: PLACEHOLDER until the analyser lands — runs analyze over ../shared/eval and prints
 * the scorer's figures.
 */
console.error('eval: not built yet');
process.exitCode = 2;
