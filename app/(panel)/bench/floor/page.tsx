// Benchmark floor: an empty page of the same build whose only client code is socket.io-client.
// bench/dashboard.ts compares the dashboard's JavaScript against this page's.
import type { Metadata } from "next";
import { FloorSocket } from "./floor-socket";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Bench floor",
  robots: { index: false, follow: false },
};

export default function BenchFloor() {
  return (
    <main>
      <FloorSocket />
    </main>
  );
}
