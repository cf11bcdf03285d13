// NEEDS THE LAB. The flake checkout on the machine page, against frame1's real upstream (the bare
// ~/upstream.git on frame2, over the lab's SSH): a commit pushed upstream appears as "1 behind"
// after Fetch and is listed before the Pull, the Pull (after its confirmation) fast-forwards to it,
// the next build records it in the history; a dirty tree shows its files. A viewer sees the card
// without Fetch. The checkout is left clean and in step with its upstream.
import { expect, test } from "@playwright/test";
import { addUser, uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { E2E_PORT } from "../fixtures/server-env";
import { lab } from "../lab";

// Own server and database (3324 next to the default 3210; moves with E2E_PORT).
const PORT = E2E_PORT + 114;
let panel: LabPanel;
const git = (command: string) => lab.run("frame1", `set -e; cd ~/homelab; ${command}`, "admin").then((s) => s.trim());
const inStep = () => git("git checkout -q -- variants && git push -q --force origin HEAD:main && git fetch -q");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-checkout/panel.db");
  // The build below builds whatever frame1's variant is at HEAD: earlier lab tests leave it at
  // "slow" (recovery.int.test: 240 s, longer than this test waits), so start from base.
  await lab.setVariant("frame1", "base");
  await inStep();
});
test.afterAll(async () => {
  await inStep().catch(() => {});
  await panel?.stop();
});

test("fetch shows an upstream commit as 1 behind, pull takes it after a confirmation, the next build records it", async ({
  page,
}, info) => {
  test.skip(info.project.name !== "desktop", "the same server parts on a phone; one run of the lab flow is enough");
  test.setTimeout(240_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  const pushed = await lab.pushUpstream("upstream-note.txt", `${Date.now()}\n`, "e2e: grafana bump upstream");
  await page.goto(`${panel.url}/machines/frame1`);
  const card = page.getByTestId("checkout");
  await expect(card).toHaveAttribute("data-behind", "0", { timeout: 30_000 });
  await expect(card.getByTestId("checkout-branch")).toHaveText("main");
  await expect(card.getByTestId("checkout-upstream")).toContainText("origin/main, up to date");

  await card.getByRole("button", { name: "Fetch" }).click();
  await expect(card).toHaveAttribute("data-behind", "1", { timeout: 30_000 });
  await expect(card.getByTestId("checkout-upstream")).toHaveText("origin/main, 1 behind");
  await expect(card.getByTestId("incoming-commit")).toHaveCount(1);
  await expect(card.getByTestId("incoming-commit")).toContainText(`${pushed.slice(0, 7)} e2e: grafana bump upstream`);

  await card.getByRole("button", { name: "Pull…" }).click();
  const confirm = card.getByRole("group", { name: "Confirm the pull" });
  await expect(confirm).toContainText(`to ${pushed.slice(0, 7)} (1 commit listed above)`);
  await confirm.getByRole("button", { name: `Pull ${pushed.slice(0, 7)}` }).click();
  await expect(card).toHaveAttribute("data-behind", "0", { timeout: 30_000 });
  await expect(card.getByTestId("checkout-head")).toHaveAttribute("data-hash", pushed);
  expect(await git("git rev-parse HEAD")).toBe(pushed);

  await page.getByRole("button", { name: "Build", exact: true }).click();
  const jobId = await page.getByTestId("job-panel").getAttribute("data-job", { timeout: 10_000 });
  await expect(page.getByTestId("job-panel").getByTestId("outcome")).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });
  const row = page.locator(`[data-testid="history-row"][data-job="${jobId}"]`);
  await expect(row.getByTestId("history-commit")).toHaveAttribute("data-commit", pushed, { timeout: 30_000 });
  // The build also records the flake.lock it used: the first 12 hex digits of its SHA-256 on the host.
  const lockSum = (await git("sha256sum flake.lock")).slice(0, 12);
  expect(lockSum).toMatch(/^[0-9a-f]{12}$/);
  await expect(row.getByTestId("history-commit")).toHaveText(
    `from ${pushed.slice(0, 7)} 'e2e: grafana bump upstream' · flake.lock ${lockSum}`,
  );

  // A dirty tree: the file is listed, and the card says a build is not exactly the commit.
  try {
    await git("printf 'base\\nnonce=e2e-dirty\\n' > variants/frame3");
    await page.reload();
    await expect(card).toHaveAttribute("data-dirty", "true", { timeout: 30_000 });
    await expect(card.getByTestId("checkout-change")).toHaveText("modified variants/frame3");
  } finally {
    await git("git checkout -q -- variants/frame3");
  }

  // A viewer sees the checkout, not Fetch.
  await addUser(page, panel.url, "vic", "viewer", "viewer-password-1");
  await page.context().clearCookies();
  await uiLogin(page, panel.url, "vic", "viewer-password-1");
  await page.goto(`${panel.url}/machines/frame1`);
  await expect(card.getByTestId("checkout-branch")).toHaveText("main", { timeout: 30_000 });
  await expect(card.getByRole("button", { name: "Fetch" })).toBeDisabled();
});
