// A small deterministic fuzzer: hostile values and request bodies for every route and server
// action. Seeded, so a failure names the seed and index that reproduce it.
export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export const ODD_STRINGS = [
  "",
  " ",
  "\u202Enimda",
  "ad\u200Bmin",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "%E0%A4%A",
  "%",
  "%%",
  "%00",
  "../../etc/passwd",
  "$(id)",
  "`id`",
  "; reboot",
  "'; DROP TABLE User;--",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "-oProxyCommand=x",
  "--help",
  "$1",
  "$@1",
  "$K1",
  "$F1",
  "$Q1",
  "$$",
  "$",
  "$n9999",
  "$nabc",
  "$D",
  "NaN",
  "Infinity",
  "1e309",
  "-1",
  "0x10",
  "٣",
  "null",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  "\r\n\r\nGET / HTTP/1.1",
  "😀".repeat(500),
  "x".repeat(10_000),
  "frаme1",
  "admin",
  "frame1",
  "grafana",
  "SHA256:AAAA",
  "a".repeat(70_000),
];

export function value(r: Rng, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 3 ? 6 : 9));
  switch (k) {
    case 0:
      return pick(r, [0, -1, 1.5, 2 ** 53 + 1, 1e308, -0, 42]);
    case 1:
      return pick(r, [true, false, null]);
    case 2:
    case 3:
    case 4:
    case 5:
      return pick(r, ODD_STRINGS);
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: Math.floor(r() * 4) }, () => [
          pick(r, ["name", "password", "kind", "id", "fingerprint", "args", "__proto__", "$$typeof", "machine", "text", "mode"]),
          value(r, depth + 1),
        ]),
      );
    default:
      return { [pick(r, ["a", "b"])]: value(r, depth + 1) };
  }
}

export type FuzzBody = { contentType: string | null; body: string | Buffer };

const multipart = (r: Rng, fields: [string, string][], boundary = `----fuzz${Math.floor(r() * 1e9)}`): FuzzBody => ({
  contentType: `multipart/form-data; boundary=${boundary}`,
  body:
    fields.map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`,
});

/** A body for a JSON route handler: wrong types, bad JSON, huge, deep, wrong content types. */
export function jsonBody(r: Rng): FuzzBody {
  const v = JSON.stringify(value(r)) ?? "null";
  switch (Math.floor(r() * 9)) {
    case 0:
      return { contentType: "application/json", body: v.slice(0, Math.max(1, Math.floor(v.length / 2))) };
    case 1:
      return { contentType: "application/json", body: "[".repeat(5000) + "]".repeat(4999) };
    case 2:
      return { contentType: "text/plain", body: v };
    case 3:
      return multipart(r, [["name", String(pick(r, ODD_STRINGS))]]);
    case 4:
      return { contentType: "application/x-www-form-urlencoded", body: "name=admin&password=%E0%A4%A" };
    case 5:
      return { contentType: null, body: v };
    case 6:
      return { contentType: "application/json", body: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]) };
    default:
      return { contentType: "application/json", body: v };
  }
}

/** A body for a server action call: odd arguments, dangling references, broken multipart. */
export function actionBody(r: Rng): FuzzBody {
  const args = JSON.stringify([value(r), value(r)]);
  switch (Math.floor(r() * 10)) {
    case 0:
      return { contentType: "text/plain;charset=UTF-8", body: args };
    case 1:
      return {
        contentType: "text/plain;charset=UTF-8",
        body: JSON.stringify([pick(r, ["$1", "$@1", "$Q1", "$F1", "$T", "$nabc", "$i1", "$B1"])]),
      };
    case 2:
      return { contentType: "text/plain;charset=UTF-8", body: args.slice(0, -1) };
    case 3:
      return multipart(r, [
        ["0", JSON.stringify(["$K1", "$K2"])],
        ["1_name", String(pick(r, ODD_STRINGS))],
        ["1_mode", "apply"],
        ["2_id", String(value(r))],
      ]);
    case 4:
      return multipart(r, [
        ["0", JSON.stringify([{ message: value(r) }, "$K1"])],
        ["1_text", String(pick(r, ODD_STRINGS))],
        ["1_kind", "services"],
        ["1_mode", pick(r, ["preview", "apply"])],
      ]);
    case 5:
      return multipart(r, [["0", String(pick(r, ODD_STRINGS))]]);
    case 6:
      return { contentType: "multipart/form-data; boundary=nope", body: "--other\r\ngarbage" };
    case 7:
      return { contentType: pick(r, ["application/json", "application/xml", "image/png"]), body: args };
    case 8:
      return r() < 0.5
        ? multipart(r, [["0", `[${"[".repeat(3000)}${"]".repeat(3000)}]`]])
        : { contentType: pick(r, ["text/plain", "multipart/form-data; boundary=x"]), body: "" };
    default:
      return { contentType: "text/plain;charset=UTF-8", body: "[" + '"$$",'.repeat(2000) + "1]" };
  }
}

/** A form posted without JavaScript, with $ACTION_ fields garbled. */
export function mpaBody(r: Rng, actionId: string): FuzzBody {
  return pick(r, [
    () =>
      multipart(r, [
        [`$ACTION_ID_${actionId}`, ""],
        ["name", String(pick(r, ODD_STRINGS))],
      ]),
    () =>
      multipart(r, [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${actionId}","bound":"$@1"}`],
        ["$ACTION_1:1", String(pick(r, ODD_STRINGS))],
      ]),
    () =>
      multipart(r, [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${actionId}",${String(pick(r, ODD_STRINGS))}`],
      ]),
    () =>
      multipart(r, [
        ["$ACTION_ID_0000", ""],
        ["$ACTION_KEY", String(pick(r, ODD_STRINGS))],
      ]),
    () => ({
      contentType: pick(r, ["multipart/form-data; boundary=x", "multipart/form-data"]),
      body: pick(r, ["", "--x\r\ngarbage", String(pick(r, ODD_STRINGS))]),
    }),
  ])();
}

/** A path segment or query value, percent-encoded (or, sometimes, deliberately malformed). */
export function segment(r: Rng): string {
  const s = String(pick(r, ODD_STRINGS)).slice(0, 2000);
  return r() < 0.15 ? pick(r, ["%E0%A4%A", "%", "%zz", "%00", "..", "%2e%2e"]) : encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "?"));
}
