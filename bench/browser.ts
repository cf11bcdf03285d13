// Chromium measurements: cold-load JavaScript bytes, health badge timing, idle traffic.
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Response } from "@playwright/test";
import { BROWSER_ENCODING, sessionCookieFor, type Who } from "./http-load";
import { round } from "./round";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

async function freshContext(browser: Browser, url: string, who: Who): Promise<BrowserContext> {
  // A new context has an empty HTTP cache; browsers send br only on https, so ask for it explicitly.
  const ctx = await browser.newContext({ extraHTTPHeaders: { "Accept-Encoding": BROWSER_ENCODING }, serviceWorkers: "block" });
  const [name, value] = (sessionCookieFor(url, who) ?? "").split("=");
  // Bound to the panel's origin (a cookie set by domain would also reach another port on 127.0.0.1).
  if (value) await ctx.addCookies([{ name, value, url: new URL(url).origin }]);
  return ctx;
}

/** What counts as one status shown: `selector` matches an element whose status is settled; `expected` of them. */
export type StatusWatch = { selector: string; expected: number };

/** The panel's health badges once they carry a status. */
export const PANEL_STATUS = "[data-testid=health][data-status]";

export type ScriptInfo = { url: string; encoding: string | null; transfer: number; raw: number; gzip: number; brotli: number };

export type ColdLoad = {
  url: string;
  status: number;
  requests: number;
  requestsByType: Record<string, number>;
  /** Response bodies as transferred, every request of the load. */
  bytes: number;
  scripts: ScriptInfo[];
  js: { count: number; transfer: number; raw: number; gzip: number; brotli: number; encodings: string[] };
  timing: {
    ttfbMs: number;
    domContentLoadedMs: number;
    firstPaintMs: number | null;
    firstContentfulPaintMs: number | null;
    largestContentfulPaintMs: number | null;
    loadMs: number;
  };
  badges: {
    inHtml: number;
    atDomContentLoaded: number;
    statusesAtDomContentLoaded: Record<string, number>;
    allPresentMs: number | null;
    /** All badges present and painted: max(all present, first contentful paint). */
    visibleMs: number | null;
  };
};

declare global {
  interface Window {
    __bench?: {
      expected: number;
      first: number | null;
      all: number | null;
      dcl: number | null;
      atDcl: number;
      statuses: Record<string, number>;
      lcp: number | null;
    };
  }
}

/** Records when the statuses enter the DOM, what is there at DOMContentLoaded, and the largest contentful paint. */
function badgeWatcher(watch: StatusWatch): string {
  return `(() => {
    const b = { expected: ${watch.expected}, first: null, all: null, dcl: null, atDcl: 0, statuses: {}, lcp: null };
    window.__bench = b;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.lcp = e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    const observer = new MutationObserver(check);
    function check() {
      const n = document.querySelectorAll(${JSON.stringify(watch.selector)}).length;
      const t = performance.now();
      if (n > 0 && b.first === null) b.first = t;
      if (b.expected > 0 && n >= b.expected && b.all === null) { b.all = t; observer.disconnect(); }
    }
    // Attributes and text too: a status may settle by a class or text change (Homepage's do).
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    document.addEventListener("DOMContentLoaded", () => {
      check();
      b.dcl = performance.now();
      const badges = document.querySelectorAll(${JSON.stringify(watch.selector)});
      b.atDcl = badges.length;
      for (const el of badges) {
        const s = el.dataset.status || "(none)";
        b.statuses[s] = (b.statuses[s] || 0) + 1;
      }
    });
  })()`;
}

type PageTiming = {
  ttfbMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  firstPaintMs: number | null;
  firstContentfulPaintMs: number | null;
  bench: Window["__bench"] | null;
};

