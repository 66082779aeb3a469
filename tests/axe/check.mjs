// Runs axe-core in Debian's Chromium (driven by puppeteer-core) on each HTML file named on
// the command line, and fails on any serious or critical violation of WCAG 2.2 A/AA.
//
//   node tests/axe/check.mjs FILE.html...      (CHROMIUM=/path/to/chromium to choose it)
//
// Prints one line per violation; exits 1 when one is serious or critical, 2 on a failure
// to run at all.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/axe/check.mjs FILE.html...");
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
let serious = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }),
    );
    for (const v of result.violations) {
      const bad = v.impact === "serious" || v.impact === "critical";
      if (bad) serious += 1;
      console.log(`${file}: ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
      for (const n of v.nodes.slice(0, 3)) {
        console.log(`    ${n.target.join(" ")}`);
      }
    }
    console.log(`${file}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(serious > 0 ? 1 : 0);
