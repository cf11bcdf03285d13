// Strict patterns for names that may one day reach a host. None may start with "-".

export const MACHINE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const SLUG = MACHINE_NAME;
export const SYSTEM = /^(x86_64|aarch64|i686|armv6l|armv7l|riscv64|powerpc64le)-(linux|darwin)$/;
export const SSH_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/** A DNS name (labels of letters, digits, hyphens, not starting or ending with "-") or an IPv4 address. */
export const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const IPV6 = /^[0-9A-Fa-f:]{2,39}$/;
export const FLAKE_ATTR = /^[A-Za-z_][A-Za-z0-9_'-]{0,99}$/;
export const UNIT = /^[A-Za-z0-9][A-Za-z0-9:_.@-]{0,200}\.(service|socket|timer|target|mount|path|slice|scope)$/;
/** An image file inside an installer image's output, as NixOS lays it out: /nix/store/<hash>-<name>/iso/<file>.iso. */
export const ISO_PATH =
  /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+_?=-][A-Za-z0-9+._?=-]{0,200}\/iso\/[A-Za-z0-9+_=][A-Za-z0-9+._=-]{0,200}\.iso$/;
/** Printable text on one line: no control characters. */
export const ONE_LINE = /^[^\p{Cc}]*$/u;

export function isHost(value: string): boolean {
  return HOSTNAME.test(value) || (value.includes(":") && IPV6.test(value));
}