const PAGE_TIMING = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paints = performance.getEntriesByType("paint");
  const fp = paints.find((e) => e.name === "first-paint");
  const fcp = paints.find((e) => e.name === "first-contentful-paint");
  return {
    ttfbMs: nav.responseStart,
    domContentLoadedMs: nav.domContentLoadedEventStart,
    loadMs: nav.loadEventStart,
    firstPaintMs: fp ? fp.startTime : null,
    firstContentfulPaintMs: fcp ? fcp.startTime : null,
    bench: window.__bench || null,
  };
})()`;

/** Statuses already in the server's HTML, before any script runs. */
const IN_HTML = (selector: string) =>
  `(html) => new DOMParser().parseFromString(html, "text/html").querySelectorAll(${JSON.stringify(selector)}).length`;

/** One navigation in a fresh context (empty cache), waited until the network is idle. */
export async function coldLoad(browser: Browser, url: string, watch: StatusWatch, who: Who = "session"): Promise<ColdLoad> {
  const context = await freshContext(browser, url, who);
  try {
    const page = await context.newPage();
    // Page-side code is passed as a string: tsx (esbuild keepNames) would wrap named functions
    // in a __name helper that does not exist in the page.
    await page.addInitScript({ content: badgeWatcher(watch) });

    const responses: Response[] = [];
    const byType: Record<string, number> = {};
    let requests = 0;
    page.on("request", (req) => {
      requests++;
      byType[req.resourceType()] = (byType[req.resourceType()] ?? 0) + 1;
    });
    page.on("response", (res) => responses.push(res));

    const main = await page.goto(url, { waitUntil: "load" });
    if (!main) throw new Error(`no response for ${url}`);
    await page.waitForLoadState("networkidle");
    const html = await main.text();

    let bytes = 0;
    for (const res of responses) {
      await res.finished();
      bytes += (await res.request().sizes()).responseBodySize;
    }
    const scripts: ScriptInfo[] = [];
    for (const res of responses) {
      if (res.request().resourceType() !== "script") continue;
      await res.finished();
      const sizes = await res.request().sizes();
      const body = await res.body();
      scripts.push({
        url: res.url().replace(/^https?:\/\/[^/]+/, ""),
        encoding: (await res.headerValue("content-encoding")) ?? null,
        transfer: sizes.responseBodySize,
        raw: body.length,
        gzip: gzipSync(body, { level: 6 }).length,
        brotli: brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    }
    scripts.sort((a, b) => b.transfer - a.transfer);
    const sum = (k: "transfer" | "raw" | "gzip" | "brotli") => scripts.reduce((n, s) => n + s[k], 0);

    const t = (await page.evaluate(PAGE_TIMING)) as PageTiming;
    const inHtml = (await page.evaluate(`(${IN_HTML(watch.selector)})(${JSON.stringify(html)})`)) as number;
    const b = t.bench;
    const allPresent = b?.all ?? null;
    return {
      url,
      status: main.status(),
      requests,
      requestsByType: byType,
      bytes,
      scripts,
      js: {
        count: scripts.length,
        transfer: sum("transfer"),
        raw: sum("raw"),
        gzip: sum("gzip"),
        brotli: sum("brotli"),
        encodings: [...new Set(scripts.map((s) => s.encoding ?? "identity"))],
      },
      timing: {
        ttfbMs: round(t.ttfbMs, 1),
        domContentLoadedMs: round(t.domContentLoadedMs, 1),
        firstPaintMs: t.firstPaintMs === null ? null : round(t.firstPaintMs, 1),
        firstContentfulPaintMs: t.firstContentfulPaintMs === null ? null : round(t.firstContentfulPaintMs, 1),
        largestContentfulPaintMs: b?.lcp == null ? null : round(b.lcp, 1),
        loadMs: round(t.loadMs, 1),
      },
      badges: {
        inHtml,
        atDomContentLoaded: b?.atDcl ?? 0,
        statusesAtDomContentLoaded: b?.statuses ?? {},
        allPresentMs: allPresent === null ? null : round(allPresent, 1),
        visibleMs: allPresent === null ? null : round(Math.max(allPresent, t.firstContentfulPaintMs ?? t.firstPaintMs ?? allPresent), 1),
      },
    };
  } finally {
    await context.close();
  }
}

export type Idle = {
  url: string;
  windowMs: number;
  httpRequests: number;
  httpByType: Record<string, number>;
  httpUrls: string[];
  websocketsOpened: number;
  wsFramesSent: number;
  wsPongsSent: number;
  wsFramesReceived: number;
  wsPingsReceived: number;
  httpPerMin: number;
  wsFramesSentPerMin: number;
  totalSentPerMin: number;
};

/** Loads the page, then counts what it sends for `windowMs` after the load event. */
export async function idle(browser: Browser, url: string, windowMs: number, who: Who = "session"): Promise<Idle> {
  const context = await freshContext(browser, url, who);
  try {
    const page = await context.newPage();
    let counting = false;
    const httpUrls: string[] = [];
    const httpByType: Record<string, number> = {};
    let websockets = 0;
    let sent = 0;
    let pongs = 0;
    let received = 0;
    let pings = 0;
    page.on("request", (req) => {
      if (!counting) return;
      httpUrls.push(`${req.method()} ${req.url().replace(/^https?:\/\/[^/]+/, "")}`);
      httpByType[req.resourceType()] = (httpByType[req.resourceType()] ?? 0) + 1;
    });
    page.on("websocket", (ws) => {
      if (counting) websockets++;
      ws.on("framesent", (f) => {
        if (!counting) return;
        sent++;
        if (f.payload === "3") pongs++; // engine.io v4 pong
      });
      ws.on("framereceived", (f) => {
        if (!counting) return;
        received++;
        if (f.payload === "2") pings++; // engine.io v4 ping
      });
    });
    await page.goto(url, { waitUntil: "load" });
    counting = true;
    const started = Date.now();
    await page.waitForTimeout(windowMs);
    counting = false;
    const elapsed = Date.now() - started;
    const perMin = (n: number) => round((n * 60_000) / elapsed, 1);
    return {
      url,
      windowMs: elapsed,
      httpRequests: httpUrls.length,
      httpByType,
      httpUrls,
      websocketsOpened: websockets,
      wsFramesSent: sent,
      wsPongsSent: pongs,
      wsFramesReceived: received,
      wsPingsReceived: pings,
      httpPerMin: perMin(httpUrls.length),
      wsFramesSentPerMin: perMin(sent),
      totalSentPerMin: perMin(httpUrls.length + sent),
    };
  } finally {
    await context.close();
  }
}
