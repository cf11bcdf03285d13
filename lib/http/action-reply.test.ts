import { describe, expect, it } from "vitest";
import { badActionRequest, isActionRequest } from "./action-reply";

const ID = "606a4c85b42b6eb04fdbd515336b462e4d709797e3";
const text = (body: string, id: string = ID) =>
  badActionRequest({ "next-action": id, "content-type": "text/plain;charset=UTF-8" }, Buffer.from(body));
const multipart = (fields: [string, string][], headers: Record<string, string> = { "next-action": ID }) => {
  const b = "----x";
  const body = fields.map(([k, v]) => `--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${b}--\r\n`;
  return badActionRequest({ ...headers, "content-type": `multipart/form-data; boundary=${b}` }, Buffer.from(body));
};

describe("badActionRequest", () => {
  it("lets through what React's encodeReply sends for the panel's forms", async () => {
    expect(await text("[]")).toBeNull();
    expect(await text('[{"message":"$$5 off","n":"$undefined","d":"$D2026-01-01T00:00:00.000Z","big":"$n12"},"$K1"]')).toBeNull();
    expect(
      await multipart([
        ["0", '["$K1"]'],
        ["1_name", "x"],
        ["1_mode", "preview"],
      ]),
    ).toBeNull();
    expect(
      await multipart([
        ["0", '[{"plan":"$1"},"$K2"]'],
        ["1", '{"counts":{"add":1}}'],
        ["2_text", "a: b"],
      ]),
    ).toBeNull();
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
          ["$ACTION_1:1", "[{}]"],
        ],
        {},
      ),
    ).toBeNull();
  });

  it("refuses what would make Next answer 500", async () => {
    expect(await text("garbage")).toMatch(/JSON array/);
    expect(await text('{"a":1}')).toMatch(/JSON array/);
    expect(await text('["$1"]')).toMatch(/missing row 1/);
    expect(await text('["$Q1"]')).toMatch(/unsupported value/);
    expect(await text('["$nabc"]')).toMatch(/unsupported value/);
    expect(await text(`[${"[".repeat(100)}${"]".repeat(100)}]`)).toMatch(/nested too deeply/);
    expect(await text(`[${"1,".repeat(1500)}1]`)).toMatch(/too many arguments/);
    expect(await text(JSON.stringify([["x".repeat(600_000)]]))).toMatch(/too large/);
    expect(await text("[]", "deadbeef")).toMatch(/unknown server action/);
    expect(await multipart([["0", "not json"]])).toMatch(/JSON array/);
    expect(
      await badActionRequest(
        { "next-action": ID, "content-type": "multipart/form-data; boundary=nope" },
        Buffer.from("--other\r\ngarbage"),
      ),
    ).toMatch(/malformed multipart/);
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}",garbage`],
        ],
        {},
      ),
    ).toMatch(/not JSON/);
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
          ["$ACTION_1:1", "null"],
        ],
        {},
      ),
    ).toMatch(/must be an array/);
    expect(
      await multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "[1]"],
        ],
        {},
      ),
    ).toMatch(/descriptor/);
    expect(await badActionRequest({ "content-type": "multipart/form-data; boundary=x" }, Buffer.alloc(0))).toMatch(/malformed multipart/);
  });

  it("knows which requests are action calls", () => {
    expect(isActionRequest("POST", { "next-action": ID })).toBe(true);
    expect(isActionRequest("POST", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(isActionRequest("POST", { "content-type": "application/json" })).toBe(false);
    expect(isActionRequest("GET", { "next-action": ID })).toBe(false);
  });
});
