// Reading what runs on a NixOS machine, with no root: the running and booted systems, the system
// profile and each of its generations (the store path it points at and, when that is deploy-rs's
// `activatable-*` wrapper, the NixOS toplevel inside it), and where given store paths lead.
import { listOf, storePath } from "./names";
import { SYSTEM_PROFILE } from "./nix-commands";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/**
 * $@ = store paths to look into. Prints tab-separated lines (see lib/nix/system-facts.ts):
 *   current <path>            readlink -f /run/current-system
 *   version <text>            its nixos-version
 *   booted <path>             readlink -f /run/booted-system
 *   profile <link>            the system profile's link (system-<n>-link)
 *   generation <n> <mtime> <target> <toplevel> <version>   one per system-<n>-link
 *   path <path> <toplevel>    per argument; an empty toplevel: the path is not on the machine
 *   end
 * The toplevel of a path is where its nixos-version file really is: the path itself for a NixOS
 * system, the system inside for a deploy-rs wrapper (whose entries are links into it).
 */
export const SYSTEM_FACTS_SCRIPT = [
  `p=${SYSTEM_PROFILE}`,
  'top() { v=$(readlink -f -- "$1/nixos-version" 2>/dev/null) && [ -f "$v" ] && printf "%s" "${v%/nixos-version}"; }',
  'ver() { [ -f "$1/nixos-version" ] && head -n 1 -- "$1/nixos-version" 2>/dev/null; }',
  'printf "current\\t%s\\n" "$(readlink -f /run/current-system)"',
  'printf "version\\t%s\\n" "$(ver /run/current-system)"',
  'printf "booted\\t%s\\n" "$(readlink -f /run/booted-system)"',
  'printf "profile\\t%s\\n" "$(readlink "$p")"',
  'for l in "$p"-*-link; do',
  '  [ -L "$l" ] || continue',
  '  n=${l#"$p"-}; n=${n%-link}',
  '  t=$(readlink -f -- "$l")',
  '  printf "generation\\t%s\\t%s\\t%s\\t%s\\t%s\\n" "$n" "$(stat -c %Y -- "$l")" "$t" "$(top "$t")" "$(ver "$t")"',
  "done",
  'for x in "$@"; do',
  '  if [ -e "$x" ]; then printf "path\\t%s\\t%s\\n" "$x" "$(top "$x")"; else printf "path\\t%s\\t\\n" "$x"; fi',
  "done",
  "echo end",
].join("\n");

export function systemFacts(ctx: CommandContext, paths: readonly string[] = []): RemoteCommand {
  const look = paths.length === 0 ? [] : listOf(paths, "paths", 8, (v, f) => storePath(v, f));
  return remoteCommand(ctx, {
    kind: "system.facts",
    argv: ["sh", "-c", SYSTEM_FACTS_SCRIPT, "panel-system-facts", ...look],
    description: "Read the running system, the system profile and its generations",
    readOnly: true,
    cancellable: true,
  });
}
