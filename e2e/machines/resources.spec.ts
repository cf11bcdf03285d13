// NEEDS THE LAB. Machine resources from frame1's real VictoriaMetrics (unit victoriametrics,
// scraping the real prometheus-node-exporter of frame1 and frame2 every 2 s): frame1's card shows
// the CPU and memory a direct PromQL query returns at the same moment; frame2 reads its
// node_exporter directly (METRICS_URLS); stopping frame1's node_exporter shows "no data" within a
// refresh, and the dashboard still loads. Leaves the node_exporter running.
import { expect, test } from "@playwright/test";
import { uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { E2E_PORT } from "../fixtures/server-env";
import { lab } from "../lab";

const PORT = E2E_PORT + 117;
const VM = "http://10.231.1.2:8428";
const SEL = 'instance=~"(frame1|10\\\\.231\\\\.1\\\\.2)(:[0-9]+)?"';
let panel: LabPanel;

async function promql(q: string, at: number): Promise<number> {
  const res = await fetch(`${VM}/api/v1/query?${new URLSearchParams({ query: q, time: String(at) })}`);
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(body.data.result[0]?.value[1]);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-resources/panel.db", {
    METRICS_URL: VM,
    METRICS_URLS: "frame2=http://10.231.2.2:9100/metrics",
    METRICS_INTERVAL_MS: "1000",
  });
  await lab.healUnit("frame1", "prometheus-node-exporter");
  // VictoriaMetrics holds a CPU rate of frame1 (two scrapes at least).
  await lab.waitFor(
    "frame1's CPU in VictoriaMetrics",
    async () => Number.isFinite(await promql(`node_load1{${SEL}}`, Date.now() / 1000)),
    60_000,
  );
});
test.afterAll(async () => {
  await lab.healUnit("frame1", "prometheus-node-exporter").catch(() => {});
  await panel?.stop();
});

test("frame1's card shows VictoriaMetrics' CPU and memory; no data once node_exporter stops", async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/`);
  const frame1 = page.locator('[data-testid="machine-card"][data-name="frame1"]').getByTestId("machine-resources");
  await expect(frame1).toHaveAttribute("data-state", "data", { timeout: 30_000 });
  await expect(frame1.getByTestId("machine-cpu")).toContainText("CPU");
  await expect(frame1.getByTestId("machine-mem")).toContainText("mem");

  // The panel's figures equal a direct query at the time of its reading (memory within a scrape's change).
  // Retried until both sides have a value: right after node_exporter restarts (an earlier project's
  // run stops and heals it), VictoriaMetrics answers with stale (NaN) or no samples for a scrape or two.
  await expect(async () => {
    const mem = Number(await frame1.getByTestId("machine-mem").getAttribute("data-value"));
    const cpu = Number(await frame1.getByTestId("machine-cpu").getAttribute("data-value"));
    const now = Date.now() / 1000;
    const total = await promql(`node_memory_MemTotal_bytes{${SEL}}`, now);
    const direct = total - (await promql(`node_memory_MemAvailable_bytes{${SEL}}`, now));
    expect(Number.isFinite(total) && Number.isFinite(direct), `VictoriaMetrics has frame1's memory (total ${total})`).toBe(true);
    expect(Math.abs(mem - direct)).toBeLessThan(total * 0.05);
    const directCpu = await promql(
      `100 * (1 - sum(rate(node_cpu_seconds_total{${SEL},mode="idle"}[1m])) / sum(rate(node_cpu_seconds_total{${SEL}}[1m])))`,
      now,
    );
    expect(Number.isFinite(directCpu), "VictoriaMetrics has frame1's CPU rate").toBe(true);
    expect(Math.abs(cpu - directCpu)).toBeLessThan(25); // a 1-minute rate moves little between two readings
  }).toPass({ timeout: 60_000 });

  // frame2 reads its node_exporter itself: CPU needs two scrapes, memory one.
  const frame2 = page.locator('[data-testid="machine-card"][data-name="frame2"]').getByTestId("machine-resources");
  await expect(frame2.getByTestId("machine-cpu")).toHaveAttribute("data-value", /\d/, { timeout: 30_000 });

  if (info.project.name === "phone") {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
    return;
  }

  await lab.failUnit("frame1", "prometheus-node-exporter");
  await expect(frame1).toHaveAttribute("data-state", "no-data", { timeout: 30_000 });
  await expect(frame1).toHaveAttribute("title", /up = 0/);
  const res = await page.goto(`${panel.url}/`);
  expect(res?.status()).toBe(200);
  await expect(page.locator('[data-testid="machine-card"][data-name="frame1"]').getByTestId("machine-resources")).toHaveAttribute(
    "data-state",
    "no-data",
    { timeout: 30_000 },
  );

  // The machine page has every figure card and its charts from VictoriaMetrics.
  await lab.healUnit("frame1", "prometheus-node-exporter");
  await page.goto(`${panel.url}/machines/frame1`);
  const card = page.getByTestId("resources-card");
  await expect(card.getByTestId("metrics-chart")).toHaveCount(4, { timeout: 30_000 });
});
