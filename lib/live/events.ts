// Socket event names and payloads shared by server and client.
import type { HealthSnapshot } from "../health/types";

export type ServerToClient = {
  "health:snapshot": (snapshot: HealthSnapshot) => void;
  "health:update": (changed: HealthSnapshot) => void;
  "inventory:changed": () => void;
  "app:error": (body: { error: { code: string; message: string } }) => void;
};

export type ClientToServer = {
  "dashboard:subscribe": () => void;
};
