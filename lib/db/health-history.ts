import "server-only";
// Health history rows (HealthSeries, HealthSample, HealthBucket, HealthIncident): small named
// queries. Aggregates and bulk writes are SQL (tagged templates: every value is a parameter).
import { db } from "./client";
import { Prisma } from "./generated/client";

export type SampleRow = { seriesId: number; at: number; status: number; latencyMs: number | null };
export type BucketRow = {
  seriesId: number;
  hour: number;
  checks: number;
  upMs: number;
  downMs: number;
  latencySum: number;
  latencyCount: number;
  latencyMax: number;
};
export type IncidentRow = { id: number; seriesId: number; startedAt: number; endedAt: number | null; detail: string };

const ROLLED_UNTIL = "health-history.rolled-until";
const CHUNK = 1000;

/** Ids of these keys, created where missing. */
export async function ensureSeries(keys: string[]): Promise<Map<string, number>> {
  const found = async () => new Map((await db().healthSeries.findMany({ where: { key: { in: keys } } })).map((s) => [s.key, s.id]));
  let ids = await found();
  const missing = keys.filter((k) => !ids.has(k));
  if (missing.length) {
    await db().$executeRaw`INSERT OR IGNORE INTO "HealthSeries" ("key") VALUES ${Prisma.join(missing.map((k) => Prisma.sql`(${k})`))}`;
    ids = await found();
  }
  return ids;
}

export async function seriesId(key: string): Promise<number | null> {
  return (await db().healthSeries.findUnique({ where: { key } }))?.id ?? null;
}

export async function insertSamples(rows: SampleRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => Prisma.sql`(${r.seriesId}, ${r.at}, ${r.status}, ${r.latencyMs})`);
    // Two results of one series in the same millisecond: the first is kept.
    await db().$executeRaw`INSERT OR IGNORE INTO "HealthSample" ("seriesId", "at", "status", "latencyMs") VALUES ${Prisma.join(values)}`;
  }
}

type RawSample = { seriesId: number; at: bigint | number; status: number; latencyMs: number | null };
const toSample = (r: RawSample): SampleRow => ({ seriesId: r.seriesId, at: Number(r.at), status: r.status, latencyMs: r.latencyMs });

/** Samples of every series with from <= at < to, by series then time. */
export async function samplesBetween(from: number, to: number): Promise<SampleRow[]> {
  const rows = await db().$queryRaw<RawSample[]>`
    SELECT "seriesId", "at", "status", "latencyMs" FROM "HealthSample" WHERE "at" >= ${from} AND "at" < ${to} ORDER BY "seriesId", "at"`;
  return rows.map(toSample);
}

/** Samples of one series from `from` on, by time. */
export async function samplesOf(id: number, from: number): Promise<SampleRow[]> {
  const rows = await db().$queryRaw<RawSample[]>`
    SELECT "seriesId", "at", "status", "latencyMs" FROM "HealthSample" WHERE "seriesId" = ${id} AND "at" >= ${from} ORDER BY "at"`;
  return rows.map(toSample);
}

/** The first sample time at or after `from`, or null. */
export async function firstSampleAt(from: number): Promise<number | null> {
  const [row] = await db().$queryRaw<{ at: bigint | null }[]>`SELECT MIN("at") AS "at" FROM "HealthSample" WHERE "at" >= ${from}`;
  return row?.at == null ? null : Number(row.at);
}

/** Hours before this one (epoch hour number) are rolled up; null before the first roll-up. */
export async function rolledUntil(): Promise<number | null> {
  const row = await db().setting.findUnique({ where: { key: ROLLED_UNTIL } });
  return row ? Number(row.value) : null;
}

