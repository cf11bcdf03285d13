// NEEDS THE LAB (not run by the change that wrote it). Output the panel cannot read is said on the
// machine page, never a silently short list or a wrong time: on frame1, a wrapper in /usr/local/bin
// (ahead of /usr/bin on sudo's secure_path and on root's PATH) makes nix-env print one line that is
// not a generation, and runs systemctl under TZ=Asia/Kolkata (IST: Kolkata, Dublin or Jerusalem, so
// never guessed). Both wrappers are removed in `finally`, and the page is read again without them.
import { expect, test } from "@playwright/test";
import { uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { lab } from "../lab";

const PORT = 3322;
let panel: LabPanel;

const NIX_ENV = '#!/bin/sh\n/usr/bin/nix-env "$@"; rc=$?\necho "e2e: a line that is not a generation"\nexit $rc\n';
const SYSTEMCTL = '#!/bin/sh\nTZ=Asia/Kolkata exec /usr/bin/systemctl "$@"\n';

async function install(name: string, body: string) {
  await lab.run("frame1", `printf %s '${body.replace(/'/g, "'\\''")}' > /usr/local/bin/${name} && chmod 755 /usr/local/bin/${name}`);
}
const removeWrappers = () => lab.run("frame1", "rm -f /usr/local/bin/nix-env /usr/local/bin/systemctl");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-unrecognised/panel.db");
  await removeWrappers();
});
test.afterAll(async () => {
  await removeWrappers().catch(() => {});
  await panel?.stop();
});

test("lines of nix-env and systemctl the panel cannot read are shown as not recognised, with the lines", async ({ page }) => {
  test.setTimeout(180_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  try {
    await install("nix-env", NIX_ENV);
    await install("systemctl", SYSTEMCTL);
    await page.goto(`${panel.url}/machines/frame1`);
    await expect(page.getByTestId("reachability")).toHaveAttribute("data-reachable", "true", { timeout: 30_000 });

    // The generations are still listed, and the extra line is named with its text.
    await expect(page.getByTestId("generation-row").first()).toBeVisible();
    const gens = page.getByTestId("generations-unrecognised");
    await expect(gens).toHaveAttribute("data-count", "1");
    await expect(gens).toContainText("1 line of nix-env's output was not recognised");
    await gens.locator("summary").click();
    await expect(gens.locator("pre")).toHaveText("e2e: a line that is not a generation");

    // Every unit's start time is in IST: none is guessed, each is reported.
    const units = page.getByTestId("units-unrecognised");
    await expect(units).toContainText(/\d+ lines? of systemctl show's output (was|were) not recognised/);
    await units.locator("summary").click();
    await expect(units.locator("pre")).toContainText("ActiveEnterTimestamp=");
    await expect(units.locator("pre")).toContainText(" IST");
    await expect(page.getByTestId("units").getByText(/since /)).toHaveCount(0);
  } finally {
    await removeWrappers();
  }

  // Without the wrappers the same page has nothing to report.
  await page.reload();
  await expect(page.getByTestId("generation-row").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("generations-unrecognised")).toHaveCount(0);
  await expect(page.getByTestId("units-unrecognised")).toHaveCount(0);
});
