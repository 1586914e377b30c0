// Command-line output of the checks that also list "info" findings (things a check could not verify and
// says so, rather than passing them silently). Same conventions as verify-common's runCli:
// `file:line: message` per problem, then `file:line: info: ...`, then the summary; exit 1 on failure.
import { formatProblem, parseArgs, sortProblems } from './verify-common.mjs';

/**
 * @param {string} name
 * @param {(options: object) => Promise<{passed: boolean, problems: object[], warnings?: object[], info?: object[], summary: string, durationMs: number}>} run
 */
export async function runMain(name, run, { usage = '' } = {}) {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(`usage: node scripts/verify/${name}.mjs [--project <dir>] [--quiet-info] ${usage}`.trim());
    return;
  }
  options.log ??= (message) => console.error(`[${name}] ${message}`);
  try {
    const result = await run(options);
    for (const problem of result.problems) console.log(formatProblem(problem));
    for (const warning of result.warnings ?? []) console.log(formatProblem(warning, 'warning: '));
    if (!options.quietInfo)
      for (const info of sortProblems([...(result.info ?? [])])) console.log(formatProblem(info, 'info: '));
    const status = result.passed ? 'PASS' : `FAIL (${result.problems.length} problem(s))`;
    console.log(`${name}: ${status}: ${result.summary} [${(result.durationMs / 1000).toFixed(1)} s]`);
    process.exitCode = result.passed ? 0 : 1;
  } catch (error) {
    console.error(`${name}: crashed: ${error?.stack ?? error}`);
    process.exitCode = 2;
  }
}
