// NEEDS THE LAB. Promote on frame1's machine page (frame2 is frame1's test machine; in this spec
// frame2 builds on frame1, so both deploy from one checkout): with nothing deployed to frame2 the
// card explains why there is nothing to promote and an untested commit is refused (frame1 stays as
// it was); after frame2 deployed the revision, the card shows it as the candidate, HEAD moves on, and
// "Promote … from frame2" deploys exactly the tested revision (its live outcome, the history's
// "promoted from frame2's deploy #N"); an admin's override promotes the untested HEAD (audited). A
// viewer sees the card without controls. Desktop and Pixel 7.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { addUser, uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { E2E_PORT } from "../fixtures/server-env";
import { lab } from "../lab";

// Own server and database (3333 next to the default 3210; moves with E2E_PORT).
const PORT = E2E_PORT + 123;
const DB = "test-results/e2e-promote/panel.db";
let panel: LabPanel;
const current = async () => (await lab.run("frame1", "readlink -f /run/current-system")).trim();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, DB);
  const sqlite = new Database(DB);
  sqlite.prepare("UPDATE Machine SET buildHost = 'frame1' WHERE name = 'frame2'").run();
  // The lab has no Homepage unit: the checks after a deploy would fail on it.
  sqlite.prepare("UPDATE Service SET unit = NULL WHERE unit = 'homepage-dashboard.service'").run();
  sqlite.close();
  await lab.healUnit("frame1", "loki");
});
test.afterAll(async () => {
  await panel?.stop();
});

async function jobEnds(page: Page, status: string) {
  const box = page.getByTestId("job-panel");
  await expect(box.getByTestId("outcome")).toHaveAttribute("data-status", /succeeded|failed|rolled-back|cancelled|interrupted/, {
    timeout: 240_000,
  });
  await expect(box.getByTestId("outcome"), (await box.getByTestId("job-message").textContent()) ?? "").toHaveAttribute(
    "data-status",
    status,
  );
  return Number(await box.getAttribute("data-job"));
}

test("promote: refused until frame2 passed, then exactly the tested revision; a viewer sees no controls", async ({ page }, info) => {
  test.setTimeout(600_000);
  const tag = `${info.project.name}${Date.now()}`;
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await lab.setVariant("frame2", "base");
  const tested = await lab.setVariant("frame1", "changed", { extra: [`nonce=promote${tag}`] });
  const before = await current();

  await page.goto(`${panel.url}/machines/frame1`);
  const card = page.getByTestId("promote-card");
  await expect(page.getByTestId("tested-first-on")).toHaveText(" · tested first on frame2");
  await expect(card.getByTestId("promote-refused")).toHaveText("Nothing to promote: nothing has been deployed to frame2 yet.");
  await expect(card.getByTestId("promote-button")).toHaveCount(0);
  // An untested commit by hand: refused with the reason; an admin is told an override could do it.
  await card.getByText("Promote another commit…").click();
  await card.getByTestId("promote-commit").fill(tested);
  await card.getByTestId("promote-commit-submit").click();
  await expect(card.getByTestId("promote-message")).toHaveText(
    `Not promoted: ${tested.slice(0, 7)} was never deployed to frame2. An admin override (with a reason) can promote it anyway.`,
  );
  expect(await current()).toBe(before);

  // frame2 deploys the revision and passes its checks.
  const start = await page.request.post(`${panel.url}/api/machines/frame2/jobs`, {
    data: { kind: "deploy" },
    headers: { origin: panel.url },
  });
  expect(start.status(), await start.text()).toBe(200);
  const testJob = (await start.json()).job.id as number;
  await expect
    .poll(async () => ((await (await page.request.get(`${panel.url}/api/jobs/${testJob}`)).json()).job as { status: string }).status, {
      timeout: 240_000,
    })
    .toBe("succeeded");

  // HEAD moves on; the candidate is still the tested commit.
  const moved = await lab.setVariant("frame1", "base", { extra: [`nonce=moved${tag}`] });
  expect(moved).not.toBe(tested);
  await page.goto(`${panel.url}/machines/frame1`);
  await expect(card.getByTestId("promote-candidate")).toHaveAttribute("data-commit", tested);
  await expect(card.getByTestId("promote-candidate")).toContainText(`frame2's deploy #${testJob} succeeded and its checks passed`);
  await card.getByTestId("promote-button").click();
  await card.getByTestId("promote-confirm").click();
  await expect(card.getByTestId("promote-message")).toContainText(`Promoting ${tested.slice(0, 7)} to frame1`);
  const promoteJob = await jobEnds(page, "succeeded");
  expect(await current()).toMatch(/\.lab-changed$/);
  await expect(card.getByTestId("promote-last")).toContainText(`#${promoteJob} (succeeded), promoted from frame2's deploy #${testJob}`, {
    timeout: 30_000,
  });
  const row = page.locator(`[data-testid="history-row"][data-job="${promoteJob}"]`);
  await expect(row.getByTestId("history-promoted")).toHaveText(`promoted from frame2's deploy #${testJob}`);
  await expect(row.getByTestId("history-commit")).toHaveAttribute("data-commit", tested);
  await expect(row.getByTestId("history-lock")).toHaveAttribute("data-lock", /^[0-9a-f]{64}$/);

  // HEAD (never deployed to frame2): an admin's override with a reason deploys it, and the audit log has it.
  await page.goto(`${panel.url}/machines/frame1`);
  await card.getByText("Promote another commit…").click();
  await card.getByTestId("promote-commit").fill(moved);
  await card.getByTestId("promote-override").check();
  await card.getByTestId("promote-reason").fill(`hotfix ${tag}`);
  await card.getByTestId("promote-commit-submit").click();
  await expect(card.getByTestId("promote-message")).toContainText(`Promoting ${moved.slice(0, 7)} to frame1`);
  await jobEnds(page, "succeeded");
  expect(await current()).toMatch(/\.lab-base$/);
  const audit = await page.request.get(`${panel.url}/api/audit?action=machine.promote.override&outcome=ok`);
  const events = (await audit.json()).events as { detail: string; target: string }[];
  expect(events.map((e) => e.detail)).toContain(`commit ${moved}; reason: hotfix ${tag}`);

  await page.goto(`${panel.url}/machines/frame2`);
  await expect(page.getByTestId("test-machine-of")).toHaveText(" · test machine of frame1");

  // A viewer sees what was promoted, not the controls.
  const viewer = `vp${info.project.name.slice(0, 1)}`;
  await addUser(page, panel.url, viewer, "viewer", "viewer-password-1");
  await page.context().clearCookies();
  await uiLogin(page, panel.url, viewer, "viewer-password-1");
  await page.goto(`${panel.url}/machines/frame1`);
  await expect(card.getByTestId("promote-candidate")).toHaveAttribute("data-commit", tested);
  await expect(card.getByTestId("promote-button")).toHaveCount(0);
  await expect(card.getByText("Promote another commit…")).toHaveCount(0);
});
