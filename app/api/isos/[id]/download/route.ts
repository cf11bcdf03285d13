import { audit } from "@/lib/auth/audit";
import { authorizeRoute } from "@/lib/auth/current";
import { errorResponse } from "@/lib/http/json";
import { isoDownload } from "@/lib/isos/iso-download";
import { jobIdOf } from "@/lib/jobs/api-schemas";

type Ctx = { params: Promise<{ id: string }> };

/** An installer image built by job `id`, streamed from its build host (HTTP ranges: resumable). Audited per request. */
export async function GET(req: Request, { params }: Ctx) {
  const { id } = await params;
  const target = `iso #${id.slice(0, 20)}`;
  const { user, ctx, denied } = await authorizeRoute("iso:download", "iso.download", target);
  if (denied) return denied;
  try {
    const d = await isoDownload(req, jobIdOf(id));
    await audit(user, ctx.address, "iso.download", "ok", target, `${d.fileName}; ${d.range}`);
    return d.response;
  } catch (err) {
    await audit(user, ctx.address, "iso.download", "failed", target, err instanceof Error ? err.message.slice(0, 300) : "");
    return errorResponse(err);
  }
}
