import { FallbackPage } from "./fallback-page";

export default function Forbidden() {
  return <FallbackPage title="Not allowed" text="Your role does not allow this page. Ask an admin if you need it." />;
}
