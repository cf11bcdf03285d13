// The installer image against the lab, in Chromium (desktop and Pixel 7): "Build ISO" on the
// installer-iso machine page builds the lab flake's isoImage on frame1 with a live log, the image
// is listed with frame1's SHA-256, downloaded through the panel (streamed from frame1 over SFTP),
// a download cut off after N bytes is resumed with a Range request, a viewer gets no link and a
// 403, and delete removes it (the list says gone, frame1 no longer has the GC root).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { addUser, uiLogin } from "../fixtures/auth";
import { loginContext } from "../fixtures/roles";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { lab } from "../lab";

const PORT = 3612;
let panel: LabPanel;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  panel = await startLabPanel(PORT, `test-results/e2e-iso-${test.info().project.name}-db/panel.db`);
});

test.afterAll(async () => {
  await panel?.stop();
});

async function shot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test("build, list, download, resume, refuse a viewer, delete", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const base = panel.url;
  await uiLogin(page, base);
  await page.goto(`${base}/machines/installer-iso`);
  const card = page.getByTestId("iso-card");
  await expect(card.getByTestId("iso-empty")).toBeVisible({ timeout: 30_000 });

  // Build, with the log streaming into the job panel while it runs.
  await page.getByRole("button", { name: "Build ISO" }).click();
  const jobPanel = page.getByTestId("job-panel");
  await expect(jobPanel).toBeVisible();
  await expect(jobPanel.getByTestId("job-log")).toContainText(/writing chunk \d+\/40/, { timeout: 180_000 });
  await expect(jobPanel.getByTestId("outcome")).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
  const jobId = Number(await jobPanel.getAttribute("data-job"));
  // The whole build log was kept (the viewer shows only the lines in view: a phone shows fewer).
  const log = (await (await page.request.get(`${base}/api/jobs/${jobId}/log?after=0&limit=5000`)).json()) as { lines: { text: string }[] };
  expect(log.lines.some((l) => l.text.includes("writing chunk 40/40"))).toBe(true);

  // Listed, with frame1's own SHA-256 and size of the file, and the flake revision.
  const row = card.locator(`[data-testid="iso-row"][data-job="${jobId}"]`);
  await expect(row).toHaveAttribute("data-presence", "present", { timeout: 60_000 });
  const fileName = (await row.locator(".font-mono").first().textContent())!.trim();
  expect(fileName).toMatch(/^nixos-24\.11\.lab-installer-[0-9a-f]{10}-x86_64-linux\.iso$/);
  const root = `/home/admin/.local/state/homelab-panel/isos/iso-${jobId}`;
  const isoPath = `${(await lab.run("frame1", `readlink ${root}`)).trim()}/iso/${fileName}`;
  const hostSum = (await lab.run("frame1", `sha256sum ${isoPath}`)).trim().split(/\s+/)[0];
  const size = Number((await lab.run("frame1", `stat -c %s ${isoPath}`)).trim());
  await expect(row.getByTestId("iso-sha256")).toHaveText(hostSum);
  const head = (await lab.run("frame1", "git -C /home/admin/homelab rev-parse HEAD")).trim();
  await expect(row.getByTestId("iso-commit")).toHaveAttribute("data-commit", head);
  await shot(page, `installer-iso-${test.info().project.name}`);

  // The live progress bar on the job's own page (from the build's internal-json log).
  const jobPage = await page.context().newPage();
  await jobPage.goto(`${base}/jobs/${jobId}`);
  await expect(jobPage.getByTestId("build-progress")).toBeVisible();
  await jobPage.close();

  // Downloaded in Chromium: the saved file is frame1's file.
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("iso-download").click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const saved = test.info().outputPath(fileName);
  await download.saveAs(saved);
  expect(sha256(readFileSync(saved))).toBe(hostSum);

  // Interrupted: the browser reads the first bytes and aborts; then resumes from there with Range + If-Range.
  const url = `/api/isos/${jobId}/download`;
  const resumed = await page.evaluate(async (url) => {
    const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
    const stop = new AbortController();
    const first = await fetch(url, { signal: stop.signal });
    const etag = first.headers.get("etag");
    const reader = first.body!.getReader();
    const parts: Uint8Array[] = [];
    let got = 0;
    while (got < 3 * 1024 * 1024) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
      got += value.byteLength;
    }
    stop.abort();
    await reader.cancel().catch(() => {});
    const rest = await fetch(url, { headers: { range: `bytes=${got}-`, "if-range": etag ?? "" } });
    const tail = new Uint8Array(await rest.arrayBuffer());
    const all = new Uint8Array(got + tail.byteLength);
    let at = 0;
    for (const p of [...parts, tail]) {
      all.set(p, at);
      at += p.byteLength;
    }
    return {
      firstStatus: first.status,
      acceptRanges: first.headers.get("accept-ranges"),
      etag,
      got,
      status: rest.status,
      contentRange: rest.headers.get("content-range"),
      sum: hex(await crypto.subtle.digest("SHA-256", all)),
    };
  }, url);
  expect(resumed).toMatchObject({ firstStatus: 200, acceptRanges: "bytes", etag: `"${hostSum}"`, status: 206, sum: hostSum });
  expect(resumed.got).toBeLessThan(size);
  expect(resumed.contentRange).toBe(`bytes ${resumed.got}-${size - 1}/${size}`);

  // Ranges past the end: 416 with the size; a suffix range: the last bytes.
  const past = await page.request.get(`${base}${url}`, { headers: { range: `bytes=${size}-` } });
  expect(past.status()).toBe(416);
  expect(past.headers()["content-range"]).toBe(`bytes */${size}`);
  const suffix = await page.request.get(`${base}${url}`, { headers: { range: "bytes=-1000" } });
  expect(suffix.status()).toBe(206);
  const tail = await lab.run("frame1", `tail -c 1000 ${isoPath} | sha256sum`);
  expect(sha256(await suffix.body())).toBe(tail.trim().split(/\s+/)[0]);

  // Each download request is audited with the file and the range.
  const audit = await page.request.get(`${base}/api/audit?action=iso.download&limit=50`);
  const events = (await audit.json()).events as { target: string; detail: string; outcome: string; actor: string }[];
  const mine = events.filter((e) => e.target === `iso #${jobId}` && e.outcome === "ok");
  expect(mine.map((e) => e.detail)).toEqual(
    expect.arrayContaining([
      `${fileName}; whole file`,
      `${fileName}; bytes ${resumed.got}-${size - 1}`,
      `${fileName}; unsatisfiable range`,
      `${fileName}; bytes ${size - 1000}-${size - 1}`,
    ]),
  );

  // A viewer sees the image but no download link or delete button, and the route refuses with 403.
  await addUser(page, base, "vera", "viewer", "viewer-password-1");
  const viewer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await viewer.newPage();
  await uiLogin(viewerPage, base, "vera", "viewer-password-1");
  await viewerPage.goto(`${base}/machines/installer-iso`);
  const viewerRow = viewerPage.getByTestId("iso-card").locator(`[data-testid="iso-row"][data-job="${jobId}"]`);
  await expect(viewerRow).toHaveAttribute("data-presence", "present", { timeout: 60_000 });
  await expect(viewerRow.getByTestId("iso-download")).toHaveCount(0);
  await expect(viewerRow.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Build ISO" })).toBeDisabled();
  const api = await loginContext(base, "vera", "viewer-password-1");
  const refused = await api.get(`/api/isos/${jobId}/download`);
  expect(refused.status()).toBe(403);
  await api.dispose();
  await viewer.close();

  // Delete: the GC root and the store path go, the list says gone and offers no download.
  await page.goto(`${base}/machines/installer-iso`);
  await row.getByRole("button", { name: `Delete ${fileName}` }).click();
  await row.getByRole("button", { name: "Delete image" }).click();
  await expect(row).toHaveAttribute("data-presence", "gone", { timeout: 60_000 });
  await expect(row.getByTestId("iso-download")).toHaveCount(0);
  expect((await lab.run("frame1", `test -e ${root} && echo there || echo removed`)).trim()).toBe("removed");
  expect((await lab.run("frame1", `test -e ${isoPath} && echo there || echo deleted`)).trim()).toBe("deleted");
  const gone = await page.request.get(`${base}${url}`);
  expect(gone.status()).toBe(404);
});