/** Writes one hour's buckets and moves the roll-up mark past it, in one transaction. */
export async function writeBuckets(rows: BucketRow[], until: number): Promise<void> {
  const statements: Prisma.PrismaPromise<unknown>[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.seriesId}, ${r.hour}, ${r.checks}, ${r.upMs}, ${r.downMs}, ${r.latencySum}, ${r.latencyCount}, ${r.latencyMax})`,
      );
    statements.push(db().$executeRaw`INSERT OR REPLACE INTO "HealthBucket"
      ("seriesId", "hour", "checks", "upMs", "downMs", "latencySum", "latencyCount", "latencyMax") VALUES ${Prisma.join(values)}`);
  }
  statements.push(
    db().setting.upsert({
      where: { key: ROLLED_UNTIL },
      create: { key: ROLLED_UNTIL, value: String(until) },
      update: { value: String(until) },
    }),
  );
  await db().$transaction(statements);
}

type RawTally = { [k in "checks" | "upMs" | "downMs" | "latencySum" | "latencyCount" | "latencyMax"]: bigint | number | null };
const num = (v: bigint | number | null) => Number(v ?? 0);

/** Sums of one series' buckets over hours [fromHour, toHour). */
export async function bucketSum(id: number, fromHour: number, toHour: number): Promise<BucketRow> {
  const [r] = await db().$queryRaw<RawTally[]>`
    SELECT SUM("checks") AS "checks", SUM("upMs") AS "upMs", SUM("downMs") AS "downMs", SUM("latencySum") AS "latencySum",
      SUM("latencyCount") AS "latencyCount", MAX("latencyMax") AS "latencyMax"
    FROM "HealthBucket" WHERE "seriesId" = ${id} AND "hour" >= ${fromHour} AND "hour" < ${toHour}`;
  return {
    seriesId: id,
    hour: fromHour,
    checks: num(r.checks),
    upMs: num(r.upMs),
    downMs: num(r.downMs),
    latencySum: num(r.latencySum),
    latencyCount: num(r.latencyCount),
    latencyMax: num(r.latencyMax),
  };
}

/** Every bucket of every series over hours [fromHour, toHour). */
export async function bucketsBetween(fromHour: number, toHour: number): Promise<BucketRow[]> {
  return db().healthBucket.findMany({ where: { hour: { gte: fromHour, lt: toHour } } });
}

/** Up and down time of every series over three windows [fromHour, toHour) each, in one pass. */
export async function windowSums(
  day: number,
  week: number,
  month: number,
  toHour: number,
): Promise<{ seriesId: number; up: number[]; down: number[] }[]> {
  const rows = await db().$queryRaw<{ seriesId: number; u1: bigint; d1: bigint; u7: bigint; d7: bigint; u30: bigint; d30: bigint }[]>`
    SELECT "seriesId",
      SUM(CASE WHEN "hour" >= ${day} THEN "upMs" ELSE 0 END) AS "u1", SUM(CASE WHEN "hour" >= ${day} THEN "downMs" ELSE 0 END) AS "d1",
      SUM(CASE WHEN "hour" >= ${week} THEN "upMs" ELSE 0 END) AS "u7", SUM(CASE WHEN "hour" >= ${week} THEN "downMs" ELSE 0 END) AS "d7",
      SUM("upMs") AS "u30", SUM("downMs") AS "d30"
    FROM "HealthBucket" WHERE "hour" >= ${month} AND "hour" < ${toHour} GROUP BY "seriesId"`;
  return rows.map((r) => ({ seriesId: r.seriesId, up: [num(r.u1), num(r.u7), num(r.u30)], down: [num(r.d1), num(r.d7), num(r.d30)] }));
}

export async function openIncidents(): Promise<IncidentRow[]> {
  return (await db().healthIncident.findMany({ where: { endedAt: null } })).map(toIncident);
}

export async function openIncident(id: number, startedAt: number, detail: string): Promise<number> {
  return (await db().healthIncident.create({ data: { seriesId: id, startedAt: BigInt(startedAt), detail: detail.slice(0, 500) } })).id;
}

export async function closeIncident(incidentId: number, endedAt: number): Promise<void> {
  await db().healthIncident.update({ where: { id: incidentId }, data: { endedAt: BigInt(endedAt) } });
}

/** A series' incidents that overlap [from, ∞), newest first. */
export async function incidentsOf(id: number, from: number, take = 100): Promise<IncidentRow[]> {
  const rows = await db().healthIncident.findMany({
    where: { seriesId: id, OR: [{ endedAt: null }, { endedAt: { gte: BigInt(from) } }] },
    orderBy: { startedAt: "desc" },
    take,
  });
  return rows.map(toIncident);
}

function toIncident(r: { id: number; seriesId: number; startedAt: bigint; endedAt: bigint | null; detail: string }): IncidentRow {
  return {
    id: r.id,
    seriesId: r.seriesId,
    startedAt: Number(r.startedAt),
    endedAt: r.endedAt === null ? null : Number(r.endedAt),
    detail: r.detail,
  };
}

/** Deletes at most `limit` rows of each kind older than its limit; returns how many went. */
export async function pruneHistory(o: { samplesBefore: number; bucketsBeforeHour: number; incidentsBefore: number; limit: number }) {
  const samples = await db().$executeRaw`DELETE FROM "HealthSample" WHERE ("seriesId", "at") IN
    (SELECT "seriesId", "at" FROM "HealthSample" WHERE "at" < ${o.samplesBefore} LIMIT ${o.limit})`;
  const buckets = await db().$executeRaw`DELETE FROM "HealthBucket" WHERE ("seriesId", "hour") IN
    (SELECT "seriesId", "hour" FROM "HealthBucket" WHERE "hour" < ${o.bucketsBeforeHour} LIMIT ${o.limit})`;
  const incidents = await db().$executeRaw`DELETE FROM "HealthIncident" WHERE "id" IN
    (SELECT "id" FROM "HealthIncident" WHERE "endedAt" < ${o.incidentsBefore} LIMIT ${o.limit})`;
  return { samples, buckets, incidents };
}

/** Ids of those of these keys that have a history (nothing is created). */
export async function findSeries(keys: string[]): Promise<Map<string, number>> {
  return new Map((await db().healthSeries.findMany({ where: { key: { in: keys } } })).map((s) => [s.key, s.id]));
}
