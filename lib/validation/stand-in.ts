// The rule of test stand-ins (Machine.testFor): a machine may be the test machine of one other,
// existing machine; a stand-in has no stand-in of its own (no chains, so no cycles), and a
// production machine has at most one stand-in (promote needs to know which one tested a revision).
export type StandInRow = { name: string; testFor: string | null };

/** Why `testFor` cannot be `name`'s production machine, or null when it can. */
export function standInProblem(name: string, testFor: string | null, machines: readonly StandInRow[]): string | null {
  if (testFor === null) return null;
  if (testFor === name) return "A machine cannot be its own test machine.";
  const target = machines.find((m) => m.name === testFor);
  if (!target) return `No machine named "${testFor}" in the inventory.`;
  if (target.testFor !== null) return `${testFor} is itself the test machine of ${target.testFor}: choose a production machine.`;
  const standsInForMe = machines.find((m) => m.name !== name && m.testFor === name);
  if (standsInForMe) return `${standsInForMe.name} is the test machine of ${name}, so ${name} cannot be a test machine itself.`;
  const other = machines.find((m) => m.name !== name && m.testFor === testFor);
  if (other) return `${other.name} is already the test machine of ${testFor}.`;
  return null;
}
