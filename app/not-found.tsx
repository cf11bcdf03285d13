import { FallbackPage } from "./fallback-page";

export default function NotFound() {
  return <FallbackPage title="Not found" text="There is nothing at this address." />;
}
