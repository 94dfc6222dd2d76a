// Lighthouse runs in a row on one Chrome, for tests/test_lighthouse.py: what the pinned CLI
// does for one page (launch Chrome, audit, write the JSON and HTML reports), for several,
// without starting Node, loading Lighthouse and launching Chrome again for each.
//
// node lighthouse_runs.mjs NODE_MODULES CHROME_FLAGS_JSON < JOBS_JSON
// Lighthouse is loaded, Chrome launched and the configurations' modules loaded first; then
// the jobs are read from stdin (the test builds the pages meanwhile), one JSON document:
// {"categories": [...], "runs": [{"url": ..., "preset": "desktop" or "mobile", "output": PATH}]};
// each run writes PATH.report.json and PATH.report.html, as the CLI's --output-path does.
// The audits no category weighs are skipped (the categories' scores are the same without
// them), and so is the full-page screenshot (only the HTML report's pictures use it). The
// machine's benchmark (a second of work in the page, each run) is taken in the first run
// only: Lighthouse reports it (`environment.benchmarkIndex`) and warns of a slow machine
// with it, and no score uses it; the later runs report the first one's figure.
import fs from "node:fs";
import path from "node:path";
import {pathToFileURL} from "node:url";

const [modules, chromeFlags] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(path.join(modules, file)).href);
const {default: lighthouse, defaultConfig, desktopConfig, generateReport} = await load(
  "lighthouse/core/index.js",
);
const {initializeConfig} = await load("lighthouse/core/config/config.js");
const {pageFunctions} = await load("lighthouse/core/lib/page-functions.js");
const chromeLauncher = await load("chrome-launcher/dist/index.js");

const chrome = await chromeLauncher.launch({
  chromeFlags: JSON.parse(chromeFlags),
  logLevel: "silent",
});
try {
  // what the first run would load (audits, gatherers), loaded while the pages are built
  await initializeConfig("navigation", desktopConfig, {});
  const input = [];
  for await (const chunk of process.stdin) input.push(chunk);
  const jobs = JSON.parse(Buffer.concat(input).toString("utf-8"));
  const refs = jobs.categories.flatMap((key) => defaultConfig.categories[key].auditRefs);
  const weighed = new Set(refs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  const unweighed = [...new Set(refs.map((ref) => ref.id))].filter((id) => !weighed.has(id));
  for (const run of jobs.runs) {
    const flags = {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: jobs.categories,
      skipAudits: unweighed,
      disableFullPageScreenshot: true,
      // the quiet Lighthouse waits for after the first paint and the load (no request, no
      // long task): 1 s by default, for pages still fetching; the Book's are static files
      // from this machine, done at their load. The same figures (within 20 ms) and scores,
      // 8 s less for the six runs (measured 2026-12-05)
      pauseAfterFcpMs: 250,
      pauseAfterLoadMs: 250,
      networkQuietThresholdMs: 250,
      cpuQuietThresholdMs: 250,
    };
    const config = run.preset === "desktop" ? desktopConfig : undefined;
    const result = await lighthouse(run.url, flags, config);
    const measured = result.lhr.environment.benchmarkIndex;
    if (typeof measured !== "number") throw new Error(`no benchmark index: ${measured}`);
    pageFunctions.computeBenchmarkIndex = new Function(`return ${measured};`);
    fs.mkdirSync(path.dirname(run.output), {recursive: true});
    fs.writeFileSync(`${run.output}.report.json`, JSON.stringify(result.lhr, null, 2));
    fs.writeFileSync(`${run.output}.report.html`, generateReport(result.lhr, "html"));
  }
} finally {
  chrome.kill();
}
