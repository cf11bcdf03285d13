// What to do when a connection check fails, and what the machine page says instead of a raw
// error: pure texts, one place. The NixOS lines are the ones to paste into the machine's config.

export const SETUP_PATH = "/first-run";

/** `users.users.<user>.openssh.authorizedKeys.keys = [ "<key>" ];` for the machine's SSH user. */
export function authorizedKeysSnippet(user: string, publicKey: string | null): string {
  const key = publicKey ?? "ssh-ed25519 AAAA… (create the panel's key first)";
  return user === "root"
    ? `users.users.root.openssh.authorizedKeys.keys = [ "${key}" ];`
    : `users.users.${user}.openssh.authorizedKeys.keys = [ "${key}" ];`;
}

export function sudoSnippet(user: string): string {
  return [
    "security.sudo.extraRules = [",
    `  { users = [ "${user}" ]; commands = [ { command = "ALL"; options = [ "NOPASSWD" ]; } ]; }`,
    "];",
  ].join("\n");
}

export const FLAKES_SNIPPET = 'nix.settings.experimental-features = [ "nix-command" "flakes" ];';

export const fixes = {
  tcp: (host: string, port: number, why: string) =>
    `Nothing answered on ${host}:${port} (${why}). Check that the machine is on and on the network, that sshd runs ` +
    `(services.openssh.enable = true;), that its firewall lets port ${port} in, and that the SSH host and port in the ` +
    "inventory are right.",
  hostKeyUnknown: (fingerprint: string) =>
    `The panel has not pinned this machine's host key yet. On the machine, run ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub ` +
    `and compare with ${fingerprint}; if they match, an admin trusts it here.`,
  hostKeyChanged: (pinned: string, presented: string) =>
    `The machine presented ${presented}, but the panel pinned ${pinned}. If the machine was reinstalled or its host keys ` +
    "were regenerated, compare the new fingerprint on the machine (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and " +
    "have an admin trust it. Otherwise someone may be intercepting the connection: do not trust it.",
  keyMissing: (path: string, configured: boolean) =>
    configured
      ? `The key file ${path} set by SSH_KEY_FILE does not exist. Create it there (ssh-keygen -t ed25519 -N '' -f ${path}) ` +
        "or unset SSH_KEY_FILE so that the panel makes its own key."
      : `The panel has no SSH key yet. An admin creates it on the first-run page (${SETUP_PATH}), then adds its public key to the machine.`,
  keyUnusable: (path: string) =>
    `The key file ${path} cannot be used (unreadable, or not an unencrypted OpenSSH private key). Give the panel's user ` +
    "read access, or point SSH_KEY_FILE at an unencrypted ed25519 key.",
  login: (user: string, host: string) =>
    `${host} refused the login as "${user}". Either the user "${user}" does not exist there (correct the SSH user in the ` +
    `inventory), or its authorized keys do not hold the panel's public key: add the line below to the machine's NixOS ` +
    "configuration and rebuild it (nixos-rebuild switch).",
  sudo: (user: string) =>
    `"${user}" cannot run sudo without a password, which generations and rollbacks need. Add the lines below to the ` +
    `machine's NixOS configuration (or put "${user}" in wheel with security.sudo.wheelNeedsPassword = false;), or log in as root.`,
  nixMissing: (host: string) =>
    `nix was not found on ${host} for the SSH user. On NixOS it is always there: check that the SSH user's PATH is the ` +
    "usual one (a login shell of the system).",
  nixFailed: (host: string, why: string) =>
    `nix on ${host} cannot evaluate with flakes (${why}). Enable them in the NixOS configuration with the line below; ` +
    "nix 2.4 or newer is needed.",
  flakeDir: (dir: string, host: string) =>
    `There is no folder ${dir} on ${host}. Clone your flake there (git clone <your repository> ${dir}) or correct the ` +
    "flake directory in the inventory.",
  flakeFile: (dir: string, host: string) =>
    `${dir} on ${host} has no flake.nix. Point the inventory's flake directory at the folder that holds flake.nix.`,
  flakeGit: (dir: string, host: string) =>
    `${dir} on ${host} is not in a git repository, so the panel cannot say which commit it builds. Clone the flake with git ` +
    "(or run git init and commit it there).",
  deploy: (why: string) =>
    `deploy-rs could not be started (${why}). Add deploy-rs to the flake (apps.<system>.deploy, as deploy-rs's README ` +
    "shows) or set the machine's deploy command in the inventory to the absolute path of an installed deploy binary.",
  slow: (seconds: number) =>
    `The machine did not finish this check within ${seconds} s. Check that it is not overloaded or waiting on the network ` +
    "(nix may be fetching), then check again.",
  builder: (builder: string) => `This check runs on the build host ${builder}: check ${builder}'s connection first.`,
};

export type Explained = { text: string; setup: boolean };

/** A connection error as the machine page shows it: what is wrong and where to fix it, never only an errno. */
export function explainConnectionError(
  error:
    | { kind: "key"; path: string; configured: boolean; problem: "missing" | "unreadable" | "unusable" }
    | { kind: "auth"; user: string; host: string }
    | { kind: "host-key-unknown" | "host-key-changed" }
    | { kind: "other"; message: string },
): Explained {
  switch (error.kind) {
    case "key":
      return {
        text: error.problem === "missing" ? fixes.keyMissing(error.path, error.configured) : fixes.keyUnusable(error.path),
        setup: true,
      };
    case "auth":
      return { text: `${error.host} refused the login as "${error.user}" with the panel's key.`, setup: true };
    case "host-key-unknown":
      return { text: "The panel does not trust this machine's host key yet.", setup: true };
    case "host-key-changed":
      return { text: "The machine's host key changed since it was pinned: the panel refuses to connect.", setup: true };
    case "other":
      return { text: error.message, setup: false };
  }
}
