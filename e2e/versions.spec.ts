// Versions and PromQL in the editor, on the production build: a release render holds no flags for is a lint
// error that leads to the Versions field; a rule that does not parse is a lint error at the rule, edited in the
// PromQL editor, which loads only when a rule expression is on screen (never on the designs list).
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { openEditor, screenshotPath } from "./canvas-helpers";

/** The sidecar-ha template, changed by `edit`, saved as a new design. */
async function designFrom(api: APIRequestContext, name: string, edit: (d: Design) => void): Promise<string> {
  const t = await api.get("/api/templates/sidecar-ha");
  expect(t.status()).toBe(200);
  const { design } = (await t.json()) as { design: Design };
  edit(design);
  const res = await api.post("/api/designs", { data: { name, design: { ...design, name } } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

interface Design {
  name: string;
  versions: Record<string, string>;
  components: { id: string; kind: string; settings: { ruleGroups?: { name: string; rules: unknown[] }[] } }[];
}

/** Bodies of every script the page loads from now on. */
function scriptsLoaded(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") bodies.push(r.text().catch(() => ""));
  });
  return bodies;
}

// A class name CodeMirror's view writes into its stylesheet: present in its chunk, minified or not.
const CODEMIRROR_MARK = "cm-matchingBracket";

test.describe("versions and PromQL in the editor", () => {
  test("an unsupported Thanos release is a lint error; picking it focuses the Versions field", async ({ page }) => {
    await signIn(page, "editor");
    const id = await designFrom(page.request, `Thanos 0.99 ${Date.now()}`, (d) => {
      d.versions = { ...d.versions, thanos: "v0.99.0" };
    });
    await openEditor(page, id);
    await page.getByTestId("lint-tab").click();
    const finding = page.locator('.tc-finding[data-rule="version-unsupported"]');
    await expect(finding).toHaveCount(1);
    await expect(finding).toHaveClass(/is-error/);
    await expect(finding).toContainText("Thanos v0.99.0 is not a supported release (supported: v0.24 – v0.42)");

    await finding.click();
    await expect(page.getByRole("region", { name: "Design settings" })).toBeVisible();
    const field = page.locator("#versions-thanos");
    await expect(field).toBeFocused();
    await expect(field).toHaveValue("v0.99.0");

    // Naming a supported release clears the error.
    await field.fill("v0.24.0");
    await page.getByTestId("lint-tab").click();
    await expect(page.locator('.tc-finding[data-rule="version-unsupported"]')).toHaveCount(0);
  });

  test("a rule that does not parse is a lint error at the rule, fixed in the PromQL editor", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "editor");

    // The designs list never loads the PromQL editor.
    const listScripts = scriptsLoaded(page);
    await page.goto("/designs");
    await page.waitForLoadState("networkidle");
    const listBodies = await Promise.all(listScripts);
    expect(listBodies.length).toBeGreaterThan(0);
    expect(listBodies.filter((b) => b.includes(CODEMIRROR_MARK))).toHaveLength(0);

    const id = await designFrom(page.request, `Broken rule ${Date.now()}`, (d) => {
      const prom = d.components.find((c) => c.id === "prometheus")!;
      prom.settings.ruleGroups = [
        {
          name: "stack",
          rules: [{ alert: "SidecarUploadsFail", expr: "sum(rate(thanos_shipper_upload_failures_total[5m])" }],
        },
      ];
    });
    const editorScripts = scriptsLoaded(page);
    await openEditor(page, id);
    await page.getByTestId("lint-tab").click();
    const finding = page.locator('.tc-finding[data-rule="promql-syntax"]');
    await expect(finding).toHaveCount(1);
    await expect(finding).toHaveClass(/is-error/);
    await expect(finding).toContainText(
      'group "stack", alert SidecarUploadsFail: PromQL syntax error at line 1, column 51',
    );
    // Lint runs in the browser without CodeMirror: the editor chunk is not loaded yet.
    expect((await Promise.all(editorScripts)).filter((b) => b.includes(CODEMIRROR_MARK))).toHaveLength(0);

    await finding.click();
    const inspector = page.getByRole("region", { name: "Prometheus settings" });
    await expect(inspector).toBeVisible();
    const expr = page.locator("#f-prometheus-ruleGroups-0-rules-0-expr");
    await expect(expr).toBeFocused();
    await expect(expr).toHaveText("sum(rate(thanos_shipper_upload_failures_total[5m])");
    expect((await Promise.all(editorScripts)).some((b) => b.includes(CODEMIRROR_MARK))).toBe(true);

    // Highlighting from Prometheus's grammar: the aggregation, the function, the metric name and the duration
    // each get their own colour.
    const editor = page.getByTestId("f-prometheus-ruleGroups-0-rules-0-expr-promql");
    const colour = (text: string) =>
      editor.locator(".cm-line span", { hasText: new RegExp(`^${text}$`) }).evaluate((e) => getComputedStyle(e).color);
    const colours = await Promise.all(["sum", "rate", "thanos_shipper_upload_failures_total", "5m"].map(colour));
    expect(new Set(colours).size).toBe(4);

    // The cursor sits where the expression breaks (its end: one bracket short); completion offers the stack's
    // metric names.
    await page.keyboard.type(") > 0 or thanos_compact_ha");
    const completion = page.locator(".cm-tooltip-autocomplete");
    await expect(completion).toBeVisible();
    await expect(completion).toContainText("thanos_compact_halted");
    await page.keyboard.press("Enter");
    await expect(expr).toHaveText("sum(rate(thanos_shipper_upload_failures_total[5m])) > 0 or thanos_compact_halted");

    // Bracket matching: with the cursor after a closing bracket its partner is marked.
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" == (1)");
    await expect(editor.locator(".cm-matchingBracket")).toHaveCount(2);
    await page.screenshot({ path: screenshotPath("versions-promql-editor.png") });

    await page.getByTestId("lint-tab").click();
    await expect(page.locator('.tc-finding[data-rule="promql-syntax"]')).toHaveCount(0);
  });
});
