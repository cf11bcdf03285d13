import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { createMachine, deleteMachine, getMachine, listMachines, updateMachine } from "./machines";
import { createService } from "./services";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { machineDeleteInput, machineInput } from "../validation/machine";
import { serviceInput } from "../validation/service";

const t = useTestDatabase();

const machine = (name: string, extra: Record<string, unknown> = {}) =>
  machineInput.parse({ name, system: "x86_64-linux", role: "testing", sshHost: `${name}.lan`, sshUser: "root", sshPort: "22", ...extra });

async function machineWithServices(name: string, slugs: string[]) {
  await createMachine(machine(name));
  for (const slug of slugs) {
    await createService(serviceInput.parse({ slug, name: slug.toUpperCase(), groupName: "Test", machine: name }));
  }
}

const servicesOn = (name: string) => t.client().service.count({ where: { machine: { name } } });
const machineExists = async (name: string) => (await t.client().machine.findUnique({ where: { name } })) !== null;

describe("never-builds machines", () => {
  it("stores the mark with its build host, and refuses a never-builds machine as anyone's build host", async () => {
    await createMachine(machine("nb-builder"));
    await createMachine(machine("nb-weak", { neverBuilds: "on", buildHost: "nb-builder" }));
    expect(await getMachine("nb-weak")).toMatchObject({ neverBuilds: true, buildHost: "nb-builder" });
    const err = await createMachine(machine("nb-other", { buildHost: "nb-weak" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ buildHost: "nb-weak never builds: choose a machine that builds." });
    expect(await machineExists("nb-other")).toBe(false);
  });
});

describe("createMachine / getMachine", () => {
  it("stores the validated input", async () => {
    await createMachine(machine("alpha", { description: "  first box  ", sshPort: "2201", deployable: "on", flakeAttr: "alpha" }));
    const row = await getMachine("alpha");
    expect(row).toMatchObject({
      name: "alpha",
      system: "x86_64-linux",
      role: "testing",
      description: "first box",
      sshHost: "alpha.lan",
      sshUser: "root",
      sshPort: 2201,
      flakeAttr: "alpha",
      deployable: true,
      services: [],
    });
  });

  it("refuses a duplicate name with a ConflictError naming the field", async () => {
    const err = await createMachine(machine("alpha")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).code).toBe("conflict");
    expect((err as ConflictError).fields).toEqual({ name: 'A machine named "alpha" already exists.' });
    expect(await t.client().machine.count({ where: { name: "alpha" } })).toBe(1);
  });

  it("getMachine of an unknown name is a NotFoundError", async () => {
    await expect(getMachine("nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("listMachines orders by role then name and counts services", async () => {
    await createMachine(machine("zulu", { role: "production" }));
    await createMachine(machine("bravo", { role: "production" }));
    const rows = await listMachines();
    const names = rows.map((m) => m.name);
    expect(names.indexOf("bravo")).toBeLessThan(names.indexOf("zulu"));
    expect(names.indexOf("zulu")).toBeLessThan(names.indexOf("alpha")); // production < testing
    expect(rows.find((m) => m.name === "alpha")?._count.services).toBe(0);
  });
});

describe("updateMachine", () => {
  it("updates fields and can rename", async () => {
    await createMachine(machine("charlie"));
    await updateMachine("charlie", machine("delta", { sshHost: "10.0.0.4", sshUser: "", sshPort: "" }));
    expect(await machineExists("charlie")).toBe(false);
    expect(await getMachine("delta")).toMatchObject({ sshHost: "10.0.0.4", sshUser: null, sshPort: 22 });
  });

  it("renaming onto an existing name is a ConflictError and changes nothing", async () => {
    const err = await updateMachine("delta", machine("alpha", { sshHost: "changed.lan" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).fields?.name).toBe('A machine named "alpha" already exists.');
    expect((await getMachine("delta")).sshHost).toBe("10.0.0.4");
    expect((await getMachine("alpha")).sshHost).toBe("alpha.lan");
  });

  it("updating an unknown machine is a NotFoundError", async () => {
    await expect(updateMachine("ghost", machine("ghost"))).rejects.toBeInstanceOf(NotFoundError);
    expect(await machineExists("ghost")).toBe(false);
  });
});

describe("deleteMachine", () => {
  it("deletes a machine without services", async () => {
    await createMachine(machine("empty"));
    const result = await deleteMachine(machineDeleteInput.parse({ name: "empty" }));
    expect(result).toEqual({ name: "empty", services: 0, disposition: undefined });
    expect(await machineExists("empty")).toBe(false);
  });

  it("refuses a machine with services when no disposition is given, deleting nothing", async () => {
    await machineWithServices("busy", ["busy-a", "busy-b"]);
    const err = await deleteMachine(machineDeleteInput.parse({ name: "busy" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe("busy has 2 service(s): choose what happens to them.");
    expect((err as ValidationError).fields).toEqual({ services: "Choose what happens to this machine's services." });
    expect(await machineExists("busy")).toBe(true);
    expect(await servicesOn("busy")).toBe(2);
  });

  it("detach keeps the services without a machine", async () => {
    await machineWithServices("det", ["det-a", "det-b"]);
    const before = await t.client().service.count();
    const result = await deleteMachine(machineDeleteInput.parse({ name: "det", services: "detach" }));
    expect(result).toEqual({ name: "det", services: 2, disposition: "detach" });
    expect(await machineExists("det")).toBe(false);
    expect(await t.client().service.count()).toBe(before);
    const rows = await t.client().service.findMany({ where: { slug: { in: ["det-a", "det-b"] } } });
    expect(rows.map((s) => s.machineId)).toEqual([null, null]);
  });

  it("move reattaches the services to the other machine", async () => {
    await machineWithServices("mov", ["mov-a", "mov-b", "mov-c"]);
    await machineWithServices("target", ["target-a"]);
    const before = await t.client().service.count();
    const result = await deleteMachine(machineDeleteInput.parse({ name: "mov", services: "move", moveTo: "target" }));
    expect(result).toEqual({ name: "mov", services: 3, disposition: "move" });
    expect(await machineExists("mov")).toBe(false);
    expect(await t.client().service.count()).toBe(before);
    expect(await servicesOn("target")).toBe(4);
  });

  it("moving to a missing machine is a ValidationError and changes nothing", async () => {
    await machineWithServices("stay", ["stay-a", "stay-b"]);
    const before = await t.client().service.count();
    const err = await deleteMachine(machineDeleteInput.parse({ name: "stay", services: "move", moveTo: "nowhere" })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ moveTo: "No such machine." });
    expect(await machineExists("stay")).toBe(true);
    expect(await servicesOn("stay")).toBe(2);
    expect(await t.client().service.count()).toBe(before);
  });

  it("delete removes the machine's services and nothing else", async () => {
    await machineWithServices("del", ["del-a", "del-b"]);
    const before = await t.client().service.count();
    const result = await deleteMachine(machineDeleteInput.parse({ name: "del", services: "delete" }));
    expect(result).toEqual({ name: "del", services: 2, disposition: "delete" });
    expect(await machineExists("del")).toBe(false);
    expect(await t.client().service.count()).toBe(before - 2);
    expect(await t.client().service.count({ where: { slug: { startsWith: "del-" } } })).toBe(0);
  });

  it("refuses a machine with job history", async () => {
    await createMachine(machine("worked"));
    const row = await getMachine("worked");
    await t.client().job.create({ data: { kind: "deploy", machineId: row.id } });
    const err = await deleteMachine(machineDeleteInput.parse({ name: "worked" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe("worked has job history; it cannot be deleted.");
    expect(await machineExists("worked")).toBe(true);
  });

  it("deleting an unknown machine is a NotFoundError", async () => {
    await expect(deleteMachine(machineDeleteInput.parse({ name: "ghost" }))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("test stand-ins (testFor)", () => {
  it("stores a stand-in of an existing machine; refuses itself, unknown machines, chains and a second stand-in, changing nothing", async () => {
    await createMachine(machine("prod1"));
    await createMachine(machine("prod1-vm", { testFor: "prod1" }));
    expect((await getMachine("prod1-vm")).testFor).toBe("prod1");
    const refused = async (p: Promise<unknown>, field: RegExp) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields?.testFor).toMatch(field);
    };
    await refused(createMachine(machine("selfish", { testFor: "selfish" })), /its own test machine/);
    await refused(createMachine(machine("ghost-vm", { testFor: "ghost" })), /No machine named "ghost"/);
    await refused(createMachine(machine("vm-of-vm", { testFor: "prod1-vm" })), /itself the test machine of prod1/);
    await refused(createMachine(machine("second-vm", { testFor: "prod1" })), /prod1-vm is already the test machine of prod1/);
    await createMachine(machine("prod2"));
    await refused(updateMachine("prod1", machine("prod1", { testFor: "prod2" })), /prod1-vm is the test machine of prod1/);
    expect(await machineExists("selfish")).toBe(false);
    expect((await getMachine("prod1")).testFor).toBeNull();
  });

  it("a renamed production machine keeps its stand-in; a deleted one lets it go", async () => {
    await createMachine(machine("prod3"));
    await createMachine(machine("prod3-vm", { testFor: "prod3" }));
    await updateMachine("prod3", machine("prod3-new"));
    expect((await getMachine("prod3-vm")).testFor).toBe("prod3-new");
    await updateMachine("prod3-vm", machine("prod3-vm", { testFor: "prod3-new" }));
    await deleteMachine(machineDeleteInput.parse({ name: "prod3-new" }));
    expect((await getMachine("prod3-vm")).testFor).toBeNull();
  });
});
