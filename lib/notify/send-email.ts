import "server-only";
// E-mail over SMTP with nodemailer: STARTTLS (required), implicit TLS, or plain (loopback relays);
// every phase of the exchange has a time-out.
import { createTransport } from "nodemailer";
import type { EmailConfig } from "../validation/notify";
import type { Message } from "./types";

const PREFIX = { bad: "[panel] ", good: "[panel] ", info: "[panel] " } as const;

export async function sendEmail(c: EmailConfig, password: string | null, m: Message, timeoutMs: number): Promise<void> {
  const transport = createTransport({
    host: c.host.replace(/^\[|\]$/g, ""),
    port: c.port,
    secure: c.security === "tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "none",
    auth: c.user ? { user: c.user, pass: password ?? "" } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: `${PREFIX[m.severity]}${m.title}`,
      text: `${m.message}\n\n${m.kind} · ${m.subject} · ${m.at.toISOString()}\n`,
    });
  } finally {
    transport.close();
  }
}
