// Swagger UI in a real browser (Debian's Chromium driven by playwright-core): open /swagger, expand listStatements,
// "Try it out" (sorted by id), "Execute", and find the sample data in the response. The screenshot is kept in artifacts/.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { baseUrl } from "./live.ts";

const artifacts = new URL("../artifacts/", import.meta.url);

test("Swagger UI runs listStatements and shows the sample data", async () => {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));

    await page.goto(`${baseUrl}/swagger`);
    const operation = page.locator("#operations-Statements-listStatements");
    await operation.locator(".opblock-summary").first().click();
    await operation.getByRole("button", { name: "Try it out" }).click();
    // Oldest first, so the sample article's statements lead whatever other runs have added since.
    await operation.locator('tr[data-param-name="sort"] select').selectOption("id");
    await operation.getByRole("button", { name: "Execute" }).click();
    const body = operation.locator(".live-responses-table .response-col_description .microlight").first();
    await body.waitFor({ timeout: 15_000 });
    await body.scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL("swagger-ui-list-statements.png", artifacts).pathname });

    assert.match(await body.innerText(), /Lavrov/);
    assert.match(await operation.locator(".live-responses-table .response .response-col_status").first().innerText(), /200/);
    assert.deepEqual(failures, []);
  } finally {
    await browser.close();
  }
});
