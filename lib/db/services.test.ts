import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { createMachine } from "./machines";
import { createService, deleteService, getService, listServices, updateService } from "./services";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { machineInput } from "../validation/machine";
import { serviceInput } from "../validation/service";

const t = useTestDatabase();

const service = (slug: string, extra: Record<string, unknown> = {}) =>
  serviceInput.parse({ slug, name: `Service ${slug}`, groupName: "Apps", ...extra });

describe("services", () => {
  it("creates a service with normalised input on a machine", async () => {
    await createMachine(machineInput.parse({ name: "host1", system: "x86_64-linux", role: "production" }));
    await createService(
      service("web", {
        icon: "globe",
        url: "https://web.lan",
        docsUrl: "",
        unit: "web.service",
        ports: "80,443/TCP",
        checkType: "http",
        checkTarget: "https://web.lan/health",
        machine: "host1",
      }),
    );
    const row = await getService("web");
    expect(row).toMatchObject({
      slug: "web",
      name: "Service web",
      groupName: "Apps",
      icon: "globe",
      url: "https://web.lan",
      docsUrl: null,
      unit: "web.service",
      ports: "80/tcp, 443/tcp",
      checkType: "http",
      checkTarget: "https://web.lan/health",
      machine: { name: "host1" },
    });
  });

  it("gives each new service the next sort order", async () => {
    await createService(service("db", { checkType: "tcp", checkTarget: "host1:5432" }));
    const [web, db] = await Promise.all([getService("web"), getService("db")]);
    expect(db.sortOrder).toBe(web.sortOrder + 1);
    expect(db.machine).toBeNull();
    expect(db.checkTarget).toBe("host1:5432");
  });

  it("a duplicate slug is a ConflictError naming the field", async () => {
    const err = await createService(service("web")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).fields).toEqual({ slug: 'A service with the id "web" already exists.' });
    expect(await t.client().service.count()).toBe(2);
  });

  it("an unknown machine is a ValidationError on the machine field and creates nothing", async () => {
    const err = await createService(service("orphan", { machine: "nowhere" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ machine: "Choose an existing machine." });
    expect(await t.client().service.findUnique({ where: { slug: "orphan" } })).toBeNull();
  });

  it("updates fields, renames the slug and detaches from the machine", async () => {
    await updateService("web", service("www", { description: "Public site", machine: "" }));
    expect(await t.client().service.findUnique({ where: { slug: "web" } })).toBeNull();
    const row = await getService("www");
    expect(row).toMatchObject({ description: "Public site", machine: null, checkType: "none", checkTarget: "", url: null });
  });

  it("renaming onto an existing slug is a ConflictError and changes nothing", async () => {
    const err = await updateService("www", service("db", { description: "clobbered" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).fields?.slug).toBe('A service with the id "db" already exists.');
    expect((await getService("www")).description).toBe("Public site");
    expect((await getService("db")).description).toBe("");
  });

  it("updating an unknown service is a NotFoundError", async () => {
    await expect(updateService("ghost", service("ghost"))).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.client().service.count()).toBe(2);
  });

  it("listServices orders by group, then sort order", async () => {
    await createService(service("aaa", { groupName: "Zed" }));
    await createService(service("bbb", { groupName: "Apps" }));
    expect((await listServices()).map((s) => s.slug)).toEqual(["www", "db", "bbb", "aaa"]);
  });

  it("deletes a service; deleting it again is a NotFoundError", async () => {
    await deleteService("db");
    expect(await t.client().service.findUnique({ where: { slug: "db" } })).toBeNull();
    expect(await t.client().service.count()).toBe(3);
    await expect(deleteService("db")).rejects.toBeInstanceOf(NotFoundError);
  });
});
