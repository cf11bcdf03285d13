// Benchmark-only commands (the internal "bench-seq" job kind; never offered by the API).
import { toShell } from "./quote";

// Prints 1..N, at most `rate` lines per second when a rate is given (perl is in every Debian and
// NixOS base system; Time::HiRes is core). Autoflush: each line leaves the host when printed.
const PACED =
  "use Time::HiRes qw(time sleep); $|=1; my ($n,$r)=@ARGV; my $t0=time; " +
  "for my $i (1..$n) { print qq($i\\n); if ($i % 10 == 0) { my $d = $t0 + $i/$r - time; sleep($d) if $d > 0; } }";

function positive(n: number, what: string, max: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new RangeError(`${what} must be an integer 1-${max}`);
  return String(n);
}

/** `seq 1 N` at full speed, or N lines paced at `rate` lines per second. */
export function benchPrint(count: number, rate?: number): string {
  const n = positive(count, "count", 10_000_000);
  if (rate === undefined) return toShell(["seq", "1", n]);
  return toShell(["perl", "-e", PACED, n, positive(rate, "rate", 1_000_000)]);
}
