// Server action requests are checked before Next decodes them: React's reply decoder throws on a
// malformed body (bad JSON, a dangling "$1" reference, a broken multipart), and Next answers
// every such throw with 500. Here the body (already bounded by the body gate) must be what a real
// client sends: JSON rows whose "$" strings are only the forms React's encodeReply writes for the
// panel's actions, each reference pointing at a row that exists and is itself well-formed.
const MAX_DEPTH = 64;
const MAX_ARGS = 1000; // Next refuses longer argument lists (with a 500)
const MAX_SLOTS = 500_000; // React counts array slots and string lengths; past 1e6 it throws
const ACTION_ID = /^[0-9a-f]{40,42}$/;
const SIMPLE = /^\$(\$|undefined$|Infinity$|-Infinity$|-0$|NaN$|D|K[0-9a-f]{1,8}$|n-?\d{1,300}$)/;
const REF = /^\$@?([0-9a-f]{1,8})$/;

type Rows = (id: string) => string | undefined;
type Budget = { slots: number };

function checkRow(id: string, rows: Rows, seen: Set<string>, budget: Budget = { slots: 0 }): string | null {
  if (seen.has(id)) return null;
  seen.add(id);
  const text = rows(id);
  if (text === undefined) return `missing row ${id}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `row ${id} is not JSON`;
  }
  if (id === "0" && Array.isArray(value) && value.length > MAX_ARGS) return "too many arguments";
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, depth } = item;
    if (depth > MAX_DEPTH) return "nested too deeply";
    budget.slots += typeof v === "string" ? v.length : Array.isArray(v) ? v.length + 1 : 1;
    if (budget.slots > MAX_SLOTS) return "too large to decode";
    if (typeof v === "string" && v.startsWith("$")) {
      if (SIMPLE.test(v)) continue;
      const ref = REF.exec(v);
      if (!ref) return `unsupported value ${JSON.stringify(v.slice(0, 20))}`;
      const bad = checkRow(String(parseInt(ref[1], 16)), rows, seen, budget);
      if (bad) return bad;
    } else if (v && typeof v === "object") {
      for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
    }
  }
  return null;
}

/** A form action's descriptor: {"id": "...", "bound": null | "$@n"} where row n is the bound arguments' array. */
function badDescriptor(rows: Rows): string | null {
  const d = JSON.parse(rows("0") ?? "null") as unknown;
  if (!d || typeof d !== "object" || Array.isArray(d) || typeof (d as { id?: unknown }).id !== "string")
    return "malformed action descriptor";
  const bound = (d as { bound?: unknown }).bound;
  if (bound === undefined || bound === null) return null;
  const ref = typeof bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(bound) : null;
  if (!ref) return "malformed bound arguments";
  return Array.isArray(JSON.parse(rows(String(parseInt(ref[1], 16))) ?? "null")) ? null : "the bound arguments must be an array";
}

async function formOf(contentType: string, body: Buffer): Promise<FormData | null> {
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
}

const textOf = (form: FormData) => (key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : undefined;
};

/** Why a server action request must be refused (400), or null when Next may decode it. */
export async function badActionRequest(headers: { [k: string]: string | string[] | undefined }, body: Buffer): Promise<string | null> {
  const actionId = headers["next-action"];
  const contentType = String(headers["content-type"] ?? "");
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  if (actionId !== undefined) {
    if (typeof actionId !== "string" || !ACTION_ID.test(actionId)) return "unknown server action";
    if (!multipart) {
      const text = body.toString("utf8");
      if (!text.trimStart().startsWith("[")) return "the arguments must be a JSON array";
      return checkRow("0", (id) => (id === "0" ? text : undefined), new Set());
    }
    const form = await formOf(contentType, body);
    if (!form) return "malformed multipart body";
    if (!(textOf(form)("0") ?? "").trimStart().startsWith("[")) return "the arguments must be a JSON array";
    return checkRow("0", textOf(form), new Set());
  }
  // A form posted without JavaScript: Next parses any multipart POST to a page as a form (and
  // answers 500 when it cannot), then decodes its $ACTION_ fields the same way.
  if (!multipart) return null;
  const form = await formOf(contentType, body);
  if (!form) return "malformed multipart body";
  for (const key of form.keys()) {
    const m = /^\$ACTION_(\d{1,4}):0$/.exec(key);
    if (!m) continue;
    const prefix = `$ACTION_${m[1]}:`;
    const rows: Rows = (id) => textOf(form)(prefix + id);
    const bad = checkRow("0", rows, new Set()) ?? badDescriptor(rows);
    if (bad) return bad;
  }
  return null;
}

/** Whether a request is (or claims to be) a server action call. */
export function isActionRequest(method: string | undefined, headers: { [k: string]: string | string[] | undefined }): boolean {
  return (
    method === "POST" &&
    (headers["next-action"] !== undefined ||
      String(headers["content-type"] ?? "")
        .toLowerCase()
        .startsWith("multipart/form-data"))
  );
}
